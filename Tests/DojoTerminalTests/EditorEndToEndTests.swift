import DojoKit
import DojoTesting
import Foundation
import Testing

/// Issue 17's ways to lose work in the editor, on the real terminal: the real `dojo play` under
/// tmux at 80×24, keys in, screen and files out.
@Suite(.serialized) struct EditorEndToEndTests {
    let dojo = DojoBinary()

    static let mine = "import pandas as pd\nmodel_fit = 1\nprint(model_fit)\n"
    static let other = "other = 2\n"

    @Test func noEditIsLostToOpenSaveAsPasteOrFind() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let mine = temp.write("mine.py", Self.mine)
        let other = temp.write("other.py", Self.other)
        let session = try TmuxSession(
            command: "\(dojo.url.path) play titanic --trajectory \(temp.file("t.dojo.jsonl").path) --file \(mine.path)",
            width: 80, height: 24, environment: TestHome(temp).environment())
        defer { session.kill() }
        var wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")

        // Bug 3: Ctrl-C without a selection copies the line; Ctrl-V pastes it as its own line above
        // the cursor's line (not into the middle of it).
        try session.keys("C-Home", "C-c")
        wait = session.waitFor("copied 20 characters")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Down", "Right", "Right", "C-v")
        wait = session.waitFor { $0.contains("2 import pandas as pd") && $0.contains("3 model_fit = 1") && $0.contains("mine.py [+]") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("moimport"), "\(wait.screen)")

        // Bug 4: a second find starts empty (the last term in brackets), so typing does not append
        // to it (`fitPclass`); Ctrl-U clears the line.
        try session.keys("C-f")
        try session.type("fit")
        try session.keys("Enter")
        try session.keys("C-f")
        wait = session.waitFor("Find [fit]:")
        #expect(wait.ok, "\(wait.screen)")
        try session.type("Pclass")
        wait = session.waitFor("Find [fit]: Pclass")
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("fitPclass"), "\(wait.screen)")
        try session.keys("C-u")
        wait = session.waitFor { $0.contains("Find [fit]:") && !$0.contains("Pclass") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Escape")

        // Bug 2: save as onto an existing file asks first; (n)o goes back to the name, Esc gives up.
        try session.keys("M-s")
        wait = session.waitFor("Save as [")
        #expect(wait.ok, "\(wait.screen)")
        try session.type(other.path)
        try session.keys("Enter")
        wait = session.waitFor("other.py exists. Overwrite it? (y)es, (n)o")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("n")
        wait = session.waitFor("Save as [")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Escape")
        wait = session.waitFor { !$0.contains("Save as [") }
        #expect(try String(contentsOf: other, encoding: .utf8) == Self.other)

        // Bug 1: Ctrl-O with unsaved edits asks, as Ctrl-Q does; (c)ancel keeps them.
        try session.keys("C-o")
        try session.type(other.path)
        try session.keys("Enter")
        wait = session.waitFor("Unsaved edits in mine.py. Save first? (y)es, (n)o, discard them, (c)ancel")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("c")
        wait = session.waitFor { !$0.contains("Save first?") && $0.contains("mine.py [+]") }
        #expect(wait.ok, "\(wait.screen)")
        // (n)o discards them and opens the file, whose undo history is its own: Ctrl-Z does not
        // bring mine.py's text into it (the walk-through's `other.py [+]`, which Ctrl-S would save).
        try session.keys("C-o")
        try session.type(other.path)
        try session.keys("Enter")
        wait = session.waitFor("Save first?")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("n")
        wait = session.waitFor { $0.contains("Editor · other.py") && $0.contains("1 other = 2") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-z", "C-z", "C-z")
        // F3 finds "fit" again: its answer shows once the undos before it are done.
        try session.keys("F3")
        wait = session.waitFor("not found: fit")
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("other.py [+]"), "\(wait.screen)")
        #expect(!wait.screen.contains("model_fit"), "\(wait.screen)")
        // Nothing is modified, so Ctrl-Q quits without asking; neither file was touched.
        try session.keys("C-q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")
        #expect(try String(contentsOf: other, encoding: .utf8) == Self.other)
        #expect(try String(contentsOf: mine, encoding: .utf8) == Self.mine)
    }
}
