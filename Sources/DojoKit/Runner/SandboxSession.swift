import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One episode's bubblewrap sandbox: a warm interpreter inside it, its control groups, and the loop
/// that runs one step, streams its output, enforces the limits and leaves no process of the step behind.
/// Used by one caller at a time (the runner's lock hands it out); `end` may come from any thread.
final class SandboxSession: @unchecked Sendable {
    /// Where the workspace and the step scripts appear inside the sandbox.
    static let workspaceMount = "/workspace"
    static let codeMount = "/dojo/code"
    static let libMount = "/dojo/lib"
    /// In the runtime folder: what is mounted over hidden data folders and files.
    static let emptyFolder = "empty"
    static let emptyFile = "empty-file"

    let workspace: Workspace
    let configuration: SandboxConfiguration
    private let lock = NSLock()
    private var bwrapPid: pid_t = 0
    private var control: Int32 = -1
    private var log: Int32 = -1
    private var logText: [UInt8] = []
    private var cgroup: EpisodeCgroup?
    /// The sandbox's own processes (host pids of bwrap, its pid 1 and the warm interpreter): the only
    /// ones the episode's cgroup may hold between steps.
    private var ownProcesses = Set<pid_t>()
    /// The episode's size-limited tmpfs, or nil where it cannot be mounted (disk use is then polled).
    private(set) var volume: EpisodeVolume?
    private var pendingControl: [UInt8] = []
    private(set) var alive = false
    /// The warm interpreter said `WARM`: its imports are done.
    private(set) var warm = false

    init(workspace: Workspace, configuration: SandboxConfiguration) {
        self.workspace = workspace
        self.configuration = configuration
    }

    var runtimeDirectory: URL { workspace.episodeDirectory.appendingPathComponent("sandbox") }

    // MARK: - Starting

    /// Starts bwrap with the warm interpreter and waits until it has imported its modules; false when
    /// cancelled meanwhile (the sandbox is then gone again).
    func start(cancellation: Cancellation?) throws(DojoError) -> Bool {
        let manager = FileManager.default
        try manager.createDirectoryIfNeeded(runtimeDirectory)
        try manager.createDirectoryIfNeeded(workspace.scriptsDirectory)
        do {
            try ForkServerScript.source.write(to: runtimeDirectory.appendingPathComponent(ForkServerScript.fileName),
                                              atomically: true, encoding: .utf8)
            try "dojo:x:1000:1000:dojo:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/:/usr/sbin/nologin\n"
                .write(to: runtimeDirectory.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
            try "dojo:x:1000:\nnogroup:x:65534:\n".write(to: runtimeDirectory.appendingPathComponent("group"), atomically: true, encoding: .utf8)
            try manager.createDirectoryIfNeeded(runtimeDirectory.appendingPathComponent(Self.emptyFolder))
            try Data().write(to: runtimeDirectory.appendingPathComponent(Self.emptyFile))
        } catch {
            throw DojoError(.io, "cannot write the sandbox's files: \(error.localizedDescription)", at: runtimeDirectory.path)
        }
        guard let bwrap = SystemProcessRunner.resolve(configuration.bwrap, environment: [:]) else {
            throw Self.bwrapMissing(configuration.bwrap)
        }
        let limits = configuration.limits
        volume = configuration.useVolume ? EpisodeVolume.mount(for: workspace, sizeMB: limits.diskMB) : nil
        // Named after this process (pid and start time), so a later run can remove it if this one is killed.
        cgroup = EpisodeCgroup.create(name: StaleEpisodes.cgroupName(),
                                      memoryMB: limits.memoryMB, maxProcesses: limits.maxProcesses,
                                      root: configuration.cgroupRoot, selfCgroup: configuration.selfCgroup)
        var pair: [Int32] = [0, 0]
        var logPipe: [Int32] = [0, 0]
        guard dojo_socketpair(&pair) == 0, dojo_pipe(&logPipe) == 0 else {
            throw DojoError(.sandbox, "cannot create the sandbox's control channel: \(String(cString: strerror(errno)))")
        }
        let argv = [bwrap] + bwrapArguments() + [configuration.python.path, "-u", "-B", "-s",
                                                  "\(Self.libMount)/\(ForkServerScript.fileName)"]
        let argvPointers = argv.map { strdup($0) } + [nil]
        let envPointers: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), nil]
        let seccomp = dojo_seccomp_fd()
        defer { if seccomp >= 0 { close(seccomp) } }
        guard seccomp >= 0 else {
            close(pair[0]); close(pair[1]); close(logPipe[0]); close(logPipe[1])
            cgroup?.remove()
            throw DojoError(.sandbox, "cannot build the sandbox's seccomp filter: \(String(cString: strerror(-seccomp)))")
        }
        let procs = cgroup?.procsFiles ?? []
        let procsPointers = procs.map { UnsafePointer(strdup($0)) }
        let pid = procsPointers.withUnsafeBufferPointer { procsBuffer in
            dojo_spawn_sandbox(bwrap, argvPointers, envPointers, workspace.episodeDirectory.path,
                               logPipe[1], logPipe[1], pair[1], seccomp, procsBuffer.baseAddress, Int32(procs.count))
        }
        for pointer in argvPointers + envPointers { free(pointer) }
        for pointer in procsPointers { free(UnsafeMutablePointer(mutating: pointer)) }
        close(pair[1])
        close(logPipe[1])
        guard pid > 0 else {
            close(pair[0])
            close(logPipe[0])
            cgroup?.remove()
            throw DojoError(.sandbox, "cannot start bwrap: \(String(cString: strerror(-pid)))", at: bwrap,
                            hint: Self.installHint)
        }
        bwrapPid = pid
        control = pair[0]
        log = logPipe[0]
        alive = true
        let flags = fcntl(control, F_GETFL)
        _ = fcntl(control, F_SETFL, flags | O_NONBLOCK)

