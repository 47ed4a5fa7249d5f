import Foundation

/// One line the Ray driver writes on its stdout (Agents/ray/dojo_ray.py documents them).
public struct RayEvent: Sendable, Equatable, Decodable {
    public enum Name: String, Sendable, Decodable {
        case connected, started, finished, failed, fatal
    }

    /// How a failed episode ended.
    public enum FailureKind: String, Sendable, Decodable {
        /// A worker or node died under the episode (or the driver did): re-run it from scratch.
        case lost
        /// No node of the cluster can ever hold the episode's resources.
        case unschedulable
        case cancelled
        /// The node could not run the episode (e.g. no `dojo` at the given path).
        case error
    }

    public var event: Name
    public var id: String?
    public var kind: FailureKind?
    public var reason: String?
    public var host: String?
    /// `dojo run`'s exit code; negative: killed by that signal.
    public var exitCode: Int?
    /// The end of what `dojo run` printed.
    public var output: String?
    public var nodes: Int?

    public init(event: Name, id: String? = nil, kind: FailureKind? = nil, reason: String? = nil, host: String? = nil,
                exitCode: Int? = nil, output: String? = nil, nodes: Int? = nil) {
        self.event = event
        self.id = id
        self.kind = kind
        self.reason = reason
        self.host = host
        self.exitCode = exitCode
        self.output = output
        self.nodes = nodes
    }

    enum CodingKeys: String, CodingKey {
        case event, id, kind, reason, host, exitCode = "exit_code", output, nodes
    }
}

/// How an episode sent to Ray ended.
public enum RayEpisodeEnd: Sendable, Equatable {
    /// `dojo run` ran to its end on `host`: its exit code (negative: killed by that signal) and the end of its output.
    case finished(exitCode: Int, output: String, host: String)
    case failed(RayEvent.FailureKind, reason: String)
}
