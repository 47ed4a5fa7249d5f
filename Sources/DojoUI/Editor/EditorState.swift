/// The editor's text, cursor, selection, undo history and view position. Pure value: every edit is
/// a method, so behaviour is tested as text plus keys.
public struct EditorState: Sendable {
    public private(set) var lines: [[Character]]
    public var cursor = TextPosition(line: 0, column: 0)
    /// The other end of the selection, when there is one.
    public var anchor: TextPosition?
    /// The display column vertical moves aim for.
    private var goalColumn: Int?
    public var scrollTop = 0
    public var scrollLeft = 0
    /// The file the buffer is saved to.
    public var path: String?
    public private(set) var revision = 0
    public var savedRevision = 0
    private var nextRevision = 1

    private struct Snapshot: Sendable {
        var lines: [[Character]]
        var cursor: TextPosition
        var revision: Int
    }

    public enum EditKind: Sendable, Equatable { case typing, deleting, other }

    private var undoStack: [Snapshot] = []
    private var redoStack: [Snapshot] = []
    private var lastEdit: EditKind?
    /// How many undo steps are kept.
    public var undoLimit = 500

    /// Highlighting state at the start of each line; valid up to `highlightValidUpTo`.
    private var lineStates: [PythonHighlighter.LineState] = [.normal]
    private var highlightValidUpTo = 0

    public init(text: String = "", path: String? = nil) {
        lines = Self.split(text)
        self.path = path
    }

    public var isModified: Bool { revision != savedRevision }
    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var lineCount: Int { lines.count }
    public var canUndo: Bool { !undoStack.isEmpty }

    static func split(_ text: String) -> [[Character]] {
        let normalised = text.replacingTabsAndReturns()
        var result = normalised.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if result.isEmpty { result = [[]] }
        return result
    }

    /// A new buffer in place of this one (a file opened, an agent's proposal shown): the text, the
    /// path, a fresh undo history (undo never crosses buffers), the cursor at the top, unmodified.
    public mutating func load(text: String, path: String?) {
        lines = Self.split(text)
        self.path = path
        cursor = TextPosition(line: 0, column: 0)
        anchor = nil
        goalColumn = nil
        scrollTop = 0
        scrollLeft = 0
        undoStack.removeAll()
        redoStack.removeAll()
        lastEdit = nil
        // Revisions stay unique across buffers, so a late save of the old buffer never marks this one saved.
        revision = nextRevision
        nextRevision += 1
        savedRevision = revision
        lineStates = [.normal]
        highlightValidUpTo = 0
    }

    /// Replaces the whole text (take the buffer back from $EDITOR) as one undo step.
    public mutating func replaceAll(with text: String) {
        beginEdit(.other)
        lines = Self.split(text)
        cursor = clamp(cursor)
        anchor = nil
        invalidateHighlight(from: 0)
    }

    // MARK: selection

    public var selection: (start: TextPosition, end: TextPosition)? {
        guard let anchor, anchor != cursor else { return nil }
        return anchor < cursor ? (anchor, cursor) : (cursor, anchor)
    }

    public var selectedText: String? {
        guard let (start, end) = selection else { return nil }
        return text(from: start, to: end)
    }

    func text(from start: TextPosition, to end: TextPosition) -> String {
        if start.line == end.line { return String(lines[start.line][start.column..<end.column]) }
        var parts = [String(lines[start.line][start.column...])]
        if end.line - start.line > 1 { parts += lines[(start.line + 1)..<end.line].map { String($0) } }
        parts.append(String(lines[end.line][..<end.column]))
        return parts.joined(separator: "\n")
    }

