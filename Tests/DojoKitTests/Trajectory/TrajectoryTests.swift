import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TrajectoryTests {
    func header() -> TrajectoryHeader {
        TrajectoryHeader(task: "fixture", taskDigest: "abc", seed: 42, agent: ["name": .string("test")],
                         startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0")
    }

    func observation(_ step: Int) -> Observation {
        Observation(step: step, action: .requestInfo, status: .ok, feedback: "ok", info: ["name": .string("fixture")],
                    execution: nil, submission: nil, history: nil, reward: 0, best: nil,
                    budget: Budget(stepsUsed: step, stepsLeft: 10 - step, secondsLeft: 100), terminated: false, truncated: false)
    }

    @Test func writesAndReadsBackEveryEvent() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = temp.file("run.dojo.jsonl")
        let writer = try TrajectoryWriter(url: url, header: header())
        try writer.append(.step(StepRecord(index: 1, t: 0.5, actor: .agent, action: .requestInfo(.overview), observation: observation(1))))
        try writer.append(.note(NoteRecord(t: 0.6, step: 1, actor: .agent, text: "thinking")))
        try writer.append(.control(ControlRecord(t: 0.7, to: .human, reason: "take over")))
        try writer.append(.step(StepRecord(index: 2, t: 1.0, actor: .human, action: .executeCode("print(1)\n"), observation: observation(2))))
        try writer.append(.end(EndRecord(t: 1.1, reason: "done")))
        writer.close()

        let trajectory = try TrajectoryReader.read(url)
        #expect(trajectory.header == header())
        #expect(trajectory.events.count == 5)
        #expect(trajectory.steps.map(\.index) == [1, 2])
        #expect(trajectory.steps[1].action == .executeCode("print(1)\n"))
        #expect(trajectory.steps[0].observation == observation(1))
        #expect(trajectory.end?.reason == "done")
        #expect(trajectory.damaged.isEmpty)
        #expect(!trajectory.tornTail)
    }

    @Test func refusesToOverwrite() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = temp.file("run.dojo.jsonl")
        _ = try TrajectoryWriter(url: url, header: header())
        let error = #expect(throws: DojoError.self) { try TrajectoryWriter(url: url, header: header()) }
        #expect(error?.hint?.contains("never overwritten") == true)
    }

    @Test func skipsATornLastLineAndReportsADamagedMiddleLine() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = temp.file("run.dojo.jsonl")
        let writer = try TrajectoryWriter(url: url, header: header())
        for index in 1...3 {
            try writer.append(.step(StepRecord(index: index, t: Double(index), actor: .agent, action: .getHistory, observation: observation(index))))
        }
        writer.close()
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = "{\"type\":\"step\",\"index\":2,"  // damaged in the middle
        var text = lines.joined(separator: "\n")
        text += "{\"type\":\"step\",\"ind"  // torn: cut off mid-write, no newline
        try text.write(to: url, atomically: true, encoding: .utf8)

        let trajectory = try TrajectoryReader.read(url)
        #expect(trajectory.steps.map(\.index) == [1, 3])
        #expect(trajectory.damaged.map(\.line) == [3])
        #expect(trajectory.tornTail)
    }

    @Test func rejectsAFileThatIsNotATrajectory() throws {
        let error = #expect(throws: DojoError.self) { try TrajectoryReader.parse(Data("{\"hello\":1}\n".utf8), name: "x.jsonl") }
        #expect(error?.message.hasPrefix("line 1 is not a trajectory header") == true)
        let empty = #expect(throws: DojoError.self) { try TrajectoryReader.parse(Data(), name: "x.jsonl") }
        #expect(empty?.message == "the file is empty")
    }

    @Test func actionsRoundTripThroughJSON() throws {
        let actions: [Action] = [.requestInfo(.dataStructure), .validateCode("x = 1"), .executeCode("y"), .getHistory, .reset]
        for action in actions {
            let data = try JSONEncoder().encode(action)
            #expect(try JSONDecoder().decode(Action.self, from: data) == action)
        }
        let json = String(decoding: try JSONEncoder().encode(Action.requestInfo(.overview)), as: UTF8.self)
        #expect(json.contains("\"type\":\"request_info\"") && json.contains("\"info_type\":\"overview\""))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Action.self, from: Data(#"{"type":"dance"}"#.utf8)) }
    }
}
