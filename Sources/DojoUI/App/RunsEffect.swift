/// The runs browser's work outside the pure update: deleting a run's files, listing the runs again.
public enum RunsEffect: Sendable, Equatable {
    /// Delete the trajectory at this path and the files that belong to it.
    case delete(path: String)
    /// Read the folders again (new runs, grown ones).
    case refresh
}
