import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a process in its own session with captured, capped output and a wall timeout that kills the
/// whole process group; nothing of the group outlives `run`.
public struct SystemProcessRunner: ProcessRunning {
    /// How long to keep reading after the main process ended, for output still in the pipes.
    public var drainGrace: Double

    public init(drainGrace: Double = 0.2) {
        self.drainGrace = drainGrace
    }

    public func run(_ spec: ProcessSpec) throws(DojoError) -> ProcessOutcome {
        guard let path = Self.resolve(spec.executable, environment: spec.environment) else {
            throw DojoError(.process, "cannot find the program `\(spec.executable)`", hint: "install it or put it on PATH")
        }
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard dojo_pipe(&outPipe) == 0, dojo_pipe(&errPipe) == 0 else {
            throw DojoError(.process, "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        let argv = [path] + spec.arguments
        let envp = spec.environment.map { "\($0.key)=\($0.value)" }.sorted()
        let start = ContinuousClock.now
        let argvPointers = argv.map { strdup($0) } + [nil]
        let envPointers = envp.map { strdup($0) } + [nil]
        var filter: Int32 = -1
        if spec.seccompFilterOnFD3 {
            filter = dojo_seccomp_fd()
            guard filter >= 0 else {
                for pointer in argvPointers + envPointers { free(pointer) }
                for fd in outPipe + errPipe { close(fd) }
                throw DojoError(.sandbox, "cannot build the sandbox's seccomp filter: \(String(cString: strerror(-filter)))")
            }
        }
        let pid = dojo_spawn(path, argvPointers, envPointers, spec.workingDirectory?.path, -1, outPipe[1], errPipe[1], filter)
        if filter >= 0 { close(filter) }
        for pointer in argvPointers + envPointers { free(pointer) }
        close(outPipe[1])
        close(errPipe[1])
        guard pid > 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw DojoError(.process, "cannot start `\(path)`: \(String(cString: strerror(-pid)))",
                            at: spec.workingDirectory?.path)
        }

        var pipes = OutputPipes(stdout: outPipe[0], stderr: errPipe[0], cap: spec.outputCap)
        var status: Int32 = 0
        var exited = false
        var timedOut = false
        var cancelled = false
        var drainDeadline: ContinuousClock.Instant?
        let deadline = spec.timeout.map { start + .milliseconds(Int64($0 * 1000)) }

        while true {
            // Read whatever is ready.
            var fds = pipes.pollDescriptors
            let waitMs: Int32 = exited ? 20 : 50
            if !fds.isEmpty { _ = poll(&fds, nfds_t(fds.count), waitMs) } else if !exited { usleep(UInt32(waitMs) * 1000) }
            pipes.read(ready: fds.map(\.revents), onOutput: spec.onOutput)

            if !exited {
                let result = waitpid(pid, &status, WNOHANG)
                if result == pid || (result < 0 && errno == ECHILD) {
                    exited = true
                    // Descendants left in the group would hold the pipes open and outlive the step.
                    kill(-pid, SIGKILL)
                    drainDeadline = .now + .milliseconds(Int64(drainGrace * 1000))
                } else if spec.cancellation?.isCancelled == true || deadline.map({ ContinuousClock.now >= $0 }) == true {
                    if spec.cancellation?.isCancelled == true { cancelled = true } else { timedOut = true }
                    kill(-pid, SIGKILL)
                    waitpid(pid, &status, 0)
                    exited = true
                    drainDeadline = .now + .milliseconds(Int64(drainGrace * 1000))
                }
            }
            if exited && (pipes.isDrained || (drainDeadline.map { ContinuousClock.now >= $0 } ?? true)) { break }
        }
        pipes.closeAll()

        let elapsed = ContinuousClock.now - start
        let durationMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let exitedNormally = dojo_wifexited(status) != 0
        return ProcessOutcome(
            exitCode: exitedNormally ? dojo_wexitstatus(status) : nil,
            signal: dojo_wifsignaled(status) != 0 ? dojo_wtermsig(status) : nil,
            timedOut: timedOut,
            cancelled: cancelled,
            durationMs: durationMs,
            stdout: pipes.stdout,
            stderr: pipes.stderr)
    }

    /// An absolute path as is; otherwise the first match on the spec's PATH, then the host's.
    public static func resolve(_ executable: String, environment: [String: String]) -> String? {
        if executable.contains("/") {
            return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
        }
        let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
