import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a run directory (`flock` on `RUN_DIR/.lock`), so two evaluations never run on
/// it at once. The kernel drops it when the holder dies, even by `kill -9`; the file holds the holder's
/// `PID.START` for the error message.
public final class RunDirectoryLock: Sendable {
    private let descriptor: Int32
    private let released = Atomic<Bool>(false)
    public let url: URL

    private init(descriptor: Int32, url: URL) {
        self.descriptor = descriptor
        self.url = url
    }

    /// Takes the lock, or throws naming the process that holds it.
    public static func acquire(_ directory: RunDirectory) throws(DojoError) -> RunDirectoryLock {
        try RunDirectory.makeDirectory(directory.root)
        let url = directory.lockURL
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DojoError(.io, "cannot open the run directory's lock: \(String(cString: strerror(errno)))", at: url.path)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            let who = ProcessIdentity(holder).map { "process \($0.pid)" } ?? "another process"
            throw DojoError(.usage, "another dojo eval (\(who)) is running on this run directory", at: directory.root.path,
                            hint: "wait for it to finish or stop it (Ctrl-C); two evaluations cannot share a run directory")
        }
        ftruncate(fd, 0)
        let text = Array("\(ProcessIdentity.current)\n".utf8)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return RunDirectoryLock(descriptor: fd, url: url)
    }

    /// Releases the lock (also released when the process ends).
    public func release() {
        guard !released.exchange(true, ordering: .relaxed) else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
