import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A task's Python metric in a warm grading interpreter: one sandboxed Python per episode (per grader)
/// that imports pandas, scikit-learn and metric.py (with an imported competition's anchor modules) once,
/// then forks a fresh child for every grade. `PythonMetric` starts a new sandbox and interpreter per grade
/// (about 2 s, most of it imports); here a grade costs a fork and the metric itself.
///
/// Isolation is the cold path's (docs/sandbox.md): the interpreter runs in a `ToolSandbox` of its own that
/// sees the task folder, the answers and an inbox of submission copies, read-only; the agent's sandbox never
/// sees any of them, nor this process (another PID namespace). The host feeds it a private copy of each
/// submission. Each grade's child gets the task's grading limits (`RLIMIT_AS`, `RLIMIT_CPU`) and has its
/// stdout and stderr on /dev/null; after it ends, every other process of the sandbox is killed. A grade
/// that outlasts the metric's timeout kills the sandbox; a sandbox that died (a crash, a kill) is started
/// again at the next grade.
public final class WarmPythonMetric: @unchecked Sendable {
    public let metric: PythonMetric
    public let answers: URL
    public let idColumn: String
    /// The task's grading limits for each grade's child (0: none).
    public let memoryMB: Int
    public let cpuSeconds: Int

    private let lock = NSLock()
    private var server: Server?
    /// The host folder of the script, the log and the inbox (while an interpreter has been started).
    private(set) var folder: URL?
    private var counter = 0
    private var startCount = 0

    /// The running interpreter: bwrap's pid (a session leader), the pipes and what was read but not used.
    private struct Server {
        var pid: pid_t
        var input: Int32
        var output: Int32
        var pending: [UInt8] = []
    }

    /// Where the inbox appears inside the sandbox.
    static let inboxMount = "/dojo/grading/in"

    public init(metric: PythonMetric, answers: URL, idColumn: String, memoryMB: Int = 0, cpuSeconds: Int = 0) {
        self.metric = metric
        self.answers = answers
        self.idColumn = idColumn
        self.memoryMB = memoryMB
        self.cpuSeconds = cpuSeconds
    }

    deinit { stopLocked() }

    /// How many times an interpreter was started (the first grade starts one; a crash or a timeout another).
    public var starts: Int {
        lock.lock()
        defer { lock.unlock() }
        return startCount
    }

    /// The interpreter's process (bwrap's pid), when one is running.
    public var processID: pid_t? {
        lock.lock()
        defer { lock.unlock() }
        return server?.pid
    }

