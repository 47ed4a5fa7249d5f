import DojoKit
import Foundation

/// Trajectory bytes exactly as the writer produces them, for tests that grow a file line by line
/// (or byte by byte) the way a live episode does.
public enum TrajectoryLines {
    /// The header's line and one line per event, each with its newline.
    public static func make(_ events: [TrajectoryEvent], header: TrajectoryHeader, temp: TemporaryDirectory) throws -> [Data] {
        let url = temp.file("lines-\(UUID().uuidString).dojo.jsonl")
        let writer = try TrajectoryWriter(url: url, header: header)
        for event in events { try writer.append(event) }
        writer.close()
        let data = try Data(contentsOf: url)
        try? FileManager.default.removeItem(at: url)
        return data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Data($0) + Data([0x0A]) }
    }

    /// Appends bytes to an existing file, as a writer in another process would.
    public static func append(_ data: Data, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }
}
