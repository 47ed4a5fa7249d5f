import DojoKit
@testable import DojoUI
import Testing

/// Issue 17's ways to lose work in the editor, key by key: opening another file over unsaved edits,
/// undo crossing files, save as over an existing file, whole-line copy and paste, and the
/// unsaved-edits question's "save first" that goes on only once the save succeeded.
@Suite struct AppUpdateBuffersTests {
    func press(_ key: Key, _ state: inout AppState) -> [Effect] { AppUpdate.update(&state, .key(key)) }
    func type(_ text: String, _ state: inout AppState) { for c in text { _ = press(.char(c), &state) } }

    /// A workbench whose buffer is `mine.py`, edited and not saved.
    func edited() -> AppState {
        var state = Fixtures.state(code: "mine = 1\n")
        state.editor.path = "mine.py"
        _ = press(Key(.end, ctrl: true), &state)
        type("# unsaved", &state)
        #expect(state.editor.isModified)
        return state
    }

    /// Bug 1: Ctrl-O with unsaved edits asks first, as Ctrl-Q does; (c)ancel keeps the buffer as it is.
    @Test func openingAnotherFileWithUnsavedEditsAsksFirst() {
        var state = edited()
        #expect(press(.ctrl("o"), &state).isEmpty)
        type("other.py", &state)
        #expect(press(Key(.enter), &state).isEmpty)
        #expect(state.prompt?.kind == .confirmOpen("other.py"))
        #expect(state.prompt?.label == "Unsaved edits in mine.py. Save first? (y)es, (n)o, discard them, (c)ancel ")
        #expect(AppView.render(state).text.contains("Unsaved edits in mine.py. Save first? (y)es, (n)o, discard them, (c)ancel"))
        #expect(press(.char("c"), &state).isEmpty)
        #expect(state.prompt == nil)
        #expect(state.editor.text == "mine = 1\n# unsaved")
        #expect(state.editor.isModified)
        // Without edits there is nothing to ask.
        var clean = Fixtures.state()
        _ = press(.ctrl("o"), &clean)
        type("other.py", &clean)
        #expect(press(Key(.enter), &clean) == [.open(path: "other.py")])
    }

    /// Bug 1: (n)o discards; the opened file has its own undo history, so Ctrl-Z never brings the
    /// old buffer's text into it (the title never shows `other.py [+]` with the old text).
    @Test func discardingOpensTheFileAndUndoNeverCrossesFiles() {
        var state = edited()
        _ = press(.ctrl("o"), &state)
        type("other.py", &state)
        _ = press(Key(.enter), &state)
        #expect(press(.char("n"), &state) == [.open(path: "other.py")])
        _ = AppUpdate.update(&state, .fileOpened(path: "other.py", text: "other = 2\n"))
        #expect(state.editor.text == "other = 2\n")
        #expect(!state.editor.isModified)
        _ = press(.ctrl("z"), &state)
        _ = press(.ctrl("z"), &state)
        #expect(state.editor.text == "other = 2\n")
        #expect(!state.editor.isModified)
        #expect(!AppView.render(state).text.contains("other.py [+]"))
        // A file that cannot be read leaves the buffer as it was.
        var failing = edited()
        _ = press(.ctrl("o"), &failing)
        type("missing.py", &failing)
        _ = press(Key(.enter), &failing)
        _ = press(.char("n"), &failing)
        _ = AppUpdate.update(&failing, .fileError("cannot read missing.py"))
        #expect(failing.editor.text == "mine = 1\n# unsaved")
        #expect(failing.editor.isModified)
    }

    /// Bug 1: (y)es saves first and opens once the save succeeded; a failed save opens nothing.
    @Test func savingFirstOpensOnlyOnceSaved() {
        var state = edited()
        _ = press(.ctrl("o"), &state)
        type("other.py", &state)
        _ = press(Key(.enter), &state)
        let revision = state.editor.revision
        #expect(press(.char("y"), &state) == [.save(path: "mine.py", text: "mine = 1\n# unsaved", revision: revision)])
        #expect(AppUpdate.update(&state, .fileSaved(path: "mine.py", revision: revision)) == [.open(path: "other.py")])
        var failing = edited()
        _ = press(.ctrl("o"), &failing)
        type("other.py", &failing)
        _ = press(Key(.enter), &failing)
        _ = press(.char("y"), &failing)
        #expect(AppUpdate.update(&failing, .fileError("cannot save mine.py: disk full")).isEmpty)
        #expect(failing.editor.isModified)
        // The failed save's follow-up is forgotten: a later save opens nothing.
        #expect(AppUpdate.update(&failing, .fileSaved(path: "mine.py", revision: failing.editor.revision)).isEmpty)
    }

