@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The report's statistics on hand-made episodes: best per episode by the metric's direction, sample
/// standard deviation, 0 rank for an episode without a valid submission, failures by reason, tokens,
/// and the comparison against the seed spread.
@Suite struct EvalReportTests {
    func submission(_ score: Double, rank: Double, medal: Medal?, higher: Bool = false) -> SubmissionReport {
        SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 10, metric: "rmse", higherIsBetter: higher, rawScore: score,
                         position: .init(private: BoardPosition(position: 3, total: 20, score: rank, shareBeaten: rank), public: nil),
                         humanRank: rank, medal: medal, aboveMedian: true, boardKind: .human, medalThresholds: nil)
    }

    func write(_ run: RunDirectory, _ key: EpisodeKey, scores: [(Double, Double, Medal?)], tokens: Double? = nil, state: EpisodeStatus.State = .done) throws {
        var lines: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = TrajectoryHeader(task: key.task, taskDigest: "d", seed: 42, agent: ["name": .string(key.agent)], startedAt: "2026-12-03T00:00:00Z",
                                      limits: .defaults, dojoVersion: "0.1.0")
        lines.append(String(decoding: try encoder.encode(header), as: UTF8.self))
        for (index, (score, rank, medal)) in scores.enumerated() {
            let observation = Observation(step: index + 1, action: .executeCode, status: .ok, feedback: "", info: nil, execution: nil,
                                          submission: submission(score, rank: rank, medal: medal), history: nil, reward: 0, best: nil,
                                          budget: Budget(stepsUsed: index + 1, stepsLeft: 5, secondsLeft: 100), terminated: false, truncated: false)
            let record = StepRecord(index: index + 1, t: Double(index + 1), actor: .agent, action: .executeCode("x"), observation: observation)
            lines.append(String(decoding: try encoder.encode(record), as: UTF8.self))
        }
        if let tokens {
            let note = NoteRecord(t: 0.5, step: nil, actor: .agent, text: "reply", data: ["prompt_tokens": .number(tokens), "completion_tokens": .number(1)])
            lines.append(String(decoding: try encoder.encode(note), as: UTF8.self))
        }
        lines.append(String(decoding: try encoder.encode(EndRecord(t: 9, reason: "closed by the agent")), as: UTF8.self))
        try RunDirectory.makeDirectory(run.files(for: key).directory)
        try (lines.joined(separator: "\n") + "\n").write(to: run.files(for: key).trajectory, atomically: true, encoding: .utf8)
        try run.writeStatus(EpisodeStatus(state: state, key: key, reason: state == .done ? "closed by the agent" : "dojo run failed", seconds: 10))
    }

    @Test func statisticsFollowTheirDefinitions() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = RunDirectory(temp.url)
        try run.writeManifest(EvalManifest(
            request: .init(agents: [.init(name: "a", command: "x"), .init(name: "b", command: "y")], tasks: ["t"], seeds: 3,
                           options: EvalEpisodeOptions()),
            backend: .init(kind: "local", parallel: 1), resources: nil, dojoVersion: "0.1.0", dojoCommit: nil,
            machine: .init(host: "h", cores: 1, memoryMB: 1, os: "x"), createdAt: "now"))
        // Lower is better: the best of [3, 2, 2.5] is 2.
        try write(run, EpisodeKey(agent: "a", task: "t", seed: 1), scores: [(3, 0.2, nil), (2, 0.6, .bronze), (2.5, 0.4, nil)], tokens: 10)
        try write(run, EpisodeKey(agent: "a", task: "t", seed: 2), scores: [(4, 0.1, nil)], tokens: 5)
        try write(run, EpisodeKey(agent: "a", task: "t", seed: 3), scores: [], state: .failed)
        try write(run, EpisodeKey(agent: "b", task: "t", seed: 1), scores: [(1, 0.9, .gold)])
        try write(run, EpisodeKey(agent: "b", task: "t", seed: 2), scores: [(1.2, 0.8, .silver)])
        try write(run, EpisodeKey(agent: "b", task: "t", seed: 3), scores: [])

        let report = try EvalReport.build(runs: [run])
        let a = try #require(report.cells.first { $0.agent == "a" })
        #expect(a.episodes == 2)
        #expect(a.scored == 2)
        #expect(a.scoreMean == 3)
        #expect(abs((a.scoreStd ?? 0) - 2.0.squareRoot()) < 1e-12)  // values 2 and 4
        #expect(abs((a.humanRankMean ?? 0) - 0.35) < 1e-12)
        #expect(a.bronze == 1)
        let summaryA = try #require(report.summaries.first { $0.agent == "a" })
        #expect(summaryA.anyMedalRate == 0.5)
        #expect(summaryA.validRate == 1)
        #expect(summaryA.tokens == 17)
        #expect(summaryA.failures == ["failed: dojo run failed": 1])
        let b = try #require(report.cells.first { $0.agent == "b" })
        // Seed 3 finished without a valid submission: it counts with rank 0 and no medal.
        #expect(b.episodes == 3)
        #expect(b.scored == 2)
        #expect(abs((b.humanRankMean ?? 0) - 1.7 / 3) < 1e-12)
        #expect(b.anyMedalRate == 2.0 / 3)
        let summaryB = try #require(report.summaries.first { $0.agent == "b" })
        #expect(summaryB.failures == ["no valid submission: closed by the agent": 1])
        #expect(summaryB.tokens == nil)
        let comparison = try #require(report.comparisons.first)
        #expect(comparison.agent == "b")
        #expect(abs(comparison.difference - (1.1 - 3)) < 1e-12)
        #expect(comparison.better)
        let spread = (2.0 + 0.02).squareRoot()
        #expect(abs((comparison.spread ?? 0) - spread) < 1e-9)
        #expect(comparison.exceedsSpread == true)
    }
}
