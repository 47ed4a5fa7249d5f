extension EditorState {
    /// The text position under a cell of the text area: `row` lines below the top line shown,
    /// `column` display columns right of the left edge shown (clamped to the text).
    public func position(row: Int, column: Int) -> TextPosition {
        let line = max(0, min(lineCount - 1, scrollTop + row))
        return TextPosition(line: line, column: self.column(forDisplay: max(0, scrollLeft + column), in: line))
    }

    /// A click: the cursor goes to `position`; with `extend` (shift-click, a drag) the selection runs
    /// from where it started (or from the cursor) to there.
    public mutating func place(at position: TextPosition, extend: Bool) {
        let start = anchor ?? cursor
        goTo(line: position.line, column: position.column)
        if extend { anchor = start }
    }

    /// The wheel: the view moves by `delta` lines and the cursor stays inside it (as vim does), the
    /// selection kept.
    public mutating func scrollView(by delta: Int, height: Int) {
        scrollTop = max(0, min(max(0, lineCount - height), scrollTop + delta))
        if cursor.line < scrollTop { cursor = clamp(TextPosition(line: scrollTop, column: cursor.column)) }
        if cursor.line >= scrollTop + height { cursor = clamp(TextPosition(line: scrollTop + height - 1, column: cursor.column)) }
    }
}
