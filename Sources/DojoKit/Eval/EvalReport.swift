import Foundation

/// The numbers of `dojo eval report`, computed from the episodes' trajectories (the scores, ranks,
/// medals, steps, notes) and statuses (state, time, why an episode failed). docs/eval.md defines each.
public struct EvalReport: Sendable, Codable, Equatable {
    /// One episode as the report reads it.
    public struct Episode: Sendable, Codable, Equatable {
        public var agent: String
        public var run: String
        public var task: String
        public var seed: Int
        public var state: String
        public var steps: Int
        public var seconds: Double?
        public var valid: Bool
        public var metric: String?
        public var higherIsBetter: Bool?
        public var bestScore: Double?
        public var humanRank: Double?
        public var position: Int?
        public var boardSize: Int?
        public var medal: String?
        public var boardKind: String?
        public var reason: String?
        public var tokens: Int?
        /// (seconds since the episode started, best score so far) at each improvement.
        public var curve: [[Double]]
    }

    /// One agent on one task over its seeds.
    public struct Cell: Sendable, Codable, Equatable {
        public var agent: String
        public var task: String
        public var metric: String?
        public var higherIsBetter: Bool?
        public var boardKind: String?
        /// Finished (`done`) episodes, and those of them with a valid score.
        public var episodes: Int
        public var scored: Int
        public var scoreMean: Double?
        public var scoreStd: Double?
        public var positionMean: Double?
        public var boardSize: Int?
        /// Over the finished episodes, 0 for one without a valid submission.
        public var humanRankMean: Double?
        public var humanRankStd: Double?
        public var gold: Int
        public var silver: Int
        public var bronze: Int
        public var anyMedalRate: Double?
    }

    public struct AgentSummary: Sendable, Codable, Equatable {
        public var agent: String
        public var run: String
        public var command: String?
        /// Episodes asked for, and finished (`done`).
        public var episodes: Int
        public var done: Int
        public var anyMedalRate: Double?
        public var meanHumanRank: Double?
        public var validRate: Double?
        public var meanSteps: Double?
        public var meanSeconds: Double?
        /// Episodes that ended without a valid submission or did not finish, by reason.
        public var failures: [String: Int]
        /// Tokens the agent reported in its notes, summed; nil when it reported none.
        public var tokens: Int?
    }

    /// An agent against the first one on a task: the difference of mean best scores and the
    /// seed-to-seed spread it is measured against, √(std₁² + std₂²).
    public struct Comparison: Sendable, Codable, Equatable {
        public var task: String
        public var baseline: String
        public var agent: String
        public var baselineMean: Double
        public var agentMean: Double
        public var difference: Double
        public var spread: Double?
        /// |difference| > spread; nil when either side has fewer than 2 scored seeds.
        public var exceedsSpread: Bool?
        /// The agent's mean is better than the baseline's (by the metric's direction).
        public var better: Bool
    }

    public var runs: [String]
    public var agents: [String]
    public var tasks: [String]
    public var cells: [Cell]
    public var summaries: [AgentSummary]
    public var comparisons: [Comparison]
    public var episodes: [Episode]

