import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs each episode on this machine as a child `dojo run` (its own sandbox, its own agent), inside
/// an `EvalCgroup` holding its share of the CPUs and memory when `share` is set and cgroups are writable.
public struct LocalEpisodeBackend: EpisodeBackend {
    public var kind: String { "local" }
    /// The `dojo` executable, and options added after the episode's `dojo run` arguments (`--tasks`, `--cache`).
    public var executable: URL
    public var extraArguments: [String]
    public var environment: [String: String]
    /// Each episode's share of the machine; nil: no cgroup.
    public var share: EpisodeSpec.Resources?
    /// Seconds a stopped `dojo run` gets to end its episode cleanly after SIGTERM before everything is killed.
    public var stopGrace: Double
    /// Where the cgroup file system is (`dojo eval --cgroup-root`; /sys/fs/cgroup by default).
    public var cgroups: EvalCgroup.Location

    public init(executable: URL, extraArguments: [String], environment: [String: String], share: EpisodeSpec.Resources?,
                stopGrace: Double = 20, cgroups: EvalCgroup.Location = EvalCgroup.Location()) {
        self.cgroups = cgroups
        self.executable = executable
        self.extraArguments = extraArguments
        self.environment = environment
        self.share = share
        self.stopGrace = stopGrace
    }

    public func run(_ spec: EpisodeSpec, files: EpisodeFiles,
                    started: @escaping @Sendable (_ host: String, _ pid: Int32?) -> Void) async throws -> EpisodeOutcome {
        try RunDirectory.makeDirectory(files.directory)
        let cgroup = share.flatMap { share in
            EvalCgroup.create(name: "dojo-eval-\(ProcessIdentity.current)-\(spec.key.agent)-\(spec.key.task)-\(spec.key.seed)",
                              cpus: share.cpus, memoryMB: share.memoryMB, at: cgroups)
        }
        defer { cgroup?.remove() }
        let logFD = open(files.runLog.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard logFD >= 0 else { throw DojoError(.io, "cannot open the episode's log", at: files.runLog.path) }
        let arguments = [executable.path] + spec.runArguments(trajectory: files.trajectory.path, agentLog: files.agentLog.path)
            + extraArguments
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let variables: [String] = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        let procs: [UnsafePointer<CChar>?] = (cgroup?.procsFiles ?? []).map { path -> UnsafePointer<CChar>? in
            strdup(path).map { UnsafePointer($0) }
        }
        let pid = procs.withUnsafeBufferPointer { buffer in
            dojo_spawn_sandbox(executable.path, argv, envp, nil, logFD, logFD, -1, -1, buffer.baseAddress, Int32(buffer.count))
        }
        for pointer in argv + envp { free(pointer) }
        for pointer in procs { free(UnsafeMutablePointer(mutating: pointer)) }
        close(logFD)
        guard pid > 0 else {
            throw DojoError(.process, "cannot start dojo run: \(String(cString: strerror(-pid)))", at: executable.path)
        }
        let host = ProcessInfo.processInfo.hostName
        started(host, pid)
        var status: Int32 = 0
        var stoppedAt: ContinuousClock.Instant?
        var killed = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid || (done < 0 && errno == ECHILD) { break }
            if Task.isCancelled {
                if stoppedAt == nil {
                    stoppedAt = .now
                    kill(pid, SIGTERM)
                } else if !killed, let stoppedAt, ContinuousClock.now - stoppedAt > .milliseconds(Int64(stopGrace * 1000)) {
                    killed = true
                    kill(-pid, SIGKILL)
                    kill(pid, SIGKILL)
                    cgroup?.remove()
                }
            }
            await Self.pause(milliseconds: 100)
        }
        let exited = dojo_wifexited(status) != 0
        let code: Int32? = exited ? dojo_wexitstatus(status) : nil
        let signal: Int32? = dojo_wifsignaled(status) != 0 ? dojo_wtermsig(status) : nil
        return EpisodeOutcome(exitCode: code, signal: signal, interrupted: stoppedAt != nil, host: host,
                              message: Self.lastError(in: files.runLog))
    }

    /// Waits without throwing when the task is cancelled (the loop must go on until the child is gone).
    static func pause(milliseconds: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { continuation.resume() }
        }
    }

    /// The last `dojo: error:` line (or the last line) `dojo run` printed.
    static func lastError(in log: URL) -> String? {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").map(String.init)
        return lines.last { $0.contains("error") } ?? lines.last
    }
}
