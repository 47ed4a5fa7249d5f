import Foundation

/// What a step returns (docs/observation.md); the JSON field names are the contract.
public struct Observation: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, Equatable { case ok, error }

    public var step: Int
    public var action: ActionName
    public var status: Status
    public var feedback: String
    public var info: [String: JSONValue]?
    public var execution: ExecutionReport?
    public var submission: SubmissionReport?
    public var history: [HistoryEntry]?
    public var reward: Double
    public var best: BestSoFar?
    public var budget: Budget
    public var terminated: Bool
    public var truncated: Bool

    public init(step: Int, action: ActionName, status: Status, feedback: String, info: [String: JSONValue]?,
                execution: ExecutionReport?, submission: SubmissionReport?, history: [HistoryEntry]?, reward: Double,
                best: BestSoFar?, budget: Budget, terminated: Bool, truncated: Bool) {
        self.step = step
        self.action = action
        self.status = status
        self.feedback = feedback
        self.info = info
        self.execution = execution
        self.submission = submission
        self.history = history
        self.reward = reward
        self.best = best
        self.budget = budget
        self.terminated = terminated
        self.truncated = truncated
    }

    enum CodingKeys: String, CodingKey {
        case step, action, status, feedback, info, execution, submission, history, reward, best, budget, terminated, truncated
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(step, forKey: .step)
        try c.encode(action, forKey: .action)
        try c.encode(status, forKey: .status)
        try c.encode(feedback, forKey: .feedback)
        try c.encodeIfPresent(info, forKey: .info)
        try c.encodeIfPresent(execution, forKey: .execution)
        try c.encodeIfPresent(submission, forKey: .submission)
        try c.encodeIfPresent(history, forKey: .history)
        try c.encode(reward, forKey: .reward)
        try c.encode(best, forKey: .best)
        try c.encode(budget, forKey: .budget)
        try c.encode(terminated, forKey: .terminated)
        try c.encode(truncated, forKey: .truncated)
    }
}

/// How the code of a step ran.
public struct ExecutionReport: Sendable, Codable, Equatable {
    public var exitCode: Int32?
    public var signal: Int32?
    public var timedOut: Bool
    /// The step was cancelled (by a person, or a closing episode) before it finished.
    public var cancelled: Bool?
    public var durationMs: Int
    public var stdout: String
    public var stderr: String
    public var truncatedBytes: Int
    /// Which isolation the code ran under: "bwrap", or "none" (no isolation; shown as a warning).
    public var sandbox: String
    /// The limit that stopped the code, in plain words ("memory limit 4096 MB exceeded").
    public var limitExceeded: String?
    /// The limits in force and how each was enforced (cgroup, rlimit, polling).
    public var limits: String?

    public init(exitCode: Int32?, signal: Int32?, timedOut: Bool, cancelled: Bool?, durationMs: Int, stdout: String, stderr: String,
                truncatedBytes: Int, sandbox: String, limitExceeded: String? = nil, limits: String? = nil) {
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.cancelled = cancelled
        self.durationMs = durationMs
        self.stdout = stdout
        self.stderr = stderr
        self.truncatedBytes = truncatedBytes
        self.sandbox = sandbox
        self.limitExceeded = limitExceeded
        self.limits = limits
    }

    enum CodingKeys: String, CodingKey {
        case exitCode = "exit_code", signal, timedOut = "timed_out", cancelled, durationMs = "duration_ms"
        case stdout, stderr, truncatedBytes = "truncated_bytes", sandbox
        case limitExceeded = "limit_exceeded", limits
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(signal, forKey: .signal)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encodeIfPresent(cancelled, forKey: .cancelled)
        try c.encode(durationMs, forKey: .durationMs)
        try c.encode(stdout, forKey: .stdout)
        try c.encode(stderr, forKey: .stderr)
        try c.encode(truncatedBytes, forKey: .truncatedBytes)
        try c.encode(sandbox, forKey: .sandbox)
        try c.encodeIfPresent(limitExceeded, forKey: .limitExceeded)
        try c.encodeIfPresent(limits, forKey: .limits)
    }
}

/// A submission's validation and, for `execute_code`, its grade.
public struct SubmissionReport: Sendable, Codable, Equatable {
    public struct Positions: Sendable, Codable, Equatable {
        public var `private`: BoardPosition?
        public var `public`: BoardPosition?
    }

