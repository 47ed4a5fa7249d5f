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
    /// whether the line ended with a newline (only the file's last line can lack one).
    func forEachLine(_ body: (Int, UInt64, ArraySlice<UInt8>, Bool) throws(DojoError) -> Void) throws(DojoError) {
        let fd = try openForReading()
        defer { close(fd) }
        var carry: [UInt8] = []
        var carryOffset: UInt64 = 0
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var fileOffset: UInt64 = 0
        var lineNumber = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DojoError(.trajectory, "cannot read the trajectory: \(String(cString: strerror(errno)))", at: url.path)
            }
            if count == 0 { break }
            var start = 0
            var index = 0
            while index < count {
                guard let newline = chunk[index..<count].firstIndex(of: 0x0A) else { break }
                lineNumber += 1
                if carry.isEmpty {
                    try body(lineNumber, fileOffset + UInt64(start), chunk[start..<newline], true)
                } else {
                    carry += chunk[start..<newline]
                    try body(lineNumber, carryOffset, carry[...], true)
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
                index = start
            }
            if start < count {
                if carry.isEmpty { carryOffset = fileOffset + UInt64(start) }
                carry += chunk[start..<count]
            }
            fileOffset += UInt64(count)
        }
        if !carry.isEmpty { try body(lineNumber + 1, carryOffset, carry[...], false) }
    }

    func bytes(at offset: UInt64, length: Int) throws(DojoError) -> [UInt8] {
        let fd = try openForReading()
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress.map { $0 + done }, length - done, off_t(offset) + off_t(done)) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                throw DojoError(.trajectory, "cannot read bytes \(offset)–\(offset + UInt64(length)) of the trajectory"
                                + (count < 0 ? ": \(String(cString: strerror(errno)))" : ": the file is shorter than when it was opened"),
                                at: url.path, hint: "was the file replaced while it was open?")
            }
            done += count
        }
        return bytes
    }

    private func openForReading() throws(DojoError) -> Int32 {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw DojoError(.trajectory, "cannot open the trajectory: \(String(cString: strerror(errno)))", at: url.path)
        }
        return fd
    }
}
