import DojoKit

/// Co-pilot mode's part of the state (`dojo play --agent`): who has control, the agent's pending
/// proposal, and the agent request whose step is running.
public struct CopilotState: Sendable, Equatable {
    /// An agent `step` waiting for the person's decision.
    public struct Proposal: Sendable, Equatable {
        public var id: Int
        public var action: Action

        public init(id: Int, action: Action) {
            self.id = id
            self.action = action
        }
    }

    /// A decided proposal whose step is running; its observation goes back to the agent.
    public struct InFlight: Sendable, Equatable {
        public var proposal: Proposal
        public var decision: CopilotReport.Decision
        public var ran: Action
        public var actor: Actor
    }

    /// The agent's command line, for the log.
    public var command: String
    /// Who steps: the agent (through proposals) or the person (by hand).
    public var control: Actor = .agent
    public var autoApprove = false
    public var pending: Proposal?
    /// Whether the pending proposal is in the editor; while the person has control it is held, unseen.
    public var shown = false
    public var inFlight: InFlight?
    /// The agent's `reset` waiting for the episode to start.
    public var resetRequest: Int?
    public var resetObservation: Observation?
    /// Set once the agent's side is over.
    public var endReason: String?
    /// Steps the person took by hand since the agent's last answer (reported with the next one).
    public var humanSteps: [Int] = []
    /// The index of the newest step.
    public var lastStep = 0

    public init(command: String) { self.command = command }

    public var isPendingShown: Bool { pending != nil && shown && control == .agent }
}