    /// Reads every run directory and computes the report; an agent name that appears in several
    /// runs becomes `NAME@FOLDER`.
    public static func build(runs: [RunDirectory]) throws(DojoError) -> EvalReport {
        var manifests: [(RunDirectory, EvalManifest)] = []
        for run in runs {
            guard let manifest = try run.readManifest() else {
                throw DojoError(.usage, "not a run directory (no manifest.json)", at: run.root.path,
                                hint: "give folders made by `dojo eval --out`")
            }
            manifests.append((run, manifest))
        }
        var nameCount: [String: Int] = [:]
        for (_, manifest) in manifests { for agent in manifest.request.agents { nameCount[agent.name, default: 0] += 1 } }
        var episodes: [Episode] = []
        var summaries: [AgentSummary] = []
        var agents: [String] = []
        var tasks: [String] = []
        for (index, (run, manifest)) in manifests.enumerated() {
            for task in manifest.request.tasks where !tasks.contains(task) { tasks.append(task) }
            for agent in manifest.request.agents {
                let label = (nameCount[agent.name] ?? 0) > 1 ? "\(agent.name)@\(manifests.count > 1 ? run.root.lastPathComponent : String(index + 1))" : agent.name
                agents.append(label)
                var mine: [Episode] = []
                for key in manifest.request.episodes where key.agent == agent.name {
                    guard let status = try run.readStatus(key) else { continue }
                    mine.append(episode(run: run, key: key, status: status, label: label))
                }
                episodes += mine
                summaries.append(summary(agent: label, run: run.root.path, command: agent.command, asked: manifest.request.tasks.count * manifest.request.seeds,
                                         episodes: mine))
            }
        }
        var cells: [Cell] = []
        for agent in agents {
            for task in tasks {
                let mine = episodes.filter { $0.agent == agent && $0.task == task }
                guard !mine.isEmpty else { continue }
                cells.append(cell(agent: agent, task: task, episodes: mine))
            }
        }
        var comparisons: [Comparison] = []
        if let baseline = agents.first {
            for task in tasks {
                guard let base = cells.first(where: { $0.agent == baseline && $0.task == task }), let baseMean = base.scoreMean else { continue }
                for other in cells where other.task == task && other.agent != baseline {
                    guard let mean = other.scoreMean else { continue }
                    let difference = mean - baseMean
                    let spread: Double? = base.scored >= 2 && other.scored >= 2
                        ? ((base.scoreStd ?? 0) * (base.scoreStd ?? 0) + (other.scoreStd ?? 0) * (other.scoreStd ?? 0)).squareRoot() : nil
                    let higher = other.higherIsBetter ?? base.higherIsBetter ?? true
                    comparisons.append(Comparison(task: task, baseline: baseline, agent: other.agent, baselineMean: baseMean, agentMean: mean,
                                                  difference: difference, spread: spread, exceedsSpread: spread.map { abs(difference) > $0 },
                                                  better: higher ? difference > 0 : difference < 0))
                }
            }
        }
        return EvalReport(runs: runs.map(\.root.path), agents: agents, tasks: tasks, cells: cells, summaries: summaries,
                          comparisons: comparisons, episodes: episodes)
    }

    /// One episode's figures from its trajectory (when there is one) and its status.
    static func episode(run: RunDirectory, key: EpisodeKey, status: EpisodeStatus, label: String) -> Episode {
        var result = Episode(agent: label, run: run.root.path, task: key.task, seed: key.seed, state: status.state.rawValue, steps: 0,
                             seconds: status.seconds, valid: false, reason: status.reason, curve: [])
        let url = run.files(for: key).trajectory
        guard let trajectory = try? TrajectoryReader.read(url) else { return result }
        let steps = trajectory.steps
        result.steps = steps.last?.observation.step ?? 0
        var best: (score: Double, submission: SubmissionReport)?
        for step in steps {
            guard let submission = step.observation.submission, submission.valid else { continue }
            result.valid = true
            result.metric = submission.metric
            result.higherIsBetter = submission.higherIsBetter
            guard let score = submission.rawScore else { continue }
            if let current = best?.score, submission.higherIsBetter ? score <= current : score >= current { continue }
            best = (score, submission)
            result.curve.append([step.t, score])
        }
        if let best {
            result.bestScore = best.score
            result.humanRank = best.submission.humanRank
            result.position = best.submission.position?.private?.position
            result.boardSize = best.submission.position?.private?.total
            result.medal = best.submission.medal?.rawValue ?? "none"
            result.boardKind = best.submission.boardKind.rawValue
        }
        if status.state == .done, let end = trajectory.end { result.reason = end.reason }
        if result.seconds == nil { result.seconds = trajectory.events.last.map(Self.time) }
        var tokens = 0
        var reported = false
        for case .note(let note) in trajectory.events {
            guard let data = note.data else { continue }
            if case .number(let total)? = data["total_tokens"] {
                tokens += Int(total)
                reported = true
                continue
            }
            for (name, value) in data where name == "tokens" || name.hasSuffix("_tokens") {
                if case .number(let count) = value {
                    tokens += Int(count)
                    reported = true
                }
            }
        }
        result.tokens = reported ? tokens : nil
        return result
    }

    static func time(_ event: TrajectoryEvent) -> Double {
        switch event {
        case .step(let record): record.t
        case .note(let record): record.t
        case .control(let record): record.t
        case .end(let record): record.t
        }
    }