    public var found: Bool
    public var valid: Bool
    public var errors: [SubmissionIssue]
    public var warnings: [SubmissionIssue]
    public var rows: Int
    public var metric: String
    public var higherIsBetter: Bool
    public var rawScore: Double?
    public var position: Positions?
    /// The mean position score over the boards present (called reference rank on reference boards).
    public var humanRank: Double?
    public var medal: Medal?
    public var aboveMedian: Bool?
    public var boardKind: BoardKind
    public var medalThresholds: MedalThresholds?
    /// How the score was ranked, when not Dojo's default (`[leaderboard] ranking`): "mle-bench" or "mle-dojo".
    public var ranking: RankingMode?
    /// The score the boards saw, when the ranking changes it: MLE-bench's `round(score, 5)`.
    public var rankedScore: Double?

    public init(found: Bool, valid: Bool, errors: [SubmissionIssue], warnings: [SubmissionIssue], rows: Int, metric: String,
                higherIsBetter: Bool, rawScore: Double?, position: Positions?, humanRank: Double?, medal: Medal?,
                aboveMedian: Bool?, boardKind: BoardKind, medalThresholds: MedalThresholds?) {
        self.found = found
        self.valid = valid
        self.errors = errors
        self.warnings = warnings
        self.rows = rows
        self.metric = metric
        self.higherIsBetter = higherIsBetter
        self.rawScore = rawScore
        self.position = position
        self.humanRank = humanRank
        self.medal = medal
        self.aboveMedian = aboveMedian
        self.boardKind = boardKind
        self.medalThresholds = medalThresholds
    }

    enum CodingKeys: String, CodingKey {
        case found, valid, errors, warnings, rows, metric, higherIsBetter = "higher_is_better"
        case rawScore = "raw_score", position, humanRank = "human_rank", medal, aboveMedian = "above_median"
        case boardKind = "board_kind", medalThresholds = "medal_thresholds"
        case ranking, rankedScore = "ranked_score"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(found, forKey: .found)
        try c.encode(valid, forKey: .valid)
        try c.encode(errors, forKey: .errors)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(rows, forKey: .rows)
        try c.encode(metric, forKey: .metric)
        try c.encode(higherIsBetter, forKey: .higherIsBetter)
        try c.encode(rawScore, forKey: .rawScore)
        try c.encode(position, forKey: .position)
        try c.encode(humanRank, forKey: .humanRank)
        try c.encode(medal, forKey: .medal)
        try c.encode(aboveMedian, forKey: .aboveMedian)
        try c.encode(boardKind, forKey: .boardKind)
        try c.encodeIfPresent(medalThresholds, forKey: .medalThresholds)
        try c.encodeIfPresent(ranking, forKey: .ranking)
        try c.encodeIfPresent(rankedScore, forKey: .rankedScore)
    }
}

/// The best executed step so far.
public struct BestSoFar: Sendable, Codable, Equatable {
    public var rawScore: Double
    public var humanRank: Double
    public var step: Int

    public init(rawScore: Double, humanRank: Double, step: Int) {
        self.rawScore = rawScore
        self.humanRank = humanRank
        self.step = step
    }

    enum CodingKeys: String, CodingKey { case rawScore = "raw_score", humanRank = "human_rank", step }
}

public struct Budget: Sendable, Codable, Equatable {
    public var stepsUsed: Int
    public var stepsLeft: Int
    public var secondsLeft: Double

    public init(stepsUsed: Int, stepsLeft: Int, secondsLeft: Double) {
        self.stepsUsed = stepsUsed
        self.stepsLeft = stepsLeft
        self.secondsLeft = secondsLeft
    }

    enum CodingKeys: String, CodingKey { case stepsUsed = "steps_used", stepsLeft = "steps_left", secondsLeft = "seconds_left" }
}

/// One line of `get_history`.
public struct HistoryEntry: Sendable, Codable, Equatable {
    public var step: Int
    public var action: ActionName
    public var actor: Actor
    public var status: Observation.Status
    public var rawScore: Double?
    public var reward: Double
    public var seconds: Double

    enum CodingKeys: String, CodingKey { case step, action, actor, status, rawScore = "raw_score", reward, seconds = "t" }
}

/// Who took a step.
public enum Actor: String, Sendable, Codable, Equatable { case human, agent }
