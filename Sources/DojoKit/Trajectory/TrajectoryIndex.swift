import Foundation

/// A trajectory opened for replay: one small summary per step and the byte range of each line, so
/// any step's full record is read from the file on demand and the file itself is never held in memory.
public final class TrajectoryIndex: Sendable {
    /// A hand-over between the person and the agent, placed among the steps.
    public struct ControlMark: Sendable, Equatable {
        /// How many steps came before it.
        public var afterSteps: Int
        public var record: ControlRecord

        public init(afterSteps: Int, record: ControlRecord) {
            self.afterSteps = afterSteps
            self.record = record
        }
    }

    /// A note placed among the steps (a skipped co-pilot proposal is one: replay shows it as a row).
    public struct NoteMark: Sendable, Equatable {
        /// How many steps came before it.
        public var afterSteps: Int
        public var record: NoteRecord

        public init(afterSteps: Int, record: NoteRecord) {
            self.afterSteps = afterSteps
            self.record = record
        }
    }

    public let url: URL
    public let header: TrajectoryHeader
    public let fileSize: UInt64
    public let steps: [StepSummary]
    public let notes: [NoteRecord]
    public let controls: [ControlMark]
    /// The notes again, each with its place among the steps.
    public let noteMarks: [NoteMark]
    public let end: EndRecord?
    /// Lines in the middle that did not parse (reported, skipped).
    public let damaged: [Trajectory.DamagedLine]
    /// The last line was cut off mid-write and was skipped.
    public let tornTail: Bool

    init(url: URL, header: TrajectoryHeader, fileSize: UInt64, steps: [StepSummary], notes: [NoteRecord],
         controls: [ControlMark], noteMarks: [NoteMark] = [], end: EndRecord?, damaged: [Trajectory.DamagedLine], tornTail: Bool) {
        self.url = url
        self.header = header
        self.fileSize = fileSize
        self.steps = steps
        self.notes = notes
        self.controls = controls
        self.noteMarks = noteMarks
        self.end = end
        self.damaged = damaged
        self.tornTail = tornTail
    }

    /// Reads the file once, line by line, keeping only summaries and offsets.
    public static func open(_ url: URL) throws(DojoError) -> TrajectoryIndex {
        try open(url, progress: { _, _ in })
    }

    /// `open(_:)` that reports how many bytes of how many it has read after each 4 MB chunk, for a
    /// progress line on very large files.
    public static func open(_ url: URL, progress: (_ bytesRead: UInt64, _ fileSize: UInt64) -> Void) throws(DojoError) -> TrajectoryIndex {
        let file = try TrajectoryFile(url: url)
        let decoder = TrajectoryReader.decoder
        var header: TrajectoryHeader?
        var steps: [StepSummary] = []
        var notes: [NoteRecord] = []
        var controls: [ControlMark] = []
        var noteMarks: [NoteMark] = []
        var end: EndRecord?
        var damaged: [Trajectory.DamagedLine] = []
        var tornTail = false
        let scanner = StepLineScanner()
        try file.forEachLine(afterChunk: { progress($0, file.size) }) { (line: Int, offset: UInt64, bytes: UnsafeBufferPointer<UInt8>, complete: Bool) throws(DojoError) in
            if line == 1 {
                if bytes.isEmpty {
                    throw DojoError(.trajectory, "the file is empty", at: url.path, hint: "a trajectory starts with a header line")
                }
                header = try TrajectoryReader.parseHeader(Data(buffer: bytes), name: url.path)
                return
            }
            // Steps are summarized from their bytes; other events, and lines the scanner is unsure of, are decoded.
            switch scanner.scan(bytes, position: steps.count, line: line, offset: offset) {
            case .blank: return
            case .step(let summary): steps.append(summary); return
            case .decode: break
            }
            do {
                switch try TrajectoryReader.decodeEvent(Data(buffer: bytes), decoder: decoder) {
                case .step(let record):
                    steps.append(StepSummary(record, position: steps.count, line: line, offset: offset, length: bytes.count))
                case .note(let note):
                    notes.append(note)
                    noteMarks.append(NoteMark(afterSteps: steps.count, record: note))
                case .control(let control): controls.append(ControlMark(afterSteps: steps.count, record: control))
                case .end(let record): end = record
                }
            } catch {
                if complete { damaged.append(.init(line: line, reason: TrajectoryReader.describe(error))) } else { tornTail = true }
            }
        }
        guard let header else {
            throw DojoError(.trajectory, "the file is empty", at: url.path, hint: "a trajectory starts with a header line")
        }
        return TrajectoryIndex(url: url, header: header, fileSize: file.size, steps: steps, notes: notes, controls: controls,
                               noteMarks: noteMarks, end: end, damaged: damaged, tornTail: tornTail)
    }

    /// The full record of the step at `position`, read from the file.
    public func record(at position: Int) throws(DojoError) -> StepRecord {
        guard steps.indices.contains(position) else {
            throw DojoError(.trajectory, "there is no step at position \(position) (the file has \(steps.count))", at: url.path)
        }
        let summary = steps[position]
        let bytes = try TrajectoryFile(url: url).bytes(at: summary.offset, length: summary.length)
        return try bytes.withUnsafeBufferPointer { (line) throws(DojoError) in try decodeStep(line, summary: summary) }
    }

