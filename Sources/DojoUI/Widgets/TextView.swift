/// Styled lines in a pane, scrolled, with how far down they are: the Task pane (the description as
/// markdown, or a `request_info` answer) and replay's diff in the Editor pane. It takes its own
/// data: the lines, already laid out for the pane's width.
public struct TextView {
    public var lines: [StyledLine]
    public var scroll: Int
    public var theme: Theme

    public init(lines: [StyledLine], scroll: Int, theme: Theme) {
        self.lines = lines
        self.scroll = scroll
        self.theme = theme
    }

    /// The width the lines are laid out for in a pane's content rectangle (a margin on the left).
    public static func textWidth(in rect: Rect) -> Int { rect.width - 1 }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let all = lines
        let top = min(scroll, max(0, all.count - inner.height))
        AppView.lines(all[min(top, all.count)...], in: inner, theme: theme, &buffer)
    }

    /// How far down the lines are (`42% `), for the pane's title when they do not all fit (drawn
    /// there, not over the text); nil when they fit.
    public static func scrollLabel(lineCount: Int, scroll: Int, height: Int) -> String? {
        guard lineCount > height, height > 0 else { return nil }
        let top = min(scroll, max(0, lineCount - height))
        return "\(min(100, (top + height) * 100 / lineCount))% "
    }
}
