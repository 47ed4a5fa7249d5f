/// The Editor pane: line numbers, highlighted text, selection, the cursor line, horizontal scroll.
/// It takes its own data (ratatui-style): the buffer, whether it has the focus (the cursor line and the
/// terminal cursor show only then), and the theme.
public struct EditorView {
    public var editor: EditorState
    public var focused: Bool
    /// Whether the terminal cursor goes to the editor's (not while a prompt or the help has it).
    public var showsCursor: Bool
    public var theme: Theme

    public init(editor: EditorState, focused: Bool, showsCursor: Bool? = nil, theme: Theme) {
        self.editor = editor
        self.focused = focused
        self.showsCursor = showsCursor ?? focused
        self.theme = theme
    }

    /// The line-number gutter's width for a buffer of this many lines.
    public static func gutterWidth(lineCount: Int) -> Int { max(3, String(lineCount).count) + 2 }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let gutter = min(Self.gutterWidth(lineCount: editor.lineCount), rect.width)
        let textRect = rect.droppingLeft(gutter)
        let numberStyle = theme.style("ui.linenr")
        let currentNumberStyle = theme.style("ui.linenr.selected")
        let cursorLineStyle = theme.style("ui.cursorline")
        let selectionStyle = theme.style("ui.selection")
        let selection = editor.selection
        var scopeStyles: [String: Style] = [:]
        for row in 0..<rect.height {
            let lineIndex = editor.scrollTop + row
            let y = rect.y + row
            guard lineIndex < editor.lineCount else {
                buffer.write("~", x: rect.x + gutter - 2, y: y, style: numberStyle)
                continue
            }
            let isCursorLine = lineIndex == editor.cursor.line
            let number = String(lineIndex + 1)
            let numberX = rect.x + gutter - 1 - number.count
            buffer.write(number, x: max(rect.x, numberX), y: y, style: isCursorLine ? currentNumberStyle : numberStyle, maxX: rect.x + gutter)
            if isCursorLine && focused {
                buffer.fill(Rect(x: textRect.x, y: y, width: textRect.width, height: 1), style: cursorLineStyle)
            }
            let line = editor.lines[lineIndex]
            let base = isCursorLine && focused ? cursorLineStyle : theme.base
            var styles = Array(repeating: base, count: line.count)
            for token in editor.tokens(of: lineIndex) {
                let style: Style
                if let cached = scopeStyles[token.scope] { style = cached } else {
                    style = theme.style(token.scope)
                    scopeStyles[token.scope] = style
                }
                let s = isCursorLine && focused ? Style(foreground: style.foreground, background: cursorLineStyle.background, attributes: style.attributes) : style
                for i in token.start..<min(token.end, line.count) { styles[i] = s }
            }
            if let (start, end) = selection, lineIndex >= start.line, lineIndex <= end.line {
                let from = lineIndex == start.line ? start.column : 0
                let to = lineIndex == end.line ? end.column : line.count
                for i in from..<max(from, to) { styles[i] = selectionStyle.over(styles[i]) }
                if lineIndex != end.line {
                    // The line break is selected too.
                    let x = textRect.x + editor.displayColumn(TextPosition(line: lineIndex, column: line.count)) - editor.scrollLeft
                    if x >= textRect.x, x < textRect.maxX { buffer.put(" ", x: x, y: y, style: selectionStyle) }
                }
            }
            var column = 0
            var x = textRect.x
            for (i, character) in line.enumerated() {
                let w = CharWidth.of(character)
                if column + w <= editor.scrollLeft { column += w; continue }
                if column < editor.scrollLeft { column += w; x += column - editor.scrollLeft; continue }
                if x + w > textRect.maxX { break }
                buffer.put(character, x: x, y: y, style: styles[i], limit: textRect.maxX)
                x += w
                column += w
            }
            if editor.scrollLeft > 0 { buffer.put("‹", x: textRect.x, y: y, style: numberStyle) }
            if column < CharWidth.of(String(line)) , x >= textRect.maxX - 1 { buffer.put("›", x: textRect.maxX - 1, y: y, style: numberStyle) }
        }
        if focused, showsCursor {
            let x = textRect.x + editor.displayColumn(editor.cursor) - editor.scrollLeft
            let y = rect.y + editor.cursor.line - editor.scrollTop
            if x >= textRect.x, x < textRect.maxX, y >= rect.y, y < rect.maxY { buffer.cursor = (x, y) }
        }
    }
}
