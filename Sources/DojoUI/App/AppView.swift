import DojoKit
import Foundation

/// Draws the whole workbench into a screen buffer. Pure: the same state gives the same cells.
public enum AppView {
    public static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height, fill: Cell(" ", style: state.theme.base))
        render(state, into: &buffer)
        return buffer
    }

    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        let theme = state.theme
        if buffer.width != state.width || buffer.height != state.height {
            buffer = ScreenBuffer(width: state.width, height: state.height)
        }
        buffer.fill(buffer.bounds, with: Cell(" ", style: theme.base))
        buffer.cursor = nil
        if case .picker(let picker) = state.mode {
            PickerView(picker: picker, theme: theme, hints: PickerUpdate.hints(state.keyMap), message: state.message, now: state.now)
                .draw(in: buffer.bounds, &buffer)
            return
        }
        if case .runs(let runs) = state.mode {
            RunsView(runs: runs, theme: theme, keyMap: state.keyMap, message: state.message, now: state.now).draw(in: buffer.bounds, &buffer)
            return
        }
        if case .dashboard(let dashboard) = state.mode {
            DashboardView(dashboard: dashboard, theme: theme, keyMap: state.keyMap, message: state.message, now: state.now)
                .draw(in: buffer.bounds, &buffer)
            return
        }
        if state.isTooSmall {
            tooSmall(state, &buffer)
            return
        }
        let frame = state.frame
        let replay = state.mode.replay
        for (pane, rect) in frame.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            title(pane, rect: rect, state: state, &buffer)
            let content = rect.droppingTop(1)
            switch pane {
            case .task:
                if let replay, replay.showSteps {
                    StepListView(replay: replay, focused: state.focus == .task, theme: theme).draw(in: content, &buffer)
                } else if StepHistoryUpdate.showsList(state) {
                    StepListView(replay: state.history.asReplay, focused: state.focus == .task, theme: theme,
                                 details: state.history.details, base: state.history.diffBase?.position).draw(in: content, &buffer)
                } else {
                    TextView(lines: taskLines(state, width: TextView.textWidth(in: content)), scroll: state.taskScroll, theme: theme)
                        .draw(in: content, &buffer)
                }
            case .editor:
                if let replay, let lines = replay.diffLines {
                    TextView(lines: lines, scroll: replay.diffScroll, theme: theme).draw(in: content, &buffer)
                } else if StepHistoryUpdate.showsDiff(state) {
                    TextView(lines: state.history.diff().lines, scroll: state.history.diffScroll, theme: theme).draw(in: content, &buffer)
                } else {
                    EditorView(editor: state.editor, focused: state.focus == .editor, showsCursor: state.prompt == nil && !state.showHelp && !state.showMessages, theme: theme)
                        .draw(in: content, &buffer)
                }
            case .logs: LogView(logs: state.logs, running: state.running, now: state.now, theme: theme, cancelKey: state.keyMap.hint(.cancelStep))
                .draw(in: content, &buffer)
            case .scores:
                let runKey = state.mode.copilot?.control == .agent ? nil : state.keyMap.hint(.execute)
                ScoresView(scores: state.scores, recorded: state.mode.isReadOnly, runKey: runKey, theme: theme).draw(in: content, &buffer)
            }
        }
        if let separator = frame.separator {
            let style = theme.style("ui.window")
            for y in separator.y..<separator.maxY { buffer.put("│", x: separator.x, y: y, style: style) }
        }
        statusBar(state).draw(in: frame.status, &buffer)
        if state.showHelp {
            HelpView(lines: helpLines(state), scroll: state.helpScroll, closeKey: state.keyMap.hint(.help), theme: theme,
                     filter: state.helpFilter, filterEditing: state.helpFilterEditing).draw(&buffer)
        }
        if state.showMessages {
            MessagesView(messages: state.messageLog, scroll: state.messagesScroll, now: state.now, closeKey: state.keyMap.hint(.messages), theme: theme)
                .draw(&buffer)
        }
        overlay(state, &buffer)
    }

    /// The Task pane's lines for a width: the ones `update` keeps laid out, else laid out now.
    static func taskLines(_ state: AppState, width: Int) -> [StyledLine] {
        if let cached = state.taskLines, cached.key.width == width, cached.key.view == state.taskView { return cached.lines }
        return state.renderTaskLines(width: width)
    }

    /// The status bar's data: the episode's, and the mode's segments, hints and prompt.
    static func statusBar(_ state: AppState) -> StatusBarView {
        var mode = AppUpdate.modeStatus(state)
        mode.trailing += WarmUpUpdate.segments(state)
        return StatusBarView(taskID: state.taskID, mode: mode, prompt: state.prompt.map { ($0.label, $0.text) } ?? mode.prompt,
                             budget: state.budget, secondsLeft: state.secondsLeft, best: state.best, bestMedal: state.bestMedal,
                             rankLabel: state.scores.board?.rankLabel ?? "rank", sandbox: state.sandbox, running: WarmUpUpdate.shownRunning(state),
                             episodeOver: state.episodeOver, message: state.message, now: state.now, theme: state.theme,
                             messagesKey: state.keyMap.hint(.messages))
    }

    /// The help overlay's lines: the mode's keys first in the read-only modes.
    static func helpLines(_ state: AppState) -> [StyledLine] {
        switch state.mode {
        case .watch: WatchUpdate.help(state.keyMap)
        case .replay: ReplayUpdate.help(state.keyMap)
        case .play, .fork: state.keyMap.helpLines(contexts: KeyMap.Context.person)
        case .copilot, .picker, .runs, .dashboard: state.keyMap.helpLines()
        }
    }

    static func title(_ pane: Pane, rect: Rect, state: AppState, _ buffer: inout ScreenBuffer) {
        let focused = state.focus == pane
        // A pending agent proposal marks the Editor's title (co-pilot mode).
        let pending = pane == .editor && state.mode.copilot?.isPendingShown == true
        let style = state.theme.style(pending ? "ui.statusline.running" : focused ? "ui.pane.title.focus" : "ui.pane.title")
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        var text = " \(pane.title)"
        var right = ""
        switch pane {
        case .task:
            text += " · \(state.taskView.title)"
            right = "\(state.keyMap.hint(.cycleTaskView)) "
        case .editor:
            let name = state.editor.path.map { ($0 as NSString).lastPathComponent } ?? state.bufferName
            right = "Ln \(state.editor.cursor.line + 1), Col \(state.editor.displayColumn(state.editor.cursor) + 1) "
            // The unsaved mark is never cut off: a long name gives way first.
            let mark = state.editor.isModified ? " [+]" : ""
            let room = rect.width - CharWidth.of(text + " · " + mark + right) - 3
            text += " · \(mark.isEmpty ? Sanitizer.line(name) : Sanitizer.line(name).truncated(to: max(8, room)))\(mark)"
        case .logs:
            text += state.logs.follow ? " · follow" : " · scrolled"
            if state.running != nil { text += " · running" }
        case .scores:
            switch state.scores.view {
            case .rawChart: text += " · \(state.scores.board?.metric ?? "score") \(state.scores.board?.higherIsBetter == false ? "↓" : "↑") chart"
            case .rankChart: text += " · \(state.scores.board?.rankLabel ?? "rank") chart"
            case .table: text += " · table"
            }
            right = "\(state.keyMap.hint(.cycleScoresView)) "
        }
        if let replay = state.mode.replay,
           let replayTitle = ReplayView.title(pane, replay, taskView: state.taskView, cursorLine: state.editor.cursor.line) {
            (text, right) = replayTitle
        }
        if let historyTitle = StepHistoryUpdate.title(pane, state) {
            (text, right) = historyTitle
        } else if let label = scrollLabel(pane, rect: rect, state: state) {
            right = label + right
        }
        if focused { text = "▍" + text.dropFirst() }
        let rightWidth = CharWidth.of(right)
        buffer.write(text, x: rect.x, y: rect.y, style: style, maxX: rect.maxX - rightWidth - 1)
        if rect.width > CharWidth.of(text) + rightWidth + 2 {
            buffer.write(right, x: rect.maxX - rightWidth, y: rect.y, style: style)
        }
    }

    static func tooSmall(_ state: AppState, _ buffer: inout ScreenBuffer) {
        let style = state.theme.style("ui.message.error")
        let lines = [
            "Terminal too small",
            "\(state.width)×\(state.height); Dojo needs \(Layout.minimumWidth)×\(Layout.minimumHeight)",
            "Enlarge the window; \(state.keyMap.hint(.quit)) quits",
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < state.height {
            let x = max(0, (state.width - CharWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + i, style: i == 0 ? style : state.theme.base)
        }
    }

    /// Draws styled lines into a rectangle from line `top`, cut at the right edge.
    static func lines(_ lines: ArraySlice<StyledLine>, in rect: Rect, theme: Theme, _ buffer: inout ScreenBuffer,
                      highlight: Int? = nil, firstIndex: Int = 0) {
        for (offset, line) in lines.prefix(rect.height).enumerated() {
            let y = rect.y + offset
            var x = rect.x
            let isMatch = highlight == firstIndex + offset
            for span in line.spans {
                var style = theme.style(span.scope)
                if isMatch { style = theme.style("ui.search.match").over(style) }
                x = buffer.write(span.text, x: x, y: y, style: style, maxX: rect.maxX)
                if x >= rect.maxX { break }
            }
            if isMatch, x < rect.maxX { buffer.fill(Rect(x: x, y: y, width: rect.maxX - x, height: 1), style: theme.style("ui.search.match")) }
        }
    }
}
