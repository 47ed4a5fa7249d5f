import DojoKit
import Foundation

/// Replay mode's touches on the shared panes' titles: the step list or the task, the step (or the
/// diff) in the editor.
enum ReplayView {
    /// The title (left, right) of a pane in replay mode, nil where the usual one fits.
    static func title(_ pane: Pane, _ replay: ReplayState, taskView: AppState.TaskView, cursorLine: Int) -> (String, String)? {
        switch pane {
        case .task where replay.showSteps:
            return (" Steps · \(replay.stepCount)", "t task ")
        case .task:
            return (" Task · \(taskView.title)", "t steps ")
        case .editor:
            // The step whose code the editor holds, not the cursor's (its record may still be loading).
            let shown = replay.shown.flatMap { replay.summary(.a, at: $0) }.map { "step \($0.step)" } ?? "–"
            if replay.diffLines != nil {
                return (" Editor · \(replay.diffTitle)", "d next ")
            }
            return (" Editor · \(shown) · read-only", "Ln \(cursorLine + 1) ")
        case .logs, .scores:
            return nil
        }
    }
}
