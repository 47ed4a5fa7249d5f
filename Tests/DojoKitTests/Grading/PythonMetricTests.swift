@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// A task's own metric.py, run out of process by the task environment's Python (it needs pandas).
@Suite struct PythonMetricTests {
    static let metric = """
    import numpy as np

    class CompetitionMetrics:
        def __init__(self, value="y", higher_is_better=False):
            self.value = value
            self.higher_is_better = higher_is_better

        def evaluate(self, y_true, y_pred):
            if MODE == "raise":
                raise ValueError("predictions look wrong")
            if MODE == "sleep":
                import time; time.sleep(30)
            if MODE == "numpy":
                return np.float64(0.123455)
            if MODE == "float":
                return 0.123455
            return float(np.mean(np.abs(y_true[self.value].to_numpy() - y_pred[self.value].to_numpy())))
    """

    func grader(mode: String, args: String = "", ranking: String? = nil, in temp: TemporaryDirectory) throws -> (Grader, TemporaryDirectory) {
        let fixture = FixtureTask(in: temp.url)
        var toml = try String(contentsOf: fixture.taskTomlURL, encoding: .utf8)
            .replacingOccurrences(of: "name = \"rmse\"", with: "python = \"metric.py\"\n\(args)")
        if let ranking { toml = toml.replacingOccurrences(of: "[leaderboard]\n", with: "[leaderboard]\nranking = \"\(ranking)\"\n") }
        fixture.write("task.toml", toml)
        fixture.write("metric.py", "MODE = \"\(mode)\"\n" + Self.metric)
        let task = try TaskLoader(tasksDirectory: temp.url).load(id: "fixture")
        #expect(task.metric.metric.kind == .python)
        #expect(task.metric.metric.higherIsBetter == false)
        let prepared = temp.url.appendingPathComponent("prepared")
        try FileManager.default.createDirectory(at: prepared.appendingPathComponent("private"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: prepared.appendingPathComponent("public"), withIntermediateDirectories: true)
        try Data("id,y\n1,3\n2,5\n10,7\n".utf8).write(to: prepared.appendingPathComponent("private/answers.csv"))
        let python = PythonMetric.defaultInterpreter()
        #expect(FileManager.default.isExecutableFile(atPath: python.path),
                "the task Python environment is missing at \(python.path): run `dojo setup`")
        let grader = try Grader(task: task, prepared: PreparedTask(taskId: "fixture", seed: 1, digest: "x", directory: prepared, checksums: [:]),
                                pythonInterpreter: python)
        return (grader, temp)
    }

    @Test func scoresWithTheTasksClassInIdOrder() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (grader, _) = try grader(mode: "ok", in: temp)
        // Rows out of order: the harness aligns them by id (read as text, so "10" stays "10").
        let submission = temp.write("s.csv", "id,y\n10,8\n1,3\n2,3\n")
        let report = grader.grade(fileAt: submission)
        #expect(report.valid, "\(report.errors)")
        #expect(report.rawScore == 1)
        #expect(report.metric == "python:metric.py")
        // Validation never runs it, and a malformed file never reaches it.
        #expect(grader.validate(fileAt: submission).rawScore == nil)
        let bad = grader.grade(fileAt: temp.write("bad.csv", "id,y\n1,3\n"))
        #expect(bad.errors.map(\.kind) == [.missingId, .rowCount])
    }

    @Test func aRaisingMetricIsAClearError() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (grader, _) = try grader(mode: "raise", in: temp)
        let report = grader.grade(fileAt: temp.write("s.csv", "id,y\n1,3\n2,5\n10,7\n"))
        #expect(!report.valid)
        #expect(report.errors.map(\.kind) == [.metricError])
        #expect(report.errors.first?.message.contains("ValueError: predictions look wrong") == true)
        #expect(report.rawScore == nil)
    }

    @Test func aSlowMetricTimesOut() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (grader, _) = try grader(mode: "sleep", args: "[metric.args]\ntimeout_s = 2", in: temp)
        let report = grader.grade(fileAt: temp.write("s.csv", "id,y\n1,3\n2,5\n10,7\n"))
        #expect(report.errors.map(\.kind) == [.metricError])
        #expect(report.errors.first?.message.contains("did not finish within 2 s") == true)
    }

    /// MLE-bench's `Grader.__call__` rounds what the grade function returned: a numpy float64 with numpy's
    /// `round` (scale, rint, unscale), a float with Python's (the exact value). The harness rounds that very
    /// object, so both reach the boards as MLE-bench ranks them, and the feedback says so.
    @Test func mleBenchRankingRoundsTheReturnedObjectAsMLEBench() throws {
        for (mode, expected) in [("numpy", 0.12346), ("float", 0.12345)] {
            let temp = TemporaryDirectory()
            defer { temp.remove() }
            let (grader, _) = try grader(mode: mode, ranking: "mle-bench", in: temp)
            #expect(grader.boards.ranking == .mleBench)
            let report = grader.grade(fileAt: temp.write("s.csv", "id,y\n1,3\n2,5\n10,7\n"))
            #expect(report.valid, "\(report.errors)")
            #expect(report.rawScore == 0.123455)
            #expect(report.rankedScore == expected, "\(mode)")
            #expect(report.ranking == .mleBench)
            let lines = Feedback.describe(report, action: .executeCode)
            #expect(lines.contains { $0.contains("Ranked as MLE-bench ranks it") && $0.contains(String(expected)) }, "\(lines)")
        }
    }

    @Test func anUnknownRankingIsAClearError() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        #expect(throws: DojoError.self) { try grader(mode: "ok", ranking: "kaggle", in: temp) }
        do { _ = try grader(mode: "ok", ranking: "kaggle", in: temp) } catch {
            let message = (error as? DojoError)?.message ?? ""
            #expect(message.contains("leaderboard.ranking"))
            #expect(message.contains("\"mle-bench\""))
        }
    }
}
