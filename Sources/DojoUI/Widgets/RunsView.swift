/// The runs browser's screen, drawn from its own data: a title row (how many runs show, the sort),
/// a column header, one row per run (cursor `▸`, marks `A`/`B`, best score in its medal's colour,
/// failed and unfinished outcomes dimmed or in the error colour), a detail line with the run's file,
/// and a status row with the filter, a question, a message or the key hints. F1 lays the key map's
/// `runs` commands over it.
public struct RunsView {
    public var runs: RunsState
    public var theme: Theme
    public var keyMap: KeyMap
    public var message: AppState.Message?
    public var now: Double

    public init(runs: RunsState, theme: Theme, keyMap: KeyMap, message: AppState.Message? = nil, now: Double = 0) {
        self.runs = runs
        self.theme = theme
        self.keyMap = keyMap
        self.message = message
        self.now = now
    }

    static let headers = ["task", "agent", "date", "steps", "best", "outcome"]

    /// Column widths for the screen's width: task, agent, date, steps, best, and the outcome takes the rest.
    func widths(total: Int) -> [Int] {
        let entries = runs.entries
        func widest(_ header: String, _ values: [String], cap: Int) -> Int {
            min(cap, max(CharWidth.of(header), values.map { CharWidth.of($0) }.max() ?? 0))
        }
        let task = widest("task", entries.map(\.task), cap: 22)
        let agent = widest("agent", entries.map(\.agent), cap: 22)
        let date = 16
        let steps = widest("steps", entries.map { String($0.steps) }, cap: 6)
        let best = widest("best", entries.map(\.bestText), cap: 18)
        let outcome = max(7, total - 3 - task - agent - date - steps - best - 10)
        return [task, agent, date, steps, best, outcome]
    }

