/// The help overlay: lines generated from the key map (`AppView.helpLines` picks the mode's), in a
/// box with its title. It takes its own data.
public struct HelpView {
    public var lines: [StyledLine]
    public var scroll: Int
    /// The key that closes the help (`F1`), for the title.
    public var closeKey: String
    public var theme: Theme

    public init(lines: [StyledLine], scroll: Int, closeKey: String, theme: Theme) {
        self.lines = lines
        self.scroll = scroll
        self.closeKey = closeKey
        self.theme = theme
    }

    public func draw(_ buffer: inout ScreenBuffer) {
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
        buffer.write(" Keys — \(closeKey) or Esc closes, ↑↓ scroll · theme \(theme.name) ", x: box.x + 2, y: box.y, style: border, maxX: box.maxX - 1)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: width - 4, height: height - 2)
        let top = min(scroll, max(0, lines.count - inner.height))
        AppView.lines(lines[top...], in: inner, theme: theme, &buffer)
    }
}
