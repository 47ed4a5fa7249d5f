import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TrajectoryIndexTests {
    func header() -> TrajectoryHeader {
        TrajectoryHeader(task: "fixture", taskDigest: "abc", seed: 42, agent: ["name": .string("test")],
                         startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0")
    }

    func step(_ step: Int, score: Double? = nil, exitCode: Int32 = 0, actor: Actor = .agent, stdout: String = "") -> TrajectoryEvent {
        let submission = score.map {
            SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 10, metric: "rmse", higherIsBetter: false,
                             rawScore: $0, position: nil, humanRank: 1 - $0, medal: nil, aboveMedian: nil, boardKind: .reference,
                             medalThresholds: nil)
        }
        let execution = ExecutionReport(exitCode: exitCode, signal: nil, timedOut: false, cancelled: nil, durationMs: 5,
                                        stdout: stdout, stderr: exitCode == 0 ? "" : "Traceback: boom", truncatedBytes: 0,
                                        sandbox: "bwrap", limitExceeded: nil, limits: nil)
        let observation = Observation(step: step, action: .executeCode, status: exitCode == 0 ? .ok : .error, feedback: "ran",
                                      info: nil, execution: execution, submission: submission, history: nil, reward: 0, best: nil,
                                      budget: Budget(stepsUsed: step, stepsLeft: 99, secondsLeft: 100), terminated: false, truncated: false)
        return .step(StepRecord(index: step, t: Double(step) * 2, actor: actor, action: .executeCode("print(\(step))  # code \(step)\n"),
                                observation: observation))
    }

    func write(_ events: [TrajectoryEvent], temp: TemporaryDirectory, tail: Data = Data()) throws -> URL {
        let url = temp.file("run.dojo.jsonl")
        var data = Data()
        for line in try TrajectoryLines.make(events, header: header(), temp: temp) { data += line }
        try (data + tail).write(to: url)
        return url
    }

    @Test func summariesMatchTheRecordsAndStepsAreReadOnDemand() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let events: [TrajectoryEvent] = [
            step(1, score: 0.5), .note(NoteRecord(t: 2.5, step: 1, actor: .agent, text: "thinking")),
            step(2, exitCode: 1), .control(ControlRecord(t: 4.5, to: .human, reason: "take over")),
            step(3, score: 0.3, actor: .human), step(4, score: 0.4), .end(EndRecord(t: 9, reason: "budget")),
        ]
        let url = try write(events, temp: temp)
        let index = try TrajectoryIndex.open(url)
        #expect(index.header == header())
        #expect(index.steps.map(\.step) == [1, 2, 3, 4])
        #expect(index.steps.map(\.line) == [2, 4, 6, 7])
        #expect(index.steps.map(\.isError) == [false, true, false, false])
        #expect(index.steps.map(\.rawScore) == [0.5, nil, 0.3, 0.4])
        #expect(index.steps[2].actor == .human)
        #expect(index.notes.map(\.text) == ["thinking"])
        #expect(index.controls == [.init(afterSteps: 2, record: ControlRecord(t: 4.5, to: .human, reason: "take over"))])
        // Each note with its place among the steps (replay's co-pilot rows, issue 17).
        #expect(index.noteMarks == [.init(afterSteps: 1, record: NoteRecord(t: 2.5, step: 1, actor: .agent, text: "thinking"))])
        #expect(index.end?.reason == "budget")
        // Lower is better here: 0.3 at step 3 is the best; 0.5 then 0.3 improved.
        #expect(index.bestPosition == 2)
        #expect(index.improvementPositions == [0, 2])
        for (position, event) in events.filter({ if case .step = $0 { true } else { false } }).enumerated() {
            #expect(try .step(index.record(at: position)) == event)
        }
        #expect(throws: DojoError.self) { try index.record(at: 4) }
    }

    @Test func damagedMiddleLinesAreReportedAndATornTailSkipped() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let lines = try TrajectoryLines.make([step(1), step(2), step(3)], header: header(), temp: temp)
        let url = temp.file("run.dojo.jsonl")
        try (lines[0] + lines[1] + Data("{\"type\":\"step\",garbage\n".utf8) + lines[2] + lines[3].prefix(40)).write(to: url)
        let index = try TrajectoryIndex.open(url)
        #expect(index.steps.map(\.step) == [1, 2])
        #expect(index.damaged.map(\.line) == [3])
        #expect(index.tornTail)
        #expect(try index.record(at: 1).observation.step == 2)
    }

    @Test func linesLongerThanTheReadChunkAreIndexed() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let long = String(repeating: "x", count: 9 << 20)
        let url = try write([step(1, stdout: long), step(2, score: 0.1)], temp: temp)
        let index = try TrajectoryIndex.open(url)
        #expect(index.steps.map(\.step) == [1, 2])
        #expect(try index.record(at: 0).observation.execution?.stdout == long)
        #expect(try index.record(at: 1).observation.submission?.rawScore == 0.1)
        // Progress comes after each 4 MB read and ends at the file's size.
        var reports: [UInt64] = []
        _ = try TrajectoryIndex.open(url, progress: { read, total in
            #expect(total == index.fileSize)
            reports.append(read)
        })
        #expect(reports.count == 3)
        #expect(reports == reports.sorted())
        #expect(reports.last == index.fileSize)
    }

    @Test func searchFindsCodeAndOutputInEitherDirectionAndWraps() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = try write([step(1), step(2, stdout: "Fitting LightGBM\n"), step(3), step(4, exitCode: 1)], temp: temp)
        let index = try TrajectoryIndex.open(url)
        #expect(try index.search("lightgbm", from: 0) == 1)
        #expect(try index.search("lightgbm", from: 1) == 1)
        #expect(try index.search("code 3", from: 3) == 2)
        #expect(try index.search("traceback", from: 0, forward: false) == 3)
        #expect(try index.search("nowhere", from: 0) == nil)
    }

    @Test func unreadableFilesGetClearErrors() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let empty = temp.file("empty.dojo.jsonl")
        try Data().write(to: empty)
        #expect(throws: DojoError.self) { try TrajectoryIndex.open(empty) }
        let notHeader = temp.file("other.dojo.jsonl")
        try Data("{\"hello\":1}\n".utf8).write(to: notHeader)
        let error = #expect(throws: DojoError.self) { try TrajectoryIndex.open(notHeader) }
        #expect(error?.message.contains("line 1 is not a trajectory header") == true)
        #expect(throws: DojoError.self) { try TrajectoryIndex.open(temp.file("missing.dojo.jsonl")) }
        #expect(throws: DojoError.self) { try TrajectoryIndex.open(temp.url) }
    }
}
