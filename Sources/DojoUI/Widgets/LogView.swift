import Foundation

/// The Logs pane: the scrollback, following new output unless scrolled away.
enum LogView {
    static func draw(_ state: AppState, in rect: Rect, _ buffer: inout ScreenBuffer) {
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let logs = state.logs
        let top = logs.top(height: inner.height)
        if logs.lines.isEmpty {
            buffer.write("Output of each step appears here.", x: inner.x, y: inner.y, style: state.theme.style("ui.text.dim"), maxX: inner.maxX)
            return
        }
        AppView.lines(logs.lines[top...], in: inner, theme: state.theme, &buffer, highlight: logs.match, firstIndex: top)
        if let running = state.running, inner.height > 1 {
            let frame = AppView.spinner[Int(max(0, state.now - running.startedAt) * 10) % AppView.spinner.count]
            let elapsed = String(format: "%.1f", max(0, state.now - running.startedAt))
            let text = " \(frame) \(running.action.rawValue) \(elapsed) s \(running.cancelling ? "· cancelling" : "· ^C cancels") "
            let width = CharWidth.of(text)
            buffer.write(text, x: max(inner.x, rect.maxX - width), y: rect.maxY - 1, style: state.theme.style("ui.statusline.running"))
        }
    }
}
