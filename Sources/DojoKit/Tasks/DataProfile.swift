import Foundation

/// What the data explorer shows of a task's public data (`input/`): each file with its size and, for a
/// CSV, its columns (type, missing, unique, min/max/mean, a histogram or the commonest values) and its
/// first rows. Made by `DataProfiler` from the prepared `public/` folder only (never the answers) and
/// kept in the cache per prepared-data digest (`DataProfileCache`).
public struct DataProfile: Sendable, Codable, Equatable {
    /// Where a task's public data is: what the profile is made from and cached by.
    public struct Source: Sendable, Equatable {
        public var taskID: String
        /// The prepared data's digest and seed: the cache key (new data, new profile).
        public var digest: String
        public var seed: Int
        /// The prepared `public/` folder (what the sandbox shows as `input/`).
        public var publicDirectory: URL
        /// Where the profile is kept (`DataProfileCache`'s folder); nil: made each time.
        public var cacheRoot: URL?

        public init(taskID: String, digest: String, seed: Int, publicDirectory: URL, cacheRoot: URL? = nil) {
            self.taskID = taskID
            self.digest = digest
            self.seed = seed
            self.publicDirectory = publicDirectory
            self.cacheRoot = cacheRoot
        }
    }

    public struct ValueCount: Sendable, Codable, Equatable {
        public var value: String
        public var count: Int

        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    public struct Column: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, Equatable { case integer, float, text, empty }

        public var name: String
        public var kind: Kind
        public var missing: Int
        /// Distinct non-missing values; `uniqueCapped`: at least this many (counting stopped).
        public var unique: Int
        public var uniqueCapped: Bool
        public var min: Double?
        public var max: Double?
        public var mean: Double?
        /// A numeric column's counts in equal bins from `min` to `max`.
        public var histogram: [Int]
        /// A text column's commonest values, most frequent first (empty when it has too many distinct values).
        public var top: [ValueCount]

        public init(name: String, kind: Kind, missing: Int, unique: Int, uniqueCapped: Bool, min: Double?, max: Double?,
                    mean: Double?, histogram: [Int], top: [ValueCount]) {
            self.name = name
            self.kind = kind
            self.missing = missing
            self.unique = unique
            self.uniqueCapped = uniqueCapped
            self.min = min
            self.max = max
            self.mean = mean
            self.histogram = histogram
            self.top = top
        }
    }

    public struct Table: Sendable, Codable, Equatable {
        public var rows: Int
        public var columns: [Column]
        /// The first rows, as fields.
        public var head: [[String]]

        public init(rows: Int, columns: [Column], head: [[String]]) {
            self.rows = rows
            self.columns = columns
            self.head = head
        }
    }

    public struct File: Sendable, Codable, Equatable {
        /// The path under `input/`.
        public var path: String
        public var bytes: Int
        public var table: Table?
        /// The file's first lines as text (a CSV's head for the read-only viewer).
        public var headText: String?
        /// Why a CSV has no table (it does not parse), or nil.
        public var note: String?

        public init(path: String, bytes: Int, table: Table?, headText: String?, note: String?) {
            self.path = path
            self.bytes = bytes
            self.table = table
            self.headText = headText
            self.note = note
        }
    }

    /// Bumped when the profile's content changes, so an old cached profile is made again.
    public static let version = 1

    public var version: Int
    public var taskID: String
    public var digest: String
    public var files: [File]

    public init(taskID: String, digest: String, files: [File], version: Int = DataProfile.version) {
        self.version = version
        self.taskID = taskID
        self.digest = digest
        self.files = files
    }
}
