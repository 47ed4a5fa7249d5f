import DojoKit
import DojoTesting
import Foundation
import Testing

/// The best result per task over a folder of trajectories (the task picker's "your best").
@Suite struct TrajectoryHistoryTests {
    func header(_ task: String) -> TrajectoryHeader {
        TrajectoryHeader(task: task, taskDigest: "abc", seed: 42, agent: ["name": .string("test")],
                         startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0")
    }

    /// An executed step scored on a lower-is-better metric (rmse), or a failed one.
    func step(_ step: Int, rmse: Double?) -> TrajectoryEvent {
        let submission = rmse.map {
            SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 10, metric: "rmse", higherIsBetter: false,
                             rawScore: $0, position: nil, humanRank: 1 - $0, medal: $0 < 0.2 ? .gold : nil, aboveMedian: nil,
                             boardKind: .reference, medalThresholds: nil)
        }
        let execution = ExecutionReport(exitCode: rmse == nil ? 1 : 0, signal: nil, timedOut: false, cancelled: nil, durationMs: 5,
                                        stdout: "", stderr: "", truncatedBytes: 0, sandbox: "bwrap", limitExceeded: nil, limits: nil)
        let observation = Observation(step: step, action: .executeCode, status: rmse == nil ? .error : .ok, feedback: "ran",
                                      info: nil, execution: execution, submission: submission, history: nil, reward: 0, best: nil,
                                      budget: Budget(stepsUsed: step, stepsLeft: 9, secondsLeft: 100), terminated: false, truncated: false)
        return .step(StepRecord(index: step, t: Double(step), actor: .human, action: .executeCode("print(\(step))\n"), observation: observation))
    }

    func write(_ name: String, task: String, _ events: [TrajectoryEvent], in folder: URL, temp: TemporaryDirectory) throws {
        var data = Data()
        for line in try TrajectoryLines.make(events, header: header(task), temp: temp) { data += line }
        try data.write(to: folder.appendingPathComponent(name))
    }

    @Test func theBestStepOverEveryRunOfEachTask() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let folder = temp.file("trajectories")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("a.dojo.jsonl", task: "diamonds", [step(1, rmse: 0.5), step(2, rmse: 0.3)], in: folder, temp: temp)
        try write("b.dojo.jsonl", task: "diamonds", [step(1, rmse: 0.1), step(2, rmse: nil)], in: folder, temp: temp)
        try write("c.dojo.jsonl", task: "titanic", [step(1, rmse: nil)], in: folder, temp: temp)
        try Data("not a trajectory\n".utf8).write(to: folder.appendingPathComponent("junk.dojo.jsonl"))
        try Data("ignored".utf8).write(to: folder.appendingPathComponent("notes.txt"))

        let history = TrajectoryHistory.read(folder)
        let diamonds = try #require(history.tasks["diamonds"])
        #expect(diamonds.runs == 2)
        #expect(diamonds.best?.rawScore == 0.1)
        #expect(diamonds.best?.medal == .gold)
        #expect(diamonds.file?.lastPathComponent == "b.dojo.jsonl")
        let titanic = try #require(history.tasks["titanic"])
        #expect(titanic.runs == 1)
        #expect(titanic.best == nil)
        #expect(history.skipped.map(\.lastPathComponent) == ["junk.dojo.jsonl"])
        #expect(TrajectoryHistory.read(temp.file("missing")).tasks.isEmpty)
    }
}
