import Foundation

/// The Logs pane: the scrollback, following new output unless scrolled away, and the running step's
/// spinner. It takes its own data (ratatui-style), so any screen can show logs.
public struct LogView {
    public var logs: LogState
    /// The step running, if one is (its spinner and elapsed time at the pane's foot).
    public var running: AppState.Running?
    /// The clock, for the spinner's frame and the elapsed time.
    public var now: Double
    public var theme: Theme
    /// The key that cancels the running step (`C-c`), for the spinner's hint.
    public var cancelKey: String

    public init(logs: LogState, running: AppState.Running? = nil, now: Double = 0, theme: Theme, cancelKey: String = "C-c") {
        self.logs = logs
        self.running = running
        self.now = now
        self.theme = theme
        self.cancelKey = cancelKey
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let top = logs.top(height: inner.height)
        if logs.lines.isEmpty {
            buffer.write("Output of each step appears here.", x: inner.x, y: inner.y, style: theme.style("ui.text.dim"), maxX: inner.maxX)
            return
        }
        // Long lines wrap; only the lines on screen are wrapped.
        var rows: [(line: StyledLine, index: Int)] = []
        if logs.follow {
            var index = logs.lines.count - 1
            while index >= 0, rows.count < inner.height {
                let wrapped = Self.rows(of: logs.lines[index], width: inner.width)
                rows.insert(contentsOf: wrapped.map { ($0, index) }, at: 0)
                index -= 1
            }
            if rows.count > inner.height { rows.removeFirst(rows.count - inner.height) }
        } else {
            var index = top
            while index < logs.lines.count, rows.count < inner.height {
                rows += Self.rows(of: logs.lines[index], width: inner.width).map { ($0, index) }
                index += 1
            }
        }
        let search = theme.style("ui.search.match")
        for (offset, row) in rows.prefix(inner.height).enumerated() {
            AppView.lines([row.line][...], in: Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1), theme: theme, &buffer)
            if row.index == logs.match { buffer.restyle(Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1)) { search.over($0) } }
        }
        if let running = running, inner.height > 1 {
            let frame = AppView.spinner[Int(max(0, now - running.startedAt) * 10) % AppView.spinner.count]
            let elapsed = String(format: "%.1f", max(0, now - running.startedAt))
            let text = " \(frame) \(running.action.rawValue) \(elapsed) s \(running.cancelling ? "· cancelling" : "· \(cancelKey) cancels") "
            let width = CharWidth.of(text)
            buffer.write(text, x: max(inner.x, rect.maxX - width), y: rect.maxY - 1, style: theme.style("ui.statusline.running"))
        }
    }

    /// A log line's rows at a width: wrapped with a hanging indent of 2, except that a rule's run
    /// of `─` (a line ending in one, as `── step 3 · execute_code ────`) is cut to what is left of
    /// its last row, so a narrow pane shows no stray `────` row.
    static func rows(of line: StyledLine, width: Int) -> [StyledLine] {
        guard line.width > width, let last = line.spans.last, last.text.hasSuffix("───") else {
            return line.wrapped(width: width, indent: 2)
        }
        let run = last.text.reversed().prefix { $0 == "─" }.count
        var head = line
        head.spans[head.spans.count - 1].text = String(last.text.dropLast(run))
        if head.spans[head.spans.count - 1].text.isEmpty { head.spans.removeLast() }
        var rows = head.wrapped(width: width, indent: 2)
        let room = width - (rows.last?.width ?? 0)
        if room > 0, !rows.isEmpty { rows[rows.count - 1].append(String(repeating: "─", count: min(run, room)), last.scope) }
        return rows
    }
}
