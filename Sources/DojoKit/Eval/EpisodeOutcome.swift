import Foundation

/// How a backend's run of one episode ended (the runner reads the rest from the trajectory).
public struct EpisodeOutcome: Sendable, Codable, Equatable {
    /// `dojo run`'s exit code, nil when it was killed by a signal or never ran.
    public var exitCode: Int32?
    public var signal: Int32?
    /// Stopped because the evaluation was cancelled (Ctrl-C, SIGTERM) or the node running it was lost.
    public var interrupted: Bool
    /// Where it ran.
    public var host: String?
    /// Anything the backend wants in the status's reason when there is no trajectory end (the last error lines).
    public var message: String?

    public init(exitCode: Int32?, signal: Int32? = nil, interrupted: Bool, host: String? = nil, message: String? = nil) {
        self.exitCode = exitCode
        self.signal = signal
        self.interrupted = interrupted
        self.host = host
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case exitCode = "exit_code", signal, interrupted, host, message }
}
