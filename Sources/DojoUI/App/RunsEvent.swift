/// The answers to `RunsEffect`s.
public enum RunsEvent: Sendable, Equatable {
    /// The run's files are gone (their names).
    case deleted(path: String, files: [String])
    case deleteFailed(path: String, message: String)
    /// A new listing.
    case listed([RunsState.Entry], problems: [String])
}
