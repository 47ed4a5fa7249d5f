/// The message log over the panes (as helix's `:messages`): every message of the session, whole and
/// wrapped, oldest first, each with how long ago it came; errors in the error style. Drawn from its
/// own data.
public struct MessagesView {
    public var messages: [AppState.Message]
    /// Lines up from the newest (0: the newest at the bottom).
    public var scroll: Int
    public var now: Double
    /// The key that closes the log (`A-m`), for the title.
    public var closeKey: String
    public var theme: Theme

    public init(messages: [AppState.Message], scroll: Int, now: Double, closeKey: String, theme: Theme) {
        self.messages = messages
        self.scroll = scroll
        self.now = now
        self.closeKey = closeKey
        self.theme = theme
    }

    /// The log's lines at a width: `  12s ago  saved /tmp/a.py`, long messages wrapped under themselves.
    public static func lines(_ messages: [AppState.Message], now: Double, width: Int) -> [StyledLine] {
        guard !messages.isEmpty else { return [StyledLine("no messages yet", "ui.text.dim")] }
        var out: [StyledLine] = []
        for message in messages {
            var line = StyledLine(age(now - message.at).leftPadded(8) + "  ", "ui.text.dim")
            line.append(message.text, message.isError ? "ui.message.error" : "ui.popup")
            out += line.wrapped(width: width, indent: 10)
        }
        return out
    }

    static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s)s ago" }
        if s < 3600 { return "\(s / 60)m ago" }
        return "\(s / 3600)h ago"
    }

    /// The first line shown for a box of `height` lines.
    static func top(lineCount: Int, height: Int, scroll: Int) -> Int { max(0, lineCount - height - max(0, scroll)) }

    /// The columns and rows of the log's text on a screen (the box of `PopupView`).
    static func textWidth(screenWidth: Int) -> Int { min(screenWidth - 4, 96) - 4 }
    static func textHeight(screenHeight: Int) -> Int { screenHeight - 6 }

    public func draw(_ buffer: inout ScreenBuffer) {
        let area = Rect(x: 0, y: 1, width: buffer.width, height: buffer.height - 2)
        let width = Self.textWidth(screenWidth: buffer.width)
        let height = Self.textHeight(screenHeight: buffer.height)
        guard width > 10, height > 0 else { return }
        let all = Self.lines(messages, now: now, width: width)
        let top = Self.top(lineCount: all.count, height: height, scroll: scroll)
        PopupView.draw(title: " Messages (\(messages.count)) — \(closeKey) or Esc closes, ↑↓ scroll ", lines: Array(all[top...]), scroll: 0,
                       theme: theme, in: area, &buffer)
    }
}
