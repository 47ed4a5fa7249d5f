import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One evaluation episode's share of the machine: a control group with a CPU quota and a memory limit
/// that the episode's `dojo run` joins before it starts, so its agent, its sandbox (whose own groups
/// nest inside) and everything they start stay within `cpus` cores and `memoryMB`. cgroup v1 (`cpu`
/// and `memory` hierarchies) and v2 are handled; `create` returns nil where neither is writable.
public struct EvalCgroup: Sendable {
    /// The groups made (one for v2; cpu and memory for v1).
    public let directories: [URL]
    /// `cgroup v1` or `cgroup v2`.
    public let version: String

    public var procsFiles: [String] { directories.map { $0.appendingPathComponent("cgroup.procs").path } }

    /// Why `create` fails on this machine, or nil when it works (checked with a throw-away group).
    public static func probe(root: URL = URL(fileURLWithPath: "/sys/fs/cgroup"),
                             selfCgroup: URL = URL(fileURLWithPath: "/proc/self/cgroup")) -> (version: String?, problem: String?) {
        guard let group = create(name: "dojo-eval-probe-\(ProcessIdentity.current)", cpus: 1, memoryMB: 1024, root: root,
                                 selfCgroup: selfCgroup) else {
            return (nil, "no writable cgroup with the cpu and memory controllers under \(root.path) (not root, or a read-only cgroupfs)")
        }
        group.remove()
        return (group.version, nil)
    }

    public static func create(name: String, cpus: Double, memoryMB: Int,
                              root: URL = URL(fileURLWithPath: "/sys/fs/cgroup"),
                              selfCgroup: URL = URL(fileURLWithPath: "/proc/self/cgroup")) -> EvalCgroup? {
        let paths = EpisodeCgroup.membership(selfCgroup)
        let manager = FileManager.default
        let period = 100_000
        let quota = max(1000, Int(cpus * Double(period)))
        let bytes = memoryMB * 1024 * 1024
        if manager.fileExists(atPath: root.appendingPathComponent("cpu/cgroup.procs").path)
            || manager.fileExists(atPath: root.appendingPathComponent("memory/cgroup.procs").path) {
            var made: [URL] = []
            for (controller, settings) in [("cpu", [("cpu.cfs_period_us", "\(period)"), ("cpu.cfs_quota_us", "\(quota)")]),
                                           ("memory", [("memory.limit_in_bytes", "\(bytes)")])] {
                var base = root.appendingPathComponent(controller)
                if let parent = paths[controller], parent != "/" {
                    let nested = base.appendingPathComponent(String(parent.dropFirst()))
                    if manager.fileExists(atPath: nested.path) { base = nested }
                }
                EpisodeCgroup.removeStale(in: base)
                let dir = base.appendingPathComponent(name)
                guard (try? manager.createDirectory(at: dir, withIntermediateDirectories: false)) != nil else { continue }
                if settings.allSatisfy({ EpisodeCgroup.write($0.1, dir.appendingPathComponent($0.0)) }) {
                    made.append(dir)
                } else {
                    rmdir(dir.path)
                }
            }
            guard made.count == 2 else {
                for dir in made { rmdir(dir.path) }
                return nil
            }
            return EvalCgroup(directories: made, version: "cgroup v1")
        }
        if manager.fileExists(atPath: root.appendingPathComponent("cgroup.controllers").path) {
            let parent = root.appendingPathComponent(String((paths[""] ?? "/").dropFirst()))
            let controllers = (try? String(contentsOf: parent.appendingPathComponent("cgroup.subtree_control"), encoding: .utf8)) ?? ""
            for needed in ["cpu", "memory", "pids"] where !controllers.split(separator: " ").contains(Substring(needed)) {
                _ = EpisodeCgroup.write("+\(needed)", parent.appendingPathComponent("cgroup.subtree_control"))
            }
            EpisodeCgroup.removeStale(in: parent)
            let dir = parent.appendingPathComponent(name)
            guard (try? manager.createDirectory(at: dir, withIntermediateDirectories: false)) != nil else { return nil }
            guard EpisodeCgroup.write("\(quota) \(period)", dir.appendingPathComponent("cpu.max")),
                  EpisodeCgroup.write("\(bytes)", dir.appendingPathComponent("memory.max")) else {
                rmdir(dir.path)
                return nil
            }
            // The sandbox makes its own groups inside: the controllers must be enabled for them here too.
            _ = EpisodeCgroup.write("+memory +pids", dir.appendingPathComponent("cgroup.subtree_control"))
            return EvalCgroup(directories: [dir], version: "cgroup v2")
        }
        return nil
    }

    /// Every pid in the groups and the groups nested in them.
    public func processes() -> [pid_t] {
        var result = Set<pid_t>()
        for dir in directories { Self.collect(dir, into: &result) }
        return result.sorted()
    }

    private static func collect(_ dir: URL, into result: inout Set<pid_t>) {
        let text = (try? String(contentsOf: dir.appendingPathComponent("cgroup.procs"), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") { if let pid = pid_t(line) { result.insert(pid) } }
        for child in subgroups(of: dir) { collect(child, into: &result) }
    }

    private static func subgroups(of dir: URL) -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        return entries.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
    }

    /// SIGKILLs everything in the groups (nested ones too) until they are empty, then removes them.
    public func remove(attempts: Int = 400) {
        for _ in 0..<attempts {
            let pids = processes()
            if pids.isEmpty { break }
            for pid in pids { kill(pid, SIGKILL) }
            usleep(5000)
        }
        for dir in directories { Self.removeTree(dir) }
    }

    private static func removeTree(_ dir: URL) {
        for child in subgroups(of: dir) { removeTree(child) }
        for _ in 0..<50 {
            if rmdir(dir.path) == 0 || errno == ENOENT { return }
            usleep(10000)
        }
    }
}
