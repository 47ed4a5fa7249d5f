/// The help overlay, generated from the key map.
enum HelpView {
    static func draw(_ state: AppState, _ buffer: inout ScreenBuffer) {
        let theme = state.theme
        let width = min(buffer.width - 4, 88)
        let height = buffer.height - 4
        guard width > 20, height > 4 else { return }
        let box = Rect(x: (buffer.width - width) / 2, y: 2, width: width, height: height)
        let style = theme.style("ui.popup")
        buffer.fill(box, style: style)
        let border = theme.style("ui.popup.title")
        buffer.write("┌" + String(repeating: "─", count: width - 2) + "┐", x: box.x, y: box.y, style: style)
        buffer.write("└" + String(repeating: "─", count: width - 2) + "┘", x: box.x, y: box.maxY - 1, style: style)
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.put("│", x: box.x, y: y, style: style)
            buffer.put("│", x: box.maxX - 1, y: y, style: style)
        }
        buffer.write(" Keys — \(state.keyMap.hint(.help)) or Esc closes, ↑↓ scroll · theme \(state.theme.name) ", x: box.x + 2, y: box.y, style: border, maxX: box.maxX - 1)
        var lines = state.keyMap.helpLines()
        if state.replay != nil {
            lines = [StyledLine("Replay mode: read-only; F5, F6, editing, save and open are off", "ui.popup.title"), StyledLine()]
                + state.keyMap.helpLines(contexts: [.replay, .global, .pane])
        }
        if state.isWatching {
            lines = [
                StyledLine("Watch mode (read-only)", "ui.popup.title"),
                StyledLine("  Editing, F5, F6, save and open are off; moving, panes and views work as below.", "ui.popup"),
                StyledLine(),
            ] + state.keyMap.helpLines(contexts: [.watch, .global, .pane])
        }
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: width - 4, height: height - 2)
        let top = min(state.helpScroll, max(0, lines.count - inner.height))
        AppView.lines(lines[top...], in: inner, theme: theme, &buffer)
    }
}
