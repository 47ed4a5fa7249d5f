import ArgumentParser
import DojoKit
import Foundation

/// A Python metric's grade, cold (a fresh sandboxed interpreter per grade) against warm (the episode's
/// grading interpreter), through the same `IsolatedGrader` an episode uses, in one run.
struct BenchPythonMetricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "python-metric",
        abstract: "Per-grade time of a task's Python metric: cold interpreter per grade vs the warm grading interpreter.",
        discussion: """
        TASK must have a Python metric (an imported competition graded by its anchor's code, or `[metric] python`).
        Grades --submission (default: the prepared sample submission) --grades times each way, alternating, through
        the grader an episode uses (the grade worker, then the metric in its sandbox); the warm interpreter's start
        (its first grade) is shown apart. Every score must be the same double both ways.
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id.") var task: String
    @Option(help: "The submission to grade (default: the prepared public sample_submission.csv).") var submission: String?
    @Option(help: "Grades per way.") var grades = 5
    @Option(help: "The split seed.") var seed = 42
    @Option(help: "bwrap (default) or none.") var sandbox: SandboxOptions.Kind = .bwrap
    @Flag(help: "Print JSON.") var json = false

    struct Figures: Encodable {
        var task: String
        var grades: Int
        var coldMedianSeconds: Double
        var warmMedianSeconds: Double
        var warmFirstSeconds: Double
        var ratio: Double
        var score: Double?
        var scoresIdentical: Bool

        enum CodingKeys: String, CodingKey {
            case task, grades, ratio, score
            case coldMedianSeconds = "cold_median_seconds", warmMedianSeconds = "warm_median_seconds"
            case warmFirstSeconds = "warm_first_seconds", scoresIdentical = "scores_identical"
        }
    }

    func run() throws {
        let services = try common.services()
        let spec = try services.loader.load(id: task)
        guard spec.metric.metric.pythonFile != nil else {
            throw DojoError(.usage, "\(task) is graded by the catalogue metric \(spec.metric.metric.rawValue), not a Python metric",
                            hint: "pick an imported competition graded by its anchor's code, or a task with [metric] python")
        }
        let prepared = try services.prepared(spec, seed: seed)
        let file = URL(fileURLWithPath: submission ?? prepared.publicDirectory.appendingPathComponent("sample_submission.csv").path)
        let cold = services.isolatedGrading(spec, prepared: prepared, sandbox: sandbox, warmMetric: false)(try Grader(task: spec, prepared: prepared))
        let warm = services.isolatedGrading(spec, prepared: prepared, sandbox: sandbox, warmMetric: true)(try Grader(task: spec, prepared: prepared))
        defer { warm.stop() }
        func timed(_ grading: any SubmissionGrading) throws -> (Double, Double?) {
            let start = ContinuousClock.now
            let report = grading.grade(fileAt: file)
            let elapsed = ContinuousClock.now - start
            guard report.valid, let score = report.rawScore else {
                throw DojoError(.grading, "the submission was not graded: \(report.errors.map(\.message).joined(separator: "; "))", at: file.path)
            }
            return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, score)
        }
        let (first, firstScore) = try timed(warm)
        var coldTimes: [Double] = [], warmTimes: [Double] = []
        var scores: Set<UInt64> = [firstScore.map(\.bitPattern) ?? 0]
        for index in 0..<grades {
            if !json { FileHandle.standardError.write(Data("bench: grade \(index + 1) of \(grades)…\n".utf8)) }
            let (c, cs) = try timed(cold)
            let (w, ws) = try timed(warm)
            coldTimes.append(c)
            warmTimes.append(w)
            scores.insert(cs.map(\.bitPattern) ?? 0)
            scores.insert(ws.map(\.bitPattern) ?? 0)
        }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? .nan : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let figures = Figures(task: task, grades: grades, coldMedianSeconds: median(coldTimes), warmMedianSeconds: median(warmTimes),
                              warmFirstSeconds: first, ratio: median(coldTimes) / median(warmTimes), score: firstScore,
                              scoresIdentical: scores.count == 1)
        if json {
            try Console.printJSON(figures)
        } else {
            print(String(format: "%@: %d grades each way; cold %.3f s per grade (median), warm %.3f s (median; its first grade, with the start, %.3f s): warm is %.1f× faster; scores %@",
                         task as NSString, grades, figures.coldMedianSeconds, figures.warmMedianSeconds, first, figures.ratio,
                         (figures.scoresIdentical ? "identical (\(firstScore.map { String($0) } ?? "?"))" : "DIFFER") as NSString))
        }
        if !figures.scoresIdentical { throw ExitCode(1) }
    }
}