    static func cell(agent: String, task: String, episodes: [Episode]) -> Cell {
        let done = episodes.filter { $0.state == "done" }
        let scored = done.filter { $0.bestScore != nil }
        let scores = scored.compactMap(\.bestScore)
        let ranks = done.map { $0.humanRank ?? 0 }
        let medals = done.map { $0.medal ?? "none" }
        let positions = scored.compactMap(\.position).map(Double.init)
        return Cell(agent: agent, task: task, metric: episodes.compactMap(\.metric).first, higherIsBetter: episodes.compactMap(\.higherIsBetter).first,
                    boardKind: episodes.compactMap(\.boardKind).first, episodes: done.count, scored: scored.count,
                    scoreMean: mean(scores), scoreStd: standardDeviation(scores), positionMean: mean(positions),
                    boardSize: scored.compactMap(\.boardSize).first, humanRankMean: mean(ranks), humanRankStd: standardDeviation(ranks),
                    gold: medals.filter { $0 == "gold" }.count, silver: medals.filter { $0 == "silver" }.count,
                    bronze: medals.filter { $0 == "bronze" }.count,
                    anyMedalRate: done.isEmpty ? nil : Double(medals.filter { $0 != "none" }.count) / Double(done.count))
    }

    static func summary(agent: String, run: String, command: String, asked: Int, episodes: [Episode]) -> AgentSummary {
        let done = episodes.filter { $0.state == "done" }
        var failures: [String: Int] = [:]
        for episode in episodes where episode.state != "done" || !episode.valid {
            let reason = episode.state == "done" ? "no valid submission: \(episode.reason ?? "unknown")" : "\(episode.state): \(episode.reason ?? "unknown")"
            failures[reason, default: 0] += 1
        }
        let tokenCounts = episodes.compactMap(\.tokens)
        return AgentSummary(
            agent: agent, run: run, command: command, episodes: asked, done: done.count,
            anyMedalRate: done.isEmpty ? nil : Double(done.filter { ($0.medal ?? "none") != "none" }.count) / Double(done.count),
            meanHumanRank: mean(done.map { $0.humanRank ?? 0 }),
            validRate: done.isEmpty ? nil : Double(done.filter(\.valid).count) / Double(done.count),
            meanSteps: mean(done.map { Double($0.steps) }), meanSeconds: mean(done.compactMap(\.seconds)),
            failures: failures, tokens: tokenCounts.isEmpty ? nil : tokenCounts.reduce(0, +))
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (n − 1); 0 for one value, nil for none.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard let mean = mean(values) else { return nil }
        guard values.count > 1 else { return 0 }
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }

    enum CodingKeys: String, CodingKey { case runs, agents, tasks, cells, summaries = "agent_summaries", comparisons, episodes }
}

extension EvalReport.Episode {
    enum CodingKeys: String, CodingKey {
        case agent, run, task, seed, state, steps, seconds, valid, metric, higherIsBetter = "higher_is_better", bestScore = "best_score"
        case humanRank = "human_rank", position, boardSize = "board_size", medal, boardKind = "board_kind", reason, tokens, curve
    }
}

extension EvalReport.Cell {
    enum CodingKeys: String, CodingKey {
        case agent, task, metric, higherIsBetter = "higher_is_better", boardKind = "board_kind", episodes, scored
        case scoreMean = "score_mean", scoreStd = "score_std", positionMean = "position_mean", boardSize = "board_size"
        case humanRankMean = "human_rank_mean", humanRankStd = "human_rank_std", gold, silver, bronze, anyMedalRate = "any_medal_rate"
    }
}

extension EvalReport.AgentSummary {
    enum CodingKeys: String, CodingKey {
        case agent, run, command, episodes, done, anyMedalRate = "any_medal_rate", meanHumanRank = "mean_human_rank"
        case validRate = "valid_rate", meanSteps = "mean_steps", meanSeconds = "mean_seconds", failures, tokens
    }
}

extension EvalReport.Comparison {
    enum CodingKeys: String, CodingKey {
        case task, baseline, agent, baselineMean = "baseline_mean", agentMean = "agent_mean", difference, spread
        case exceedsSpread = "exceeds_spread", better
    }
}
