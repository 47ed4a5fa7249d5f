import DojoKit

/// What `update` asks the outside world to do; the executable carries effects out and reports back as events.
public enum Effect: Sendable, Equatable {
    /// Take a step in the environment (on its own thread).
    case runStep(Action)
    case cancelStep
    case save(path: String, text: String, revision: Int)
    case open(path: String)
    /// Suspend the screen and edit this text in $EDITOR.
    case externalEditor(String)
    /// Repaint every cell.
    case redraw
    case quit
    /// Replay mode's effects (`dojo replay`).
    case replay(ReplayEffect)
    /// Co-pilot mode's work: agent steps, notes, hand-overs, answers to the agent.
    case copilot(CopilotEffect)
    /// The runs browser's file work (`dojo runs`).
    case runs(RunsEffect)
    /// Save as: save unless a file other than the buffer's own is at the path (answered `fileExists`).
    case saveNew(path: String, text: String, revision: Int)
    /// The data explorer: profile the task's public data (from the cache when it is there); answered by `.dataProfile`.
    case profileData(DataProfile.Source)
    /// Turn the terminal's mouse reporting on or off (the program does it, in every mode).
    case setMouse(Bool)
}
