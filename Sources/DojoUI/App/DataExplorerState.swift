import DojoKit

/// The data explorer's part of the state: where the task's public data is, its profile once made (kept
/// for the session, so the second open is instant), which file and column are selected, and the
/// read-only view of a CSV's head.
public struct DataExplorerState: Sendable, Equatable {
    /// The answer to `Effect.profileData`: the profile, or why there is none, and how it was got.
    public struct Answer: Sendable, Equatable {
        public var profile: DataProfile?
        public var problem: String?
        public var fromCache: Bool
        public var seconds: Double

        public init(profile: DataProfile?, problem: String?, fromCache: Bool, seconds: Double) {
            self.profile = profile
            self.problem = problem
            self.fromCache = fromCache
            self.seconds = seconds
        }
    }

    /// The prepared `public/` folder (nil: the task is not installed or its data is not prepared here).
    public var source: DataProfile.Source?
    public var profile: DataProfile?
    public var loading = false
    public var problem: String?
    /// How the profile was got: "computed in 1.20 s" or "read from the cache in 0.01 s".
    public var origin: String?
    public var file = 0
    public var column = 0
    /// The first column row shown in the columns table.
    public var columnTop = 0
    /// The read-only view of the selected CSV's first lines: open, and scrolled how far.
    public var viewingHead = false
    public var headTop = 0
    public var headLeft = 0

    public init(source: DataProfile.Source? = nil) { self.source = source }

    public var selectedFile: DataProfile.File? {
        guard let files = profile?.files, files.indices.contains(file) else { return nil }
        return files[file]
    }

    public var selectedColumn: DataProfile.Column? {
        guard let columns = selectedFile?.table?.columns, columns.indices.contains(column) else { return nil }
        return columns[column]
    }
}
