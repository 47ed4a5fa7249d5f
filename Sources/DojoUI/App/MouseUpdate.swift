/// The mouse, in the modes with panes: a click focuses the pane under it (in the editor it places the
/// cursor, shift-click extends the selection, a drag selects; in replay's step list it selects the
/// step), the wheel scrolls the pane (or the overlay, the help) under the pointer. Off
/// (`[mouse] enabled = false`, or the `toggle_mouse` key), the terminal keeps its own selection.
enum MouseUpdate {
    /// Lines the wheel scrolls per notch.
    static let wheelLines = 3

    static func handle(_ event: MouseEvent, _ state: inout AppState) -> [Effect] {
        guard state.mouse.enabled, !state.mode.isWholeScreen, !state.isTooSmall, state.prompt == nil else { return [] }
        if state.showHelp {
            switch event.kind {
            case .wheelUp: state.helpScroll = max(0, state.helpScroll - wheelLines)
            case .wheelDown: state.helpScroll += wheelLines
            default: break
            }
            return []
        }
        switch state.overlay {
        case .leaderboard:
            if let delta = wheel(event) { LeaderboardUpdate.scroll(by: delta, &state) }
            return []
        case .data:
            DataExplorerUpdate.mouse(event, &state)
            return []
        case nil: break
        }
        switch event.kind {
        case .press(.left): return press(event, &state)
        case .drag(.left): drag(event, &state)
        case .release:
            if state.mouse.selecting, state.editor.anchor == state.editor.cursor { state.editor.anchor = nil }
            state.mouse.selecting = false
        case .wheelUp, .wheelDown: return scroll(event, &state)
        default: break
        }
        return []
    }

    /// The wheel's lines: negative up.
    static func wheel(_ event: MouseEvent) -> Int? {
        switch event.kind {
        case .wheelUp: -wheelLines
        case .wheelDown: wheelLines
        default: nil
        }
    }

    static func pane(at event: MouseEvent, _ state: AppState) -> (pane: Pane, rect: Rect)? {
        state.frame.panes.first { _, rect in
            event.x >= rect.x && event.x < rect.maxX && event.y >= rect.y && event.y < rect.maxY
        }.map { ($0.key, $0.value) }
    }

    static func press(_ event: MouseEvent, _ state: inout AppState) -> [Effect] {
        guard let (pane, rect) = pane(at: event, state) else { return [] }
        if state.focus != pane { AppUpdate.focus(pane, &state) }
        let content = rect.droppingTop(1)
        guard event.y >= content.y else { return [] }
        switch pane {
        case .editor:
            guard state.mode.replay?.diffLines == nil, let text = state.editorTextRect, event.x >= text.x else { return [] }
            let position = state.editor.position(row: event.y - text.y, column: event.x - text.x)
            state.editor.place(at: position, extend: event.shift)
            if !event.shift { state.editor.anchor = state.editor.cursor }
            state.mouse.selecting = true
        case .task:
            // The step list's rows start below its header row; the same top as `StepListView` draws.
            let rows = content.height - 1
            let row = event.y - content.y - 1
            guard row >= 0, rows > 0 else { return [] }
            if StepHistoryUpdate.showsList(state) {
                StepHistoryUpdate.click(row: row, rows: rows, &state)
                return []
            }
            guard case .replay(var replay) = state.mode, replay.showSteps else { return [] }
            // Rows between the steps (co-pilot's hand-overs, skips) count, but a click on one moves nothing.
            let cursorRow = replay.listRow(ofPosition: replay.cursor)
            let top = min(max(replay.listTop, cursorRow - rows + 1), cursorRow)
            guard top + row < replay.listRowCount, case .step(let position) = replay.listItem(atRow: top + row) else { return [] }
            let effects = ReplayUpdate.go(to: position, &replay, &state)
            state.mode = .replay(replay)
            return effects
        case .logs, .scores: break
        }
        return []
    }

    static func drag(_ event: MouseEvent, _ state: inout AppState) {
        guard state.mouse.selecting, state.focus == .editor, let text = state.editorTextRect else { return }
        // Past the top or bottom edge the view follows the drag a line at a time.
        if event.y < text.y { state.editor.scrollView(by: -1, height: text.height) }
        if event.y >= text.maxY { state.editor.scrollView(by: 1, height: text.height) }
        let row = max(0, min(text.height - 1, event.y - text.y))
        let position = state.editor.position(row: row, column: max(0, event.x - text.x))
        state.editor.place(at: position, extend: true)
    }

    static func scroll(_ event: MouseEvent, _ state: inout AppState) -> [Effect] {
        guard let delta = wheel(event), let (pane, rect) = pane(at: event, state) else { return [] }
        let height = max(1, rect.height - 1)
        switch pane {
        case .editor:
            if StepHistoryUpdate.showsDiff(state) {
                let bottom = max(0, state.history.diff().lines.count - height)
                state.history.diffScroll = max(0, min(bottom, state.history.diffScroll + delta))
            } else if case .replay(var replay) = state.mode, replay.diffLines != nil {
                replay.diffScroll = max(0, min(max(0, (replay.diffLines?.count ?? 0) - height), replay.diffScroll + delta))
                state.mode = .replay(replay)
            } else if let text = state.editorTextRect {
                state.editor.scrollView(by: delta, height: text.height)
            }
        case .logs: state.logs.scroll(by: delta, height: height)
        case .task:
            if StepHistoryUpdate.showsList(state) {
                StepHistoryUpdate.move(to: state.history.cursor + (delta < 0 ? -1 : 1), &state)
                return []
            }
            if case .replay(var replay) = state.mode, replay.showSteps {
                let effects = ReplayUpdate.go(to: replay.cursor + (delta < 0 ? -1 : 1), &replay, &state)
                state.mode = .replay(replay)
                return effects
            }
            state.taskScroll = max(0, state.taskScroll + delta)
        case .scores: state.scores.tableScroll = max(0, state.scores.tableScroll + (delta < 0 ? -1 : 1))
        }
        return []
    }

    /// The `toggle_mouse` key: the workbench takes the mouse, or leaves it to the terminal.
    static func toggle(_ state: inout AppState) -> [Effect] {
        state.mouse.enabled.toggle()
        state.mouse.selecting = false
        state.message = .init(text: state.mouse.enabled ? "mouse on: click, wheel, drag to select"
                              : "mouse off: the terminal selects (\(state.keyMap.hint(.toggleMouse)): on)",
                              isError: false, at: state.now)
        return [.setMouse(state.mouse.enabled)]
    }
}
