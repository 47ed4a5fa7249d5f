import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The episode's writable areas on one size-limited tmpfs (docs/sandbox.md): `working/`,
/// `submission/`, and the sandbox's `/tmp` and `/dev/shm`. The kernel refuses a write past
/// `disk_mb` (or past the inode cap) with ENOSPC inside the sandbox, so `fallocate`, sparse files and
/// millions of empty files cannot overshoot the limit as they could a poll. Mounting needs
/// CAP_SYS_ADMIN on the host (Dojo running as root); without it `mount` returns nil and the
/// session falls back to polling.
public struct EpisodeVolume: Sendable {
    /// The tmpfs mount point: `<episode>/volume`, outside the workspace the sandbox sees.
    public let directory: URL
    public let sizeMB: Int
    public let inodes: Int

    public var tmp: URL { directory.appendingPathComponent("tmp") }
    public var shm: URL { directory.appendingPathComponent("shm") }

    /// Inodes the volume allows: enough for any dataset's files, far from the millions a walk chokes on.
    public static func inodeCap(sizeMB: Int) -> Int { max(4096, sizeMB * 32) }

    /// Mounts the volume for `workspace` (or finds it mounted by an earlier sandbox of the episode) and
    /// binds its `working/` and `submission/` over the workspace's, keeping what they held.
    public static func mount(for workspace: Workspace, sizeMB: Int) -> EpisodeVolume? {
        let directory = workspace.episodeDirectory.appendingPathComponent("volume")
        let volume = EpisodeVolume(directory: directory, sizeMB: sizeMB, inodes: inodeCap(sizeMB: sizeMB))
        if volume.isMounted(workspace: workspace) { return volume }
        let manager = FileManager.default
        guard (try? manager.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else { return nil }
        let options = "size=\(sizeMB)m,nr_inodes=\(volume.inodes),mode=0755"
        guard dojo_mount_tmpfs(directory.path, options) == 0 else {
            rmdir(directory.path)
            return nil
        }
        for (name, mode) in [("working", 0o755), ("submission", 0o755), ("tmp", 0o1777), ("shm", 0o1777)] {
            let path = directory.appendingPathComponent(name).path
            mkdir(path, mode_t(mode))
            chmod(path, mode_t(mode))
        }
        // What the host put in working/ or submission/ before (a fork's rebuilt files) moves onto the volume.
        for (name, folder) in [("working", workspace.working), ("submission", workspace.submissionDirectory)] {
            let target = directory.appendingPathComponent(name)
            for entry in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
                try? manager.copyItem(at: folder.appendingPathComponent(entry), to: target.appendingPathComponent(entry))
            }
            guard dojo_bind_mount(target.path, folder.path) == 0 else {
                unmount(episodeDirectory: workspace.episodeDirectory)
                return nil
            }
        }
        return volume
    }

    /// Whether the tmpfs is mounted (another device than the episode folder's) and bound over `working/` (the same device).
    func isMounted(workspace: Workspace) -> Bool {
        var parent = stat()
        var mine = stat()
        var working = stat()
        guard stat(workspace.episodeDirectory.path, &parent) == 0, stat(directory.path, &mine) == 0,
              stat(workspace.working.path, &working) == 0 else { return false }
        return mine.st_dev != parent.st_dev && working.st_dev == mine.st_dev
    }

    /// Whether the volume is full: under 64 KB free, or no inode left.
    public func isFull() -> Bool {
        var fs = statvfs()
        guard statvfs(directory.path, &fs) == 0 else { return false }
        return UInt64(fs.f_bavail) * UInt64(fs.f_frsize) < 64 * 1024 || fs.f_favail == 0
    }

    /// Detaches the binds and the tmpfs of an episode folder (nothing when there are none): before the
    /// folder is removed, and for an episode folder a killed `dojo` left behind.
    public static func unmount(episodeDirectory: URL) {
        let workspace = Workspace(episodeDirectory: episodeDirectory)
        for path in [workspace.working.path, workspace.submissionDirectory.path,
                     episodeDirectory.appendingPathComponent("volume").path] {
            // Each may be mounted more than once (a bind over a bind): detach until none is left.
            var rounds = 0
            while rounds < 8 && dojo_unmount_detach(path) == 0 { rounds += 1 }
        }
    }
}