    public mutating func selectAll() {
        anchor = TextPosition(line: 0, column: 0)
        cursor = TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    // MARK: undo

    private mutating func beginEdit(_ kind: EditKind) {
        let groupable = (kind == .typing || kind == .deleting) && lastEdit == kind
        if !groupable {
            undoStack.append(Snapshot(lines: lines, cursor: cursor, revision: revision))
            if undoStack.count > undoLimit { undoStack.removeFirst(undoStack.count - undoLimit) }
        }
        redoStack.removeAll()
        lastEdit = kind
        revision = nextRevision
        nextRevision += 1
        goalColumn = nil
    }

    /// Ends the current undo group (cursor moves, focus changes, …).
    public mutating func breakUndoGroup() { lastEdit = nil }

    public mutating func undo() {
        guard let snapshot = undoStack.popLast() else { return }
        redoStack.append(Snapshot(lines: lines, cursor: cursor, revision: revision))
        restore(snapshot)
    }

    public mutating func redo() {
        guard let snapshot = redoStack.popLast() else { return }
        undoStack.append(Snapshot(lines: lines, cursor: cursor, revision: revision))
        restore(snapshot)
    }

    private mutating func restore(_ snapshot: Snapshot) {
        lines = snapshot.lines
        cursor = clamp(snapshot.cursor)
        revision = snapshot.revision
        anchor = nil
        lastEdit = nil
        goalColumn = nil
        invalidateHighlight(from: 0)
    }

    // MARK: editing

    /// Types a character (replacing the selection). Undo groups runs of typing, breaking after spaces.
    public mutating func type(_ character: Character) {
        if character == "\n" || character == "\r" { newline(); return }
        let breakGroup = lastEdit == .typing && character != " " && cursor.column > 0 && lines[cursor.line][cursor.column - 1] == " "
        if breakGroup { lastEdit = nil }
        beginEdit(selection == nil ? .typing : .other)
        deleteSelectionInPlace()
        lines[cursor.line].insert(character, at: cursor.column)
        cursor.column += 1
        invalidateHighlight(from: cursor.line)
    }

    /// Inserts text as is: one undo step, no auto-indent (a paste).
    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        beginEdit(.other)
        deleteSelectionInPlace()
        insertInPlace(text)
        lastEdit = nil
    }

    private mutating func insertInPlace(_ text: String) {
        let pieces = Self.split(text)
        let line = lines[cursor.line]
        let before = Array(line[..<cursor.column]), after = Array(line[cursor.column...])
        if pieces.count == 1 {
            lines[cursor.line] = before + pieces[0] + after
            cursor.column += pieces[0].count
        } else {
            var replacement = [before + pieces[0]]
            replacement += pieces[1..<(pieces.count - 1)]
            replacement.append(pieces[pieces.count - 1] + after)
            lines.replaceSubrange(cursor.line...cursor.line, with: replacement)
            cursor = TextPosition(line: cursor.line + pieces.count - 1, column: pieces[pieces.count - 1].count)
        }
        invalidateHighlight(from: max(0, cursor.line - pieces.count))
    }

    /// Enter: keeps the indent, and adds a level after a line ending in `:`.
    public mutating func newline() {
        beginEdit(.other)
        deleteSelectionInPlace()
        let line = lines[cursor.line]
        var indent = line.prefix { $0 == " " }.count
        indent = min(indent, cursor.column)
        let before = line[..<cursor.column]
        if let last = before.last(where: { $0 != " " }), last == ":" { indent += 4 }
        var rest = Array(line[cursor.column...])
        // Spaces right after the cursor would double the indent.
        while rest.first == " " { rest.removeFirst() }
        lines[cursor.line] = Array(before.reversed().drop { $0 == " " }.reversed())
        if lines[cursor.line].allSatisfy({ $0 == " " }) { lines[cursor.line] = [] }
        lines.insert(Array(repeating: " ", count: indent) + rest, at: cursor.line + 1)
        cursor = TextPosition(line: cursor.line + 1, column: indent)
        lastEdit = nil
        invalidateHighlight(from: cursor.line - 1)
    }

