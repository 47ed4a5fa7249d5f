/// How far down a pane of text is, for its title: the Task pane's text and replay's diff.
extension AppView {
    /// `42% ` when the pane's text overflows it; nil for the panes that are not text or fit.
    static func scrollLabel(_ pane: Pane, rect: Rect, state: AppState) -> String? {
        let content = rect.droppingTop(1)
        switch pane {
        case .task:
            if state.mode.replay?.showSteps == true { return nil }
            let lines = taskLines(state, width: TextView.textWidth(in: content))
            return TextView.scrollLabel(lineCount: lines.count, scroll: state.taskScroll, height: content.height)
        case .editor:
            guard let replay = state.mode.replay, let lines = replay.diffLines else { return nil }
            return TextView.scrollLabel(lineCount: lines.count, scroll: replay.diffScroll, height: content.height)
        case .logs, .scores:
            return nil
        }
    }
}
