/// A diff's lines (replay's Editor pane), scrolled, with how far down it is. It takes its own data.
public struct DiffView {
    public var lines: [StyledLine]
    public var scroll: Int
    public var theme: Theme

    public init(lines: [StyledLine], scroll: Int, theme: Theme) {
        self.lines = lines
        self.scroll = scroll
        self.theme = theme
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let top = min(scroll, max(0, lines.count - inner.height))
        AppView.lines(lines[min(top, lines.count)...], in: inner, theme: theme, &buffer)
        if lines.count > inner.height, inner.height > 2 {
            let label = " \(min(100, (top + inner.height) * 100 / lines.count))% "
            buffer.write(label, x: rect.maxX - CharWidth.of(label), y: rect.maxY - 1, style: theme.style("ui.text.dim"))
        }
    }
}
