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

    public init(logs: LogState, running: AppState.Running? = nil, now: Double = 0, theme: Theme) {
        self.logs = logs
        self.running = running
        self.now = now
        self.theme = theme
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
                let wrapped = logs.lines[index].wrapped(width: inner.width, indent: 2)
                rows.insert(contentsOf: wrapped.map { ($0, index) }, at: 0)
                index -= 1
            }
            if rows.count > inner.height { rows.removeFirst(rows.count - inner.height) }
        } else {
            var index = top
            while index < logs.lines.count, rows.count < inner.height {
                rows += logs.lines[index].wrapped(width: inner.width, indent: 2).map { ($0, index) }
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
            let text = " \(frame) \(running.action.rawValue) \(elapsed) s \(running.cancelling ? "· cancelling" : "· ^C cancels") "
            let width = CharWidth.of(text)
            buffer.write(text, x: max(inner.x, rect.maxX - width), y: rect.maxY - 1, style: theme.style("ui.statusline.running"))
        }
    }
}
