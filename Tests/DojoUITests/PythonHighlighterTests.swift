import DojoUI
import Testing

@Suite struct PythonHighlighterTests {
    func scopes(_ line: String, from state: PythonHighlighter.LineState = .normal) -> [String: String] {
        let chars = Array(line)
        var result: [String: String] = [:]
        for token in PythonHighlighter.highlight(chars, from: state).tokens {
            result[String(chars[token.start..<token.end])] = token.scope
        }
        return result
    }

    @Test func keywordsBuiltinsStringsCommentsNumbersNames() {
        let s = scopes("def fit(self, x=1.5e-3):  # train")
        #expect(s["def"] == "keyword.function")
        #expect(s["fit"] == "function")
        #expect(s["self"] == "variable.self")
        #expect(s["1.5e-3"] == "constant.numeric")
        #expect(s["# train"] == "comment")
        let t = scopes("class Model(Base): return print(f\"{x}\" 'a#b', None)")
        #expect(t["Model"] == "type")
        #expect(t["return"] == "keyword.control")
        #expect(t["print"] == "function.builtin")
        #expect(t["f\"{x}\""] == "string.fstring")
        #expect(t["'a#b'"] == "string")
        #expect(t["None"] == "constant.builtin")
        #expect(scopes("@app.route")["@app.route"] == "attribute")
    }

    @Test func tripleQuotedStringsSpanLinesAndStayRightAfterEdits() {
        var editor = EditorState(text: "x = \"\"\"doc\nstill # not a comment\nend\"\"\" + 1\ny = 2")
        editor.updateHighlight(through: 3)
        #expect(editor.tokens(of: 1).map(\.scope) == ["string"])
        #expect(editor.tokens(of: 2).first?.scope == "string")
        #expect(editor.tokens(of: 2).contains { $0.scope == "constant.numeric" })
        // Remove the opening quotes: the following lines are code again.
        editor.goTo(line: 0, column: 7)
        editor.backspace(); editor.backspace(); editor.backspace()
        editor.updateHighlight(through: 3)
        #expect(editor.tokens(of: 1).contains { $0.scope == "comment" })
        // And back: one undo restores the string.
        editor.undo()
        editor.updateHighlight(through: 3)
        #expect(editor.tokens(of: 1).map(\.scope) == ["string"])
    }
}
