import DojoKit

/// What co-pilot mode asks the session to do: take a step as someone, record a note or a hand-over,
/// or answer the agent's waiting request.
public enum CopilotEffect: Sendable, Equatable {
    case runStep(Action, actor: Actor)
    case note(String, actor: Actor, data: [String: JSONValue]?)
    case control(to: Actor, reason: String)
    case answer(id: Int, CopilotReply)
}

/// The answer to one of the agent's requests.
public enum CopilotReply: Sendable, Equatable {
    /// `reset`: the running episode's first observation (with the budget as it is now).
    case reset(Observation)
    case step(HostedStep)
    case error(RPCError)
}
