/// A framed box of lines over the middle of a screen (the help of the runs browser and the
/// evaluation dashboard), drawn from its own data; `scroll` is the first line shown.
public enum PopupView {
    public static func draw(title: String, lines: [StyledLine], scroll: Int, theme: Theme, in rect: Rect, _ buffer: inout ScreenBuffer) {
        let width = min(rect.width - 4, 96)
        let height = rect.height - 2
        guard width > 20, height > 4 else { return }
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + 1, width: width, height: height)
        let style = theme.style("ui.popup")
        buffer.fill(box, style: style)
        buffer.write("┌" + String(repeating: "─", count: width - 2) + "┐", x: box.x, y: box.y, style: style)
        buffer.write("└" + String(repeating: "─", count: width - 2) + "┘", x: box.x, y: box.maxY - 1, style: style)
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.put("│", x: box.x, y: y, style: style)
            buffer.put("│", x: box.maxX - 1, y: y, style: style)
        }
        buffer.write(title, x: box.x + 2, y: box.y, style: theme.style("ui.popup.title"), maxX: box.maxX - 1)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: width - 4, height: height - 2)
        let top = max(0, min(scroll, lines.count - inner.height))
        AppView.lines(lines[top...], in: inner, theme: theme, &buffer)
    }
}
