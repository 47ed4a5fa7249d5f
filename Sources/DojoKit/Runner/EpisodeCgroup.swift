import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The control groups that hold one episode's sandbox and enforce its memory and process limits.
/// cgroup v1 (separate `memory` and `pids` hierarchies) and v2 (one unified hierarchy) are both
/// handled; where neither is writable, `create` returns nil and the runner falls back to rlimits.
public struct EpisodeCgroup: Sendable {
    public enum Version: String, Sendable { case v1, v2 }

    public let version: Version
    /// The folders of this episode's groups (one for v2; memory and pids for v1).
    public let memoryDirectory: URL?
    public let pidsDirectory: URL?

    /// The `cgroup.procs` files a new process writes itself into before it runs bwrap.
    public var procsFiles: [String] {
        Set([memoryDirectory, pidsDirectory].compactMap { $0?.appendingPathComponent("cgroup.procs").path }).sorted()
    }

    /// How each limit is enforced, for the observation.
    public var memoryEnforcement: String? { memoryDirectory == nil ? nil : "cgroup \(version.rawValue)" }
    public var processEnforcement: String? { pidsDirectory == nil ? nil : "cgroup \(version.rawValue)" }

    /// The groups this process is in, read from `selfCgroup` (/proc/self/cgroup): controller name to
    /// path, and "" to the cgroup v2 path.
    public static func membership(_ selfCgroup: URL) -> [String: String] {
        let text = (try? String(contentsOf: selfCgroup, encoding: .utf8)) ?? ""
        var paths: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            for controller in parts[1].split(separator: ",") { paths[String(controller)] = String(parts[2]) }
            if parts[0] == "0" && parts[1].isEmpty { paths[""] = String(parts[2]) }
        }
        return paths
    }

    /// Makes the groups under the hierarchies found below `root` (normally /sys/fs/cgroup), inside the
    /// groups this process is in (`selfCgroup`, normally /proc/self/cgroup), so outer limits still apply.
    public static func create(name: String, memoryMB: Int, maxProcesses: Int,
                              root: URL = URL(fileURLWithPath: "/sys/fs/cgroup"),
                              selfCgroup: URL = URL(fileURLWithPath: "/proc/self/cgroup")) -> EpisodeCgroup? {
        let paths = membership(selfCgroup)
        let manager = FileManager.default
        // cgroup v1: a `memory` or `pids` hierarchy mounted below the root.
        if manager.fileExists(atPath: root.appendingPathComponent("memory/cgroup.procs").path)
            || manager.fileExists(atPath: root.appendingPathComponent("pids/cgroup.procs").path) {
            let memory = makeGroup(root.appendingPathComponent("memory"), parent: paths["memory"], name: name) { dir in
                let bytes = "\(memoryMB * 1024 * 1024)"
                guard write(bytes, dir.appendingPathComponent("memory.limit_in_bytes")) else { return false }
                _ = write(bytes, dir.appendingPathComponent("memory.memsw.limit_in_bytes"))
                _ = write("0", dir.appendingPathComponent("memory.swappiness"))
                return true
            }
            let pids = makeGroup(root.appendingPathComponent("pids"), parent: paths["pids"], name: name) { dir in
                write("\(maxProcesses)", dir.appendingPathComponent("pids.max"))
            }
            if memory == nil && pids == nil { return nil }
            return EpisodeCgroup(version: .v1, memoryDirectory: memory, pidsDirectory: pids)
        }
        // cgroup v2: one hierarchy; the controllers must be enabled in the parent's subtree_control.
        if manager.fileExists(atPath: root.appendingPathComponent("cgroup.controllers").path) {
            let parent = root.appendingPathComponent(String((paths[""] ?? "/").dropFirst()))
            let controllers = (try? String(contentsOf: parent.appendingPathComponent("cgroup.subtree_control"), encoding: .utf8)) ?? ""
            if !controllers.contains("memory") { _ = write("+memory", parent.appendingPathComponent("cgroup.subtree_control")) }
            if !controllers.contains("pids") { _ = write("+pids", parent.appendingPathComponent("cgroup.subtree_control")) }
            removeStale(in: parent)
            let dir = parent.appendingPathComponent(name)
            guard (try? manager.createDirectory(at: dir, withIntermediateDirectories: false)) != nil else { return nil }
            let memory = write("\(memoryMB * 1024 * 1024)", dir.appendingPathComponent("memory.max"))
            _ = write("0", dir.appendingPathComponent("memory.swap.max"))
            let pids = write("\(maxProcesses)", dir.appendingPathComponent("pids.max"))
            if !memory && !pids {
                rmdir(dir.path)
                return nil
            }
            return EpisodeCgroup(version: .v2, memoryDirectory: memory ? dir : nil, pidsDirectory: pids ? dir : nil)
        }
        return nil
    }

    private static func makeGroup(_ hierarchy: URL, parent: String?, name: String, configure: (URL) -> Bool) -> URL? {
        var base = hierarchy
        if let parent, parent != "/" {
            let nested = hierarchy.appendingPathComponent(String(parent.dropFirst()))
            if FileManager.default.fileExists(atPath: nested.path) { base = nested }
        }
        removeStale(in: base)
        let dir = base.appendingPathComponent(name)
        guard (try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)) != nil else { return nil }
        guard configure(dir) else {
            rmdir(dir.path)
            return nil
        }
        return dir
    }

    /// Groups of earlier Dojo processes that were killed before they could remove them: empty ones
    /// older than a minute are removed (rmdir fails on a group that still has processes).
    static func removeStale(in base: URL) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for entry in entries where entry.hasPrefix("dojo-") {
            let path = base.appendingPathComponent(entry).path
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > 60 else { continue }
            rmdir(path)
        }
    }

    @discardableResult
    static func write(_ text: String, _ file: URL) -> Bool {
        let fd = open(file.path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    static func counter(_ file: URL?, _ key: String) -> Int {
        guard let file, let text = try? String(contentsOf: file, encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == key { return Int(parts[1]) ?? 0 }
        }
        return 0
    }

    /// How often the kernel has killed a process of the group for memory.
    public func oomKills() -> Int {
        guard let memoryDirectory else { return 0 }
        let file = version == .v1 ? "memory.oom_control" : "memory.events"
        return Self.counter(memoryDirectory.appendingPathComponent(file), "oom_kill")
    }

    /// How often a fork or clone failed because the group was at its process limit.
    public func processLimitHits() -> Int {
        Self.counter(pidsDirectory?.appendingPathComponent("pids.events"), "max")
    }

    /// The host pids of every process in the groups.
    public func processes() -> [pid_t] {
        var result = Set<pid_t>()
        for file in procsFiles {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") { if let pid = pid_t(line) { result.insert(pid) } }
        }
        return result.sorted()
    }

    /// SIGKILLs every process in the groups until none is left (or `attempts` passes).
    public func killAll(attempts: Int = 100) {
        if version == .v2, let dir = memoryDirectory ?? pidsDirectory,
           Self.write("1", dir.appendingPathComponent("cgroup.kill")) {
            // cgroup.kill exists from Linux 5.14; the loop below still waits for the group to empty.
        }
        for _ in 0..<attempts {
            let pids = processes()
            if pids.isEmpty { return }
            for pid in pids { kill(pid, SIGKILL) }
            usleep(5000)
        }
    }

    /// The thread ids of every task in the groups (threads too: a thread-group leader that ended with
    /// `SYS_exit` while its other threads run on is a zombie, but those threads are listed here).
    public func threads() -> [pid_t] {
        guard let dir = memoryDirectory ?? pidsDirectory else { return [] }
        let file = dir.appendingPathComponent(version == .v1 ? "tasks" : "cgroup.threads")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Ends every process of the groups whose thread group is not in `keep` (the sandbox's own
    /// processes: bwrap, its pid 1, the warm interpreter), repeating until only those are left.
    /// Returns the thread groups it killed, or nil when some were still there after `attempts` rounds.
    public func killAll(except keep: Set<pid_t>, attempts: Int = 500) -> Set<pid_t>? {
        var killed = Set<pid_t>()
        for _ in 0..<attempts {
            var strays: [pid_t] = []
            for tid in threads() {
                let group = Self.threadGroup(of: tid) ?? tid
                if !keep.contains(group) { strays.append(tid) }
            }
            if strays.isEmpty { return killed }
            for tid in strays {
                // kill() of any thread id signals its whole thread group, a zombie leader's included.
                kill(tid, SIGKILL)
                killed.insert(Self.threadGroup(of: tid) ?? tid)
            }
            usleep(1000)
        }
        return nil
    }

    /// The thread group (process id) of a thread, from /proc/TID/status.
    static func threadGroup(of tid: pid_t) -> pid_t? {
        statusField("Tgid", of: tid).flatMap { pid_t($0) }
    }

    /// The last (innermost) pid of `NSpid` in /proc/PID/status, and how many namespaces it has.
    static func namespacePid(of pid: pid_t) -> (pid: pid_t, levels: Int)? {
        guard let field = statusField("NSpid", of: pid) else { return nil }
        let values = field.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { pid_t($0) }
        guard let last = values.last else { return nil }
        return (last, values.count)
    }

    private static func statusField(_ name: String, of pid: pid_t) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Kills what is left and removes the groups.
    public func remove() {
        killAll()
        for dir in Set([memoryDirectory, pidsDirectory].compactMap { $0 }) {
            for _ in 0..<50 {
                if rmdir(dir.path) == 0 || errno == ENOENT { break }
                usleep(10000)
            }
        }
    }
}
