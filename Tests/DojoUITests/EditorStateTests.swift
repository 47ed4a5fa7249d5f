import DojoUI
import Testing

/// Editor behaviour as text plus keys.
@Suite struct EditorStateTests {
    func editor(_ text: String, at line: Int = 0, _ column: Int = 0) -> EditorState {
        var editor = EditorState(text: text)
        editor.goTo(line: line, column: column)
        return editor
    }

    func type(_ text: String, into editor: inout EditorState) {
        for c in text { editor.type(c) }
    }

    @Test func typingAndUndoGroupsWords() {
        var e = editor("")
        type("x = 1", into: &e)
        #expect(e.text == "x = 1")
        e.undo()
        #expect(e.text == "x = ")
        e.undo()
        #expect(e.text == "x ")
        e.undo(); e.undo()
        #expect(e.text == "")
        e.redo()
        #expect(e.text == "x ")
        #expect(e.isModified)
    }

    @Test func autoIndentAfterColonAndKeepIndent() {
        var e = editor("")
        type("def f(x):\nreturn x\n", into: &e)
        #expect(e.text == "def f(x):\n    return x\n    ")
        var f = editor("if a:\n    if b:", at: 1, 9)
        f.newline()
        #expect(f.text == "if a:\n    if b:\n        ")
        #expect(f.cursor == TextPosition(line: 2, column: 8))
    }

    @Test func backspaceInIndentRemovesAFourColumnStop() {
        var e = editor("        x", at: 0, 8)
        e.backspace()
        #expect(e.text == "    x")
        e.backspace()
        #expect(e.text == "x")
        e.backspace()
        #expect(e.text == "x")
    }

    @Test func tabInsertsSpacesToTheNextStopAndIndentsSelections() {
        var e = editor("ab", at: 0, 1)
        e.indent()
        #expect(e.text == "a   b")
        var s = editor("a\nb\nc")
        s.move(.down, extend: true)
        s.move(.lineEnd, extend: true)
        s.indent()
        #expect(s.text == "    a\n    b\nc")
        s.dedent()
        #expect(s.text == "a\nb\nc")
    }

    @Test func aPasteIsOneUndoStepAndIsNotAutoIndented() {
        var e = editor("if x:\n    pass", at: 1, 8)
        e.newline()
        e.insert("for i in range(3):\n    print(i)\nprint('done')")
        #expect(e.text == "if x:\n    pass\n    for i in range(3):\n    print(i)\nprint('done')")
        #expect(e.cursor == TextPosition(line: 4, column: 13))
        e.undo()
        #expect(e.text == "if x:\n    pass\n    ")
    }

    @Test func selectionCutCopyPaste() {
        var e = editor("hello world")
        e.move(.wordRight, extend: true)
        #expect(e.selectedText == "hello ")
        let cut = e.cut()
        #expect(cut == "hello ")
        #expect(e.text == "world")
        e.move(.lineEnd)
        e.insert(" " + cut)
        #expect(e.text == "world hello ")
        e.selectAll()
        #expect(e.selectedText == "world hello ")
        e.type("z")
        #expect(e.text == "z")
        e.undo()
        #expect(e.text == "world hello ")
    }

    @Test func movementByWordLinePageFile() {
        var e = editor("alpha beta(gamma)\n  indented\nlast")
        e.move(.wordRight)
        #expect(e.cursor.column == 6)
        e.move(.wordRight)
        #expect(e.cursor.column == 10)
        e.move(.wordLeft)
        #expect(e.cursor.column == 6)
        e.move(.down)
        #expect(e.cursor == TextPosition(line: 1, column: 6))
        e.move(.lineStart)
        #expect(e.cursor.column == 2)
        e.move(.lineStart)
        #expect(e.cursor.column == 0)
        e.move(.fileEnd)
        #expect(e.cursor == TextPosition(line: 2, column: 4))
        e.move(.pageUp, pageHeight: 10)
        #expect(e.cursor.line == 0)
        e.move(.right, extend: false)
        e.move(.left)
        #expect(e.cursor.column == 4)
    }

