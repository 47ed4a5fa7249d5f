import Foundation

/// One episode sent to the Ray driver (Agents/ray/dojo_ray.py): the `dojo` command a node runs and
/// where the trajectory and the agent's log it streams back go on this machine.
public struct RayEpisodeRequest: Sendable, Equatable, Encodable {
    /// What the node's task needs: Ray places it on a node with that much free.
    public struct Resources: Sendable, Equatable, Encodable {
        public var cpus: Double
        public var memoryBytes: Int
        public var gpus: Int

        public init(cpus: Double, memoryBytes: Int, gpus: Int) {
            self.cpus = cpus
            self.memoryBytes = memoryBytes
            self.gpus = gpus
        }

        /// From a task's resources and its memory limit.
        public init(task: TaskSpec.Resources, memoryMB: Int) {
            self.init(cpus: task.cpus, memoryBytes: memoryMB << 20, gpus: task.gpus)
        }

        enum CodingKeys: String, CodingKey {
            case cpus = "num_cpus"
            case memoryBytes = "memory"
            case gpus = "num_gpus"
        }
    }

    /// The placeholders in `arguments` the node replaces by its temporary trajectory and agent log paths.
    public static let trajectoryPlaceholder = "{trajectory}"
    public static let agentLogPlaceholder = "{agent_log}"

    public var id: String
    /// The `dojo` executable on the nodes (an absolute path, or a name looked up on the node's PATH).
    public var dojo: String
    /// The arguments after `dojo`, e.g. `run TASK --agent CMD --seed N --trajectory {trajectory}`.
    public var arguments: [String]
    /// Added to the node's environment for the episode.
    public var environment: [String: String]
    /// The agent's working directory when the node has it, else the episode's temporary folder.
    public var workingDirectory: String?
    public var resources: Resources
    /// Local files the streamed trajectory, agent log and `dojo run` output are appended to.
    public var trajectory: URL
    public var agentLog: URL
    public var runLog: URL

    public init(id: String, dojo: String, arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
                resources: Resources, trajectory: URL, agentLog: URL, runLog: URL) {
        self.id = id
        self.dojo = dojo
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.resources = resources
        self.trajectory = trajectory
        self.agentLog = agentLog
        self.runLog = runLog
    }

    enum CodingKeys: String, CodingKey {
        case op, id, dojo, arguments = "args", environment = "env", workingDirectory = "cwd", resources, trajectory,
             agentLog = "agent_log", runLog = "run_log"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("run", forKey: .op)
        try c.encode(id, forKey: .id)
        try c.encode(dojo, forKey: .dojo)
        try c.encode(arguments, forKey: .arguments)
        try c.encode(environment, forKey: .environment)
        try c.encodeIfPresent(workingDirectory, forKey: .workingDirectory)
        try c.encode(resources, forKey: .resources)
        try c.encode(trajectory.path, forKey: .trajectory)
        try c.encode(agentLog.path, forKey: .agentLog)
        try c.encode(runLog.path, forKey: .runLog)
    }
}
