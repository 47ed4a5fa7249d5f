@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The score a board sees under each `[leaderboard] ranking`, and the exactness of the numbers a
/// Python metric prints, against the real Python on many random doubles (`Support/float_cases.py`).
@Suite struct RankingModeTests {
    struct FloatCase {
        var bits: UInt64
        var repr: String
        var rounded: String
    }

    static func floatCases(count: Int, seed: Int) throws -> [FloatCase] {
        let python = PythonMetric.defaultInterpreter()
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("the task Python environment is missing at \(python.path): run `dojo setup`")
            return []
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/float_cases.py")
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: python.path, arguments: [script.path, String(count), String(seed)],
            environment: ["PATH": "/usr/bin:/bin"], timeout: 600, outputCap: 64 << 20))
        #expect(outcome.succeeded, "\(outcome.stderr.text)")
        return outcome.stdout.text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let bits = UInt64(parts[0], radix: 16) else { return nil }
            return FloatCase(bits: bits, repr: String(parts[1]), rounded: String(parts[2]))
        }
    }

    @Test func reprReadsBackToTheSameDoubleAndRoundsAsPython() throws {
        let cases = try Self.floatCases(count: 200_000, seed: 13)
        #expect(cases.count == 200_000)
        var misread: [String] = []
        var misrounded: [String] = []
        for c in cases {
            // The score line a Python metric prints, read as the grader reads it.
            let parsed = PythonMetric.parseScoreLine("noise\nDOJO_METRIC \(c.repr) 1 \(c.rounded)\n")
            if parsed?.score.bitPattern != c.bits { misread.append("\(c.repr) → \(parsed?.score ?? .nan)") }
            let expected = DecimalParser.parse(c.rounded)
            if parsed?.rankedScore?.bitPattern != expected?.bitPattern { misread.append("rounded \(c.rounded)") }
            // Dojo's own round(x, 5), for catalogue metrics under MLE-bench's ranking.
            let rounded = RankingMode.mleBench.rankedScore(Double(bitPattern: c.bits))
            if rounded.bitPattern != expected?.bitPattern { misrounded.append("round(\(c.repr), 5) = \(c.rounded), Dojo \(rounded)") }
        }
        #expect(misread.isEmpty, "\(misread.count) misread: \(misread.prefix(10))")
        #expect(misrounded.isEmpty, "\(misrounded.count) rounded differently: \(misrounded.prefix(10))")
    }

    @Test func theIssuesExamples() {
        // Read back exactly: no medal flips through a parse 1 ulp off.
        #expect(PythonMetric.parseScoreLine("DOJO_METRIC 0.9999999999999999 1")?.score == 1.0.nextDown)
        #expect(PythonMetric.parseScoreLine("DOJO_METRIC 0.9234400000000001 1")?.score == 0.92344.nextUp)
        // billion-word: MLE-bench ranks MAE 5.370174 as 5.37017.
        #expect(RankingMode.mleBench.rankedScore(5.370174) == 5.37017)
        #expect(RankingMode.dojo.rankedScore(5.370174) == 5.370174)
        #expect(RankingMode.mleDojo.rankedScore(5.370174) == 5.370174)
        // Ties on the exact binary value go to even, as Python's round: 1/64 = 0.015625 exactly.
        #expect(RankingMode.mleBench.rankedScore(0.015625) == 0.01562)
        // 0.123455 is a hair below the half in binary: Python's round gives 0.12345 (numpy's would give 0.12346).
        #expect(RankingMode.mleBench.rankedScore(0.123455) == 0.12345)
        #expect(RankingMode.mleBench.rankedScore(-0.000001).sign == .minus)
        #expect(RankingMode.mleBench.rankedScore(1e300) == 1e300)
    }
}
