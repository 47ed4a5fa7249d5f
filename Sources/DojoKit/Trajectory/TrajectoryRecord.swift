import Foundation

/// Line 1 of a `*.dojo.jsonl` trajectory (docs/observation.md, "Trajectories").
public struct TrajectoryHeader: Sendable, Codable, Equatable {
    public var type = "header"
    public var format = "dojo-trajectory"
    public var version = 1
    public var task: String
    public var taskDigest: String
    public var seed: Int
    public var agent: [String: JSONValue]
    public var startedAt: String
    public var limits: TaskSpec.Limits
    public var dojoVersion: String
    public var forkedFrom: [String: JSONValue]?
    /// Where an imported trajectory came from (format and file).
    public var importedFrom: [String: JSONValue]?

    public init(task: String, taskDigest: String, seed: Int, agent: [String: JSONValue], startedAt: String,
                limits: TaskSpec.Limits, dojoVersion: String, forkedFrom: [String: JSONValue]? = nil,
                importedFrom: [String: JSONValue]? = nil) {
        self.task = task
        self.taskDigest = taskDigest
        self.seed = seed
        self.agent = agent
        self.startedAt = startedAt
        self.limits = limits
        self.dojoVersion = dojoVersion
        self.forkedFrom = forkedFrom
        self.importedFrom = importedFrom
    }

    enum CodingKeys: String, CodingKey {
        case type, format, version, task, taskDigest = "task_digest", seed, agent, startedAt = "started_at", limits
        case dojoVersion = "dojo_version", forkedFrom = "forked_from", importedFrom = "imported_from"
    }
}

/// One step: the action as taken (its code included) and the observation returned.
public struct StepRecord: Sendable, Codable, Equatable {
    public var type = "step"
    public var index: Int
    /// Seconds since the episode started.
    public var t: Double
    public var actor: Actor
    public var action: Action
    public var observation: Observation

    public init(index: Int, t: Double, actor: Actor, action: Action, observation: Observation) {
        self.index = index
        self.t = t
        self.actor = actor
        self.action = action
        self.observation = observation
    }
}

/// A note attached to the trajectory (an agent's reasoning or cost, a person's remark).
public struct NoteRecord: Sendable, Codable, Equatable {
    public var type = "note"
    public var t: Double
    public var step: Int?
    public var actor: Actor
    public var text: String
    public var data: [String: JSONValue]?

    public init(t: Double, step: Int?, actor: Actor, text: String, data: [String: JSONValue]? = nil) {
        self.t = t
        self.step = step
        self.actor = actor
        self.text = text
        self.data = data
    }
}

/// Control passing between the person and the agent.
public struct ControlRecord: Sendable, Codable, Equatable {
    public var type = "control"
    public var t: Double
    /// Who has control from now on.
    public var to: Actor
    public var reason: String?

    public init(t: Double, to: Actor, reason: String?) {
        self.t = t
        self.to = to
        self.reason = reason
    }
}

/// The episode's end and why.
public struct EndRecord: Sendable, Codable, Equatable {
    public var type = "end"
    public var t: Double
    public var reason: String

    public init(t: Double, reason: String) {
        self.t = t
        self.reason = reason
    }
}

/// Any line after the header.
public enum TrajectoryEvent: Sendable, Equatable {
    case step(StepRecord)
    case note(NoteRecord)
    case control(ControlRecord)
    case end(EndRecord)
}
