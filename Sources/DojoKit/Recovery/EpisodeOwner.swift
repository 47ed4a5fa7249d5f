import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The owner record of one episode folder: `<episodes>/<name>.owner`, holding the owning `dojo`'s pid,
/// locked with `flock` for as long as that process lives (the kernel drops the lock when it dies, even
/// by SIGKILL). A record that can be locked by someone else is stale: its folder can go.
public final class EpisodeOwner: @unchecked Sendable {
    public let recordFile: URL
    private var fd: Int32

    private init(recordFile: URL, fd: Int32) {
        self.recordFile = recordFile
        self.fd = fd
    }

    deinit { release() }

    public static let suffix = ".owner"

    /// The record of the episode folder `name` in `directory`.
    public static func recordFile(in directory: URL, name: String) -> URL {
        directory.appendingPathComponent(name + suffix)
    }

    /// Claims the folder `name` before it is made: the record is written and locked under a temporary
    /// name, then renamed into place, so no other process ever sees an unlocked record of a live episode.
    public static func claim(in directory: URL, name: String) throws(DojoError) -> EpisodeOwner {
        try FileManager.default.createDirectoryIfNeeded(directory)
        let record = recordFile(in: directory, name: name)
        let temporary = directory.appendingPathComponent(".\(name)\(suffix).tmp-\(UUID().uuidString.prefix(8))")
        let fd = open(temporary.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw DojoError(.io, "cannot create the episode's owner record: \(String(cString: strerror(errno)))", at: temporary.path)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary.path)
            throw DojoError(.io, "cannot lock the episode's owner record: \(reason)", at: temporary.path)
        }
        let text = Array("pid \(ProcessIdentity.current.pid)\nstart \(ProcessIdentity.current.startTime)\n".utf8)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard rename(temporary.path, record.path) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary.path)
            throw DojoError(.io, "cannot place the episode's owner record: \(reason)", at: record.path)
        }
        return EpisodeOwner(recordFile: record, fd: fd)
    }

    /// Removes the record and drops the lock (after the episode folder is gone).
    public func release() {
        guard fd >= 0 else { return }
        unlink(recordFile.path)
        close(fd)
        fd = -1
    }

    /// Whether a live process holds the record at `url` (false for a missing one).
    public static func isHeld(_ url: URL) -> Bool {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// The pid written in the record, for listings.
    public static func recordedPid(_ url: URL) -> Int32? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("pid ") { return Int32(line.dropFirst(4)) }
        return nil
    }
}
