import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs an agent program with the protocol on its stdin/stdout and its stderr to a log file,
/// until it closes, exits, goes silent or floods; the agent's processes never outlive `run`.
public struct AgentProcess: Sendable {
    public var command: String
    public var environment: [String: String]
    public var workingDirectory: URL?
    public var stderrLog: URL
    /// Seconds the agent may stay silent while Dojo waits for its next message.
    public var silenceTimeout: Double
    /// Consecutive bad messages after which the agent counts as flooding.
    public var floodLimit: Int

    public init(command: String, environment: [String: String], workingDirectory: URL? = nil, stderrLog: URL,
                silenceTimeout: Double = 600, floodLimit: Int = 1000) {
        self.command = command
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.stderrLog = stderrLog
        self.silenceTimeout = silenceTimeout
        self.floodLimit = floodLimit
    }

    /// Serves the session until the agent is done, or until `stop` is set (then the reason is
    /// `stopReason`); returns why it ended (also recorded in the trajectory).
    public func run(session: ProtocolSession, stop: Cancellation? = nil, stopReason: String = "stopped by dojo") throws(DojoError) -> String {
        try run(session: session, stop: stop, stopReason: { stopReason })
    }

    /// As `run(session:stop:stopReason:)`, with the reason asked for when the stop happens (it may name
    /// what stopped the episode).
    public func run(session: ProtocolSession, stop: Cancellation?, stopReason: @Sendable () -> String) throws(DojoError) -> String {
        dojo_ignore_sigpipe()
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard dojo_pipe_to_child(&toChild) == 0, dojo_pipe(&fromChild) == 0 else {
            throw DojoError(.process, "cannot create pipes for the agent: \(String(cString: strerror(errno)))")
        }
        try FileManager.default.createDirectoryIfNeeded(stderrLog.deletingLastPathComponent())
        let logFD = open(stderrLog.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard logFD >= 0 else { throw DojoError(.io, "cannot open the agent's log", at: stderrLog.path) }
        let arguments: [String] = ["/bin/sh", "-c", command]
        let variables: [String] = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        let pid = dojo_spawn("/bin/sh", argv, envp, workingDirectory?.path, toChild[0], fromChild[1], logFD, -1)
        for pointer in argv + envp { free(pointer) }
        close(toChild[0])
        close(fromChild[1])
        close(logFD)
        guard pid > 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw DojoError(.process, "cannot start the agent: \(String(cString: strerror(-pid)))", hint: "check the --agent command")
        }
        let input = toChild[1]
        let output = fromChild[0]
        defer {
            close(input)
            close(output)
            Self.stop(pid)
        }

        var lines = MessageLines()
        var badInARow = 0
        var lastHeard = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 65536)

        while true {
            if stop?.isCancelled == true { return finish(session, stopReason()) }
            var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 100)
            if fds[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
                if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
                    var status: Int32 = 0
                    waitpid(pid, &status, 0)
                    let how = dojo_wifexited(status) != 0 ? "exited with code \(dojo_wexitstatus(status))"
                        : "was killed by signal \(dojo_wtermsig(status))"
                    return finish(session, "agent \(how)")
                }
                if count > 0 {
                    lastHeard = .now
                    for piece in lines.feed(buffer[0..<count]) {
                        let answer: Data?
                        switch piece {
                        case .message(let line):
                            answer = session.handle(line)
                            badInARow = session.lastReplyWasError ? badInARow + 1 : 0
                        case .tooLong:
                            answer = MessageLines.tooLongError()
                            badInARow += 1
                        }
                        if let answer, !Self.write(answer, to: input, timeout: silenceTimeout) {
                            return finish(session, "agent stopped reading its stdin")
                        }
                        if session.closed { return finish(session, "closed by the agent") }
                        if stop?.isCancelled == true { return finish(session, stopReason()) }
                        if badInARow >= floodLimit {
                            return finish(session, "agent flooded stdout with \(badInARow) invalid messages in a row")
                        }
                        // The step may have taken long; silence counts from the answer.
                        lastHeard = .now
                    }
                }
            }
            if ContinuousClock.now - lastHeard > .milliseconds(Int64(silenceTimeout * 1000)) {
                return finish(session, "agent silent for \(Int(silenceTimeout)) s")
            }
        }
    }

    private func finish(_ session: ProtocolSession, _ reason: String) -> String {
        session.close(reason: reason)
        return reason
    }

    /// Writes all of `data`, waiting for the pipe to drain at most `timeout` seconds in all.
    static func write(_ data: Data, to fd: Int32, timeout: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        return data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if written > 0 {
                    offset += written
                    continue
                }
                if written < 0 && errno != EAGAIN && errno != EINTR { return false }
                if ContinuousClock.now >= deadline { return false }
                var fds = [pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)]
                _ = poll(&fds, 1, 100)
            }
            return true
        }
    }

    /// Ends the agent's whole process group: politely, then for sure.
    static func stop(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<20 {
            if waitpid(pid, &status, WNOHANG) != 0 { break }
            usleep(25_000)
        }
        kill(-pid, SIGKILL)
        waitpid(pid, &status, WNOHANG)
    }
}
