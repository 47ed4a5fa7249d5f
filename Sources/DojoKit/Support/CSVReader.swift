import CDojoScan
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams RFC 4180 records from a file (a chunk at a time) or from bytes, without making a `String`
/// per field: the one loader behind validation and grading. It accepts a UTF-8 BOM, CRLF or LF line
/// ends, quoted fields with commas, doubled quotes and newlines, and blank lines; a file that is
/// empty, binary, not UTF-8 or broken CSV is one `DojoError` naming the line.
final class CSVReader {
    let name: String
    private let fd: Int32
    /// The file's path (nil for bytes in memory), for a second reader of the same file.
    private let path: String?
    /// The part of the file this reader reads: from `rangeStart` (a line start) to `rangeEnd` (`Int.max`: the end).
    private let rangeStart: Int
    @exclusivity(unchecked) private var rangeEnd = Int.max
    // The hot state: checked statically by construction (one reader, one thread), so the dynamic
    // exclusivity checks a class's stored properties get would only cost time.
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var eof = false
    @exclusivity(unchecked) private var validatedEnd = 0
    @exclusivity(unchecked) private var bytesBefore = 0
    /// The line the next record starts on (the header is line 1).
    @exclusivity(unchecked) private var nextLine = 1
    /// The line the next record starts on, counted from this reader's start.
    var nextLineNumber: Int { nextLine }
    /// Whether `splitOff` made this reader stop short of the file's end.
    var isSplit: Bool { rangeEnd != Int.max }
    /// The line the current record started on.
    @exclusivity(unchecked) private(set) var line = 0
    /// The current record's fields: start and end offsets in `buffer`, and whether doubled quotes need undoing.
    @exclusivity(unchecked) private var starts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var escaped: UnsafeMutablePointer<Bool>
    @exclusivity(unchecked) private var fieldCapacity = 64
    @exclusivity(unchecked) private(set) var fieldCount = 0
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    /// Bytes of this reader's part consumed so far, and the part's size (0 when unknown): for estimating row counts.
    var bytesConsumed: Int { bytesBefore + start - rangeStart }
    var expectedBytes: Int { max(0, min(rangeEnd, fileSize) - rangeStart) }
    private(set) var fileSize = 0

    /// Why the last error was thrown: what a submission report calls it.
    enum Failure: Sendable { case io, empty, notUTF8, notCSV }
    @exclusivity(unchecked) var failure: Failure = .io

    static let chunkSize = 1 << 20

    /// An error met while reading ahead, thrown by the next call of `next`.
    @exclusivity(unchecked) private var pending: DojoError?

    convenience init(url: URL) throws(DojoError) {
        try self.init(path: url.path, name: url.lastPathComponent, from: 0)
    }

    /// A reader of the file at `url` whose messages call it `name` (a descriptor's `/proc/self/fd/N`).
    convenience init(url: URL, name: String) throws(DojoError) {
        try self.init(path: url.path, name: name, from: 0)
    }

