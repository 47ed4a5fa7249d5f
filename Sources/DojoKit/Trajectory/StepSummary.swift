import Foundation

/// What the step list and the score chart need of one step, without its code or output.
/// `TrajectoryIndex` keeps one per step and reads the full `StepRecord` only when asked.
public struct StepSummary: Sendable, Equatable {
    /// 0-based position among the file's step records, in file order.
    public var position: Int
    /// 1-based line number in the file.
    public var line: Int
    /// Byte range of the line (without its newline).
    public var offset: UInt64
    public var length: Int
    /// The step number the observation carries.
    public var step: Int
    /// Seconds since the episode started.
    public var t: Double
    public var actor: Actor
    public var action: ActionName
    public var status: Observation.Status
    /// The graded score of a valid executed submission.
    public var rawScore: Double?
    /// The position score on the board (`human_rank`).
    public var rankScore: Double?
    public var medal: Medal?
    public var higherIsBetter: Bool?
    /// The step failed: an error status, a non-zero exit, a timeout, or an invalid submission.
    public var isError: Bool

    public init(position: Int, line: Int, offset: UInt64, length: Int, step: Int, t: Double, actor: Actor,
                action: ActionName, status: Observation.Status, rawScore: Double?, rankScore: Double?, medal: Medal?,
                higherIsBetter: Bool?, isError: Bool) {
        self.position = position
        self.line = line
        self.offset = offset
        self.length = length
        self.step = step
        self.t = t
        self.actor = actor
        self.action = action
        self.status = status
        self.rawScore = rawScore
        self.rankScore = rankScore
        self.medal = medal
        self.higherIsBetter = higherIsBetter
        self.isError = isError
    }

    /// The summary of a decoded record at a place in the file.
    public init(_ record: StepRecord, position: Int, line: Int, offset: UInt64, length: Int) {
        let observation = record.observation
        let submission = observation.submission
        let graded = observation.action == .executeCode && submission?.valid == true ? submission : nil
        let execution = observation.execution
        let failedRun = execution.map { ($0.exitCode ?? 0) != 0 || $0.signal != nil || $0.timedOut } ?? false
        self.init(position: position, line: line, offset: offset, length: length, step: observation.step, t: record.t,
                  actor: record.actor, action: record.action.name, status: observation.status,
                  rawScore: graded?.rawScore, rankScore: graded?.humanRank, medal: graded?.medal,
                  higherIsBetter: submission?.higherIsBetter,
                  isError: observation.status == .error || failedRun || (submission.map { $0.found && !$0.valid } ?? false))
    }
}
