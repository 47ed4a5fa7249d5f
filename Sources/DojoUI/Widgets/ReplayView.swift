import DojoKit
import Foundation

/// Replay mode's touches on the shared panes: their titles, and the diff drawn in the Editor pane.
enum ReplayView {
    /// The title (left, right) of a pane in replay mode, nil where the usual one fits.
    static func title(_ pane: Pane, _ state: AppState) -> (String, String)? {
        guard let replay = state.replay else { return nil }
        switch pane {
        case .task where replay.showSteps:
            return (" Steps · \(replay.stepCount)", "t task ")
        case .task:
            return (" Task · \(state.taskView.title)", "t steps ")
        case .editor:
            // The step whose code the editor holds, not the cursor's (its record may still be loading).
            let shown = replay.shown.flatMap { replay.summary(.a, at: $0) }.map { "step \($0.step)" } ?? "–"
            if replay.diffLines != nil {
                return (" Editor · \(replay.diffTitle)", "d next ")
            }
            return (" Editor · \(shown) · read-only", "Ln \(state.editor.cursor.line + 1) ")
        case .logs, .scores:
            return nil
        }
    }

    static func drawDiff(_ state: AppState, in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard let replay = state.replay, let lines = replay.diffLines else { return }
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let top = min(replay.diffScroll, max(0, lines.count - inner.height))
        AppView.lines(lines[min(top, lines.count)...], in: inner, theme: state.theme, &buffer)
        if lines.count > inner.height, inner.height > 2 {
            let label = " \(min(100, (top + inner.height) * 100 / lines.count))% "
            buffer.write(label, x: rect.maxX - CharWidth.of(label), y: rect.maxY - 1, style: state.theme.style("ui.text.dim"))
        }
    }
}
