import CDojoSys
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The Ray driver process (Agents/ray/dojo_ray.py run by the Ray environment's interpreter), connected
/// to one cluster: episodes go to it as request lines on its stdin, their ends come back as event
/// lines on its stdout. Many episodes run through it at once; `run` suspends until its episode ends.
/// The driver lives in its own session (a Ctrl-C at the terminal reaches Dojo, which cancels) and
/// exits when its stdin closes, so it never outlives Dojo.
public final class RayDriver: Sendable {
    public struct Connection: Sendable, Equatable {
        public var nodes: Int
    }

    private struct State {
        var waiting: [String: CheckedContinuation<RayEpisodeEnd, Never>] = [:]
        var onStarted: [String: @Sendable (String) -> Void] = [:]
        /// Ends that arrived before their `run` registered (never in practice: the request is sent after).
        var early: [String: RayEpisodeEnd] = [:]
        var connection: Result<Connection, DojoError>?
        var exited = false
        var input: Int32 = -1
    }

    private let pid: pid_t
    private let state = Mutex(State())
    private let connected = DispatchSemaphore(value: 0)
    private let log: URL

    /// Starts the driver; `start` then waits for it to connect. `log` receives the driver's stderr (Ray's messages).
    public init(interpreter: URL, script: URL, address: String, log: URL,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(DojoError) {
        dojo_ignore_sigpipe()
        self.log = log
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard dojo_pipe_to_child(&toChild) == 0, dojo_pipe(&fromChild) == 0 else {
            throw DojoError(.process, "cannot create pipes for the Ray driver: \(String(cString: strerror(errno)))")
        }
        try FileManager.default.createDirectoryIfNeeded(log.deletingLastPathComponent())
        let logFD = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard logFD >= 0 else { throw DojoError(.io, "cannot open the Ray driver's log", at: log.path) }
        var variables = environment
        variables["PYTHONUNBUFFERED"] = "1"
        variables["RAY_USAGE_STATS_ENABLED"] = variables["RAY_USAGE_STATS_ENABLED"] ?? "0"
        let arguments = [interpreter.path, script.path, "--address", address]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let pairs: [String] = variables.map { "\($0.key)=\($0.value)" }.sorted()
        let envp: [UnsafeMutablePointer<CChar>?] = pairs.map { strdup($0) } + [nil]
        let spawned = dojo_spawn(interpreter.path, argv, envp, nil, toChild[0], fromChild[1], logFD, -1)
        for pointer in argv + envp { free(pointer) }
        close(toChild[0])
        close(fromChild[1])
        close(logFD)
        guard spawned > 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw DojoError(.cluster, "cannot start the Ray driver: \(String(cString: strerror(-spawned)))", at: interpreter.path,
                            hint: "run `dojo setup ray`")
        }
        pid = spawned
        state.withLock { $0.input = toChild[1] }
        let output = fromChild[0]
        let reader = Thread { [self] in self.readEvents(from: output) }
        reader.stackSize = 1 << 20
        reader.start()
    }

    /// Waits until the driver has connected to the cluster (or failed to).
    public func start() throws(DojoError) -> Connection {
        connected.wait()
        connected.signal()
        let result = state.withLock { $0.connection } ?? .failure(DojoError(.cluster, "the Ray driver ended before connecting"))
        return try result.get()
    }

    /// Runs one episode on the cluster; returns how it ended. Cancelling the calling task cancels the
    /// episode (its Ray task is killed, which stops `dojo run` on the node) and returns `.failed(.cancelled)`.
    public func run(_ request: RayEpisodeRequest, onStarted: @escaping @Sendable (String) -> Void = { _ in }) async -> RayEpisodeEnd {
        let line: Data
        do {
            line = try JSONEncoder().encode(request) + Data([0x0A])
        } catch {
            return .failed(.error, reason: "cannot encode the episode request: \(error)")
        }
        let id = request.id
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<RayEpisodeEnd, Never>) in
                let ready: RayEpisodeEnd? = state.withLock { state in
                    if let early = state.early.removeValue(forKey: id) { return early }
                    if state.exited { return .failed(.lost, reason: "the Ray driver exited (see \(log.path))") }
                    state.waiting[id] = continuation
                    state.onStarted[id] = onStarted
                    return nil
                }
                if let ready {
                    continuation.resume(returning: ready)
                } else if !send(line) {
                    finish(id, .failed(.lost, reason: "the Ray driver stopped reading its requests (see \(log.path))"))
                }
            }
        } onCancel: {
            _ = send(Data("{\"op\":\"cancel\",\"id\":\(Self.quoted(id))}\n".utf8))
        }
    }

    /// Closes the driver's stdin (it cancels what still runs and exits) and waits for it.
    public func shutdown() {
        let input = state.withLock { state -> Int32 in
            defer { state.input = -1 }
            return state.input
        }
        if input >= 0 { Glibc.close(input) }
        var status: Int32 = 0
        // The driver cancels its tasks and disconnects; a minute is ample, then it is stopped.
        for _ in 0..<600 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(100_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    private func send(_ data: Data) -> Bool {
        state.withLock { state -> Bool in
            guard state.input >= 0 else { return false }
            return AgentProcess.write(data, to: state.input, timeout: 60)
        }
    }

    private func finish(_ id: String, _ end: RayEpisodeEnd) {
        let continuation: CheckedContinuation<RayEpisodeEnd, Never>? = state.withLock { state in
            state.onStarted[id] = nil
            guard let waiting = state.waiting.removeValue(forKey: id) else {
                state.early[id] = end
                return nil
            }
            return waiting
        }
        continuation?.resume(returning: end)
    }

    private func readEvents(from fd: Int32) {
        var lines = MessageLines()
        var buffer = [UInt8](repeating: 0, count: 65536)
        reading: while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 1000)
            guard fds[0].revents != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { break reading }
            guard count > 0 else { continue }
            for piece in lines.feed(buffer[0..<count]) {
                guard case .message(let line) = piece, let event = try? JSONDecoder().decode(RayEvent.self, from: line) else { continue }
                handle(event)
            }
        }
        Glibc.close(fd)
        let orphans = state.withLock { state -> [String: CheckedContinuation<RayEpisodeEnd, Never>] in
            state.exited = true
            if state.connection == nil {
                state.connection = .failure(DojoError(.cluster, "the Ray driver exited before connecting", at: log.path,
                                                      hint: "read its log for Ray's message"))
            }
            defer { state.waiting = [:] }
            return state.waiting
        }
        connected.signal()
        for (_, continuation) in orphans {
            continuation.resume(returning: .failed(.lost, reason: "the Ray driver exited (see \(log.path))"))
        }
    }

    private func handle(_ event: RayEvent) {
        switch event.event {
        case .connected:
            state.withLock { $0.connection = .success(Connection(nodes: event.nodes ?? 0)) }
            connected.signal()
        case .fatal:
            let first = state.withLock { state -> Bool in
                guard state.connection == nil else { return false }
                state.connection = .failure(DojoError(.cluster, event.reason ?? "the Ray driver failed", at: log.path,
                                                      hint: "check the address (`ray status` on the head node) and that this machine runs the same Ray version"))
                return true
            }
            if first { connected.signal() }
        case .started:
            guard let id = event.id else { return }
            let callback = state.withLock { $0.onStarted[id] }
            callback?(event.host ?? "")
        case .finished:
            guard let id = event.id else { return }
            finish(id, .finished(exitCode: event.exitCode ?? -1, output: event.output ?? "", host: event.host ?? ""))
        case .failed:
            guard let id = event.id else { return }
            finish(id, .failed(event.kind ?? .lost, reason: event.reason ?? "no reason given"))
        }
    }

    static func quoted(_ text: String) -> String {
        guard let data = try? JSONEncoder().encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
