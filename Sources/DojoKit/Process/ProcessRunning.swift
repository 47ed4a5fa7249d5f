import Foundation

/// Which output stream a chunk came from.
public enum OutputChannel: String, Sendable, Codable { case stdout, stderr }

/// One process to run to completion.
public struct ProcessSpec: Sendable {
    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]
    public var workingDirectory: URL?
    /// Wall-clock limit in seconds; the whole process group is killed when it passes.
    public var timeout: Double?
    /// Bytes kept per stream (head and tail halves).
    public var outputCap: Int
    /// Called with each chunk as it arrives, on the runner's thread.
    public var onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)?
    /// When set, the whole process group is killed and the outcome says `cancelled`.
    public var cancellation: Cancellation?
    /// When true, the child finds Dojo's seccomp filter on descriptor 3 (for `bwrap --seccomp 3`).
    public var seccompFilterOnFD3 = false

    public init(executable: String, arguments: [String] = [], environment: [String: String] = [:],
                workingDirectory: URL? = nil, timeout: Double? = nil, outputCap: Int = 256 * 1024,
                onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)? = nil, cancellation: Cancellation? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.outputCap = outputCap
        self.onOutput = onOutput
        self.cancellation = cancellation
    }
}

/// How a process ended and what it printed.
public struct ProcessOutcome: Sendable, Equatable {
    public var exitCode: Int32?
    public var signal: Int32?
    public var timedOut: Bool
    public var cancelled: Bool = false
    /// The limit that stopped the code, in plain words ("memory limit 4096 MB exceeded"); nil when none did.
    public var limitExceeded: String? = nil
    /// Which limits were in force and how they were enforced; nil for runners that enforce none but time.
    public var limitsInForce: String? = nil
    public var durationMs: Int
    public var stdout: CapturedOutput
    public var stderr: CapturedOutput

    public var succeeded: Bool { exitCode == 0 && !timedOut && !cancelled }

    public init(exitCode: Int32?, signal: Int32?, timedOut: Bool, cancelled: Bool = false, durationMs: Int,
                stdout: CapturedOutput, stderr: CapturedOutput) {
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.cancelled = cancelled
        self.durationMs = durationMs
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs processes; injected so tests and later sandboxes can replace it.
public protocol ProcessRunning: Sendable {
    func run(_ spec: ProcessSpec) throws(DojoError) -> ProcessOutcome
}
