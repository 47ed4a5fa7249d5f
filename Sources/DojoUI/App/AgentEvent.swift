import DojoKit

/// News from a co-pilot agent (`dojo play --agent`), read on the agent's thread.
public enum AgentEvent: Sendable, Equatable {
    /// The agent's `reset`: answered (under `id`) with the workbench's running episode.
    case reset(id: Int)
    /// The agent's `step`: a proposal the person decides on; answered under `id`.
    case step(id: Int, Action)
    /// The agent's `note`/`notify`.
    case note(String, data: [String: JSONValue]?)
    /// Lines the agent wrote to its stderr (its log), for the Logs pane.
    case log([String])
    /// The agent's side is over (it closed, exited, went silent or flooded), and why.
    case ended(String)
}
