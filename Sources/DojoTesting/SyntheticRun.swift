import DojoKit
import Foundation

/// Trajectories written the way `dojo run` writes them, without running anything: one executed step
/// per score (nil: a step that crashed), for tests of lists, digests and dashboards of runs.
public struct SyntheticRun: Sendable {
    public var task: String
    public var agent: [String: JSONValue]
    public var startedAt: String
    public var seed: Int
    /// One executed step per entry: its raw score, or nil for a crash.
    public var scores: [Double?]
    public var higherIsBetter: Bool
    /// The `end` record's reason, nil for a run without one (still being written, or its writer died).
    public var end: String?

    public init(task: String, agent: String, startedAt: String = "2026-12-01T10:00:00Z", seed: Int = 42,
                scores: [Double?], higherIsBetter: Bool = false, end: String? = "closed by the agent") {
        self.task = task
        self.agent = ["name": .string(agent), "kind": .string("process")]
        self.startedAt = startedAt
        self.seed = seed
        self.scores = scores
        self.higherIsBetter = higherIsBetter
        self.end = end
    }

    public var header: TrajectoryHeader {
        TrajectoryHeader(task: task, taskDigest: "sha256:synthetic", seed: seed, agent: agent, startedAt: startedAt,
                         limits: .defaults, dojoVersion: DojoVersion.current)
    }

    /// The medal a score earns on this synthetic board: within 0.1 of perfect is gold, 0.2 silver, 0.3 bronze.
    public func medal(_ score: Double) -> Medal? {
        let distance = higherIsBetter ? 1 - score : score
        return distance <= 0.1 ? .gold : distance <= 0.2 ? .silver : distance <= 0.3 ? .bronze : nil
    }

    /// The step record of the `number`-th step (1-based) with this score.
    public func step(_ number: Int, score: Double?) -> TrajectoryEvent {
        let submission = score.map {
            SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 10, metric: higherIsBetter ? "accuracy" : "rmse",
                             higherIsBetter: higherIsBetter, rawScore: $0, position: nil, humanRank: higherIsBetter ? $0 : 1 - $0,
                             medal: medal($0), aboveMedian: nil, boardKind: .reference, medalThresholds: nil)
        }
        let execution = ExecutionReport(exitCode: score == nil ? 1 : 0, signal: nil, timedOut: false, cancelled: nil, durationMs: 5,
                                        stdout: "step \(number) says hello\n", stderr: score == nil ? "Traceback: boom \(number)" : "",
                                        truncatedBytes: 0, sandbox: "bwrap", limitExceeded: nil, limits: nil)
        let observation = Observation(step: number, action: .executeCode, status: score == nil ? .error : .ok, feedback: "ran",
                                      info: nil, execution: execution, submission: submission, history: nil, reward: 0, best: nil,
                                      budget: Budget(stepsUsed: number, stepsLeft: 99, secondsLeft: 100), terminated: false, truncated: false)
        return .step(StepRecord(index: number, t: Double(number) * 3, actor: .agent,
                                action: .executeCode("# \(task) step \(number)\nprint(\(number))\n"), observation: observation))
    }

    /// Every event: the steps, then the end record (when there is one).
    public var events: [TrajectoryEvent] {
        var events = scores.enumerated().map { step($0.offset + 1, score: $0.element) }
        if let end { events.append(.end(EndRecord(t: Double(scores.count) * 3 + 1, reason: end))) }
        return events
    }

    /// Writes the trajectory to `url` (its folder created); returns `url`.
    @discardableResult
    public func write(to url: URL) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        let writer = try TrajectoryWriter(url: url, header: header)
        for event in events { try writer.append(event) }
        writer.close()
        return url
    }
}