    public mutating func backspace() {
        if selection != nil { beginEdit(.other); deleteSelectionInPlace(); return }
        anchor = nil
        if cursor.column == 0 {
            guard cursor.line > 0 else { return }
            beginEdit(.other)
            let line = lines.remove(at: cursor.line)
            cursor.line -= 1
            cursor.column = lines[cursor.line].count
            lines[cursor.line] += line
            invalidateHighlight(from: cursor.line)
            return
        }
        beginEdit(.deleting)
        let line = lines[cursor.line]
        // In the indentation, delete back to the previous 4-column stop.
        if line[..<cursor.column].allSatisfy({ $0 == " " }) {
            let target = (cursor.column - 1) / 4 * 4
            lines[cursor.line].removeSubrange(target..<cursor.column)
            cursor.column = target
        } else {
            lines[cursor.line].remove(at: cursor.column - 1)
            cursor.column -= 1
        }
        invalidateHighlight(from: cursor.line)
    }

    public mutating func deleteForward() {
        if selection != nil { beginEdit(.other); deleteSelectionInPlace(); return }
        anchor = nil
        if cursor.column >= lines[cursor.line].count {
            guard cursor.line + 1 < lines.count else { return }
            beginEdit(.other)
            let next = lines.remove(at: cursor.line + 1)
            lines[cursor.line] += next
        } else {
            beginEdit(.deleting)
            lines[cursor.line].remove(at: cursor.column)
        }
        invalidateHighlight(from: cursor.line)
    }

    public mutating func deleteWordBackward() {
        if selection != nil { beginEdit(.other); deleteSelectionInPlace(); return }
        let start = wordLeft(from: cursor)
        guard start != cursor else { return }
        beginEdit(.other)
        anchor = start
        deleteSelectionInPlace()
    }

    /// Deletes the selection and returns its text (cut); without a selection, cuts the whole line.
    public mutating func cut() -> String {
        beginEdit(.other)
        if let text = selectedText {
            deleteSelectionInPlace()
            return text
        }
        let text = String(lines[cursor.line]) + "\n"
        if lines.count > 1 { lines.remove(at: cursor.line) } else { lines = [[]] }
        cursor = clamp(TextPosition(line: cursor.line, column: 0))
        invalidateHighlight(from: max(0, cursor.line - 1))
        return text
    }

    public func copy() -> String {
        selectedText ?? String(lines[cursor.line]) + "\n"
    }

    /// Whether `copy` and `cut` take the whole line (there is no selection): such a clip pastes as
    /// lines of its own (`insertLines`), as in VS Code and Sublime Text.
    public var copiesWholeLine: Bool { selection == nil }

    /// Pastes whole lines (a clip `copy` or `cut` took without a selection) above the cursor's line,
    /// which moves down with the cursor on it; one undo step. With a selection, it replaces it as text.
    public mutating func insertLines(_ text: String) {
        guard selection == nil else { insert(text); return }
        var body = text
        if body.hasSuffix("\n") { body.removeLast() }
        let pieces = Self.split(body)
        beginEdit(.other)
        anchor = nil
        lines.insert(contentsOf: pieces, at: cursor.line)
        cursor.line += pieces.count
        cursor = clamp(cursor)
        lastEdit = nil
        invalidateHighlight(from: cursor.line - pieces.count)
    }

    /// Indents the selected lines (or inserts spaces to the next 4-column stop).
    public mutating func indent() {
        if let (start, end) = selection {
            beginEdit(.other)
            let last = end.column == 0 && end.line > start.line ? end.line - 1 : end.line
            for line in start.line...last { lines[line].insert(contentsOf: "    ", at: 0) }
            anchor = TextPosition(line: start.line, column: 0)
            cursor = TextPosition(line: last, column: lines[last].count)
            invalidateHighlight(from: start.line)
            return
        }
        beginEdit(.typing)
        let spaces = 4 - displayColumn(cursor) % 4
        lines[cursor.line].insert(contentsOf: Array(repeating: " ", count: spaces), at: cursor.column)
        cursor.column += spaces
        invalidateHighlight(from: cursor.line)
    }

