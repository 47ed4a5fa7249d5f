import Foundation

/// Byte-level access to a trajectory file: its lines in order, read in fixed-size chunks so memory
/// stays bounded by the longest line, and any byte range on demand.
struct TrajectoryFile {
    let url: URL
    let size: UInt64
    var chunkSize = 4 << 20

    init(url: URL) throws(DojoError) {
        self.url = url
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw DojoError(.trajectory, "cannot read the trajectory: \(String(cString: strerror(errno)))", at: url.path,
                            hint: "check the path")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DojoError(.trajectory, "not a regular file", at: url.path, hint: "give the path of a *.dojo.jsonl file")
        }
        size = UInt64(info.st_size)
    }

    /// Calls `body` with each line's 1-based number, byte offset and bytes (without the newline), and
    /// whether the line ended with a newline (only the file's last line can lack one). The bytes are
    /// valid only during the call. Newlines are found with memchr, so this is fast in debug builds too.
    /// `afterChunk` is told how many bytes have been read after each chunk.
    func forEachLine(afterChunk: (UInt64) -> Void = { _ in },
                     _ body: (Int, UInt64, UnsafeBufferPointer<UInt8>, Bool) throws(DojoError) -> Void) throws(DojoError) {
        let fd = try openForReading()
        defer { close(fd) }
        var carry: [UInt8] = []
        var carryOffset: UInt64 = 0
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var fileOffset: UInt64 = 0
        var lineNumber = 0
        while true {
            let count = read(fd, chunk, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw DojoError(.trajectory, "cannot read the trajectory: \(String(cString: strerror(errno)))", at: url.path)
            }
            if count == 0 { break }
            var start = 0
            while start < count, let found = memchr(chunk + start, 0x0A, count - start) {
                let newline = found.assumingMemoryBound(to: UInt8.self) - chunk
                lineNumber += 1
                if carry.isEmpty {
                    try body(lineNumber, fileOffset + UInt64(start), UnsafeBufferPointer(start: chunk + start, count: newline - start), true)
                } else {
                    carry.append(contentsOf: UnsafeBufferPointer(start: chunk + start, count: newline - start))
                    try carry.withUnsafeBufferPointer { (line) throws(DojoError) in try body(lineNumber, carryOffset, line, true) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            if start < count {
                if carry.isEmpty { carryOffset = fileOffset + UInt64(start) }
                carry.append(contentsOf: UnsafeBufferPointer(start: chunk + start, count: count - start))
            }
            fileOffset += UInt64(count)
            afterChunk(fileOffset)
        }
        if !carry.isEmpty {
            try carry.withUnsafeBufferPointer { (line) throws(DojoError) in try body(lineNumber + 1, carryOffset, line, false) }
        }
    }

    func bytes(at offset: UInt64, length: Int) throws(DojoError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        try withDescriptor { (fd) throws(DojoError) in
            try bytes.withUnsafeMutableBufferPointer { (buffer) throws(DojoError) in
                try load(fd, into: buffer, at: offset)
            }
        }
        return bytes
    }

    /// Runs `body` with the file open for reading.
    func withDescriptor<T>(_ body: (Int32) throws(DojoError) -> T) throws(DojoError) -> T {
        let fd = try openForReading()
        defer { close(fd) }
        return try body(fd)
    }

    /// Fills `buffer` with the bytes at `offset` of the open file.
    func load(_ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: UInt64) throws(DojoError) {
        guard let base = buffer.baseAddress else { return }
        let length = buffer.count
        var done = 0
        while done < length {
            let count = pread(fd, base + done, length - done, off_t(offset) + off_t(done))
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                throw DojoError(.trajectory, "cannot read bytes \(offset)–\(offset + UInt64(length)) of the trajectory"
                                + (count < 0 ? ": \(String(cString: strerror(errno)))" : ": the file is shorter than when it was opened"),
                                at: url.path, hint: "was the file replaced while it was open?")
            }
            done += count
        }
    }

    private func openForReading() throws(DojoError) -> Int32 {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw DojoError(.trajectory, "cannot open the trajectory: \(String(cString: strerror(errno)))", at: url.path)
        }
        return fd
    }
}
