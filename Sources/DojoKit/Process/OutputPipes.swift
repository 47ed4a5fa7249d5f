#if canImport(Glibc)
import Glibc
#endif

/// The read ends of a step's stdout and stderr pipes, captured with a cap and streamed as they
/// fill; shared by the plain runner and the sandbox so both read output the same way.
struct OutputPipes {
    private(set) var open: [(fd: Int32, channel: OutputChannel)]
    var stdout: CapturedOutput
    var stderr: CapturedOutput
    private var buffer = [UInt8](repeating: 0, count: 65536)

    init(stdout stdoutFD: Int32, stderr stderrFD: Int32, cap: Int) {
        open = [(stdoutFD, .stdout), (stderrFD, .stderr)]
        stdout = CapturedOutput(cap: cap)
        stderr = CapturedOutput(cap: cap)
    }

    var isDrained: Bool { open.isEmpty }

    /// One `pollfd` per open pipe, in order; pass their `revents` back to `read`.
    var pollDescriptors: [pollfd] { open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) } }

    /// Reads what is ready, a bounded amount per pipe so one chatty stream cannot starve the
    /// caller's timeout checks; closes pipes that reached their end.
    mutating func read(ready revents: [Int16], onOutput: ((OutputChannel, [UInt8]) -> Void)?) {
        var stillOpen: [(fd: Int32, channel: OutputChannel)] = []
        for (index, entry) in open.enumerated() {
            var keep = true
            if index < revents.count, revents[index] & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                var rounds = 0
                while rounds < 16 {
                    let count = buffer.withUnsafeMutableBytes { Glibc.read(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        let chunk = Array(buffer[0..<count])
                        if entry.channel == .stdout { stdout.append(chunk) } else { stderr.append(chunk) }
                        onOutput?(entry.channel, chunk)
                        rounds += 1
                    } else if count == 0 {
                        keep = false
                        break
                    } else {
                        if errno != EAGAIN && errno != EINTR { keep = false }
                        break
                    }
                }
            }
            if keep { stillOpen.append(entry) } else { close(entry.fd) }
        }
        open = stillOpen
    }

    mutating func closeAll() {
        for entry in open { close(entry.fd) }
        open = []
    }
}
