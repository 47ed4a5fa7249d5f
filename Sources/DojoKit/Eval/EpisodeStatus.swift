import Foundation

/// `status.json` of one episode in a run directory, rewritten atomically (by rename) at every change:
/// what a dashboard, a resume or a report reads without opening the trajectory.
public struct EpisodeStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable, Equatable, CaseIterable {
        /// Not started yet (a status file is only written once an episode starts; readers treat a missing one as pending).
        case pending
        /// Started by the runner whose process is `runnerPid` (a resume re-runs it when that process is gone).
        case running
        /// The episode ran to its end (closed by the agent, budget used up, agent exited or went silent).
        case done
        /// Dojo could not run it (the task did not load, the agent never started an episode, the backend failed).
        case failed
        /// Stopped from outside (Ctrl-C, SIGTERM, a killed runner or worker): re-run from scratch on resume.
        case interrupted

        /// Whether a resume leaves the episode as it is.
        public var isFinal: Bool { self == .done || self == .failed }
    }

    public var state: State
    public var agent: String
    public var task: String
    public var seed: Int
    /// 1 for the first run of this episode, 2 after one interrupted attempt was moved aside, …
    public var attempt: Int
    /// ISO 8601.
    public var startedAt: String?
    public var endedAt: String?
    /// Where it runs or ran: the host name, the pid of the `dojo run` doing the episode, and the pid
    /// (with its start time, `PID.START`) of the `dojo eval` that started it.
    public var host: String?
    public var pid: Int32?
    public var runner: String?
    /// The backend that ran it (`local`, `ray`).
    public var backend: String?
    /// Steps taken so far, and the last step's number at the end.
    public var steps: Int
    /// The best valid score, its HumanRank (position score), board position and size, medal.
    public var bestScore: Double?
    public var humanRank: Double?
    public var position: Int?
    public var boardSize: Int?
    public var medal: String?
    /// `human` or `reference` (what the rank is measured against).
    public var boardKind: String?
    /// The metric's direction, from the best submission.
    public var higherIsBetter: Bool?
    /// The last step's action (`execute_code`, `request_info`, …).
    public var lastAction: String?
    /// ISO 8601: when the status was last rewritten for a step (the runner rewrites it after every step).
    public var updatedAt: String?
    /// Whether any step produced a valid submission.
    public var valid: Bool?
    /// Why it ended: the trajectory's end reason, the failure, or what interrupted it.
    public var reason: String?
    /// Wall-clock seconds from start to end; while running, from start to the last step.
    public var seconds: Double?
    /// The `dojo run` exit code, when it exited.
    public var exitCode: Int32?

    public init(state: State, key: EpisodeKey, attempt: Int = 1, startedAt: String? = nil, endedAt: String? = nil,
                host: String? = nil, pid: Int32? = nil, runner: String? = nil, backend: String? = nil, steps: Int = 0,
                bestScore: Double? = nil, humanRank: Double? = nil, position: Int? = nil, boardSize: Int? = nil,
                medal: String? = nil, boardKind: String? = nil, valid: Bool? = nil, reason: String? = nil,
                seconds: Double? = nil, exitCode: Int32? = nil) {
        self.state = state
        self.agent = key.agent
        self.task = key.task
        self.seed = key.seed
        self.attempt = attempt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.host = host
        self.pid = pid
        self.runner = runner
        self.backend = backend
        self.steps = steps
        self.bestScore = bestScore
        self.humanRank = humanRank
        self.position = position
        self.boardSize = boardSize
        self.medal = medal
        self.boardKind = boardKind
        self.valid = valid
        self.reason = reason
        self.seconds = seconds
        self.exitCode = exitCode
    }

    public var key: EpisodeKey { EpisodeKey(agent: agent, task: task, seed: seed) }

    enum CodingKeys: String, CodingKey {
        case state, agent, task, seed, attempt, startedAt = "started_at", endedAt = "ended_at", host, pid, runner, backend, steps
        case bestScore = "best_score", humanRank = "human_rank", position, boardSize = "board_size", medal, boardKind = "board_kind"
        case valid, reason, seconds, exitCode = "exit_code"
        case higherIsBetter = "higher_is_better", lastAction = "last_action", updatedAt = "updated_at"
    }

    /// Fills steps, best score, position, medal, validity and the last action from a trajectory.
    public mutating func summarize(_ trajectory: Trajectory) {
        var progress = EpisodeProgress()
        for event in trajectory.events { progress.take(event) }
        apply(progress)
    }

    /// Takes over what the episode's trajectory showed so far.
    public mutating func apply(_ progress: EpisodeProgress) {
        steps = progress.steps
        valid = progress.valid
        lastAction = progress.lastAction
        let best = progress.best
        bestScore = best?.rawScore
        humanRank = best?.humanRank
        position = best?.position?.private?.position
        boardSize = best?.position?.private?.total
        medal = best.map { $0.medal?.rawValue ?? "none" }
        boardKind = best?.boardKind.rawValue
        higherIsBetter = best?.higherIsBetter
        if let end = progress.endReason { reason = end }
    }
}