    /// Ends the interpreter and removes its folder (the end of the episode). A later grade starts afresh.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        stopLocked()
    }

    private func stopLocked() {
        kill()
        if let folder { try? FileManager.default.removeItem(at: folder) }
        folder = nil
    }

    static let server = PythonMetric.scoring + #"""

    import json, os, resource, traceback
    path, answers, id_column, mode, memory_mb, cpu_s, sweep = sys.argv[1:8]
    round5, memory, cpu = mode == "round5", int(memory_mb) * 1024 * 1024, int(cpu_s)
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever metric.py prints at import goes to the log, never into the answers

    def describe(error):
        if isinstance(error, SystemExit):
            return str(error.code) if isinstance(error.code, str) else f"exit code {error.code}"
        return traceback.format_exception_only(type(error), error)[-1].strip()

    metric_class, load_error = None, None
    try:
        import numpy, pandas
        metric_class = dojo_load_metric(path)
    except BaseException as error:
        load_error = describe(error)
    if metric_class is not None:
        # What every grade would import again in its child, imported once: the metric's own warm_up()
        # (an imported competition's anchor modules), and scikit-learn's metrics. A failure here shows in the grade.
        try:
            import sklearn.metrics
        except BaseException:
            pass
        if callable(getattr(metric_class, "warm_up", None)):
            try:
                metric_class().warm_up()
            except BaseException:
                traceback.print_exc()

    def others():
        me = os.getpid()
        return [int(n) for n in os.listdir("/proc") if n.isdigit() and int(n) not in (1, me)]

    for request in sys.stdin:
        submission = request.rstrip("\n")
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            line = "DOJO_FAILED " + json.dumps("the grade did not run")
            try:
                os.close(read_end)
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                if memory > 0:
                    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
                if cpu > 0:
                    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
                if load_error is not None:
                    raise SystemExit(load_error)
                line = dojo_score(metric_class, answers, submission, id_column, round5)
            except BaseException as error:
                line = "DOJO_FAILED " + json.dumps(describe(error))
            finally:
                os.write(write_end, line.encode("utf-8", "replace")[:60000])
                os._exit(0)
        os.close(write_end)
        _, status = os.waitpid(pid, 0)
        os.set_blocking(read_end, False)
        try:
            answer = os.read(read_end, 65536).decode("utf-8", "replace")
        except BlockingIOError:
            answer = ""
        os.close(read_end)
        if sweep == "sweep":
            # Nothing a grade started outlives it (the sandbox's own PID namespace: only bwrap and this are left).
            for _ in range(3):
                leftover = others()
                if not leftover:
                    break
                for other in leftover:
                    try:
                        os.kill(other, 9)
                    except OSError:
                        pass
                for other in leftover:
                    try:
                        os.waitpid(other, 0)
                    except OSError:
                        pass
        if not answer.startswith(("DOJO_METRIC ", "DOJO_FAILED ")):
            if os.WIFSIGNALED(status):
                answer = f"DOJO_CRASHED signal {os.WTERMSIG(status)}"
            else:
                answer = f"DOJO_CRASHED exit {os.WEXITSTATUS(status)}"
        protocol.write(answer.replace("\n", " ") + "\n")
    """#

    /// A fresh path in the inbox (a folder only this interpreter and the host see) for a copy of a
    /// submission; `evaluate(input:)` grades it and removes it.
    public func newInput() throws(DojoError) -> URL {
        lock.lock()
        defer { lock.unlock() }
        let inbox = try ensureFolder().appendingPathComponent("in")
        counter += 1
        return inbox.appendingPathComponent("submission-\(counter).csv")
    }

    /// Copies `submission` into the inbox and grades the copy.
    public func evaluate(copying submission: URL) throws(DojoError) -> PythonMetric.Result {
        let input = try newInput()
        do { try FileManager.default.copyItem(at: submission, to: input) } catch {
            throw DojoError(.io, "cannot copy the submission for the metric: \(error.localizedDescription)", at: input.path)
        }
        return try evaluate(input: input)
    }

    /// Grades a copy written at a path from `newInput()`, then removes it.
    public func evaluate(input: URL) throws(DojoError) -> PythonMetric.Result {
        lock.lock()
        defer { lock.unlock() }
        defer { try? FileManager.default.removeItem(at: input) }
        let inside = metric.sandbox == nil ? input.path : "\(Self.inboxMount)/\(input.lastPathComponent)"
        let request = Array((inside + "\n").utf8)
        // A server found dead before the request (killed between grades) is restarted and asked again.
        if server == nil || !isAlive() {
            kill()
            try start()
        }
        if !send(request) {
            kill()
            try start()
            guard send(request) else { throw failure("the grading interpreter did not take the submission") }
        }
        let where_ = metric.file.lastPathComponent
        switch readLine(deadline: .now + .milliseconds(Int64(metric.timeout * 1000))) {
        case .line(let line):
            return try Self.interpret(line, metric: metric, cpuSeconds: cpuSeconds)
        case .timedOut:
            kill()
            throw DojoError(.grading, "the task's metric did not finish within \(Int(metric.timeout)) s", at: where_,
                            hint: "make evaluate faster or raise [metric.args] timeout_s")
        case .ended:
            let log = lastLogLine()
            kill()
            throw DojoError(.grading, "the task's grading interpreter ended while grading\(log.map { ": \($0)" } ?? ""); it is started again for the next grade",
                            at: where_, hint: "run metric.py by hand on the answers and this submission")
        }
    }

    /// The server's answer as a result or the cold path's errors.
    static func interpret(_ line: String, metric: PythonMetric, cpuSeconds: Int) throws(DojoError) -> PythonMetric.Result {
        let where_ = metric.file.lastPathComponent
        if line.hasPrefix(PythonMetric.marker) {
            guard let result = PythonMetric.parseScoreLine(line) else {
                throw DojoError(.grading, "the task's metric printed no score", at: where_,
                                hint: "evaluate(y_true, y_pred) must return a finite number")
            }
            return result
        }
        if line.hasPrefix("DOJO_FAILED ") {
            let json = Data(line.dropFirst("DOJO_FAILED ".count).utf8)
            let text = (try? JSONDecoder().decode(String.self, from: json)) ?? String(line.dropFirst("DOJO_FAILED ".count))
            throw DojoError(.grading, "the task's metric raised: \(text)", at: where_,
                            hint: "run it by hand on the answers and this submission to see the whole traceback")
        }
        let parts = line.split(separator: " ")
        if parts.count == 3, parts[1] == "signal", let signal = Int32(parts[2]) {
            if signal == SIGXCPU || (signal == SIGKILL && cpuSeconds > 0) {
                throw DojoError(.grading, "the task's metric was stopped (signal \(signal)) at its CPU-time limit of \(cpuSeconds) s or its memory limit",
                                at: where_, hint: "[limits] grading_cpu_s, grading_memory_mb")
            }
            throw DojoError(.grading, "the task's metric crashed (signal \(signal)) without a score", at: where_,
                            hint: "run it by hand on the answers and this submission")
        }
        throw DojoError(.grading, "the task's metric ended without a score (\(parts.dropFirst().joined(separator: " ")))", at: where_,
                        hint: "evaluate(y_true, y_pred) must return a finite number")
    }

    // MARK: - The process

    private func ensureFolder() throws(DojoError) -> URL {
        if let folder { return folder }
        let made = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-grading-\(UUID().uuidString.prefix(12).lowercased())")
        try FileManager.default.createDirectoryIfNeeded(made.appendingPathComponent("in"))
        // Only the host user: the copies are graded from here.
        chmod(made.path, 0o700)
        let script = made.appendingPathComponent("dojo_grading_server.py")
        do { try Self.server.write(to: script, atomically: true, encoding: .utf8) } catch {
            throw DojoError(.io, "cannot write the grading interpreter's script: \(error.localizedDescription)", at: script.path)
        }
        folder = made
        return made
    }

    private func failure(_ message: String) -> DojoError {
        DojoError(.grading, message, at: metric.file.lastPathComponent, hint: "check that bwrap and the task's Python work (`dojo doctor`)")
    }

    private func start() throws(DojoError) {
        let folder = try ensureFolder()
        let script = folder.appendingPathComponent("dojo_grading_server.py")
        let log = folder.appendingPathComponent("server.log")
        let variables = ["PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1",
                         "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"]
        let limits = [String(memoryMB), String(cpuSeconds)]
        let path: String
        var arguments: [String]
        var environment: [String: String]
        var cwd: String?
        if let sandbox = metric.sandbox {
            let files = PythonMetric.filesMount
            let spec = sandbox.spec(
                [metric.interpreter.path, "\(files)/server.py", "\(PythonMetric.taskMount)/\(metric.file.lastPathComponent)",
                 "\(files)/answers.csv", idColumn, metric.roundsLikeMLEBench ? "round5" : "plain"] + limits + ["sweep"],
                binds: [ToolSandbox.Bind(metric.file.deletingLastPathComponent().path, at: PythonMetric.taskMount),
                        ToolSandbox.Bind(script.path, at: "\(files)/server.py"),
                        ToolSandbox.Bind(answers.path, at: "\(files)/answers.csv"),
                        ToolSandbox.Bind(folder.appendingPathComponent("in").path, at: Self.inboxMount)],
                environment: variables, workingDirectory: PythonMetric.taskMount, timeout: nil)
            path = spec.executable
            arguments = spec.arguments
            environment = spec.environment
        } else {
            path = metric.interpreter.path
            arguments = [script.path, metric.file.path, answers.path, idColumn, metric.roundsLikeMLEBench ? "round5" : "plain"] + limits + ["none"]
            environment = variables
            environment["PATH"] = "\(metric.interpreter.deletingLastPathComponent().path):/usr/local/bin:/usr/bin:/bin"
            environment["HOME"] = folder.path
            cwd = folder.path
        }
        dojo_ignore_sigpipe()
        var toServer: [Int32] = [0, 0]
        var fromServer: [Int32] = [0, 0]
        guard dojo_pipe_to_child(&toServer) == 0 else { throw failure("cannot create pipes for the grading interpreter: \(String(cString: strerror(errno)))") }
        guard dojo_pipe(&fromServer) == 0 else {
            close(toServer[0])
            close(toServer[1])
            throw failure("cannot create pipes for the grading interpreter: \(String(cString: strerror(errno)))")
        }
        let logFD = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        var filter: Int32 = -1
        if metric.sandbox != nil { filter = dojo_seccomp_fd() }
        let argvStrings: [String] = [path] + arguments
        let envStrings: [String] = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let argv: [UnsafeMutablePointer<CChar>?] = argvStrings.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
        let pid = (metric.sandbox != nil && filter < 0) ? -EINVAL
            : dojo_spawn(path, argv, envp, cwd, toServer[0], fromServer[1], logFD >= 0 ? logFD : -1, filter)
        for pointer in argv + envp { free(pointer) }
        if filter >= 0 { close(filter) }
        if logFD >= 0 { close(logFD) }
        close(toServer[0])
        close(fromServer[1])
        guard pid > 0 else {
            close(toServer[1])
            close(fromServer[0])
            throw failure("cannot start the grading interpreter (\(path)): \(String(cString: strerror(-pid)))")
        }
        server = Server(pid: pid, input: toServer[1], output: fromServer[0])
        startCount += 1
    }

    private func isAlive() -> Bool {
        guard let server else { return false }
        var status: Int32 = 0
        let result = waitpid(server.pid, &status, WNOHANG)
        if result == server.pid || (result < 0 && errno == ECHILD) {
            self.server?.pid = -1
            return false
        }
        return true
    }

    private func kill() {
        guard let running = server else { return }
        if running.pid > 0 {
            Glibc.kill(-running.pid, SIGKILL)
            Glibc.kill(running.pid, SIGKILL)
            var status: Int32 = 0
            waitpid(running.pid, &status, 0)
        }
        close(running.input)
        close(running.output)
        server = nil
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        guard let server else { return false }
        var offset = 0
        let deadline = ContinuousClock.now + .seconds(30)
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(server.input, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && (errno == EAGAIN || errno == EINTR) {
                if ContinuousClock.now >= deadline { return false }
                var fds = [pollfd(fd: server.input, events: Int16(POLLOUT), revents: 0)]
                _ = poll(&fds, 1, 50)
            } else {
                return false
            }
        }
        return true
    }

    private enum Reply { case line(String), timedOut, ended }

    private func readLine(deadline: ContinuousClock.Instant) -> Reply {
        guard var running = server else { return .ended }
        defer { if server != nil { server?.pending = running.pending } }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let newline = running.pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: running.pending[..<newline], as: UTF8.self)
                running.pending.removeSubrange(...newline)
                return .line(line)
            }
            if running.pending.count > 1 << 20 { return .ended }
            let now = ContinuousClock.now
            if now >= deadline { return .timedOut }
            let left = deadline - now
            let milliseconds = min(1000, max(1, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            var fds = [pollfd(fd: running.output, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, milliseconds)
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(running.output, $0.baseAddress, $0.count) }
            if count > 0 {
                running.pending.append(contentsOf: buffer[0..<count])
            } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                return .ended
            }
        }
    }

    private func lastLogLine() -> String? {
        guard let folder, let text = try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init)
    }
}
