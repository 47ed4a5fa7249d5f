import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Follows a running episode's trajectory from where the last poll stopped (only the new lines are
/// read), keeping its `EpisodeProgress`. A trajectory replaced by another (a lost Ray attempt moved
/// aside and started over) is noticed by its inode or a smaller size, and followed from its start.
public struct EpisodeProgressFollower: Sendable {
    public let url: URL
    public private(set) var progress = EpisodeProgress()
    /// Whether the trajectory has its `end` record.
    public var ended: Bool { progress.endReason != nil }
    private var follower: TrajectoryFollower
    private var inode: UInt64?

    public init(url: URL) {
        self.url = url
        follower = TrajectoryFollower(url: url)
    }

    /// Reads what was appended since the last poll; true when the progress changed. A missing file is no change.
    public mutating func poll() -> Bool {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return false }
        let node = UInt64(info.st_ino)
        if let inode, inode != node || UInt64(info.st_size) < follower.offset {
            let changed = progress != EpisodeProgress()
            restart()
            self.inode = node
            return poll() || changed
        }
        inode = node
        guard UInt64(info.st_size) != follower.offset else { return false }
        let before = progress
        do {
            let update = try follower.poll()
            for event in update.events { progress.take(event) }
        } catch {
            // A file that is not (yet) a trajectory, or one replaced between the stat and the read: start over next time.
            restart()
        }
        return progress != before
    }

    private mutating func restart() {
        follower = TrajectoryFollower(url: url)
        progress = EpisodeProgress()
        inode = nil
    }
}
