/// Where a protocol session sends its episode's requests when it does not own the episode: under
/// `dojo play --agent` the workbench owns it, and the person decides what each `step` becomes.
/// The methods are called on the agent's thread and may block until the answer is known.
public protocol ProtocolHost: AnyObject {
    func reset(task: String?, seed: Int?) -> Result<ProtocolSession.ResetResult, RPCError>
    func step(_ action: Action) -> Result<HostedStep, RPCError>
    func note(_ text: String, data: [String: JSONValue]?) -> Result<Void, RPCError>
    /// The agent's side is over (it closed, exited, went silent, flooded, or dojo stopped it).
    func close(reason: String)
    var trajectoryPath: String? { get }
}

/// A hosted step's answer: the observation, with the co-pilot's report beside its fields.
public struct HostedStep: Sendable, Encodable, Equatable {
    public var observation: Observation
    public var copilot: CopilotReport?

    public init(observation: Observation, copilot: CopilotReport?) {
        self.observation = observation
        self.copilot = copilot
    }

    enum CodingKeys: String, CodingKey { case copilot }

    public func encode(to encoder: Encoder) throws {
        // One flat object: the observation's fields and `copilot`, so clients read it as an observation.
        try observation.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(copilot, forKey: .copilot)
    }
}

/// How the person answered a co-pilot agent's `step` (docs/protocol.md, "Co-pilot").
public struct CopilotReport: Sendable, Codable, Equatable {
    public enum Decision: String, Sendable, Codable, Equatable {
        case approved, autoApproved = "auto_approved", edited, skipped
    }

    public var decision: Decision
    /// Who the step is recorded as; nil when skipped (nothing ran).
    public var actor: Actor?
    /// What actually ran, when the person edited the proposal.
    public var ran: Action?
    /// The steps the person took by hand since the agent's previous answer.
    public var humanSteps: [Int]

    public init(decision: Decision, actor: Actor?, ran: Action? = nil, humanSteps: [Int] = []) {
        self.decision = decision
        self.actor = actor
        self.ran = ran
        self.humanSteps = humanSteps
    }

    enum CodingKeys: String, CodingKey { case decision, actor, ran = "action", humanSteps = "human_steps" }
}
