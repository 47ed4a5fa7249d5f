import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One evaluation episode's share of the machine: a control group with a CPU quota and a memory limit
/// that the episode's `dojo run` joins before it starts, so its agent, its sandbox (whose own groups
/// nest inside) and everything they start stay within `cpus` cores and `memoryMB`. cgroup v1 (`cpu`
/// and `memory` hierarchies) and v2 are handled; `make` says why not where neither is writable.
///
/// On cgroup v2 (docs: Documentation/admin-guide/cgroup-v2.rst) the group is made inside this process's
/// own group P (so limits above still apply): `+cpu` and `+memory` (and `+pids`, for the sandbox) are
/// written to P's `cgroup.subtree_control` when not there yet — which the kernel refuses (EBUSY) while P
/// holds processes, unless P is the root (the no-internal-process rule) — then the group's `cpu.max`
/// gets `QUOTA PERIOD` and `memory.max` the bytes. Nothing is enabled in the group's own
/// `cgroup.subtree_control`: the episode's process must join it (`cgroup.procs`), and a group that hands
/// controllers to children cannot hold processes.
public struct EvalCgroup: Sendable {
    /// The groups made (one for v2; cpu and memory for v1).
    public let directories: [URL]
    /// `cgroup v1` or `cgroup v2`.
    public let version: String

    public var procsFiles: [String] { directories.map { $0.appendingPathComponent("cgroup.procs").path } }

    /// The file operations on the cgroup file system (the kernel's by default; a test gives its own).
    public struct Files: Sendable {
        /// Makes a directory; 0, or the errno.
        public var makeDirectory: @Sendable (URL) -> Int32
        /// Writes a control file (it must exist); 0, or the errno.
        public var write: @Sendable (String, URL) -> Int32

        public init(makeDirectory: @escaping @Sendable (URL) -> Int32, write: @escaping @Sendable (String, URL) -> Int32) {
            self.makeDirectory = makeDirectory
            self.write = write
        }

        public static let kernel = Files(
            makeDirectory: { mkdir($0.path, 0o755) == 0 ? 0 : errno },
            write: { text, file in
                let fd = open(file.path, O_WRONLY | O_TRUNC | O_CLOEXEC)
                guard fd >= 0 else { return errno }
                defer { close(fd) }
                let bytes = Array(text.utf8)
                return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count ? 0 : (errno == 0 ? EIO : errno)
            })
    }

    /// Where the cgroup file system is and which groups this process is in (both injectable).
    public struct Location: Sendable, Equatable {
        public var root: URL
        public var selfCgroup: URL

        public init(root: URL = URL(fileURLWithPath: "/sys/fs/cgroup"), selfCgroup: URL = URL(fileURLWithPath: "/proc/self/cgroup")) {
            self.root = root
            self.selfCgroup = selfCgroup
        }
    }

    /// Why `make` fails on this machine, or nil when it works (checked with a throw-away group).
    public static func probe(at location: Location = Location(), files: Files = .kernel) -> (version: String?, problem: String?) {
        switch make(name: "dojo-eval-probe-\(ProcessIdentity.current)", cpus: 1, memoryMB: 1024, at: location, files: files) {
        case .success(let group):
            group.remove()
            return (group.version, nil)
        case .failure(let problem):
            return (nil, problem.message)
        }
    }

    public static func create(name: String, cpus: Double, memoryMB: Int, at location: Location = Location(),
                              files: Files = .kernel) -> EvalCgroup? {
        try? make(name: name, cpus: cpus, memoryMB: memoryMB, at: location, files: files).get()
    }