    @Test func verticalMovesKeepTheGoalColumn() {
        var e = editor("long line here\nab\nanother long line", at: 0, 10)
        e.move(.down)
        #expect(e.cursor.column == 2)
        e.move(.down)
        #expect(e.cursor.column == 10)
    }

    @Test func deleteJoinsLinesAndWordBackward() {
        var e = editor("ab\ncd", at: 0, 2)
        e.deleteForward()
        #expect(e.text == "abcd")
        var w = editor("x = foo_bar", at: 0, 11)
        w.deleteWordBackward()
        #expect(w.text == "x = ")
    }

    @Test func findAndGoToLine() {
        var e = editor("a\nfind me\nFIND again")
        let first = e.find("find")
        #expect(first)
        #expect(e.cursor == TextPosition(line: 1, column: 4))
        let second = e.find("find")
        #expect(second)
        #expect(e.cursor.line == 2)
        let absent = e.find("absent")
        #expect(!absent)
        e.goTo(line: 99)
        #expect(e.cursor.line == 2)
    }

    @Test func tabsAndCRLFAreNormalisedOnLoad() {
        let e = EditorState(text: "if x:\r\n\tpass\r\n")
        #expect(e.text == "if x:\n    pass\n")
    }

    @Test func horizontalScrollFollowsTheCursor() {
        var e = editor(String(repeating: "x", count: 100), at: 0, 90)
        e.scrollToCursor(height: 5, width: 40)
        #expect(e.scrollLeft > 50 && e.scrollLeft <= 90)
        e.move(.lineStart)
        e.scrollToCursor(height: 5, width: 40)
        #expect(e.scrollLeft == 0)
    }

    /// Issue 17, bug 1: a buffer loaded in place of another (a file opened, a proposal shown) starts
    /// a fresh undo history, so undo never brings the old buffer's text into the new one.
    @Test func loadingABufferStartsAFreshUndoHistory() {
        var e = editor("old text")
        e.move(.lineEnd)
        type(" edited", into: &e)
        #expect(e.isModified)
        e.load(text: "other = 1\n", path: "other.py")
        #expect(e.text == "other = 1\n")
        #expect(e.path == "other.py")
        #expect(!e.isModified)
        #expect(!e.canUndo)
        #expect(e.cursor == TextPosition(line: 0, column: 0))
        e.undo()
        #expect(e.text == "other = 1\n")
        #expect(!e.isModified)
        e.redo()
        #expect(e.text == "other = 1\n")
        // Its own edits undo as usual, back to the loaded text (unmodified again).
        type("x", into: &e)
        #expect(e.isModified)
        e.undo()
        #expect(e.text == "other = 1\n")
        #expect(!e.isModified)
    }

    /// Issue 17, bug 3: a whole-line clip (copy or cut without a selection) pastes as a line of its
    /// own above the cursor's line, wherever the cursor is in it, as in VS Code and Sublime Text.
    @Test func aWholeLineClipPastesAboveTheCursorsLine() {
        var e = editor("first\nsecond\nthird", at: 0, 2)
        #expect(e.copiesWholeLine)
        let clip = e.copy()
        #expect(clip == "first\n")
        e.goTo(line: 2, column: 3)
        e.insertLines(clip)
        #expect(e.text == "first\nsecond\nfirst\nthird")
        // The cursor stays on its text, which moved down a line.
        #expect(e.cursor == TextPosition(line: 3, column: 3))
        e.undo()
        #expect(e.text == "first\nsecond\nthird")
        // A cut line, pasted at the end of the last line.
        e.goTo(line: 1, column: 0)
        let cut = e.cut()
        #expect(e.text == "first\nthird")
        e.goTo(line: 1, column: 5)
        e.insertLines(cut)
        #expect(e.text == "first\nsecond\nthird")
        #expect(e.cursor == TextPosition(line: 2, column: 5))
        // With a selection, the clip replaces it as text.
        e.goTo(line: 0, column: 0)
        e.move(.lineEnd, extend: true)
        #expect(!e.copiesWholeLine)
        e.insertLines("x\n")
        #expect(e.text == "x\n\nsecond\nthird")
    }
}
