/// The task picker's screen, drawn from its own data (not the workbench's state): a title row, a
/// column header, one row per matching task (the selected one highlighted), and a status row with
/// the filter and the key hints, or a message.
public struct PickerView {
    public var picker: PickerState
    public var theme: Theme
    public var hints: String
    public var message: AppState.Message?
    public var now: Double

    public init(picker: PickerState, theme: Theme, hints: String, message: AppState.Message? = nil, now: Double = 0) {
        self.picker = picker
        self.theme = theme
        self.hints = hints
        self.message = message
        self.now = now
    }

    /// The columns: task id, kind, title (takes what is left), size, metric, your best.
    static func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            let cut = cell.truncated(to: width)
            return cut + String(repeating: " ", count: max(0, width - CharWidth.of(cut)))
        }.joined(separator: "  ")
    }

    func widths(total: Int) -> [Int] {
        let entries = picker.entries
        func widest(_ header: String, _ values: [String], cap: Int) -> Int {
            min(cap, max(CharWidth.of(header), values.map { CharWidth.of($0) }.max() ?? 0))
        }
        let id = widest("task", entries.map(\.id), cap: 18)
        let kind = widest("kind", entries.map(\.kind), cap: 24)
        let size = widest("size", entries.map { $0.size ?? "–" }, cap: 10)
        let metric = widest("metric", entries.map(\.metric), cap: 16)
        let best = widest("your best", entries.map { $0.best ?? "–" }, cap: 28)
        let title = max(8, total - id - kind - size - metric - best - 10)
        return [id, kind, title, size, metric, best]
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard rect.height >= 3, rect.width >= 20 else { return }
        let matches = picker.matches
        let titleStyle = theme.style("ui.pane.title.focus")
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: titleStyle)
        buffer.write(" Dojo · choose a task · \(matches.count) of \(picker.entries.count)", x: rect.x, y: rect.y, style: titleStyle, maxX: rect.maxX)
        let widths = widths(total: rect.width - 2)
        buffer.write(" " + Self.row(["task", "kind", "title", "size", "metric", "your best"], widths: widths), x: rect.x, y: rect.y + 1,
                     style: theme.style("ui.pane.title"), maxX: rect.maxX)
        let list = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 3)
        if picker.entries.isEmpty {
            buffer.write(" no tasks in \(Sanitizer.line(picker.source))", x: list.x, y: list.y, style: theme.style("ui.text.dim"), maxX: list.maxX)
        } else if matches.isEmpty {
            buffer.write(" no task matches \"\(Sanitizer.line(picker.filter))\" (Esc clears the filter)", x: list.x, y: list.y,
                         style: theme.style("ui.text.dim"), maxX: list.maxX)
        }
        for (offset, index) in matches.dropFirst(picker.top).prefix(list.height).enumerated() {
            let entry = picker.entries[index]
            let y = list.y + offset
            let selected = picker.top + offset == picker.cursor
            let style = theme.style(selected ? "ui.selection" : entry.problem != nil ? "ui.text.dim" : "ui.text")
            if selected { buffer.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: style) }
            let title = entry.problem.map { "[broken] " + $0 } ?? entry.title
            let text = Self.row([entry.id, entry.kind, Sanitizer.line(title), entry.size ?? "–", entry.metric, entry.best ?? "–"], widths: widths)
            buffer.write((selected ? "▸" : " ") + text, x: list.x, y: y, style: style, maxX: list.maxX)
        }
        let status = Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1)
        let base = theme.style("ui.statusline")
        buffer.fill(status, style: base)
        let left = picker.filter.isEmpty ? " \(picker.entries.count) tasks" : " filter: \(Sanitizer.line(picker.filter))▏"
        let end = buffer.write(left, x: status.x, y: status.y, style: base, maxX: status.maxX)
        var right = hints
        var scope = "ui.statusline.hint"
        if let message, now - message.at < 5 {
            right = message.text + " "
            scope = message.isError ? "ui.statusline.error" : "ui.message"
        }
        buffer.write(right, x: max(end + 1, status.maxX - CharWidth.of(right)), y: status.y, style: theme.style(scope).over(base), maxX: status.maxX)
    }
}
