@testable import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The episode's share group on cgroup v2 (a fake tree that behaves as the kernel documents it:
/// Documentation/admin-guide/cgroup-v2.rst), and the way it degrades where cgroups cannot be written.
@Suite struct EvalCgroupTests {
    /// A cgroup2 tree in a temporary folder, with the kernel's rules for what the tests touch: a new
    /// group gets `cgroup.controllers` = its parent's `cgroup.subtree_control` and the interface files
    /// of those controllers; `+X` in `cgroup.subtree_control` needs X in the group's `cgroup.controllers`
    /// (else ENOENT) and no processes in a non-root group (else EBUSY, the no-internal-process rule); a
    /// process joins (`cgroup.procs`) only a group whose `cgroup.subtree_control` is empty (else EBUSY);
    /// a file that does not exist cannot be written (ENOENT). Every write is logged.
    final class FakeCgroup2: Sendable {
        let root: URL
        let writes = Mutex<[(file: String, text: String)]>([])

        init(root: URL, controllers: String = "cpuset cpu io memory hugetlb pids rdma") throws {
            self.root = root
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Self.put(controllers, root, "cgroup.controllers")
            try Self.put("", root, "cgroup.subtree_control")
            try Self.put("", root, "cgroup.procs")
        }

        static func put(_ text: String, _ dir: URL, _ name: String) throws {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }

        static func words(_ dir: URL, _ name: String) -> [String] {
            ((try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        }

        /// A group below the root, made as the kernel would (its controllers from its parent's subtree_control).
        @discardableResult
        func group(_ path: String, controllers: String? = nil, enabled: String = "", processes: String = "") throws -> URL {
            let dir = root.appendingPathComponent(path)
            #expect(makeDirectory(dir) == 0)
            if let controllers { try Self.put(controllers, dir, "cgroup.controllers") }
            try Self.put(enabled, dir, "cgroup.subtree_control")
            try Self.put(processes, dir, "cgroup.procs")
            return dir
        }

        func relative(_ url: URL) -> String { String(url.path.dropFirst(root.path.count)) }

        var files: EvalCgroup.Files {
            EvalCgroup.Files(makeDirectory: { self.makeDirectory($0) }, write: { self.write($0, $1) })
        }

        func makeDirectory(_ dir: URL) -> Int32 {
            guard mkdir(dir.path, 0o755) == 0 else { return errno }
            let controllers = Self.words(dir.deletingLastPathComponent(), "cgroup.subtree_control")
            var files = ["cgroup.controllers": controllers.joined(separator: " "), "cgroup.subtree_control": "", "cgroup.procs": ""]
            if controllers.contains("cpu") { files["cpu.max"] = "max 100000"; files["cpu.weight"] = "100" }
            if controllers.contains("memory") { files["memory.max"] = "max"; files["memory.high"] = "max" }
            if controllers.contains("pids") { files["pids.max"] = "max" }
            for (name, text) in files { try? Self.put(text, dir, name) }
            return 0
        }

        func write(_ text: String, _ file: URL) -> Int32 {
            writes.withLock { $0.append((relative(file), text)) }
            let dir = file.deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: file.path) else { return ENOENT }
            switch file.lastPathComponent {
            case "cgroup.subtree_control":
                var enabled = Self.words(dir, "cgroup.subtree_control")
                for token in text.split(separator: " ") {
                    let name = String(token.dropFirst())
                    guard Self.words(dir, "cgroup.controllers").contains(name) else { return ENOENT }
                    if dir.path != root.path && !Self.words(dir, "cgroup.procs").isEmpty { return EBUSY }
                    if token.hasPrefix("+") && !enabled.contains(name) { enabled.append(name) }
                }
                try? Self.put(enabled.joined(separator: " "), dir, "cgroup.subtree_control")
            case "cgroup.procs":
                if !Self.words(dir, "cgroup.subtree_control").isEmpty { return EBUSY }
                try? Self.put((Self.words(dir, "cgroup.procs") + [text]).joined(separator: "\n"), dir, "cgroup.procs")
            default:
                try? Self.put(text, dir, file.lastPathComponent)
            }
            return 0
        }
    }

    func selfCgroup(_ temp: TemporaryDirectory, _ line: String) throws -> URL {
        let url = temp.file("self-cgroup")
        try Data((line + "\n").utf8).write(to: url)
        return url
    }

    @Test func onCgroup2TheControllersAreEnabledInTheParentAndTheLimitsWrittenInTheGroupWhichTheEpisodeCanJoin() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fake = try FakeCgroup2(root: temp.file("cgroup"))
        try fake.group("dojo.slice", enabled: "cpu memory pids")
        // This process's own group: delegated (cpu, memory, pids available), no process in it.
        let parent = try fake.group("dojo.slice/eval.scope")
        let location = EvalCgroup.Location(root: fake.root, selfCgroup: try selfCgroup(temp, "0::/dojo.slice/eval.scope"))

