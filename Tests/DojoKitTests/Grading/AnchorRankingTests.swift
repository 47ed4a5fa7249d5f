@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// Dojo's ranking against the anchors' own code (issue 13, item 3): `Support/anchor_ranking.py` holds
/// MLE-bench's `Grader.__call__`/`rank_score` and MLE-Dojo's `_calculate_leaderboard_position`, copied
/// with their MIT licences, and judges generated boards of every MLE-bench size class (< 100, 100–249,
/// 250–999, ≥ 1000 teams; both directions; ties, also across the medal positions) at probes on and
/// around every threshold (± 1 ulp, ± 1e-6, the exact halves of the 5th decimal that MLE-bench's
/// rounding decides). Dojo reads the same board files with its own loader and places each probe with
/// `Grader.place`, the code every grade goes through.
@Suite(.serialized) struct AnchorRankingTests {
    struct Case: Decodable {
        var name: String
        var higher: Bool
        var size: Int
        var probes: [String]
        var mlebench: [[JSONValue]]
        var mledojo: [[JSONValue]]
    }

    static func cases(in directory: URL) throws -> [Case] {
        let python = PythonMetric.defaultInterpreter()
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("the task Python environment is missing at \(python.path): run `dojo setup` (the anchors' code needs pandas)")
            return []
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/anchor_ranking.py")
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: python.path, arguments: [script.path, directory.path, "7"],
            environment: ["PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"], timeout: 1800))
        guard outcome.succeeded else {
            Issue.record("anchor_ranking.py failed: \(outcome.stderr.text)")
            return []
        }
        let text = try String(contentsOf: directory.appendingPathComponent("cases.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    static func emptyReport(higher: Bool) -> SubmissionReport {
        SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 1, metric: "probe", higherIsBetter: higher,
                         rawScore: nil, position: nil, humanRank: nil, medal: nil, aboveMedian: nil, boardKind: .human,
                         medalThresholds: nil)
    }

    static func number(_ value: JSONValue) -> Double? {
        if case .string(let text) = value { return DecimalParser.parse(text) }
        return nil
    }

    static func flag(_ value: JSONValue) -> Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    static func int(_ value: JSONValue) -> Int? {
        if case .number(let number) = value { return Int(exactly: number) }
        return nil
    }

    @Test func medalsMedianAndPositionsAreTheAnchors() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let cases = try Self.cases(in: temp.url)
        #expect(cases.count == 56)
        var mismatches: [String] = []
        var probes = 0
        var classes = Set<Int>()
        for c in cases {
            classes.insert(c.size < 100 ? 0 : c.size < 250 ? 1 : c.size < 1000 ? 2 : 3)
            let folder = temp.url.appendingPathComponent(c.name)
            let privateBoard = try Leaderboard.load(folder.appendingPathComponent("private_leaderboard.csv"), split: .private,
                                                    kind: .human, higherIsBetter: c.higher)
            let publicBoard = try Leaderboard.load(folder.appendingPathComponent("public_leaderboard.csv"), split: .public,
                                                   kind: .human, higherIsBetter: c.higher)
            #expect(privateBoard.scores.count == c.size)
            let thresholds = try #require(Ranking.thresholds(board: privateBoard.scores))
            for (index, text) in c.probes.enumerated() {
                probes += 1
                let probe = try #require(DecimalParser.parse(text))
                let bench = c.mlebench[index]
                let dojo = c.mledojo[index]
                // MLE-bench: round(score, 5), then rank_score on the private board.
                var report = Self.emptyReport(higher: c.higher)
                Grader.place(&report, rawScore: probe, boards: LeaderboardSet(kind: .human, boards: [privateBoard, publicBoard], ranking: .mleBench),
                             higherIsBetter: c.higher)
                let expectedMedal: Medal? = Self.flag(bench[0]) == true ? .gold : Self.flag(bench[1]) == true ? .silver
                    : Self.flag(bench[2]) == true ? .bronze : nil
                let expectedThresholds = bench[4...7].map(Self.number)
                let got = [thresholds.gold.score, thresholds.silver.score, thresholds.bronze.score, thresholds.median]
                if report.medal != expectedMedal || report.aboveMedian != Self.flag(bench[3])
                    || report.rankedScore?.bitPattern != Self.number(bench[8])?.bitPattern
                    || zip(got, expectedThresholds).contains(where: { $0.bitPattern != $1?.bitPattern }) {
                    mismatches.append("\(c.name) probe \(text): MLE-bench \(bench), Dojo medal \(report.medal?.rawValue ?? "none") "
                        + "above median \(report.aboveMedian ?? false) rounded \(report.rankedScore ?? .nan) thresholds \(got)")
                }
                // MLE-Dojo: the score as computed, on both boards, and their mean.
                var dojoReport = Self.emptyReport(higher: c.higher)
                Grader.place(&dojoReport, rawScore: probe, boards: LeaderboardSet(kind: .human, boards: [privateBoard, publicBoard], ranking: .mleDojo),
                             higherIsBetter: c.higher)
                if dojoReport.position?.private?.position != Self.int(dojo[0]) || dojoReport.position?.public?.position != Self.int(dojo[1])
                    || dojoReport.humanRank?.bitPattern != Self.number(dojo[2])?.bitPattern {
                    mismatches.append("\(c.name) probe \(text): MLE-Dojo \(dojo), Dojo \(dojoReport.position?.private?.position ?? -1) "
                        + "\(dojoReport.position?.public?.position ?? -1) \(dojoReport.humanRank ?? .nan)")
                }
            }
        }
        #expect(classes == [0, 1, 2, 3])
        #expect(probes > 4000)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(probes) probes differ: \(mismatches.prefix(10).joined(separator: "\n"))")
    }
}
