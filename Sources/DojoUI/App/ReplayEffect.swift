import DojoKit

/// What replay mode asks the outside world to do; the session (or a test) carries it out and answers
/// with a `ReplayEvent`.
public enum ReplayEffect: Sendable, Equatable {
    /// Read these steps' full records from their trajectories.
    case load([ReplayState.RecordKey])
    /// Search every step of run A's code and output for `query`, from `position`.
    case search(query: String, from: Int, forward: Bool)
    /// Append a note or a bookmark change to run A's sidecar; `annotations` is the value to update.
    case annotate(TrajectoryAnnotations, Annotation)
    /// Hand the terminal to `dojo play --fork <path> --step <step> [--clean]` and come back.
    case fork(path: String, step: Int, clean: Bool)

    public enum Annotation: Sendable, Equatable {
        case note(step: Int, text: String)
        case bookmark(step: Int, on: Bool)
    }
}