    static func cell(_ text: String, _ width: Int, right: Bool = false) -> String {
        let cut = Sanitizer.line(text).truncated(to: width)
        let pad = String(repeating: " ", count: max(0, width - CharWidth.of(cut)))
        return right ? pad + cut : cut + pad
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard rect.height >= 4, rect.width >= 30 else {
            buffer.write("enlarge the terminal", x: rect.x, y: rect.y, style: theme.style("ui.text"), maxX: rect.maxX)
            return
        }
        let visible = runs.visible
        let titleStyle = theme.style("ui.pane.title.focus")
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: titleStyle)
        var title = " Dojo · runs · \(visible.count) of \(runs.entries.count) · \(runs.sort.label)"
        if !runs.problems.isEmpty { title += " · \(runs.problems.count) unreadable (F1)" }
        buffer.write(title, x: rect.x, y: rect.y, style: titleStyle, maxX: rect.maxX)
        let widths = widths(total: rect.width)
        let header = zip(Self.headers, widths).enumerated().map { Self.cell($0.element.0, $0.element.1, right: $0.offset == 3) }
        buffer.write("   " + header.joined(separator: "  "), x: rect.x, y: rect.y + 1, style: theme.style("ui.pane.title"), maxX: rect.maxX)
        let list = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 4)
        if runs.entries.isEmpty {
            buffer.write(" no trajectories in \(runs.sources.map { Sanitizer.line($0) }.joined(separator: ", "))", x: list.x, y: list.y,
                         style: theme.style("ui.text.dim"), maxX: list.maxX)
        } else if visible.isEmpty {
            buffer.write(" no run matches \"\(Sanitizer.line(runs.filter))\" (Esc clears the filter)", x: list.x, y: list.y,
                         style: theme.style("ui.text.dim"), maxX: list.maxX)
        }
        for (offset, index) in visible.dropFirst(runs.top).prefix(list.height).enumerated() {
            drawRow(runs.entries[index], selected: runs.top + offset == runs.cursor, y: list.y + offset, in: list, widths: widths, &buffer)
        }
        drawDetail(y: rect.maxY - 2, rect: rect, &buffer)
        drawStatus(y: rect.maxY - 1, rect: rect, &buffer)
        if runs.showHelp { drawHelp(in: rect, &buffer) }
    }

    func drawRow(_ entry: RunsState.Entry, selected: Bool, y: Int, in list: Rect, widths: [Int], _ buffer: inout ScreenBuffer) {
        let base = theme.style(selected ? "ui.selection" : "ui.text")
        if selected { buffer.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: base) }
        let mark = runs.marked.firstIndex(of: entry.path).map { $0 == 0 ? "A" : "B" } ?? " "
        var x = buffer.write((selected ? "▸" : " ") + mark + " ", x: list.x, y: y, style: base, maxX: list.maxX)
        let cells = [Self.cell(entry.task, widths[0]), Self.cell(entry.agent, widths[1]), Self.cell(entry.date, widths[2]),
                     Self.cell(String(entry.steps), widths[3], right: true)]
        x = buffer.write(cells.joined(separator: "  ") + "  ", x: x, y: y, style: base, maxX: list.maxX)
        let bestScope = entry.best?.medal.map { "medal.\($0.rawValue)" } ?? (entry.best == nil ? "ui.text.dim" : "ui.text")
        x = buffer.write(Self.cell(entry.bestText, widths[4]) + "  ", x: x, y: y, style: selected ? base : theme.style(bestScope), maxX: list.maxX)
        let outcomeScope: String
        switch entry.outcome {
        case .failed: outcomeScope = "log.error"
        case .running: outcomeScope = "ui.statusline.running"
        case .interrupted, .unfinished: outcomeScope = "ui.text.dim"
        case .ended: outcomeScope = "ui.text"
        }
        buffer.write(Self.cell(entry.outcome.label, widths[5]), x: x, y: y, style: selected ? base : theme.style(outcomeScope), maxX: list.maxX)
    }

    func drawDetail(y: Int, rect: Rect, _ buffer: inout ScreenBuffer) {
        let style = theme.style("ui.text.dim")
        guard let entry = runs.selected else { return }
        var text = " \(Sanitizer.line(entry.path)) · seed \(entry.seed)"
        if let best = entry.best { text += " · best at step \(best.step)" + (best.rankScore.map { " · position \(AppUpdate.format($0, digits: 3))" } ?? "") }
        if !runs.marked.isEmpty {
            let names = runs.marked.enumerated().map { mark in
                let entry = runs.entries.first { $0.path == mark.element }
                return "\(mark.offset == 0 ? "A" : "B"): \(Sanitizer.line(entry.map { "\($0.task) \($0.agent) \($0.date)" } ?? mark.element))"
            }
            text = " marked " + names.joined(separator: "  ") + " ·" + text
        }
        buffer.write(text, x: rect.x, y: y, style: style, maxX: rect.maxX)
    }

    func drawStatus(y: Int, rect: Rect, _ buffer: inout ScreenBuffer) {
        let status = Rect(x: rect.x, y: y, width: rect.width, height: 1)
        let base = theme.style("ui.statusline")
        buffer.fill(status, style: base)
        if let entry = runs.confirmingDelete {
            let files = ([entry.fileName] + entry.companions).map { Sanitizer.line($0) }.joined(separator: ", ")
            let what = entry.name == entry.fileName ? files : "\(Sanitizer.line(entry.name)) (\(files))"
            buffer.write(" Delete \(what)? (y)es, any other key keeps it ", x: status.x, y: y,
                         style: theme.style("ui.statusline.error").over(base), maxX: status.maxX)
            return
        }
        let left: String
        if runs.editingFilter {
            left = " filter: \(Sanitizer.line(runs.filter))▏ (Enter keeps it, Esc clears)"
        } else if !runs.filter.isEmpty {
            left = " filter: \(Sanitizer.line(runs.filter))"
        } else {
            left = " \(runs.entries.count) run\(runs.entries.count == 1 ? "" : "s")"
        }
        let end = buffer.write(left, x: status.x, y: y, style: base, maxX: status.maxX)
        var right = RunsUpdate.hints(keyMap)
        var scope = "ui.statusline.hint"
        if let message, now - message.at < 5 {
            right = message.text + " "
            scope = message.isError ? "ui.statusline.error" : "ui.message"
        }
        guard !runs.editingFilter || message != nil else { return }
        buffer.write(right, x: max(end + 1, status.maxX - CharWidth.of(right)), y: y, style: theme.style(scope).over(base), maxX: status.maxX)
    }

    /// The keys of the `runs` context, with the movement keys and the files that could not be read.
    func drawHelp(in rect: Rect, _ buffer: inout ScreenBuffer) {
        var lines = [StyledLine("Runs browser: every trajectory Dojo knows", "ui.popup.title"),
                     StyledLine("  ↑↓ PageUp PageDown Home End move; Esc clears the marks, then the filter, then quits", "ui.popup"),
                     StyledLine()]
        lines += keyMap.helpLines(contexts: [.runs])
        if !runs.problems.isEmpty {
            lines += [StyledLine(), StyledLine("Not readable (skipped)", "ui.popup.title")]
            lines += runs.problems.map { StyledLine("  " + Sanitizer.line($0), "ui.popup") }
        }
        PopupView.draw(title: " Keys — \(keyMap.hint(.help)), Esc or q closes, ↑↓ scroll ", lines: lines, scroll: runs.helpScroll,
                       theme: theme, in: rect, &buffer)
    }
}
