import Foundation

/// What a list of runs shows of one trajectory (task, agent, date, steps, best graded step, how it
/// ended), with where its reading stopped, so a file that grew is read only from there on and an
/// unchanged one not at all (`RunIndexCache` keeps digests between runs of `dojo runs`).
///
/// Step lines are summarized from their bytes (`StepLineScanner`: the code and output strings are
/// skipped, not decoded); only the header and the other events are decoded.
public struct TrajectoryDigest: Sendable, Codable, Equatable {
    /// The best graded step: its number and what it scored.
    public struct Best: Sendable, Codable, Equatable {
        public var step: Int
        public var rawScore: Double
        /// The position score on the board (`human_rank`).
        public var rankScore: Double?
        public var medal: Medal?
        public var higherIsBetter: Bool?

        public init(step: Int, rawScore: Double, rankScore: Double?, medal: Medal?, higherIsBetter: Bool?) {
            self.step = step
            self.rawScore = rawScore
            self.rankScore = rankScore
            self.medal = medal
            self.higherIsBetter = higherIsBetter
        }

        /// Whether this beats `other` (the metric's direction; equal is not better).
        public func beats(_ other: Best) -> Bool {
            higherIsBetter ?? other.higherIsBetter ?? true ? rawScore > other.rawScore : rawScore < other.rawScore
        }
    }

    public var header: TrajectoryHeader
    /// Step records read so far.
    public var steps: Int
    public var best: Best?
    /// The `end` record's reason, nil while the file has none.
    public var endReason: String?
    /// Seconds since the episode started, of the last record with a time.
    public var lastT: Double
    /// Complete lines after the header that did not parse (skipped).
    public var damaged: Int

    // Where reading stopped, to go on from there.
    /// Bytes read: up to the end of the last complete line.
    public var scannedBytes: UInt64
    /// Complete lines read (the header included).
    public var scannedLines: Int
    /// The header line as read, to notice a file replaced by another of the same size or larger.
    public var headerLine: String
    /// The file's size and modification time when it was read.
    public var fileSize: UInt64
    public var modified: Double

    /// The agent as a list shows it: `human` for `dojo play`, the agent's name, else its command, else its kind.
    public var agentLabel: String {
        Self.agentLabel(header.agent)
    }

    public static func agentLabel(_ agent: [String: JSONValue]) -> String {
        func text(_ key: String) -> String? {
            if case .string(let value)? = agent[key], !value.isEmpty { return value }
            return nil
        }
        if text("kind") == "human" { return "human" }
        if text("kind") == "copilot", let command = text("command") { return "copilot: " + command }
        return text("name") ?? text("command") ?? text("kind") ?? "?"
    }