    public mutating func dedent() {
        let range: ClosedRange<Int>
        if let (start, end) = selection {
            range = start.line...(end.column == 0 && end.line > start.line ? end.line - 1 : end.line)
        } else {
            range = cursor.line...cursor.line
        }
        beginEdit(.other)
        for line in range {
            let remove = min(4, lines[line].prefix { $0 == " " }.count)
            lines[line].removeFirst(remove)
            if line == cursor.line { cursor.column = max(0, cursor.column - remove) }
            if let a = anchor, a.line == line { anchor?.column = max(0, a.column - remove) }
        }
        invalidateHighlight(from: range.lowerBound)
    }

    private mutating func deleteSelectionInPlace() {
        guard let (start, end) = selection else { anchor = nil; return }
        let head = lines[start.line][..<start.column]
        let tail = lines[end.line][end.column...]
        lines.replaceSubrange(start.line...end.line, with: [Array(head + tail)])
        cursor = start
        anchor = nil
        invalidateHighlight(from: start.line)
    }

    // MARK: movement

    /// Moves the cursor; with `extend`, the selection grows from where it started.
    public mutating func move(_ command: Command, extend: Bool = false, pageHeight: Int = 20) {
        if extend { if anchor == nil { anchor = cursor } } else if anchor != nil, let (start, end) = selection {
            // Left/right on a selection go to its edge.
            anchor = nil
            if command == .left { cursor = start; goalColumn = nil; lastEdit = nil; return }
            if command == .right { cursor = end; goalColumn = nil; lastEdit = nil; return }
        } else { anchor = nil }
        lastEdit = nil
        switch command {
        case .left:
            if cursor.column > 0 { cursor.column -= 1 } else if cursor.line > 0 { cursor.line -= 1; cursor.column = lines[cursor.line].count }
            goalColumn = nil
        case .right:
            if cursor.column < lines[cursor.line].count { cursor.column += 1 } else if cursor.line + 1 < lines.count { cursor.line += 1; cursor.column = 0 }
            goalColumn = nil
        case .up: moveVertically(-1)
        case .down: moveVertically(1)
        case .pageUp: moveVertically(-max(1, pageHeight - 1))
        case .pageDown: moveVertically(max(1, pageHeight - 1))
        case .wordLeft: cursor = wordLeft(from: cursor); goalColumn = nil
        case .wordRight: cursor = wordRight(from: cursor); goalColumn = nil
        case .lineStart:
            let indent = lines[cursor.line].prefix { $0 == " " }.count
            cursor.column = cursor.column == indent ? 0 : indent
            goalColumn = nil
        case .lineEnd: cursor.column = lines[cursor.line].count; goalColumn = nil
        case .fileStart: cursor = TextPosition(line: 0, column: 0); goalColumn = nil
        case .fileEnd: cursor = TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count); goalColumn = nil
        default: break
        }
        if extend, anchor == cursor { anchor = cursor }
    }

    private mutating func moveVertically(_ delta: Int) {
        let goal = goalColumn ?? displayColumn(cursor)
        let target = max(0, min(lines.count - 1, cursor.line + delta))
        if target == cursor.line {
            cursor.column = delta < 0 ? 0 : lines[cursor.line].count
            return
        }
        cursor.line = target
        cursor.column = column(forDisplay: goal, in: target)
        goalColumn = goal
    }

    public mutating func goTo(line: Int, column: Int = 0) {
        anchor = nil
        lastEdit = nil
        cursor = clamp(TextPosition(line: line, column: column))
        goalColumn = nil
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    func wordLeft(from position: TextPosition) -> TextPosition {
        var p = position
        if p.column == 0 { return p.line > 0 ? TextPosition(line: p.line - 1, column: lines[p.line - 1].count) : p }
        let line = lines[p.line]
        while p.column > 0, line[p.column - 1] == " " { p.column -= 1 }
        if p.column > 0, isWordCharacter(line[p.column - 1]) {
            while p.column > 0, isWordCharacter(line[p.column - 1]) { p.column -= 1 }
        } else {
            while p.column > 0, !isWordCharacter(line[p.column - 1]), line[p.column - 1] != " " { p.column -= 1 }
        }
        return p
    }

    func wordRight(from position: TextPosition) -> TextPosition {
        var p = position
        let line = lines[p.line]
        if p.column >= line.count { return p.line + 1 < lines.count ? TextPosition(line: p.line + 1, column: 0) : p }
        if isWordCharacter(line[p.column]) {
            while p.column < line.count, isWordCharacter(line[p.column]) { p.column += 1 }
        } else if line[p.column] != " " {
            while p.column < line.count, !isWordCharacter(line[p.column]), line[p.column] != " " { p.column += 1 }
        }
        while p.column < line.count, line[p.column] == " " { p.column += 1 }
        return p
    }

    func clamp(_ p: TextPosition) -> TextPosition {
        let line = max(0, min(lines.count - 1, p.line))
        return TextPosition(line: line, column: max(0, min(lines[line].count, p.column)))
    }

    public func displayColumn(_ p: TextPosition) -> Int {
        var width = 0
        for c in lines[p.line][..<min(p.column, lines[p.line].count)] { width += CharWidth.of(c) }
        return width
    }

    func column(forDisplay target: Int, in line: Int) -> Int {
        var width = 0
        for (index, c) in lines[line].enumerated() {
            let w = CharWidth.of(c)
            if width + w > target { return index }
            width += w
        }
        return lines[line].count
    }

    // MARK: search

    /// The next occurrence of `query` after the cursor (wrapping), selected.
    @discardableResult
    public mutating func find(_ query: String, includeCursor: Bool = false) -> Bool {
        let needle = Array(query.lowercased())
        guard !needle.isEmpty else { return false }
        let startLine = cursor.line
        for offset in 0...lines.count {
            let lineIndex = (startLine + offset) % lines.count
            let hay = Array(String(lines[lineIndex]).lowercased())
            guard hay.count == lines[lineIndex].count else { continue }
            var from = 0
            if offset == 0 { from = includeCursor ? cursor.column : cursor.column + 1 }
            if offset == lines.count { from = 0 }
            guard from <= hay.count - needle.count else { continue }
            for i in from...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle {
                anchor = TextPosition(line: lineIndex, column: i)
                cursor = TextPosition(line: lineIndex, column: i + needle.count)
                lastEdit = nil
                return true
            }
        }
        return false
    }

    // MARK: view

    /// Scrolls so the cursor is visible in a viewport of `height` rows and `width` text columns.
    public mutating func scrollToCursor(height: Int, width: Int) {
        guard height > 0, width > 0 else { return }
        if cursor.line < scrollTop { scrollTop = cursor.line }
        if cursor.line >= scrollTop + height { scrollTop = cursor.line - height + 1 }
        scrollTop = max(0, min(scrollTop, max(0, lines.count - 1)))
        let column = displayColumn(cursor)
        if column < scrollLeft { scrollLeft = max(0, column - width / 4) }
        if column >= scrollLeft + width { scrollLeft = column - width + max(1, width / 4) }
    }

    // MARK: highlighting

    private mutating func invalidateHighlight(from line: Int) {
        highlightValidUpTo = min(highlightValidUpTo, max(0, line))
    }

    /// Brings the line states up to date through `line` (incrementally, from the first edited line).
    public mutating func updateHighlight(through line: Int) {
        let last = min(line, lines.count - 1)
        if lineStates.count > lines.count { lineStates.removeLast(lineStates.count - lines.count) }
        if lineStates.isEmpty { lineStates = [.normal] }
        lineStates[0] = .normal
        var i = min(highlightValidUpTo, lineStates.count - 1)
        while i < last {
            let end = PythonHighlighter.highlight(lines[i], from: lineStates[i]).end
            if i + 1 < lineStates.count { lineStates[i + 1] = end } else { lineStates.append(end) }
            i += 1
        }
        highlightValidUpTo = max(highlightValidUpTo, last)
    }

    /// The tokens of a line; call `updateHighlight(through:)` first.
    public func tokens(of line: Int) -> [PythonHighlighter.Token] {
        let state = line < lineStates.count && line <= highlightValidUpTo ? lineStates[line] : .normal
        return PythonHighlighter.highlight(lines[line], from: state).tokens
    }
}
