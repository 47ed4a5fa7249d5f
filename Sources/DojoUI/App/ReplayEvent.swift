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
