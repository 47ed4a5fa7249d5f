import Foundation

/// How big a task's data is: the rows of train.csv and test.csv, counted in the prepared data when it
/// is in the cache (seed 42), else the `[data]` hint of task.toml, else unknown.
public struct TaskDataSize: Sendable, Equatable {
    public enum Origin: String, Sendable, Codable { case prepared, hint, unknown }

    public var trainRows: Int?
    public var testRows: Int?
    public var origin: Origin

    public init(trainRows: Int?, testRows: Int?, origin: Origin) {
        self.trainRows = trainRows
        self.testRows = testRows
        self.origin = origin
    }

    /// Train and test together, when both are known.
    public var totalRows: Int? {
        guard let trainRows, let testRows else { return nil }
        return trainRows + testRows
    }

    public var size: TaskSize? { totalRows.map(TaskSize.init(rows:)) }

    /// The size of `task`'s data: from the cache under `preparedRoot` when seed `seed` is prepared there.
    public static func of(_ task: TaskSpec, preparedRoot: URL, seed: Int = 42) -> TaskDataSize {
        if let digest = try? PreparationCache.digest(of: task) {
            let directory = preparedRoot.appendingPathComponent("\(task.id)-\(digest.prefix(16))-seed\(seed)")
            let publicDirectory = directory.appendingPathComponent("public")
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("manifest.json").path),
               let train = CSVRowCounter.rows(in: publicDirectory.appendingPathComponent("train.csv")),
               let test = CSVRowCounter.rows(in: publicDirectory.appendingPathComponent("test.csv")) {
                return TaskDataSize(trainRows: train, testRows: test, origin: .prepared)
            }
        }
        if task.data.trainRows != nil || task.data.testRows != nil {
            return TaskDataSize(trainRows: task.data.trainRows, testRows: task.data.testRows, origin: .hint)
        }
        return TaskDataSize(trainRows: nil, testRows: nil, origin: .unknown)
    }
}

/// Counts the data rows of a CSV file (the header excluded) without parsing its fields: line ends
/// inside double-quoted fields (free text) do not count.
public enum CSVRowCounter {
    public static func rows(in url: URL) -> Int? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var lines = 0
        var inQuotes = false
        var last: UInt8 = UInt8(ascii: "\n")
        var sawAny = false
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            sawAny = true
            for byte in chunk {
                if byte == UInt8(ascii: "\"") {
                    inQuotes.toggle()
                } else if byte == UInt8(ascii: "\n"), !inQuotes {
                    lines += 1
                }
            }
            last = chunk[chunk.index(before: chunk.endIndex)]
        }
        guard sawAny else { return 0 }
        if last != UInt8(ascii: "\n") { lines += 1 }
        return max(lines - 1, 0)
    }
}