        let deadline = ContinuousClock.now + .milliseconds(Int64(configuration.startupTimeout * 1000))
        while true {
            if let line = readControlLine(waitMs: 50) {
                if line.hasPrefix("READY") {
                    findOwnProcesses(serverNamespacePid: pid_t(line.split(separator: " ").last ?? "") ?? 2)
                    return true
                }
                continue
            }
            drainLog()
            if !alive || ContinuousClock.now >= deadline || cancellation?.isCancelled == true {
                let cancelled = cancellation?.isCancelled == true
                let timedOut = alive && !cancelled
                kill9()
                drainLog()
                if cancelled {
                    end()
                    return false
                }
                throw Self.startFailure(log: String(decoding: logText, as: UTF8.self), timedOut: timedOut,
                                        seconds: configuration.startupTimeout)
            }
        }
    }

    /// bwrap, bwrap's pid 1 in the sandbox's PID namespace and the warm interpreter (whose pid there it
    /// reported): the processes of the cgroup that outlive steps.
    private func findOwnProcesses(serverNamespacePid: pid_t) {
        ownProcesses = [bwrapPid]
        guard let cgroup else { return }
        for tid in cgroup.threads() {
            let group = EpisodeCgroup.threadGroup(of: tid) ?? tid
            guard group != bwrapPid, let ns = EpisodeCgroup.namespacePid(of: group) else { continue }
            if ns.levels > 1 && (ns.pid == 1 || ns.pid == serverNamespacePid) { ownProcesses.insert(group) }
        }
    }

    /// bwrap's options: a read-only system, the workspace of docs/sandbox.md ("What the code sees") and nothing else of the host.
    func bwrapArguments() -> [String] {
        // The seccomp filter dojo_spawn_sandbox put at descriptor 4 (docs/sandbox.md lists what it denies).
        var args = BubblewrapBase.arguments(seccompDescriptor: 4,
                                            extraFiles: ["/etc/fonts", "/etc/mime.types", "/etc/nsswitch.conf"])
        args += ["--ro-bind", runtimeDirectory.appendingPathComponent("passwd").path, "/etc/passwd",
                 "--ro-bind", runtimeDirectory.appendingPathComponent("group").path, "/etc/group",
                 "--proc", "/proc", "--dev", "/dev",
                 // The CPU topology only: joblib (lightgbm, scikit-learn) reads it through lscpu and warned on every step without it.
                 "--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]
        if let volume {
            // /tmp and /dev/shm on the episode's volume: they count against disk_mb and persist across steps.
            args += ["--bind", volume.tmp.path, "/tmp", "--bind", volume.shm.path, "/dev/shm"]
        } else {
            let bytes = "\(configuration.limits.diskMB * 1024 * 1024)"
            args += ["--size", bytes, "--tmpfs", "/tmp", "--size", bytes, "--tmpfs", "/dev/shm"]
        }
        for root in configuration.pythonRoots() {
            args += ["--ro-bind", root.path, root.path]
        }
        // The packaged data sets (answers included) under an empty, read-only folder or file (docs/sandbox.md).
        for hidden in configuration.hiddenPaths() {
            let empty = runtimeDirectory.appendingPathComponent(hidden.isDirectory ? Self.emptyFolder : Self.emptyFile)
            args += ["--ro-bind", empty.path, hidden.path]
        }
        args += ["--ro-bind", workspace.root.path, Self.workspaceMount,
                 "--ro-bind", workspace.input.path, "\(Self.workspaceMount)/input",
                 "--bind", workspace.working.path, "\(Self.workspaceMount)/working",
                 "--bind", workspace.submissionDirectory.path, "\(Self.workspaceMount)/submission",
                 "--ro-bind", workspace.scriptsDirectory.path, Self.codeMount,
                 "--ro-bind", runtimeDirectory.path, Self.libMount,
                 "--remount-ro", "/", "--chdir", Self.workspaceMount, "--clearenv"]
        // GPUs: the device nodes are bound in where they exist; CUDA_VISIBLE_DEVICES follows --gpus.
        let manager = FileManager.default
        let devices = (try? manager.contentsOfDirectory(atPath: "/dev")) ?? []
        let nvidia = devices.filter { $0.hasPrefix("nvidia") }.sorted()
        if configuration.gpus != "" {
            for device in nvidia { args += ["--dev-bind", "/dev/\(device)", "/dev/\(device)"] }
        }
        let venvBin = configuration.python.deletingLastPathComponent().path
        var environment = [
            "PATH": "\(venvBin):/usr/local/bin:/usr/bin:/bin",
            "HOME": "/tmp",
            "TMPDIR": "/tmp",
            "USER": "dojo",
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLBACKEND": "Agg",
            "DOJO_PRELOAD": configuration.preload.joined(separator: ","),
        ]
        if !nvidia.isEmpty, let gpus = configuration.gpus { environment["CUDA_VISIBLE_DEVICES"] = gpus }
        // Threads count against max_processes (the pids controller counts tasks): BLAS and OpenMP pools
        // get at most 16 threads, so a many-core host does not spend the process limit on idle threads.
        let threads = "\(max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16)))"
        for key in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[key] = threads }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { args += ["--setenv", key, value] }
        return args
    }

    // MARK: - Running a step

    enum StopReason { case timeout, cancelled, disk, output }

    func run(_ request: CodeRunRequest, scriptName: String) throws(DojoError) -> ProcessOutcome {
        let limits = configuration.limits
        let oomBefore = cgroup?.oomKills() ?? 0
        let pidsBefore = cgroup?.processLimitHits() ?? 0
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard dojo_pipe(&outPipe) == 0, dojo_pipe(&errPipe) == 0 else {
            throw DojoError(.process, "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        var rlimits: [String: Int] = ["RLIMIT_FSIZE": limits.maxFileMB * 1024 * 1024, "RLIMIT_CORE": 0]
        if cgroup?.memoryDirectory == nil { rlimits["RLIMIT_AS_EXTRA"] = limits.memoryMB * 1024 * 1024 }
        if cgroup?.pidsDirectory == nil { rlimits["RLIMIT_NPROC"] = limits.maxProcesses }
        let message: [String: Any] = ["script": "\(Self.codeMount)/\(scriptName)", "cwd": Self.workspaceMount, "rlimits": rlimits]
        let json = (try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])) ?? Data("{}".utf8)
        let line = Array("RUN ".utf8) + Array(json) + [0x0A]
        let start = ContinuousClock.now
        let fds = [outPipe[1], errPipe[1]]
        let sent = line.withUnsafeBytes { bytes in dojo_send_fds(control, bytes.baseAddress, UInt(bytes.count), fds, 2) }
        close(outPipe[1])
        close(errPipe[1])
        guard sent == line.count else {
            close(outPipe[0])
            close(errPipe[0])
            kill9()
            throw DojoError(.sandbox, "the sandbox's warm interpreter stopped answering", hint: "run the step again; a new sandbox starts")
        }

        var pipes = OutputPipes(stdout: outPipe[0], stderr: errPipe[0], cap: request.outputCap)
        var exit: (code: Int32?, signal: Int32?)?
        var stop: StopReason?
        var killSentAt: ContinuousClock.Instant?
        var drainDeadline: ContinuousClock.Instant?
        var nextDiskCheck = start + .milliseconds(Int64(configuration.diskPollInterval * 1000))
        let stepTime = Duration.milliseconds(Int64(request.timeout * 1000))
        // The step's clock starts when the server forks it: a step sent while the warm interpreter is
        // still importing waits for the import without losing its time (at most the startup timeout).
        var startedAt: ContinuousClock.Instant?
        var deadline = start + .milliseconds(Int64(configuration.startupTimeout * 1000)) + stepTime
        let outputLimit = limits.outputMB * 1024 * 1024
        let diskLimit = Int64(limits.diskMB) * 1024 * 1024
        var sandboxDied = false

        func requestStop(_ reason: StopReason) {
            guard stop == nil, exit == nil else { return }
            stop = reason
            killSentAt = .now
            let kill = Array("KILL\n".utf8)
            _ = kill.withUnsafeBytes { dojo_send_fds(control, $0.baseAddress, UInt($0.count), nil, 0) }
        }

        while true {
            var pollFds = pipes.pollDescriptors
            if exit == nil && alive { pollFds.append(pollfd(fd: control, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&pollFds, nfds_t(pollFds.count), exit == nil ? 50 : 20)
            pipes.read(ready: pollFds.map(\.revents), onOutput: request.onOutput)
            drainLog()
            if pipes.stdout.totalBytes + pipes.stderr.totalBytes > outputLimit { requestStop(.output) }

            if exit == nil {
                // Control lines: STARTED <pid>, EXIT <code|-> <signal|->.
                while alive, let text = readControlLine(waitMs: 0) {
                    let parts = text.split(separator: " ")
                    if parts.first == "STARTED", startedAt == nil {
                        startedAt = .now
                        deadline = .now + stepTime
                    }
                    if parts.first == "EXIT", parts.count == 3 {
                        exit = (Int32(parts[1]), Int32(parts[2]))
                        drainDeadline = .now + .milliseconds(300)
                        // The server swept the sandbox; the cgroup decides: everything but the
                        // sandbox's own processes is killed until nothing else is left.
                        if let cgroup, cgroup.killAll(except: ownProcesses) == nil {
                            kill9()
                            sandboxDied = true
                        }
                    }
                }
                if exit == nil && !alive {
                    // The warm interpreter died (killed by the step, or by the kernel for memory).
                    sandboxDied = true
                    kill9()
                    exit = (nil, SIGKILL)
                    drainDeadline = .now + .milliseconds(300)
                }
            }
            if exit == nil {
                let now = ContinuousClock.now
                if request.cancellation?.isCancelled == true { requestStop(.cancelled) }
                if now >= deadline { requestStop(.timeout) }
                if volume == nil && now >= nextDiskCheck {
                    nextDiskCheck = now + .milliseconds(Int64(configuration.diskPollInterval * 1000))
                    if Self.diskUse(of: [workspace.working, workspace.submissionDirectory]) > diskLimit { requestStop(.disk) }
                }
                // The server did not confirm the kill in time: end the whole sandbox instead.
                if let killSentAt, now >= killSentAt + .milliseconds(700) {
                    kill9()
                    sandboxDied = true
                    exit = (nil, SIGKILL)
                    drainDeadline = .now + .milliseconds(200)
                }
            }
            if exit != nil && (pipes.isDrained || (drainDeadline.map { ContinuousClock.now >= $0 } ?? true)) { break }
        }
        pipes.closeAll()
        let stdout = pipes.stdout
        let stderrText = pipes.stderr.text
        var stderr = pipes.stderr
        let elapsed = ContinuousClock.now - (startedAt ?? start)
        let durationMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)

        var limitExceeded: String?
        let failed = exit?.code != 0
        switch stop {
        case .disk:
            let removed = Self.trim([workspace.working, workspace.submissionDirectory], to: diskLimit, since: start)
            limitExceeded = "disk limit \(limits.diskMB) MB exceeded (working/ and submission/ together)"
                + (removed.isEmpty ? "" : "; removed the largest files this step wrote: \(removed.joined(separator: ", "))")
        case .output:
            limitExceeded = "output limit \(limits.outputMB) MB exceeded"
        case .timeout, .cancelled, nil:
            if let volume, volume.isFull() || (failed && stderrText.contains("No space left on device")) {
                // Full: the largest files this step wrote go, so the next step can write again.
                let areas = ["working", "submission", "tmp", "shm"].map { volume.directory.appendingPathComponent($0) }
                let removed = volume.isFull() ? Self.trim(areas, to: diskLimit * 9 / 10, since: start) : []
                limitExceeded = "disk limit \(limits.diskMB) MB exceeded (working/, submission/, /tmp and /dev/shm share one "
                    + "filesystem of \(limits.diskMB) MB and \(volume.inodes) files; writes failed with \"No space left on device\")"
                    + (removed.isEmpty ? "" : "; removed the largest files this step wrote: \(removed.joined(separator: ", "))")
            } else if (cgroup?.oomKills() ?? 0) > oomBefore {
                limitExceeded = "memory limit \(limits.memoryMB) MB exceeded"
            } else if failed && cgroup?.memoryDirectory == nil && stderrText.contains("MemoryError") {
                limitExceeded = "memory limit \(limits.memoryMB) MB exceeded"
            } else if failed && (exit?.signal == SIGXFSZ || stderrText.contains("File too large")) {
                limitExceeded = "file size limit \(limits.maxFileMB) MB exceeded"
            } else if failed && (cgroup?.processLimitHits() ?? 0) > pidsBefore {
                limitExceeded = "process limit \(limits.maxProcesses) exceeded"
            }
        }
        if stop == .timeout || stop == .cancelled { limitExceeded = nil }
        if sandboxDied && limitExceeded == nil && stop == nil {
            stderr.append(Array("\n[dojo] the sandbox ended during the step (its warm interpreter was killed); the next step starts a new one.\n".utf8))
        }
        var outcome = ProcessOutcome(
            exitCode: exit?.code, signal: exit?.signal, timedOut: stop == .timeout, cancelled: stop == .cancelled,
            durationMs: durationMs, stdout: stdout, stderr: stderr)
        outcome.limitExceeded = limitExceeded
        outcome.limitsInForce = limitsDescription(timeout: request.timeout)
        if !alive { end() }
        return outcome
    }

    /// The limits in force and how each one is enforced, in plain words for the observation.
    func limitsDescription(timeout: Double) -> String {
        let limits = configuration.limits
        let memory = cgroup?.memoryEnforcement ?? "rlimit on the step's address space"
        let processes = cgroup?.processEnforcement ?? "rlimit, weak inside a user namespace"
        let ending = cgroup == nil ? "ended by the warm interpreter's sweep of the PID namespace (no writable cgroup)" : "ended through the cgroup"
        let disk = volume.map { "a tmpfs of \($0.sizeMB) MB and \($0.inodes) files for working/, submission/, /tmp and /dev/shm" }
            ?? "working/ and submission/ measured while the step runs; /tmp and /dev/shm tmpfs of that size each"
        return "time \(Feedback.formatSeconds(timeout)) (wall clock); memory \(limits.memoryMB) MB (\(memory)); "
            + "processes \(limits.maxProcesses) (\(processes); a step's processes \(ending)); file size \(limits.maxFileMB) MB (rlimit); "
            + "disk \(limits.diskMB) MB (\(disk)); output \(limits.outputMB) MB; no network; seccomp filter"
    }

    // MARK: - Ending

    /// Ends the sandbox: the warm interpreter, every process in it, its control groups.
    func end() {
        lock.lock()
        defer { lock.unlock() }
        if control >= 0 {
            close(control)
            control = -1
        }
        kill9()
        if log >= 0 {
            close(log)
            log = -1
        }
        cgroup?.remove()
        cgroup = nil
        try? FileManager.default.removeItem(at: runtimeDirectory)
    }

    /// Kills bwrap (its pid-1 child dies with it, and with that every process of its PID namespace),
    /// then everything still in the control groups.
    private func kill9() {
        alive = false
        if bwrapPid > 0 {
            kill(bwrapPid, SIGKILL)
            var status: Int32 = 0
            waitpid(bwrapPid, &status, 0)
            bwrapPid = 0
        }
        cgroup?.killAll()
    }

    // MARK: - Helpers

    /// One line from the control socket, or nil when none is complete within `waitMs`; marks the
    /// session dead at end of file.
    private func readControlLine(waitMs: Int32) -> String? {
        if let line = takeLine() { return line }
        guard control >= 0, alive else { return nil }
        var fds = [pollfd(fd: control, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, waitMs)
        guard fds[0].revents != 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(control, $0.baseAddress, $0.count) }
        if count > 0 {
            pendingControl.append(contentsOf: buffer[0..<count])
            return takeLine()
        }
        if count == 0 || (errno != EAGAIN && errno != EINTR) { alive = false }
        return nil
    }

    private func takeLine() -> String? {
        guard let newline = pendingControl.firstIndex(of: 0x0A) else { return nil }
        let line = String(decoding: pendingControl[..<newline], as: UTF8.self)
        pendingControl.removeSubrange(...newline)
        if line == "WARM" { warm = true }
        return line
    }

    // MARK: - Warming up

    /// Waits until the warm interpreter has imported its modules (its `WARM` line): true when it has,
    /// false when cancelled or still importing after the startup timeout (a step then waits for the
    /// rest). Throws when the sandbox died meanwhile.
    func waitUntilWarm(cancellation: Cancellation?) throws(DojoError) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(configuration.startupTimeout * 1000))
        while !warm {
            _ = readControlLine(waitMs: 50)
            drainLog()
            if warm { break }
            if !alive {
                kill9()
                throw Self.startFailure(log: String(decoding: logText, as: UTF8.self), timedOut: false, seconds: configuration.startupTimeout)
            }
            if cancellation?.isCancelled == true || ContinuousClock.now >= deadline { return false }
        }
        return true
    }

    private func drainLog() {
        guard log >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(log, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            if logText.count < 16384 { logText.append(contentsOf: buffer[0..<count]) }
        }
    }

    /// Bytes allocated on disk under the folders (hard links counted once).
    static func diskUse(of folders: [URL]) -> Int64 {
        var total: Int64 = 0
        var seen = Set<UInt64>()
        for folder in folders {
            walk(folder) { _, info in
                if seen.insert(UInt64(info.st_ino)).inserted { total += Int64(info.st_blocks) * 512 }
            }
        }
        return total
    }

    /// Removes the largest files modified since `since` until the folders are under `limit`; returns their names.
    static func trim(_ folders: [URL], to limit: Int64, since: ContinuousClock.Instant) -> [String] {
        let stepStarted = Date().timeIntervalSince1970 - Double((ContinuousClock.now - since).components.seconds) - 1
        var candidates: [(path: String, size: Int64)] = []
        for folder in folders {
            walk(folder) { path, info in
                if Double(info.st_mtim.tv_sec) >= stepStarted && (info.st_mode & S_IFMT) == S_IFREG {
                    candidates.append((path, Int64(info.st_blocks) * 512))
                }
            }
        }
        var use = diskUse(of: folders)
        var removed: [String] = []
        for candidate in candidates.sorted(by: { $0.size > $1.size }) where use > limit {
            if let folder = folders.first(where: { candidate.path.hasPrefix($0.path + "/") }),
               dojo_unlink_beneath(folder.path, String(candidate.path.dropFirst(folder.path.count + 1))) == 0 {
                use -= candidate.size
                let root = folders.first { candidate.path.hasPrefix($0.path) }?.deletingLastPathComponent().path ?? ""
                removed.append(String(candidate.path.dropFirst(root.count + 1)))
            }
        }
        return removed
    }

    private static func walk(_ folder: URL, _ visit: (String, stat) -> Void) {
        var stack = [folder.path]
        var count = 0
        while let path = stack.popLast(), count < 200_000 {
            count += 1
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                guard let dir = opendir(path) else { continue }
                while let entry = readdir(dir) {
                    let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                    if name != "." && name != ".." { stack.append(path + "/" + name) }
                }
                closedir(dir)
            } else {
                visit(path, info)
            }
        }
    }

    static let installHint = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap), or run without isolation with --sandbox none"

    static func bwrapMissing(_ program: String) -> DojoError {
        DojoError(.sandbox, "cannot find `\(program)` (bubblewrap), which isolates the task code", hint: installHint)
    }

    static func startFailure(log: String, timedOut: Bool, seconds: Double) -> DojoError {
        let text = log.trimmingCharacters(in: .whitespacesAndNewlines)
        if timedOut {
            return DojoError(.sandbox, "the sandbox's Python did not start within \(Int(seconds)) s\(text.isEmpty ? "" : ": \(text)")",
                             hint: "check the machine's load and the Python environment (dojo setup)")
        }
        let namespaces = ["namespace", "uid map", "Operation not permitted", "Permission denied", "setting up"]
        if namespaces.contains(where: { text.contains($0) }) {
            return DojoError(.sandbox, "bubblewrap cannot create the sandbox's namespaces: \(text)",
                             hint: "allow unprivileged user namespaces (sysctl -w kernel.unprivileged_userns_clone=1 on Debian; "
                                + "kernel.apparmor_restrict_unprivileged_userns=0 on Ubuntu 24.04), or in a container allow "
                                + "clone(CLONE_NEWUSER) (e.g. --security-opt seccomp=unconfined); or run with --sandbox none")
        }
        return DojoError(.sandbox, "the sandbox ended before its Python was ready\(text.isEmpty ? "" : ": \(text)")",
                         hint: "run `dojo setup` to check the Python environment; or run with --sandbox none")
    }
}
