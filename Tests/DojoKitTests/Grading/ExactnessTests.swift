@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// Every metric scikit-learn or SciPy provides, against it, on 1,000 seeded random cases each (sizes,
/// ties, class counts, extreme values), through the whole loader: answers and a shuffled submission as
/// CSV text, validated and scored. The cases and expected values are made at test time by
/// `Support/exactness_cases.py` in the task Python environment (scikit-learn 1.9.1, SciPy 1.17).
@Suite(.serialized) struct ExactnessTests {
    static let casesPerMetric = 1000
    /// Relative tolerance 1e-9; results within 1e-13 of zero are compared absolutely, where the
    /// cancellation in, say, a correlation near 0 makes a relative error meaningless.
    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), 1e-13)
    }

    struct Case {
        var metric: String
        var args: [String: String]
        var targets: [String]
        var answerColumns: [String]?
        var answers: String
        var submission: String
        var expected: Double?
    }

    /// Runs the generator; fails (never skips) when the Python environment is missing.
    static func cases(_ metrics: [String], script name: String = "exactness_cases.py", count: Int = casesPerMetric) throws -> [Case] {
        let python = PythonMetric.defaultInterpreter()
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("the task Python environment is missing at \(python.path): run `dojo setup` (it has scikit-learn and SciPy, which these tests compare with)")
            return []
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/\(name)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-exactness-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: python.path, arguments: [script.path, out.path, String(count), metrics.joined(separator: ",")],
            environment: ["PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"], timeout: 1800))
        guard outcome.succeeded else {
            Issue.record("the case generator failed: \(outcome.stderr.text)")
            return []
        }
        let text = try String(contentsOf: out, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return Case(metric: object["metric"] as? String ?? "", args: object["args"] as? [String: String] ?? [:],
                        targets: object["targets"] as? [String] ?? [], answerColumns: object["answer_columns"] as? [String],
                        answers: object["answers"] as? String ?? "",
                        submission: object["submission"] as? String ?? "",
                        expected: (object["expected"] as? String).flatMap(Double.init))
        }
    }

    /// Dojo's score, or nil when it reports the case as an error (at setup or as a validation error).
    static func dojoScore(_ c: Case) -> (score: Double?, problem: String) {
        do {
            let metric = try Metric(name: c.metric, arguments: c.args)
            let validator = try SubmissionValidator(metric: metric, idColumn: "id", targetColumns: c.targets, answerColumns: c.answerColumns,
                                                    answers: Data(c.answers.utf8))
            let check = validator.check(data: Data(c.submission.utf8))
            return (validator.score(check), check.errors.map { "\($0.kind.rawValue): \($0.message)" }.joined(separator: "; "))
        } catch {
            return (nil, error.description)
        }
    }

    static func run(_ metrics: [String], script: String = "exactness_cases.py", count: Int = casesPerMetric) throws {
        let all = try cases(metrics, script: script, count: count)
        var counts: [String: Int] = [:]
        var failures: [String: Int] = [:]
        for c in all {
            counts[c.metric, default: 0] += 1
            let (score, problem) = dojoScore(c)
            let ok: Bool
            if let expected = c.expected {
                ok = score.map { close($0, expected) } ?? false
            } else {
                ok = score == nil && !problem.isEmpty
            }
            if !ok {
                failures[c.metric, default: 0] += 1
                if failures[c.metric, default: 0] <= 3 {
                    Issue.record("""
                    \(c.metric) \(c.args): Dojo \(score.map { "\($0)" } ?? "error (\(problem))"), reference \(c.expected.map { "\($0)" } ?? "error/NaN")
                    answers:
                    \(c.answers.prefix(600))
                    submission:
                    \(c.submission.prefix(600))
                    """)
                }
            }
        }
        for metric in metrics {
            #expect(counts[metric, default: 0] >= count, "\(metric): \(counts[metric, default: 0]) cases")
            #expect(failures[metric, default: 0] == 0, "\(metric): \(failures[metric, default: 0]) of \(counts[metric, default: 0]) cases differ")
        }
    }

    @Test func classificationMatchesScikitLearn() throws {
        try Self.run(["accuracy", "balanced_accuracy", "precision", "recall", "f1", "fbeta", "mcc", "cohen_kappa",
                      "quadratic_weighted_kappa"])
    }

    @Test func probabilitiesMatchScikitLearn() throws {
        try Self.run(["roc_auc", "log_loss"])
    }

    @Test func regressionMatchesScikitLearn() throws {
        try Self.run(["rmse", "mse", "mae", "medae", "rmsle", "mape", "r2", "mcrmse"])
    }

    @Test func correlationsMatchSciPy() throws {
        try Self.run(["pearson", "spearman", "kendall_tau"])
    }

    @Test func countsQuantilesAndForecastsMatchTheirReferences() throws {
        try Self.run(["poisson_deviance", "pinball", "mase"])
    }

    @Test func concordanceIndexMatchesScikitSurvival() throws {
        try Self.run(["concordance_index"])
    }

    /// Values up to ±1e308 and down to 1e-300, where plain sums and squares overflow or underflow: every
    /// metric that squares or sums equals its reference on the same inputs rescaled by a power of two (the
    /// true value), and is an error when that value is beyond the largest double. 200 cases per metric.
    @Test func valuesNearTheFloatLimits() throws {
        try Self.run(["rmse", "mse", "mae", "medae", "mcrmse", "r2", "pinball", "smape", "mape", "rmspe", "poisson_deviance",
                      "mase", "pearson", "spearman", "kendall_tau", "normalized_gini", "ndcg_at_k", "concordance_index"],
                     script: "limit_cases.py", count: 200)
    }

    /// The issue's kind of case: two predictions of ±1e200 (Dojo scored 0) and of ±1e308 (Dojo scored
    /// NaN, which the clamp turned into a perfect 1). SciPy 1.17: pearsonr(1…8, [1…6, big, −big]) is
    /// −0.10910894511799613 for both.
    @Test func pearsonOfHugePredictions() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        for big in [1e200, 1e308] {
            let y: [Double] = [1, 2, 3, 4, 5, 6, big, -big]
            let r = try CorrelationMetrics.pearson(x, y)
            #expect(Self.close(r, -0.10910894511799613), "±\(big): \(r)")
        }
    }

    @Test func rankingAndSetsMatchScikitLearn() throws {
        try Self.run(["ndcg_at_k", "jaccard", "dice"])
    }

    /// Mean great-circle distance: scikit-learn's `haversine_distances` row by row × 6371.0088 km.
    @Test func haversineMatchesScikitLearn() throws {
        try Self.run(["haversine_km"])
    }
}
