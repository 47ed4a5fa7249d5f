import DojoTesting
import DojoUI
import Testing

@Suite struct EditorViewTests {
    @Test func highlightingSelectionAndCursorReachTheCells() {
        let keyword = Style(foreground: .indexed(5))
        let string = Style(foreground: .indexed(2))
        let selection = Style(background: .indexed(8))
        let theme = Theme(name: "t", styles: ["keyword": keyword, "string": string, "ui.selection": selection])
        var state = AppState(taskID: "t", taskTitle: "T", descriptionMarkdown: "", code: "import os\nx = \"\"\"a\nb\"\"\"\n",
                             codePath: nil, defaultSavePath: "t.py", board: nil, themes: [theme], width: 60, height: 16)
        _ = AppUpdate.update(&state, .key(Key(.right, shift: true)))
        let buffer = AppView.render(state)
        let editor = state.contentRect(.editor).map { $0.droppingLeft(state.gutterWidth) } ?? Rect(x: 0, y: 0, width: 0, height: 0)
        // "import" is a keyword; its first letter is selected.
        #expect(buffer[editor.x, editor.y].character == "i")
        #expect(buffer[editor.x, editor.y].style.background == .indexed(8))
        #expect(buffer[editor.x + 1, editor.y].style.foreground == .indexed(5))
        // The triple-quoted string spans lines 2 and 3.
        #expect(buffer[editor.x, editor.y + 2].character == "b")
        #expect(buffer[editor.x, editor.y + 2].style.foreground == .indexed(2))
        #expect(buffer.cursor.map { $0.x == editor.x + 1 && $0.y == editor.y } == true)
    }
}
