import DojoKit

/// News for replay mode: the answers to its effects.
public enum ReplayEvent: Sendable, Equatable {
    /// Records read for the view; `failures` says why the others could not be.
    case loaded(records: [ReplayState.RecordKey: StepRecord], failures: [ReplayState.RecordKey: String])
    /// The first matching position after (or before) the one searched from, nil when none matched.
    case searched(query: String, position: Int?)
    case searchFailed(String)
    /// The sidecar was written; the annotations as they are now.
    case annotated(TrajectoryAnnotations, ReplayEffect.Annotation)
    case annotationFailed(String)
    /// The forked session ended (its exit status, or why it could not start).
    case forkEnded(String, isError: Bool)
    /// The forked session ended and its trajectory is at `outcome.path`.
    case forkSaved(ForkOutcome)
}

/// Where a fork from replay went: said in the message line and kept on top of the logs.
public struct ForkOutcome: Sendable, Equatable {
    /// The step forked from, as numbered in the source.
    public var step: Int
    public var clean: Bool
    /// The fork's trajectory.
    public var path: String
    /// Episodes after a reset in the fork's session, beside it (`NAME.2.dojo.jsonl`, …).
    public var laterEpisodes: Int
    /// `dojo play`'s exit status (non-zero: it failed after recording).
    public var status: Int32

    public init(step: Int, clean: Bool, path: String, laterEpisodes: Int = 0, status: Int32 = 0) {
        self.step = step
        self.clean = clean
        self.path = path
        self.laterEpisodes = laterEpisodes
        self.status = status
    }
}