        let group = try EvalCgroup.make(name: "dojo-eval-1-base-titanic-1", cpus: 0.5, memoryMB: 512, at: location, files: fake.files).get()
        #expect(group.version == "cgroup v2")
        #expect(group.directories.map(fake.relative) == ["/dojo.slice/eval.scope/dojo-eval-1-base-titanic-1"])
        #expect(fake.writes.withLock { $0.map { "\($0.file) ← \($0.text)" } } == [
            "/dojo.slice/eval.scope/cgroup.subtree_control ← +cpu",
            "/dojo.slice/eval.scope/cgroup.subtree_control ← +memory",
            "/dojo.slice/eval.scope/cgroup.subtree_control ← +pids",
            "/dojo.slice/eval.scope/dojo-eval-1-base-titanic-1/cpu.max ← 50000 100000",
            "/dojo.slice/eval.scope/dojo-eval-1-base-titanic-1/memory.max ← 536870912",
        ])
        #expect(FakeCgroup2.words(parent, "cgroup.subtree_control") == ["cpu", "memory", "pids"])
        let dir = try #require(group.directories.first)
        #expect(try String(contentsOf: dir.appendingPathComponent("cpu.max"), encoding: .utf8) == "50000 100000")
        #expect(try String(contentsOf: dir.appendingPathComponent("memory.max"), encoding: .utf8) == "536870912")
        // Nothing is handed down from the group itself, so the episode's `dojo run` can join it.
        #expect(FakeCgroup2.words(dir, "cgroup.subtree_control").isEmpty)
        #expect(group.procsFiles == [dir.appendingPathComponent("cgroup.procs").path])
        #expect(fake.write("4242", dir.appendingPathComponent("cgroup.procs")) == 0)

        // A second episode: the controllers are on already; only its limits are written.
        fake.writes.withLock { $0.removeAll() }
        let second = try EvalCgroup.make(name: "dojo-eval-1-base-titanic-2", cpus: 2, memoryMB: 1, at: location, files: fake.files).get()
        #expect(fake.writes.withLock { $0.map { "\($0.file) ← \($0.text)" } } == [
            "/dojo.slice/eval.scope/dojo-eval-1-base-titanic-2/cpu.max ← 200000 100000",
            "/dojo.slice/eval.scope/dojo-eval-1-base-titanic-2/memory.max ← 1048576",
        ])
        #expect(second.directories.count == 1)
    }

    @Test func onCgroup2AParentHoldingProcessesOrLackingControllersIsRefusedWithTheReason() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fake = try FakeCgroup2(root: temp.file("cgroup"))
        try fake.group("user.slice", enabled: "cpu memory pids")
        // Our own group holds processes (this dojo eval, a shell): the kernel refuses +cpu there.
        let busy = try fake.group("user.slice/session.scope", processes: "100\n200")
        var location = EvalCgroup.Location(root: fake.root, selfCgroup: try selfCgroup(temp, "0::/user.slice/session.scope"))
        let refused = EvalCgroup.make(name: "dojo-eval-x", cpus: 1, memoryMB: 64, at: location, files: fake.files)
        guard case .failure(let problem) = refused else { Issue.record("made a group under a parent with processes"); return }
        #expect(problem.message.contains("cannot enable the cpu controller for groups inside \(busy.path): it holds processes"), "\(problem.message)")
        #expect(problem.message.contains("Delegate=yes"))
        #expect(!FileManager.default.fileExists(atPath: busy.appendingPathComponent("dojo-eval-x").path))

        // A group the memory controller was not delegated to.
        try fake.group("other.slice", enabled: "cpu")
        try fake.group("other.slice/eval.scope")
        location.selfCgroup = try selfCgroup(temp, "0::/other.slice/eval.scope")
        let probe = EvalCgroup.probe(at: location, files: fake.files)
        #expect(probe.version == nil)
        #expect(probe.problem?.contains("the memory controller is not available in") == true, "\(probe.problem ?? "")")
    }

    /// The real cgroup2 mount of a hybrid machine (this one: cgroup v1, with a unified hierarchy that
    /// has no cpu or memory controller, only hugetlb), read only: v2 is refused, saying why.
    @Test func theRealUnifiedHierarchyOfAHybridMachineIsRefusedWithoutWritingAnything() throws {
        let unified = URL(fileURLWithPath: "/sys/fs/cgroup/unified")
        guard let text = try? String(contentsOf: unified.appendingPathComponent("cgroup.controllers"), encoding: .utf8) else { return }
        let controllers = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !controllers.contains("cpu"), !controllers.contains("memory") else { return }
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let probe = EvalCgroup.probe(at: .init(root: unified, selfCgroup: try selfCgroup(temp, "0::/")))
        #expect(probe.version == nil)
        let listed = controllers.isEmpty ? "none" : controllers.joined(separator: " ")
        #expect(probe.problem == "the cpu and memory controllers are not available in /sys/fs/cgroup/unified (cgroup.controllers: \(listed)): "
                + "bound to a cgroup v1 hierarchy, or not delegated to this group", "\(probe.problem ?? "")")
    }

    /// A v1 layout whose control files cannot be written (a plain folder standing in for a cgroupfs
    /// that refuses the writes): the reason names the file, and nothing is left behind.
    @Test func onCgroup1AFileThatCannotBeWrittenIsTheReasonAndTheGroupsAreUndone() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let root = temp.file("cgroup")
        for controller in ["cpu", "memory"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(controller), withIntermediateDirectories: true)
            try Data().write(to: root.appendingPathComponent("\(controller)/cgroup.procs"))
        }
        let probe = EvalCgroup.probe(at: .init(root: root, selfCgroup: try selfCgroup(temp, "4:memory:/")))
        #expect(probe.version == nil)
        #expect(probe.problem?.hasPrefix("cannot write 100000 to \(root.path)/cpu/dojo-eval-probe-") == true, "\(probe.problem ?? "")")
        #expect(probe.problem?.hasSuffix("/cpu.cfs_period_us: No such file or directory") == true, "\(probe.problem ?? "")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("cpu").path) == ["cgroup.procs"])
        let missing = EvalCgroup.probe(at: .init(root: temp.file("nothing"), selfCgroup: try selfCgroup(temp, "0::/")))
        #expect(missing.problem?.hasPrefix("no cgroup file system at") == true)
    }
}