    private func decodeStep(_ bytes: UnsafeBufferPointer<UInt8>, summary: StepSummary) throws(DojoError) -> StepRecord {
        let decoder = TrajectoryReader.decoder
        do {
            guard case .step(let record) = try TrajectoryReader.decodeEvent(Data(buffer: bytes), decoder: decoder) else {
                throw DojoError(.trajectory, "line \(summary.line) is no longer a step record", at: url.path,
                                hint: "was the file replaced while it was open?")
            }
            return record
        } catch let error as DojoError {
            throw error
        } catch {
            throw DojoError(.trajectory, "line \(summary.line) does not decode: \(TrajectoryReader.describe(error))", at: url.path,
                            hint: "was the file replaced while it was open, or edited by hand?")
        }
    }

    /// The position of the best graded step (the metric's direction; the earliest of equals).
    public var bestPosition: Int? {
        var best: StepSummary?
        for summary in steps {
            guard let score = summary.rawScore else { continue }
            guard let current = best, let currentScore = current.rawScore else { best = summary; continue }
            if summary.higherIsBetter ?? true ? score > currentScore : score < currentScore { best = summary }
        }
        return best?.position
    }

    /// Positions of the graded steps that beat every earlier graded step.
    public var improvementPositions: [Int] {
        var result: [Int] = []
        var best: Double?
        for summary in steps {
            guard let score = summary.rawScore else { continue }
            if let current = best, !(summary.higherIsBetter ?? true ? score > current : score < current) { continue }
            best = score
            result.append(summary.position)
        }
        return result
    }

    /// The position of the first step with `step` as its number.
    public func position(ofStep step: Int) -> Int? {
        steps.first { $0.step == step }?.position
    }

    /// The next step (after `position`, or before it when `forward` is false, wrapping around) whose code,
    /// output or feedback contains `query`, ignoring case.
    public func search(_ query: String, from position: Int, forward: Bool = true) throws(DojoError) -> Int? {
        try search(query, from: position, forward: forward, shouldContinue: { true })
    }

    /// `search(_:from:forward:)` that gives up (returning nil) once `shouldContinue` returns false; it is
    /// asked before each read of up to `searchChunkBytes`, so a long search can be cancelled.
    ///
    /// The file is read in chunks of consecutive steps; a step is decoded only when its raw line could
    /// hold the query (`StepTextFilter`), so a search over a large file decodes few records.
    public func search(_ query: String, from position: Int, forward: Bool = true,
                       shouldContinue: () -> Bool) throws(DojoError) -> Int? {
        guard !query.isEmpty, !steps.isEmpty else { return nil }
        let filter = StepTextFilter(query: query)
        let count = steps.count
        let order = (1...count).lazy.map { ((position + (forward ? $0 : -$0)) % count + count) % count }
        let file = try TrajectoryFile(url: url)
        var buffer: [UInt8] = []
        return try file.withDescriptor { (fd) throws(DojoError) -> Int? in
            var next = order.startIndex
            while next != order.endIndex {
                guard shouldContinue() else { return nil }
                // A run of neighbouring steps in search order, read with one pread.
                var batch = [order[next]]
                next = order.index(after: next)
                var low = steps[batch[0]].offset
                var high = low + UInt64(steps[batch[0]].length)
                while next != order.endIndex, abs(order[next] - batch[batch.count - 1]) == 1 {
                    let summary = steps[order[next]]
                    let newLow = min(low, summary.offset), newHigh = max(high, summary.offset + UInt64(summary.length))
                    guard newHigh - newLow <= Self.searchChunkBytes else { break }
                    (low, high) = (newLow, newHigh)
                    batch.append(order[next])
                    next = order.index(after: next)
                }
                let span = Int(high - low)
                if buffer.count < span { buffer = [UInt8](repeating: 0, count: span) }
                let found = try buffer.withUnsafeMutableBufferPointer { (chunk) throws(DojoError) -> Int? in
                    try file.load(fd, into: UnsafeMutableBufferPointer(rebasing: chunk[0..<span]), at: low)
                    for candidate in batch {
                        let summary = steps[candidate]
                        let start = Int(summary.offset - low)
                        let line = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(chunk)[start..<start + summary.length])
                        guard filter.mayMatch(line) else { continue }
                        let record = try decodeStep(line, summary: summary)
                        if Self.texts(of: record).contains(where: { $0.range(of: query, options: .caseInsensitive) != nil }) {
                            return candidate
                        }
                    }
                    return nil
                }
                if let found { return found }
            }
            return nil
        }
    }

    /// How many bytes a search reads at a time (more when one line is longer).
    static let searchChunkBytes: UInt64 = 4 << 20

    static func texts(of record: StepRecord) -> [String] {
        var texts = [record.observation.feedback]
        if let code = record.action.code { texts.append(code) }
        if let execution = record.observation.execution { texts += [execution.stdout, execution.stderr] }
        return texts
    }
}
