import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Copies files the task code wrote (an episode's `working/`) to or from a kept workspace: regular
/// files and folders only, never following a link. A symbolic link the code left (to the answers,
/// to any host file), a FIFO or a device is skipped and counted, so nothing but the code's own
/// files leaves or enters an episode (docs/sandbox.md).
public enum WorkspaceCopy {
    public struct Summary: Sendable, Equatable {
        public var files = 0
        public var bytes: Int64 = 0
        /// Links, FIFOs, sockets and devices left out.
        public var skipped = 0

        public init(files: Int = 0, bytes: Int64 = 0, skipped: Int = 0) {
            self.files = files
            self.bytes = bytes
            self.skipped = skipped
        }
    }

    /// Copies the tree under `source` into `destination` (created; existing files are replaced).
    public static func copyTree(from source: URL, to destination: URL) throws(DojoError) -> Summary {
        var summary = Summary()
        try copy(source.path, destination.path, &summary)
        return summary
    }

    private static func copy(_ source: String, _ destination: String, _ summary: inout Summary) throws(DojoError) {
        var info = stat()
        guard lstat(source, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else { return }
        do {
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        } catch {
            throw DojoError(.io, "cannot create a folder: \(error.localizedDescription)", at: destination)
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []).sorted()
        for name in names {
            let from = source + "/" + name, to = destination + "/" + name
            var entry = stat()
            guard lstat(from, &entry) == 0 else { continue }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR: try copy(from, to, &summary)
            case S_IFREG:
                try copyFile(from, to)
                summary.files += 1
                summary.bytes += Int64(entry.st_size)
            default: summary.skipped += 1
            }
        }
    }

    /// One regular file, opened without following a link (the code may have swapped it meanwhile).
    private static func copyFile(_ from: String, _ to: String) throws(DojoError) {
        let input = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard input >= 0 else { throw DojoError(.io, "cannot read a file: \(String(cString: strerror(errno)))", at: from) }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        unlink(to)
        let output = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw DojoError(.io, "cannot write a file: \(String(cString: strerror(errno)))", at: to) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw DojoError(.io, "cannot read a file: \(String(cString: strerror(errno)))", at: from)
            }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { write(output, $0.baseAddress?.advanced(by: offset), count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw DojoError(.io, "cannot write a file: \(String(cString: strerror(errno)))", at: to,
                                    hint: errno == ENOSPC ? "the disk (or the episode's disk_mb) is full" : nil)
                }
                offset += written
            }
        }
    }
}