    /// Why no group could be made.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
    }

    /// Makes the group (v1: one in `cpu` and one in `memory`), or says why it cannot.
    public static func make(name: String, cpus: Double, memoryMB: Int, at location: Location = Location(),
                            files: Files = .kernel) -> Result<EvalCgroup, Problem> {
        let root = location.root
        let paths = EpisodeCgroup.membership(location.selfCgroup)
        let manager = FileManager.default
        let period = 100_000
        let quota = max(1000, Int(cpus * Double(period)))
        let bytes = memoryMB * 1024 * 1024
        func failed(_ what: String, _ file: URL, _ error: Int32) -> Problem {
            Problem(message: "cannot \(what) \(file.path): \(String(cString: strerror(error)))")
        }
        if manager.fileExists(atPath: root.appendingPathComponent("cpu/cgroup.procs").path)
            || manager.fileExists(atPath: root.appendingPathComponent("memory/cgroup.procs").path) {
            var made: [URL] = []
            func undo() { for dir in made { rmdir(dir.path) } }
            for (controller, settings) in [("cpu", [("cpu.cfs_period_us", "\(period)"), ("cpu.cfs_quota_us", "\(quota)")]),
                                           ("memory", [("memory.limit_in_bytes", "\(bytes)")])] {
                var base = root.appendingPathComponent(controller)
                guard manager.fileExists(atPath: base.appendingPathComponent("cgroup.procs").path) else {
                    undo()
                    return .failure(Problem(message: "no cgroup v1 \(controller) hierarchy at \(base.path)"))
                }
                if let parent = paths[controller], parent != "/" {
                    let nested = base.appendingPathComponent(String(parent.dropFirst()))
                    if manager.fileExists(atPath: nested.path) { base = nested }
                }
                EpisodeCgroup.removeStale(in: base)
                let dir = base.appendingPathComponent(name)
                let error = files.makeDirectory(dir)
                guard error == 0 else {
                    undo()
                    return .failure(failed("make a group in", base, error))
                }
                made.append(dir)
                for (file, value) in settings {
                    let error = files.write(value, dir.appendingPathComponent(file))
                    guard error == 0 else {
                        undo()
                        return .failure(failed("write \(value) to", dir.appendingPathComponent(file), error))
                    }
                }
            }
            return .success(EvalCgroup(directories: made, version: "cgroup v1"))
        }
        guard manager.fileExists(atPath: root.appendingPathComponent("cgroup.controllers").path) else {
            return .failure(Problem(message: "no cgroup file system at \(root.path) (neither v1 cpu and memory hierarchies nor a v2 cgroup.controllers)"))
        }
        let parent = root.appendingPathComponent(String((paths[""] ?? "/").dropFirst()))
        func words(_ file: String) -> [String] {
            ((try? String(contentsOf: parent.appendingPathComponent(file), encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        }
        let available = words("cgroup.controllers")
        let missing = ["cpu", "memory"].filter { !available.contains($0) }
        guard missing.isEmpty else {
            return .failure(Problem(message: "the \(missing.joined(separator: " and ")) controller\(missing.count == 1 ? " is" : "s are") not "
                                    + "available in \(parent.path) (cgroup.controllers: \(available.isEmpty ? "none" : available.joined(separator: " "))): "
                                    + "bound to a cgroup v1 hierarchy, or not delegated to this group"))
        }
        let enabled = words("cgroup.subtree_control")
        let control = parent.appendingPathComponent("cgroup.subtree_control")
        for needed in ["cpu", "memory"] where !enabled.contains(needed) {
            let error = files.write("+\(needed)", control)
            if error == EBUSY {
                return .failure(Problem(message: "cannot enable the \(needed) controller for groups inside \(parent.path): it holds processes "
                                        + "(this dojo eval among them), and cgroup v2 lets only a group without processes hand controllers to "
                                        + "its children; start dojo eval in a group of its own with the controllers delegated "
                                        + "(for example `systemd-run --scope -p Delegate=yes dojo eval …`)"))
            }
            guard error == 0 else { return .failure(failed("write +\(needed) to", control, error)) }
        }
        // The sandbox's own groups nest inside the episode's and limit processes: best effort.
        if !enabled.contains("pids"), available.contains("pids") { _ = files.write("+pids", control) }
        EpisodeCgroup.removeStale(in: parent)
        let dir = parent.appendingPathComponent(name)
        let error = files.makeDirectory(dir)
        guard error == 0 else { return .failure(failed("make a group in", parent, error)) }
        for (file, value) in [("cpu.max", "\(quota) \(period)"), ("memory.max", "\(bytes)")] {
            let error = files.write(value, dir.appendingPathComponent(file))
            guard error == 0 else {
                rmdir(dir.path)
                return .failure(failed("write \(value) to", dir.appendingPathComponent(file), error))
            }
        }
        return .success(EvalCgroup(directories: [dir], version: "cgroup v2"))
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