    /// A reader of the file from byte `offset` (0, or a line start: lines are then counted from there).
    private init(path: String, name: String, from offset: Int) throws(DojoError) {
        self.name = name
        self.path = path
        rangeStart = offset
        bytesBefore = offset
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw DojoError(.io, "cannot open the file (\(String(cString: strerror(errno))))", at: path)
        }
        if offset > 0 && lseek(fd, off_t(offset), SEEK_SET) < 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw DojoError(.io, "cannot seek in the file (\(reason))", at: path)
        }
        capacity = Self.chunkSize
        buffer = .allocate(capacity: capacity)
        starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity)
        escaped = .allocate(capacity: fieldCapacity)
        var info = stat()
        if fstat(fd, &info) == 0 { fileSize = Int(info.st_size) }
        do { try fill() } catch { pending = error }
        if offset == 0 { skipBOM() }
    }

    /// A fresh reader of the same file from its start (nil for bytes in memory).
    func reopened() throws(DojoError) -> CSVReader? {
        guard let path, rangeStart == 0 else { return nil }
        return try CSVReader(path: path, name: name, from: 0)
    }

    /// Splits the unread rest of the file in two for reading on two threads: returns a reader of the
    /// second half, which starts at the first line start past the middle, and makes this reader stop
    /// there. The second reader counts lines from 1. Nil when there is nothing to split: bytes in memory,
    /// fewer than `minimumBytes` left, or no line end in the megabyte past the middle. A line end inside a
    /// quoted field makes a wrong split, which this reader then reports as an unclosed quote.
    func splitOff(minimumBytes: Int) -> CSVReader? {
        guard let path, fd >= 0, rangeEnd == Int.max, pending == nil else { return nil }
        let here = bytesBefore + start
        let rest = fileSize - here
        guard rest >= max(minimumBytes, 2) else { return nil }
        // The first line feed at or after the middle; the split is just past it.
        var probe = here + rest / 2
        var split = -1
        var window = [UInt8](repeating: 0, count: 1 << 16)
        searching: while probe < min(fileSize, here + rest / 2 + (1 << 20)) {
            let count = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(probe)) }
            guard count > 0 else { return nil }
            for i in 0..<count where window[i] == 0x0A {
                split = probe + i + 1
                break searching
            }
            probe += count
        }
        guard split > here, split < fileSize,
              let second = try? CSVReader(path: path, name: name, from: split) else { return nil }
        rangeEnd = split
        if bytesBefore + end > split {
            end = split - bytesBefore
            validatedEnd = min(validatedEnd, end)
            eof = true
            // No refill comes any more to check the rest of the buffer.
            do { try validate(upTo: end) } catch { pending = error }
        }
        return second
    }

    init(bytes: [UInt8], name: String) {
        self.name = name
        path = nil
        rangeStart = 0
        fd = -1
        capacity = max(bytes.count, 1)
        buffer = .allocate(capacity: capacity)
        starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity)
        escaped = .allocate(capacity: fieldCapacity)
        fileSize = bytes.count
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: source.count) }
        }
        end = bytes.count
        eof = true
        skipBOM()
        do { try validate(upTo: end) } catch { pending = error }
    }

    convenience init(data: Data, name: String) {
        self.init(bytes: [UInt8](data), name: name)
    }

    deinit {
        buffer.deallocate()
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
        if fd >= 0 { close(fd) }
    }

    private func skipBOM() {
        if end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
            start += 3
            validatedEnd = max(validatedEnd, start)
        }
    }

    /// Calls `body` with the bytes of field `index` of the current record: unquoted, with doubled quotes
    /// undone, and trimmed of spaces and tabs when the field was not quoted.
    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let from = starts[index]
        let to = ends[index]
        if !escaped[index] { return body(UnsafeBufferPointer(start: buffer + from, count: to - from)) }
        scratch.removeAll(keepingCapacity: true)
        var i = from
        while i < to {
            scratch.append(buffer[i])
            i += buffer[i] == UInt8(ascii: "\"") ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    func isEmpty(_ index: Int) -> Bool { starts[index] == ends[index] }

    /// The header: the first record, its fields trimmed; an empty file is an error.
    func header() throws(DojoError) -> [String] {
        guard try next() else {
            failure = .empty
            throw DojoError(.csv, "the file is empty", at: name, hint: "write a header line and one row per id")
        }
        let names = (0..<fieldCount).map { string($0).trimmingCharacters(in: .whitespaces) }
        if names.allSatisfy(\.isEmpty) {
            failure = .empty
            throw DojoError(.csv, "the file has no header (its first line is blank)", at: name,
                            hint: "start the file with the header line, e.g. id,target")
        }
        return names
    }

    /// Moves to the next record that is not a blank line; false at the end of the file.
    func next() throws(DojoError) -> Bool {
        if let pending { throw pending }
        while true {
            switch try scanRecord() {
            case .end: return false
            case .record:
                if fieldCount == 1 && starts[0] == ends[0] && !escaped[0] && !lastWasQuoted { continue }
                return true
            }
        }
    }

    private enum Scan { case record, end }
    @exclusivity(unchecked) private var lastWasQuoted = false

    private func scanRecord() throws(DojoError) -> Scan {
        restart: while true {
            fieldCount = 0
            lastWasQuoted = false
            if start >= end {
                if !eof { try refill() }
                if start >= end {
                    releaseBuffer()
                    return .end
                }
            }
            // A record of plain fields with its line end in the buffer: C's scanner, several times faster.
            var plainCount = 0
            let after = dojo_csv_plain_record(buffer, start, end, starts, ends, escaped, fieldCapacity, &plainCount)
            if after >= 0 {
                fieldCount = plainCount
                start = after
                line = nextLine
                nextLine += 1
                return .record
            }
            var pos = start
            var newlines = 0
            while true {
                // One field starting at `pos`.
                var fieldStart = pos
                var fieldEnd = pos
                var hasEscapes = false
                var quoted = false
                if pos < end && buffer[pos] == UInt8(ascii: "\"") {
                    quoted = true
                    pos += 1
                    fieldStart = pos
                    var closed = false
                    while pos < end {
                        let byte = buffer[pos]
                        if byte == UInt8(ascii: "\"") {
                            if pos + 1 >= end && !eof { break }
                            if pos + 1 < end && buffer[pos + 1] == UInt8(ascii: "\"") {
                                hasEscapes = true
                                pos += 2
                                continue
                            }
                            fieldEnd = pos
                            pos += 1
                            closed = true
                            break
                        }
                        if byte == 0x0A { newlines += 1 }
                        pos += 1
                    }
                    if !closed {
                        if !eof { try refill(); continue restart }
                        failure = .notCSV
                        throw DojoError(.csv, "a quoted field is never closed", at: "\(name), line \(nextLine)",
                                        hint: "close the quote opened on that line (and double quotes inside it: \"\")")
                    }
                    if pos < end {
                        let byte = buffer[pos]
                        if byte != UInt8(ascii: ",") && byte != 0x0A && byte != 0x0D {
                            failure = .notCSV
                            throw DojoError(.csv, "text after a closing quote", at: "\(name), line \(nextLine + newlines)",
                                            hint: "a quoted field must end at a comma or the end of the line")
                        }
                    }
                } else {
                    while pos < end {
                        let byte = buffer[pos]
                        // Bytes above the quote (0x22) other than the comma (0x2C) never end a field.
                        if byte > 0x22 && byte != UInt8(ascii: ",") { pos += 1; continue }
                        if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
                        if byte == UInt8(ascii: "\"") {
                            failure = .notCSV
                            throw DojoError(.csv, "a quote inside an unquoted field", at: "\(name), line \(nextLine + newlines)",
                                            hint: "quote the whole field and double the quotes inside it (\"\")")
                        }
                        pos += 1
                    }
                    fieldEnd = pos
                    // Trim spaces and tabs around an unquoted value.
                    while fieldStart < fieldEnd && (buffer[fieldStart] == 0x20 || buffer[fieldStart] == 0x09) { fieldStart += 1 }
                    while fieldEnd > fieldStart && (buffer[fieldEnd - 1] == 0x20 || buffer[fieldEnd - 1] == 0x09) { fieldEnd -= 1 }
                }
                if pos >= end && !eof { try refill(); continue restart }
                if fieldCount == fieldCapacity { growFields() }
                starts[fieldCount] = fieldStart
                ends[fieldCount] = fieldEnd
                escaped[fieldCount] = hasEscapes
                fieldCount += 1
                if quoted { lastWasQuoted = true }
                if pos >= end {
                    start = end
                    line = nextLine
                    nextLine += newlines + 1
                    return .record
                }
                let byte = buffer[pos]
                if byte == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if byte == 0x0D {
                    if pos + 1 >= end && !eof { try refill(); continue restart }
                    pos += (pos + 1 < end && buffer[pos + 1] == 0x0A) ? 2 : 1
                } else {
                    pos += 1
                }
                start = pos
                line = nextLine
                nextLine += newlines + 1
                return .record
            }
        }
    }

    /// At the end of the file the read buffer is no longer needed: give its memory back early.
    private func releaseBuffer() {
        guard capacity > 1 else { return }
        buffer.deallocate()
        buffer = .allocate(capacity: 1)
        capacity = 1
        start = 0
        end = 0
        validatedEnd = 0
    }

    private func growFields() {
        let bigger = fieldCapacity * 2
        let s = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
        let e = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
        let q = UnsafeMutablePointer<Bool>.allocate(capacity: bigger)
        s.update(from: starts, count: fieldCount)
        e.update(from: ends, count: fieldCount)
        q.update(from: escaped, count: fieldCount)
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
        starts = s
        ends = e
        escaped = q
        fieldCapacity = bigger
    }

    /// Keeps the unread bytes, makes room (growing for a record longer than the buffer) and reads more.
    private func refill() throws(DojoError) {
        if start > 0 {
            let kept = end - start
            if kept > 0 { buffer.update(from: buffer + start, count: kept) }
            bytesBefore += start
            validatedEnd -= start
            end = kept
            start = 0
        }
        if end == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        try fill()
    }

    private func fill() throws(DojoError) {
        guard fd >= 0, !eof else { return }
        while end < capacity {
            let wanted = min(capacity - end, rangeEnd - (bytesBefore + end))
            if wanted <= 0 { eof = true; break }
            let count = read(fd, buffer + end, wanted)
            if count < 0 {
                if errno == EINTR { continue }
                failure = .io
                throw DojoError(.io, "cannot read the file (\(String(cString: strerror(errno))))", at: name)
            }
            if count == 0 { eof = true; break }
            end += count
        }
        // A line feed never sits inside a UTF-8 sequence, so everything up to the last one can be checked now.
        var limit = end
        if !eof {
            while limit > validatedEnd && buffer[limit - 1] != 0x0A { limit -= 1 }
        }
        try validate(upTo: limit)
    }

    private func validate(upTo limit: Int) throws(DojoError) {
        var i = validatedEnd
        while i < limit {
            // Eight ASCII bytes, none of them NUL, at a time.
            if i + 8 <= limit {
                let word = UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self)
                let noHigh = word & 0x8080_8080_8080_8080 == 0
                let noZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0
                if noHigh && noZero { i += 8; continue }
            }
            let byte = buffer[i]
            if byte == 0 {
                failure = .notCSV
                throw DojoError(.csv, "the file contains NUL bytes (at byte \(bytesBefore + i)); it looks binary, not CSV",
                                at: name, hint: "write a plain-text CSV file (e.g. DataFrame.to_csv(path, index=False))")
            }
            if byte < 0x80 { i += 1; continue }
            let length = Self.sequenceLength(buffer + i, available: limit - i)
            guard length > 0 else {
                failure = .notUTF8
                throw DojoError(.csv, "the file is not valid UTF-8 (byte \(bytesBefore + i))", at: name,
                                hint: "save it as UTF-8 text, e.g. to_csv(..., encoding=\"utf-8\")")
            }
            i += length
        }
        validatedEnd = max(validatedEnd, limit)
    }

    /// The length of the valid UTF-8 sequence at `p`, or 0 when it is not one.
    static func sequenceLength(_ p: UnsafePointer<UInt8>, available: Int) -> Int {
        let b0 = p[0]
        func continuation(_ i: Int) -> Bool { i < available && p[i] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            if b0 == 0xE0 && p[1] < 0xA0 { return 0 }   // overlong
            if b0 == 0xED && p[1] > 0x9F { return 0 }   // surrogates
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            if b0 == 0xF0 && p[1] < 0x90 { return 0 }
            if b0 == 0xF4 && p[1] > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }
}
