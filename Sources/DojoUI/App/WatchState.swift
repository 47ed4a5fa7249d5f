import DojoKit

/// The watch mode's part of the state: the steps read so far from a trajectory another process is
/// writing, which one is in view, and whether the episode has ended.
public struct WatchState: Sendable, Equatable {
    public var source: String
    public var steps: [StepRecord] = []
    /// The index into `steps` of the step in view (nil before the first step).
    public var viewed: Int?
    /// Show each new step as it arrives.
    public var following = true
    /// The `end` event's reason, once written.
    public var endReason: String?
    /// Notes attached to the trajectory (an agent's reasoning or cost), shown after the step they follow.
    public var notes: [NoteRecord] = []
    public var damagedLines = 0
    /// Set when the file could no longer be read.
    public var problem: String?

    public init(source: String) { self.source = source }

    /// `live` or `ended (why)`, for the status bar.
    public var status: String {
        if let endReason { return "ended (\(endReason))" }
        if problem != nil { return "unreadable" }
        return "live"
    }
}
