import Foundation

/// `manifest.json` of a run directory: what the evaluation asked for (`request`, which a resume must
/// match), how and where it ran, and when. Written atomically when the evaluation starts and at each resume.
public struct EvalManifest: Sendable, Codable, Equatable {
    public struct Agent: Sendable, Codable, Equatable {
        public var name: String
        public var command: String

        public init(name: String, command: String) {
            self.name = name
            self.command = command
        }
    }

    /// What was asked: the agents, the tasks (a suite is expanded to its ids when the evaluation starts),
    /// the number of seeds and the episode options. A resume with a different request is refused.
    public struct Request: Sendable, Codable, Equatable {
        public var agents: [Agent]
        public var tasks: [String]
        /// The suite the tasks came from, if any (for the reader; the ids are what counts).
        public var suite: String?
        /// Seeds 1…seeds.
        public var seeds: Int
        public var options: EvalEpisodeOptions

        public init(agents: [Agent], tasks: [String], suite: String? = nil, seeds: Int, options: EvalEpisodeOptions) {
            self.agents = agents
            self.tasks = tasks
            self.suite = suite
            self.seeds = seeds
            self.options = options
        }

        /// Every episode, agent by agent, task by task, seed by seed.
        public var episodes: [EpisodeKey] {
            agents.flatMap { agent in tasks.flatMap { task in (1...max(seeds, 1)).map { EpisodeKey(agent: agent.name, task: task, seed: $0) } } }
        }

        public func command(of agent: String) -> String? { agents.first { $0.name == agent }?.command }

        /// What differs from `other`, one phrase each (empty when they are the same request).
        public func differences(from other: Request) -> [String] {
            var result: [String] = []
            let names = agents.map(\.name), otherNames = other.agents.map(\.name)
            if names != otherNames {
                result.append("agents: \(names.joined(separator: ", ")) → \(otherNames.joined(separator: ", "))")
            } else {
                for (a, b) in zip(agents, other.agents) where a.command != b.command {
                    result.append("agent \(a.name)'s command: \"\(a.command)\" → \"\(b.command)\"")
                }
            }
            if tasks != other.tasks { result.append("tasks: \(tasks.joined(separator: ",")) → \(other.tasks.joined(separator: ","))") }
            if seeds != other.seeds { result.append("--seeds: \(seeds) → \(other.seeds)") }
            result += options.differences(from: other.options)
            return result
        }
    }

    public struct Backend: Sendable, Codable, Equatable {
        /// `local` or `ray`.
        public var kind: String
        /// The Ray address, for `ray`.
        public var address: String?
        /// Episodes at a time.
        public var parallel: Int

        public init(kind: String, address: String? = nil, parallel: Int) {
            self.kind = kind
            self.address = address
            self.parallel = parallel
        }
    }

    public struct Machine: Sendable, Codable, Equatable {
        public var host: String
        public var cores: Int
        public var memoryMB: Int
        public var os: String

        public init(host: String, cores: Int, memoryMB: Int, os: String) {
            self.host = host
            self.cores = cores
            self.memoryMB = memoryMB
            self.os = os
        }

        enum CodingKeys: String, CodingKey { case host, cores, memoryMB = "memory_mb", os }

        /// This machine: host name, online cores, physical memory, kernel.
        public static func current() -> Machine {
            let info = ProcessInfo.processInfo
            var name = utsname()
            uname(&name)
            func field<T>(_ value: T) -> String {
                withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            }
            return Machine(host: info.hostName, cores: info.activeProcessorCount, memoryMB: Int(info.physicalMemory / (1024 * 1024)),
                           os: "\(field(name.sysname)) \(field(name.release)) \(field(name.machine))")
        }
    }

    /// Each episode's share of the machine and how it is enforced.
    public struct ResourceShare: Sendable, Codable, Equatable {
        public var cpus: Double
        public var memoryMB: Int
        /// How the share is enforced (`cgroup v1: cpu.cfs_quota_us, memory.limit_in_bytes`), or nil when it is not.
        public var enforcement: String?
        /// Why it is not enforced, or anything else a reader should know.
        public var note: String?

        public init(cpus: Double, memoryMB: Int, enforcement: String?, note: String? = nil) {
            self.cpus = cpus
            self.memoryMB = memoryMB
            self.enforcement = enforcement
            self.note = note
        }

        enum CodingKeys: String, CodingKey { case cpus, memoryMB = "memory_mb", enforcement, note }
    }

    /// One start of `dojo eval` on this directory (the first run and every resume).
    public struct Session: Sendable, Codable, Equatable {
        public var startedAt: String
        public var runner: String
        public var backend: Backend
        public var resources: ResourceShare?

        public init(startedAt: String, runner: String, backend: Backend, resources: ResourceShare?) {
            self.startedAt = startedAt
            self.runner = runner
            self.backend = backend
            self.resources = resources
        }

        enum CodingKeys: String, CodingKey { case startedAt = "started_at", runner, backend, resources }
    }

    public var format = "dojo-eval"
    public var version = 1
    public var request: Request
    public var backend: Backend
    public var resources: ResourceShare?
    public var dojoVersion: String
    public var dojoCommit: String?
    public var machine: Machine
    public var createdAt: String
    /// Every start of `dojo eval` on the directory, oldest first.
    public var sessions: [Session]

    public init(request: Request, backend: Backend, resources: ResourceShare?, dojoVersion: String, dojoCommit: String?,
                machine: Machine, createdAt: String, sessions: [Session] = []) {
        self.request = request
        self.backend = backend
        self.resources = resources
        self.dojoVersion = dojoVersion
        self.dojoCommit = dojoCommit
        self.machine = machine
        self.createdAt = createdAt
        self.sessions = sessions
    }

    enum CodingKeys: String, CodingKey {
        case format, version, request, backend, resources, dojoVersion = "dojo_version", dojoCommit = "dojo_commit", machine
        case createdAt = "created_at", sessions
    }
}
