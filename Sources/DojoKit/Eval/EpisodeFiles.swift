import Foundation

/// The files of one episode in a run directory.
public struct EpisodeFiles: Sendable, Equatable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The episode's trajectory (the normal format: `dojo replay` and `dojo watch` open it).
    public var trajectory: URL { directory.appendingPathComponent("trajectory.dojo.jsonl") }
    /// The agent's stderr.
    public var agentLog: URL { directory.appendingPathComponent("agent.log") }
    /// What `dojo run` itself printed (its step lines and messages).
    public var runLog: URL { directory.appendingPathComponent("run.log") }
    public var status: URL { directory.appendingPathComponent("status.json") }
}
