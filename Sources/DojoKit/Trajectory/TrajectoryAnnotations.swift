import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Notes and bookmarks a person adds while replaying, kept in a sidecar file beside the trajectory
/// (`run.dojo.jsonl` → `run.dojo-notes.jsonl`) so the trajectory itself is never rewritten.
/// The sidecar is append-only JSON lines: `{"type":"note","step":3,"text":"…","at":"…"}` and
/// `{"type":"bookmark","step":3,"on":true,"at":"…"}` (the last bookmark line for a step wins).
public struct TrajectoryAnnotations: Sendable, Equatable {
    public struct Note: Sendable, Codable, Equatable {
        public var type = "note"
        public var step: Int
        public var text: String
        public var at: String

        public init(step: Int, text: String, at: String) {
            self.step = step
            self.text = text
            self.at = at
        }
    }

    public struct Bookmark: Sendable, Codable, Equatable {
        public var type = "bookmark"
        public var step: Int
        public var on: Bool
        public var at: String

        public init(step: Int, on: Bool, at: String) {
            self.step = step
            self.on = on
            self.at = at
        }
    }

    public let sidecar: URL
    /// Notes in the order they were written.
    public private(set) var notes: [Note] = []
    /// Step numbers currently bookmarked.
    public private(set) var bookmarks: Set<Int> = []
    /// Sidecar lines that did not parse (reported, skipped, never rewritten).
    public private(set) var damaged: [Trajectory.DamagedLine] = []

    public init(sidecar: URL) {
        self.sidecar = sidecar
    }

    /// Where the notes of a trajectory live.
    public static func sidecarURL(for trajectory: URL) -> URL {
        TrajectoryNaming.sibling(of: trajectory, ending: ".dojo-notes.jsonl")
    }

    /// The annotations of a trajectory; none when the sidecar does not exist yet.
    public static func load(for trajectory: URL) throws(DojoError) -> TrajectoryAnnotations {
        var annotations = TrajectoryAnnotations(sidecar: sidecarURL(for: trajectory))
        let data: Data
        do {
            data = try Data(contentsOf: annotations.sidecar)
        } catch CocoaError.fileReadNoSuchFile {
            return annotations
        } catch {
            throw DojoError(.trajectory, "cannot read the notes: \(error.localizedDescription)", at: annotations.sidecar.path)
        }
        let lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false)
        let decoder = JSONDecoder()
        for (offset, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            do {
                try annotations.apply(Data(line), decoder: decoder)
            } catch {
                annotations.damaged.append(.init(line: offset + 1, reason: TrajectoryReader.describe(error)))
            }
        }
        return annotations
    }

    public func notes(forStep step: Int) -> [Note] { notes.filter { $0.step == step } }

    /// Appends a note to the sidecar, then to this value.
    public mutating func add(_ note: Note) throws(DojoError) {
        try append(note)
        notes.append(note)
    }

    /// Turns a step's bookmark on or off, in the sidecar and in this value.
    public mutating func setBookmark(_ bookmark: Bookmark) throws(DojoError) {
        try append(bookmark)
        if bookmark.on { bookmarks.insert(bookmark.step) } else { bookmarks.remove(bookmark.step) }
    }

    private struct TypeProbe: Decodable { var type: String }

    private mutating func apply(_ line: Data, decoder: JSONDecoder) throws {
        switch try decoder.decode(TypeProbe.self, from: line).type {
        case "note": notes.append(try decoder.decode(Note.self, from: line))
        case "bookmark":
            let bookmark = try decoder.decode(Bookmark.self, from: line)
            if bookmark.on { bookmarks.insert(bookmark.step) } else { bookmarks.remove(bookmark.step) }
        case let type:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown annotation type \"\(type)\""))
        }
    }

    /// One line, one `write` with O_APPEND, so a crash leaves at most a torn last line.
    private func append(_ value: some Encodable) throws(DojoError) {
        var line: Data
        do {
            line = try TrajectoryWriter.encoder.encode(value)
        } catch {
            throw DojoError(.trajectory, "cannot encode a note: \(error)", at: sidecar.path)
        }
        line.append(0x0A)
        let fd = open(sidecar.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DojoError(.trajectory, "cannot open the notes file: \(String(cString: strerror(errno)))", at: sidecar.path,
                            hint: "notes are saved beside the trajectory; check that its folder is writable")
        }
        defer { close(fd) }
        // A torn last line from an earlier crash would swallow this one: start on a fresh line.
        var last: UInt8 = 0x0A
        let size = lseek(fd, 0, SEEK_END)
        if size > 0 { _ = pread(fd, &last, 1, size - 1) }
        if last != 0x0A { line.insert(0x0A, at: 0) }
        let failure = TrajectoryWriter.writeAll(line, to: fd)
        if let failure {
            throw DojoError(.trajectory, "cannot write the notes: \(String(cString: strerror(failure)))", at: sidecar.path,
                            hint: "check the disk space and permissions")
        }
    }
}