    /// Reads `url`, going on from `previous` when it is a digest of the same file that has only grown
    /// (same header, at least as long); returns `previous` itself, without opening the file, when the
    /// size and modification time are unchanged.
    public static func read(_ url: URL, previous: TrajectoryDigest? = nil) throws(DojoError) -> TrajectoryDigest {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw DojoError(.trajectory, "cannot read the trajectory: \(String(cString: strerror(errno)))", at: url.path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DojoError(.trajectory, "not a regular file", at: url.path, hint: "give the path of a *.dojo.jsonl file")
        }
        let size = UInt64(info.st_size)
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        if let previous, previous.fileSize == size, previous.modified == modified { return previous }
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw DojoError(.trajectory, "cannot open the trajectory: \(String(cString: strerror(errno)))", at: url.path)
        }
        defer { close(fd) }
        let reader = LineReader(fd: fd, url: url)
        var digest: TrajectoryDigest
        if let previous, size >= previous.scannedBytes, previous.scannedLines >= 1,
           let line = try reader.firstLine(), line == previous.headerLine {
            digest = previous
        } else {
            guard let line = try reader.firstLine(), !line.isEmpty else {
                throw DojoError(.trajectory, "the file is empty, or its header line is not complete yet", at: url.path,
                                hint: "a trajectory starts with a header line")
            }
            let header = try TrajectoryReader.parseHeader(Data(line.utf8), name: url.path)
            digest = TrajectoryDigest(header: header, steps: 0, best: nil, endReason: nil, lastT: 0, damaged: 0,
                                      scannedBytes: UInt64(line.utf8.count + 1), scannedLines: 1, headerLine: line,
                                      fileSize: size, modified: modified)
        }
        let scanner = StepLineScanner()
        let decoder = TrajectoryReader.decoder
        try reader.forEachLine(from: digest.scannedBytes) { (bytes: UnsafeBufferPointer<UInt8>, end: UInt64) in
            digest.scannedLines += 1
            digest.scannedBytes = end
            digest.take(bytes, scanner: scanner, decoder: decoder)
        }
        digest.fileSize = size
        digest.modified = modified
        return digest
    }

    /// Counts one complete line after the header.
    mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, scanner: StepLineScanner, decoder: JSONDecoder) {
        let summary: StepSummary
        switch scanner.scan(bytes, position: steps, line: scannedLines, offset: 0) {
        case .blank: return
        case .step(let scanned): summary = scanned
        case .decode:
            guard let event = try? TrajectoryReader.decodeEvent(Data(buffer: bytes), decoder: decoder) else {
                damaged += 1
                return
            }
            switch event {
            case .step(let record): summary = StepSummary(record, position: steps, line: scannedLines, offset: 0, length: bytes.count)
            case .note(let note): lastT = max(lastT, note.t); return
            case .control(let control): lastT = max(lastT, control.t); return
            case .end(let end):
                endReason = end.reason
                lastT = max(lastT, end.t)
                return
            }
        }
        steps += 1
        lastT = max(lastT, summary.t)
        guard let score = summary.rawScore else { return }
        let candidate = Best(step: summary.step, rawScore: score, rankScore: summary.rankScore, medal: summary.medal,
                             higherIsBetter: summary.higherIsBetter)
        if best.map({ candidate.beats($0) }) ?? true { best = candidate }
    }

    /// Reads lines from an open file with `pread` in 1 MB chunks; a last line without its newline
    /// (being written) is left for the next reading.
    struct LineReader {
        let fd: Int32
        let url: URL
        var chunkSize = 1 << 20

        /// The first line, nil when the file has no complete first line yet (a header is small: at most 1 MB is read).
        func firstLine() throws(DojoError) -> String? {
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            var filled = 0
            while true {
                if filled == buffer.count {
                    guard buffer.count < chunkSize else { return nil }
                    buffer += [UInt8](repeating: 0, count: buffer.count)
                }
                let count = try read(into: &buffer, at: filled, offset: UInt64(filled))
                if count == 0 { return nil }
                if let newline = buffer[filled..<(filled + count)].firstIndex(of: 0x0A) {
                    return String(decoding: buffer[0..<newline], as: UTF8.self)
                }
                filled += count
            }
        }

        /// Calls `body` with each complete line from `offset` on and the offset just after its newline.
        func forEachLine(from offset: UInt64, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) throws(DojoError) {
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            var start = offset
            var kept = 0
            while true {
                if kept == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
                let count = try read(into: &buffer, at: kept, offset: start + UInt64(kept))
                if count == 0 { return }
                let filled = kept + count
                let consumed: Int = buffer.withUnsafeBufferPointer { all in
                    guard let base = all.baseAddress else { return 0 }
                    var lineStart = 0
                    while lineStart < filled, let found = memchr(base + lineStart, 0x0A, filled - lineStart) {
                        let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                        body(UnsafeBufferPointer(start: base + lineStart, count: newline - lineStart), start + UInt64(newline + 1))
                        lineStart = newline + 1
                    }
                    return lineStart
                }
                kept = filled - consumed
                if consumed > 0, kept > 0 { buffer.replaceSubrange(0..<kept, with: buffer[consumed..<filled]) }
                start += UInt64(consumed)
            }
        }

        private func read(into buffer: inout [UInt8], at index: Int, offset: UInt64) throws(DojoError) -> Int {
            while true {
                let count = buffer.withUnsafeMutableBufferPointer { pointer -> Int in
                    guard let base = pointer.baseAddress else { return 0 }
                    return pread(fd, base + index, pointer.count - index, off_t(offset))
                }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else {
                    throw DojoError(.trajectory, "cannot read the trajectory: \(String(cString: strerror(errno)))", at: url.path)
                }
                return count
            }
        }
    }
}
