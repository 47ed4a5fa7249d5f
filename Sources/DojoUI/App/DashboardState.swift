import DojoKit

/// The live dashboard of an evaluation (`dojo eval`, `dojo eval watch RUN_DIR`): one row per episode
/// with its agent, task, seed, state, step, best score, board position, medal and time; the totals
/// and an estimate of the time left. Enter opens the live watch of the episode under the cursor.
public struct DashboardState: Sendable, Equatable {
    /// What the person asked for when the program ended.
    public enum Choice: Sendable, Equatable {
        /// Watch this episode's trajectory, then come back.
        case watch(EvalProgress.Episode)
        /// Stop the evaluation this process runs.
        case stop
    }

    public var progress: EvalProgress
    /// Whether this process runs the evaluation (`dojo eval`): quitting then stops it, after asking.
    public var owner: Bool
    public var cursor = 0
    public var top = 0
    public var confirmingStop = false
    public var showHelp = false
    public var helpScroll = 0
    public var chosen: Choice?

    public init(progress: EvalProgress, owner: Bool) {
        self.progress = progress
        self.owner = owner
    }

    public var selected: EvalProgress.Episode? {
        progress.episodes.indices.contains(cursor) ? progress.episodes[cursor] : nil
    }
}
