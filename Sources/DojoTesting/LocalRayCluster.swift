import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real two-node Ray cluster on this machine for tests: a head (`ray start --head`) and a second
/// worker node (`ray start --address`), one CPU each, with their own temporary folder and ports. Each
/// `ray start --block` runs in its own session, so `stop()` ends every process of the cluster by its
/// process group (never `ray stop`, which would end any Ray on the machine).
public final class LocalRayCluster: Sendable {
    public let address: String
    public let folder: URL
    public let head: Int32
    public let worker: Int32

    /// Starts the head and the worker with `python` (the Ray environment's) and `environment` (what the
    /// episodes on the nodes see: `dojo run` inherits it), and waits until both have joined.
    public init(python: URL, environment: [String: String], timeout: Double = 300) throws {
        let pid = Int(getpid())
        // Above Ray's worker port range (10002-19999); random, so two clusters of one test process differ.
        let port = Int.random(in: 30000...59000)
        address = "127.0.0.1:\(port)"
        // Short: Ray's socket paths under it must fit in 107 bytes.
        folder = URL(fileURLWithPath: "/tmp/dojo-ray-\(pid)-\(UInt16.random(in: 0...UInt16.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var variables = environment
        variables["RAY_USAGE_STATS_ENABLED"] = "0"
        // The episodes' temporary folders (a killed worker leaves its one behind) go where stop() cleans.
        let scratch = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        variables["TMPDIR"] = scratch.path
        let common = ["--num-cpus", "1", "--disable-usage-stats", "--block"]
        head = try Self.spawn(python: python, arguments: [
            "--head", "--port", String(port), "--temp-dir", folder.appendingPathComponent("t").path, "--include-dashboard=false",
            "--dashboard-agent-listen-port", String(port + 1)] + common,
            environment: variables, log: folder.appendingPathComponent("head.log"))
        do {
            try Self.waitForStart(log: folder.appendingPathComponent("head.log"), pid: head, timeout: timeout)
            worker = try Self.spawn(python: python, arguments: [
                "--address", address, "--dashboard-agent-listen-port", String(port + 2)] + common,
                environment: variables, log: folder.appendingPathComponent("worker.log"))
        } catch {
            Self.killGroup(head)
            throw error
        }
        do {
            try Self.waitForStart(log: folder.appendingPathComponent("worker.log"), pid: worker, timeout: timeout)
        } catch {
            stop()
            throw error
        }
    }

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The Ray worker processes now running an episode (`ray::run_episode`) on the worker node.
    public func episodeWorkersOnWorkerNode() -> [Int32] {
        Self.descendants(of: worker).filter { Self.commandLine($0).hasPrefix("ray::run_episode") }
    }

    /// Ends every process of both nodes: the raylets and the head's services (the process groups of
    /// the two `ray start`), and the Ray workers, which have process groups of their own (found as
    /// descendants of the two, before anything is killed).
    public func stop() {
        let all = Self.descendants(of: worker) + Self.descendants(of: head)
        Self.killGroup(worker)
        Self.killGroup(head)
        for pid in all { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    static func killGroup(_ leader: Int32) {
        kill(-leader, SIGKILL)
        var status: Int32 = 0
        waitpid(leader, &status, 0)
    }

    static func commandLine(_ pid: Int32) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every process below `root` in the process tree (by the parent pid in /proc/PID/stat).
    static func descendants(of root: Int32) -> [Int32] {
        var children: [Int32: [Int32]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (name) ": the state, then the parent pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { continue }
            children[parent, default: []].append(pid)
        }
        var result: [Int32] = []
        var queue = children[root] ?? []
        while let next = queue.popLast() {
            result.append(next)
            queue += children[next] ?? []
        }
        return result
    }

    /// Starts `ray start ARGUMENTS` as the leader of a new session and returns its pid (= its process group).
    static func spawn(python: URL, arguments: [String], environment: [String: String], log: URL) throws -> Int32 {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        // setsid: the node's processes get a session and process group of their own. When Foundation
        // already made the child a group leader, setsid forks and (with --wait) stays as its parent.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--wait", python.path, "-m", "ray.scripts.scripts", "start"] + arguments
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let spawned = process.processIdentifier
        for _ in 0..<600 {
            if getsid(spawned) == spawned { return spawned }
            if let leader = descendants(of: spawned).first(where: { getsid($0) == $0 }) { return leader }
            usleep(50_000)
        }
        kill(spawned, SIGKILL)
        throw StartError(description: "ray start did not start in a session of its own")
    }

    static func waitForStart(log: URL, pid: Int32, timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if text.contains("Ray runtime started") { return }
            if kill(pid, 0) != 0 || text.contains("Traceback") {
                throw StartError(description: "ray start failed:\n\(text.suffix(3000))")
            }
            usleep(200_000)
        }
        throw StartError(description: "ray start did not finish within \(Int(timeout)) s: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")")
    }
}
