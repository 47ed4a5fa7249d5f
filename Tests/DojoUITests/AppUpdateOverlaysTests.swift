import DojoKit
@testable import DojoUI
import Testing

/// The overlays' keys (issue 17): the message log and the help's filter; the laptop keys.
@Suite struct AppUpdateOverlaysTests {
    @Test func everyMessageIsLoggedAndTheLogOpensOnAltM() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .fileSaved(path: "/tmp/a.py", revision: state.editor.revision))
        _ = AppUpdate.update(&state, .fileError("cannot write /tmp/b.py"))
        #expect(state.messageLog.map(\.text) == ["saved /tmp/a.py", "cannot write /tmp/b.py"])
        #expect(state.messageLog.map(\.isError) == [false, true])
        _ = AppUpdate.update(&state, .key(.alt("m")))
        #expect(state.showMessages)
        // Every key is the log's while it is open: typing does not reach the editor.
        _ = AppUpdate.update(&state, .key(.char("x")))
        #expect(state.editor.text == "import pandas as pd\nprint(1)\n")
        // Scrolling stops at the oldest line.
        for _ in 0..<50 { _ = AppUpdate.update(&state, .key(Key(.up))) }
        #expect(state.messagesScroll == 0)
        _ = AppUpdate.update(&state, .key(.char("q")))
        #expect(!state.showMessages)
        _ = AppUpdate.update(&state, .key(.alt("m")))
        _ = AppUpdate.update(&state, .key(.alt("m")))
        #expect(!state.showMessages)
    }

    @Test func theLogKeepsTheLast500() {
        var state = Fixtures.state()
        for n in 0..<600 { state.message = .init(text: "m\(n)", isError: false, at: Double(n)) }
        #expect(state.messageLog.count <= 550 && state.messageLog.last?.text == "m599")
    }

    @Test func slashFiltersTheHelpEscClearsThenCloses() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .key(.f(1)))
        for c in "/undo" { _ = AppUpdate.update(&state, .key(.char(c))) }
        #expect(state.helpFilter == "undo" && state.helpFilterEditing)
        let text = AppView.render(state).text
        #expect(text.contains("C-z") && text.contains("undo") && !text.contains("execute the buffer"))
        _ = AppUpdate.update(&state, .key(Key(.backspace)))
        #expect(state.helpFilter == "und")
        _ = AppUpdate.update(&state, .key(Key(.enter)))
        #expect(!state.helpFilterEditing && state.helpFilter == "und")
        // q is a filter letter while typing, and closes once the filter is kept.
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(state.helpFilter == nil && state.showHelp)
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(!state.showHelp)
        // A filter matching nothing says so.
        _ = AppUpdate.update(&state, .key(.f(1)))
        #expect(state.helpFilter == nil)
        for c in "/zzz" { _ = AppUpdate.update(&state, .key(.char(c))) }
        #expect(AppView.render(state).text.contains("no key matches \"zzz\""))
    }

    @Test func laptopKeysRunValidateAndSwitchViews() {
        var state = Fixtures.state()
        #expect(AppUpdate.update(&state, .key(.ctrl("r"))) == [.runStep(.executeCode(state.editor.text))])
        state.running = nil
        #expect(AppUpdate.update(&state, .key(.ctrl("k"))) == [.runStep(.validateCode(state.editor.text))])
        state.running = nil
        _ = AppUpdate.update(&state, .key(.alt("d")))
        #expect(state.taskView == .dataStructure)
        _ = AppUpdate.update(&state, .key(.alt("c")))
        #expect(state.scores.view == .rankChart)
        _ = AppUpdate.update(&state, .key(.alt("?")))
        #expect(state.showHelp)
        let help = AppView.render(state).text
        #expect(help.contains("F5 C-r") && help.contains("F6 C-k") && help.contains("F1 A-?"))
    }

    /// A help line longer than the box wraps under its text instead of being cut.
    @Test func longHelpLinesWrap() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .key(.f(1)))
        let rows = AppView.render(state).text.split(separator: "\n").map(String.init)
        let first = rows.firstIndex { $0.contains("F5 C-r                execute the buffer (execute_code: run, validate,") }
        #expect(first.map { rows[$0 + 1].contains("│                         score)") } == true, "\(rows.joined(separator: "\n"))")
    }

    /// One notation everywhere (helix's): `F5`, `C-s`, `A-s`, `S-Tab`, `C-S-Home`, `PgDn`, `Space`.
    @Test func oneKeyNotation() {
        #expect(KeyMap.display(.f(5)) == "F5")
        #expect(KeyMap.display(.ctrl("s")) == "C-s")
        #expect(KeyMap.display(.alt("s")) == "A-s")
        #expect(KeyMap.display(Key(.tab, shift: true)) == "S-Tab")
        #expect(KeyMap.display(Key(.home, ctrl: true, shift: true)) == "C-S-Home")
        #expect(KeyMap.display(Key(.left, alt: true)) == "A-Left")
        #expect(KeyMap.display(Key(.pageDown)) == "PgDn")
        #expect(KeyMap.display(.char(" ")) == "Space")
        #expect(KeyMap.display(.char("G")) == "G")
        #expect(KeyMap.standard.spoken(.execute) == "F5 or C-r")
        // The help's keys, the hints and the messages all use it: no ^X or Alt-x anywhere.
        let help = KeyMap.standard.helpLines().map(\.text).joined(separator: "\n")
        #expect(!help.contains("^") && !help.contains("Alt-"))
    }

    /// The status bar's segments stay where they are as messages and steps come and go.
    @Test func theStatusBarsSegmentsStayPut() {
        var state = Fixtures.state(width: 120, height: 30)
        let idle = AppViewTextTests.statusLine(state)
        #expect(idle == " demo  │ human │ step 0 · 50 left │ 2:00:00 left │ best – │ sandbox none         F1 help  F5 run  F6 validate  C-q quit")
        _ = AppUpdate.update(&state, .key(.ctrl("r")))
        let running = AppViewTextTests.statusLine(state)
        #expect(running.hasPrefix(" demo  │ human │ step 0 · 50 left │ 2:00:00 left │ best – │ sandbox none "))
        #expect(running.hasSuffix("⠋ executing 0.0s"))
        state.message = .init(text: "saved /tmp/a.py", isError: false, at: state.now)
        #expect(AppViewTextTests.statusLine(state).hasPrefix(" demo  │ human │ step 0 · 50 left │ 2:00:00 left │ best – │ sandbox none "))
        // A longer message covers the rightmost segments for its five seconds, never moving them.
        state.message = .init(text: String(repeating: "a long message ", count: 5), isError: false, at: state.now)
        #expect(AppViewTextTests.statusLine(state) == " demo  │ human │ step 0 · 50 left           " + String(repeating: "a long message ", count: 5).trimmingTrailingSpaces())
        // Longer than the bar: whole on the row above it.
        let longer = String(repeating: "a longer message ", count: 6) + String(repeating: "x", count: 13)
        state.message = .init(text: longer, isError: false, at: state.now)
        let rows = AppView.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[rows.count - 2] == " " + longer)
        #expect(rows[rows.count - 1].hasPrefix(" demo  │ human │ step 0 · 50 left │ 2:00:00 left │ best – │ sandbox none "))
    }
}
