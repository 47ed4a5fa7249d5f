import Foundation

/// Follows a trajectory another process is writing: each `poll` reads only the bytes added since
/// the last one and parses the complete lines among them; a torn last line waits for its newline.
public struct TrajectoryFollower: Sendable {
    /// What one poll (or one `feed`) found.
    public struct Update: Sendable, Equatable {
        /// The header, the first time it is complete.
        public var header: TrajectoryHeader?
        public var events: [TrajectoryEvent] = []
        public var damaged: [Trajectory.DamagedLine] = []

        public init(header: TrajectoryHeader? = nil, events: [TrajectoryEvent] = [], damaged: [Trajectory.DamagedLine] = []) {
            self.header = header
            self.events = events
            self.damaged = damaged
        }

        public var isEmpty: Bool { header == nil && events.isEmpty && damaged.isEmpty }
    }

    public let url: URL
    /// Bytes of the file consumed so far (complete lines and the pending tail).
    public private(set) var offset: UInt64 = 0
    public private(set) var header: TrajectoryHeader?
    /// The bytes after the last newline: a line still being written.
    public private(set) var pending: [UInt8] = []
    private var lineNumber = 0

    public init(url: URL) { self.url = url }

    /// Reads the bytes added since the last poll and parses the complete lines.
    public mutating func poll() throws(DojoError) -> Update {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw DojoError(.trajectory, "cannot open the trajectory: \(error.localizedDescription)", at: url.path,
                            hint: "check the path; `dojo watch` follows a file that `dojo run`, `dojo serve` or `dojo play` writes")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            let size = try handle.seekToEnd()
            if size < offset {
                throw DojoError(.trajectory, "the trajectory shrank from \(offset) to \(size) bytes", at: url.path,
                                hint: "trajectories are append-only; was the file replaced?")
            }
            if size == offset { return Update() }
            try handle.seek(toOffset: offset)
            data = try handle.read(upToCount: Int(size - offset)) ?? Data()
        } catch let error as DojoError {
            throw error
        } catch {
            throw DojoError(.trajectory, "cannot read the trajectory: \(error.localizedDescription)", at: url.path)
        }
        return try feed(data)
    }

    /// Parses appended bytes (what `poll` read); pure, so partial writes are testable without files.
    public mutating func feed(_ data: Data) throws(DojoError) -> Update {
        offset += UInt64(data.count)
        var update = Update()
        var start = pending.count
        pending.append(contentsOf: data)
        var lineStart = 0
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            let line = Array(pending[lineStart..<newline])
            lineStart = newline + 1
            start = lineStart
            try parse(line, into: &update)
        }
        pending.removeFirst(lineStart)
        // A first line that cannot become a header is an error now, not after its newline.
        if header == nil, let first = pending.first(where: { $0 != 0x20 }), first != UInt8(ascii: "{") {
            throw DojoError(.trajectory, "line 1 is not a trajectory header (it does not start with `{`)", at: url.path,
                            hint: "is this a *.dojo.jsonl file written by dojo?")
        }
        return update
    }

    private mutating func parse(_ line: [UInt8], into update: inout Update) throws(DojoError) {
        lineNumber += 1
        if header == nil {
            let parsed = try TrajectoryReader.parse(Data(line + [0x0A]), name: url.path)
            header = parsed.header
            update.header = parsed.header
            return
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return }
        do {
            update.events.append(try TrajectoryReader.decodeEvent(Data(line), decoder: TrajectoryReader.decoder))
        } catch {
            update.damaged.append(.init(line: lineNumber, reason: TrajectoryReader.describe(error)))
        }
    }
}