    /// A buffer without a file: (y)es asks for a name, and quitting waits for the save (a failed
    /// save no longer quits and loses the edits).
    @Test func quittingSavesANewBufferUnderANameThenQuits() {
        var state = Fixtures.state()
        type("x", &state)
        _ = press(.ctrl("q"), &state)
        #expect(press(.char("y"), &state).isEmpty)
        #expect(state.prompt?.kind == .saveAs)
        #expect(state.prompt?.label == "Save as [demo-solution.py]: ")
        let effects = press(Key(.enter), &state)
        #expect(effects == [.saveNew(path: "demo-solution.py", text: state.editor.text, revision: state.editor.revision)])
        #expect(AppUpdate.update(&state, .fileSaved(path: "demo-solution.py", revision: state.editor.revision)) == [.quit])
        // With a file, (y)es saves and quits once saved.
        var named = edited()
        _ = press(.ctrl("q"), &named)
        #expect(named.prompt?.label == "Unsaved edits in mine.py. Save first? (y)es, (n)o, quit anyway, (c)ancel ")
        #expect(press(.char("y"), &named) == [.save(path: "mine.py", text: "mine = 1\n# unsaved", revision: named.editor.revision)])
        #expect(AppUpdate.update(&named, .fileSaved(path: "mine.py", revision: named.editor.revision)) == [.quit])
        // Esc at the name forgets the quit.
        var cancelled = Fixtures.state()
        type("x", &cancelled)
        _ = press(.ctrl("q"), &cancelled)
        _ = press(.char("y"), &cancelled)
        _ = press(Key(.escape), &cancelled)
        #expect(cancelled.afterSave == nil)
    }

    /// Bug 2: save as onto an existing file asks "overwrite?"; (n)o goes back to the name, (y)es overwrites.
    @Test func saveAsOverAnExistingFileAsksFirst() {
        var state = edited()
        _ = press(.alt("s"), &state)
        #expect(state.prompt?.text == "")
        #expect(state.prompt?.label == "Save as [mine.py]: ")
        type("taken.py", &state)
        let text = state.editor.text, revision = state.editor.revision
        #expect(press(Key(.enter), &state) == [.saveNew(path: "taken.py", text: text, revision: revision)])
        // The handler finds a file there.
        #expect(AppUpdate.update(&state, .fileExists(path: "taken.py")).isEmpty)
        #expect(state.prompt?.kind == .confirmOverwrite("taken.py"))
        #expect(AppView.render(state).text.contains("taken.py exists. Overwrite it? (y)es, (n)o"))
        #expect(press(.char("n"), &state).isEmpty)
        #expect(state.prompt?.kind == .saveAs)
        #expect(state.prompt?.label == "Save as [taken.py]: ")
        #expect(press(Key(.enter), &state) == [.saveNew(path: "taken.py", text: text, revision: revision)])
        _ = AppUpdate.update(&state, .fileExists(path: "taken.py"))
        #expect(press(.char("y"), &state) == [.save(path: "taken.py", text: text, revision: revision)])
        _ = AppUpdate.update(&state, .fileSaved(path: "taken.py", revision: revision))
        #expect(state.editor.path == "taken.py")
        // Esc says nothing was saved.
        _ = AppUpdate.update(&state, .fileExists(path: "taken.py"))
        _ = press(Key(.escape), &state)
        #expect(state.prompt == nil)
        #expect(state.message?.text == "not saved")
        // Save as to the buffer's own file is a plain save.
        _ = press(.alt("s"), &state)
        #expect(press(Key(.enter), &state) == [.save(path: "taken.py", text: text, revision: revision)])
    }

    /// Bug 3: Ctrl-C without a selection copies the line; Ctrl-V pastes it as its own line above
    /// the cursor's line, not into the middle of it. A selection still pastes as text.
    @Test func aWholeLineCopyPastesAsItsOwnLine() {
        var state = Fixtures.state(code: "import pandas as pd\nprint(1)\n")
        _ = press(.ctrl("c"), &state)
        #expect(state.clipboardIsLines)
        _ = press(Key(.down), &state)
        _ = press(Key(.right), &state)
        _ = press(Key(.right), &state)
        _ = press(.ctrl("v"), &state)
        #expect(state.editor.text == "import pandas as pd\nimport pandas as pd\nprint(1)\n")
        #expect(state.editor.cursor == TextPosition(line: 2, column: 2))
        // Cut of a line, too.
        _ = press(.ctrl("x"), &state)
        #expect(state.editor.text == "import pandas as pd\nimport pandas as pd\n")
        _ = press(Key(.home, ctrl: true), &state)
        _ = press(.ctrl("v"), &state)
        #expect(state.editor.text == "print(1)\nimport pandas as pd\nimport pandas as pd\n")
        // A selection copies text, which pastes at the cursor.
        _ = press(Key(.home, ctrl: true), &state)
        _ = press(Key(.right, shift: true), &state)
        _ = press(.ctrl("c"), &state)
        #expect(!state.clipboardIsLines)
        _ = press(.ctrl("v"), &state)
        #expect(state.editor.text == "print(1)\nimport pandas as pd\nimport pandas as pd\n")
        _ = press(.ctrl("v"), &state)
        #expect(state.editor.text == "pprint(1)\nimport pandas as pd\nimport pandas as pd\n")
    }

    /// The Editor's `[+]` is never cut off at 80×24: a long buffer name gives way first.
    @Test func theUnsavedMarkIsNeverCutOff() {
        var state = Fixtures.state()
        state.bufferName = "held agent proposal from a long name"
        _ = press(.char("x"), &state)
        let title = AppView.render(state).text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.contains("Editor · held agent prop… [+]"), "\(title)")
        #expect(title.contains("Ln 1, Col 2"), "\(title)")
        state.width = 200
        #expect(AppView.render(state).text.contains("Editor · held agent proposal from a long name [+]"))
    }
}
