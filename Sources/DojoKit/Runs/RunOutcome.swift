import Foundation

/// How a run ended, as far as its files tell: an evaluation episode's `status.json` when there is
/// one (running, done, failed, interrupted), else the trajectory's `end` record, else nothing yet.
public enum RunOutcome: Sendable, Equatable {
    /// An evaluation says the episode is running.
    case running
    /// The trajectory ended (its `end` record's reason), or an evaluation says the episode is done.
    case ended(String)
    /// An evaluation says the episode failed, and why.
    case failed(String)
    /// An evaluation's episode that was interrupted (kept aside, or not re-run yet).
    case interrupted
    /// No end record and no status: still being written, or its writer died.
    case unfinished

    /// `ended: closed by the agent`, `failed: agent crashed`, `running`, `interrupted`, `no end record`.
    public var label: String {
        switch self {
        case .running: "running"
        case .ended(let reason): reason.isEmpty ? "ended" : "ended: \(reason)"
        case .failed(let reason): reason.isEmpty ? "failed" : "failed: \(reason)"
        case .interrupted: "interrupted"
        case .unfinished: "no end record"
        }
    }

    /// The outcome of a trajectory with this end reason and (in a run directory) this episode status.
    public static func of(endReason: String?, status: EpisodeStatusPeek?, keptAside: Bool) -> RunOutcome {
        if keptAside { return .interrupted }
        switch status?.state {
        case "running"?: return .running
        case "failed"?: return .failed(status?.reason ?? endReason ?? "")
        case "interrupted"?: return .interrupted
        case "done"?: return .ended(endReason ?? status?.reason ?? "")
        default: return endReason.map { .ended($0) } ?? .unfinished
        }
    }
}
