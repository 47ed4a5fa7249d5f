import Foundation

/// What a backend needs to run one episode: which agent (and its command), task and seed, the
/// episode options, and the resources it should get.
public struct EpisodeSpec: Sendable, Codable, Equatable {
    public struct Resources: Sendable, Codable, Equatable {
        public var cpus: Double
        public var memoryMB: Int
        public var gpus: Int

        public init(cpus: Double, memoryMB: Int, gpus: Int = 0) {
            self.cpus = cpus
            self.memoryMB = memoryMB
            self.gpus = gpus
        }

        enum CodingKeys: String, CodingKey { case cpus, memoryMB = "memory_mb", gpus }
    }

    public var key: EpisodeKey
    public var agentCommand: String
    public var options: EvalEpisodeOptions
    /// 1 for the first attempt, n + 1 after n interrupted ones.
    public var attempt: Int
    public var resources: Resources

    public init(key: EpisodeKey, agentCommand: String, options: EvalEpisodeOptions, attempt: Int, resources: Resources) {
        self.key = key
        self.agentCommand = agentCommand
        self.options = options
        self.attempt = attempt
        self.resources = resources
    }

    enum CodingKeys: String, CodingKey { case key, agentCommand = "agent_command", options, attempt, resources }

    /// The arguments of `dojo` (after the executable) that run this episode writing to `trajectory`
    /// and `agentLog` — the same on this machine or a remote node.
    public func runArguments(trajectory: String, agentLog: String) -> [String] {
        ["run", key.task, "--agent", agentCommand, "--agent-name", key.agent, "--episode-seed", String(key.seed),
         "--trajectory", trajectory, "--agent-log", agentLog] + options.runArguments
    }
}
