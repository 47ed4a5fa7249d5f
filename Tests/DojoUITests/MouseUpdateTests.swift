import DojoKit
import DojoTesting
@testable import DojoUI
import Foundation
import Testing

/// The mouse in the panes: click to focus, to place the cursor or choose a step; drag to select; the wheel.
@Suite struct MouseUpdateTests {
    static func click(_ x: Int, _ y: Int, shift: Bool = false) -> AppEvent { .mouse(MouseEvent(.press(.left), x: x, y: y, shift: shift)) }

    @Test func aClickFocusesThePaneUnderThePointer() throws {
        var state = Fixtures.state()
        let logs = try #require(state.frame.panes[.logs])
        _ = AppUpdate.update(&state, Self.click(logs.x + 3, logs.y + 2))
        #expect(state.focus == .logs)
        #expect(AppView.render(state).text.contains("▍Logs · follow"))
        let task = try #require(state.frame.panes[.task])
        _ = AppUpdate.update(&state, Self.click(task.x + 1, task.y))
        #expect(state.focus == .task)
    }

    @Test func aClickPlacesTheCursorAndADragSelectsInTheEditor() throws {
        var state = Fixtures.state(code: "import pandas as pd\nprint(1)\nx = 2\n")
        _ = AppUpdate.update(&state, .key(.alt("1")))
        let text = try #require(state.editorTextRect)
        // "pandas" on the first line: columns 7 to 13.
        _ = AppUpdate.update(&state, Self.click(text.x + 7, text.y))
        #expect(state.focus == .editor && state.editor.cursor == TextPosition(line: 0, column: 7))
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.drag(.left), x: text.x + 13, y: text.y)))
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.release(.left), x: text.x + 13, y: text.y)))
        #expect(state.editor.selectedText == "pandas")
        // Shift-click extends it to the second line; the copy key copies it.
        _ = AppUpdate.update(&state, Self.click(text.x + 5, text.y + 1, shift: true))
        #expect(state.editor.selectedText == "pandas as pd\nprint")
        _ = AppUpdate.update(&state, .key(.ctrl("c")))
        #expect(state.clipboard == "pandas as pd\nprint")
        // A plain click clears the selection; past the end of a line is its end.
        _ = AppUpdate.update(&state, Self.click(text.x + 30, text.y + 2))
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.release(.left), x: text.x + 30, y: text.y + 2)))
        #expect(state.editor.selection == nil && state.editor.cursor == TextPosition(line: 2, column: 5))
    }

    @Test func theWheelScrollsThePaneUnderThePointerNotTheFocusedOne() throws {
        var state = Fixtures.state()
        for n in 0..<60 { state.logs.append("line \(n)", "log.stdout") }
        let logs = try #require(state.frame.panes[.logs])
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.wheelUp, x: logs.x + 2, y: logs.y + 2)))
        #expect(state.focus == .editor)
        #expect(!state.logs.follow)
        let height = logs.height - 1
        #expect(state.logs.top(height: height) == state.logs.lines.count - height - MouseUpdate.wheelLines)
        // The editor: the view moves and the cursor stays inside it.
        var long = Fixtures.state(code: (1...100).map { "x\($0) = \($0)" }.joined(separator: "\n"))
        let editor = try #require(long.editorTextRect)
        for _ in 0..<4 { _ = AppUpdate.update(&long, .mouse(MouseEvent(.wheelDown, x: editor.x + 2, y: editor.y + 2))) }
        #expect(long.editor.scrollTop == 12 && long.editor.cursor.line == 12)
        #expect(AppView.render(long).text.contains("  13 x13 = 13"))
    }

    @Test func aClickOnAStepRowInReplaySelectsThatStep() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = try ReplayUpdateTests.write([
            ReplayUpdateTests.step(1, t: 10, score: 0.5, code: "a = 1"),
            ReplayUpdateTests.step(2, t: 20, score: 0.6, code: "b = 2"),
            ReplayUpdateTests.step(3, t: 30, score: nil, code: "c = 3"),
        ], temp: temp)
        var harness = try ReplayHarness([url], width: 100, height: 30)
        harness.keys(.char("g"))
        let task = try #require(harness.state.frame.panes[.task])
        // The title row, the list's header row, then one row per step.
        harness.send(Self.click(task.x + 4, task.y + 2 + 2))
        #expect(harness.shownStep == 3 && harness.state.focus == .task)
        harness.send(.mouse(MouseEvent(.wheelUp, x: task.x + 4, y: task.y + 5)))
        #expect(harness.shownStep == 2)
    }

    @Test func aClickOnARowOfPlaysRunHistorySelectsThatStep() throws {
        var state = StepHistoryUpdateTests.played()
        _ = AppUpdate.update(&state, .key(.alt("y")))
        #expect(state.history.cursor == 2)
        let task = try #require(state.frame.panes[.task])
        // The title row, the list's header row, then one row per step: step 1 is the first.
        _ = AppUpdate.update(&state, Self.click(task.x + 4, task.y + 2))
        #expect(state.history.cursor == 0)
        #expect(AppView.render(state).text.contains("▶    1"))
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.wheelDown, x: task.x + 4, y: task.y + 3)))
        #expect(state.history.cursor == 1)
        // Below the last row: nothing changes.
        _ = AppUpdate.update(&state, Self.click(task.x + 4, task.y + 10))
        #expect(state.history.cursor == 1)
    }

    @Test func theToggleKeyLeavesTheMouseToTheTerminal() throws {
        var state = Fixtures.state()
        #expect(AppUpdate.update(&state, .key(.alt("u"))) == [.setMouse(false)])
        #expect(!state.mouse.enabled)
        #expect(state.message?.text == "mouse off: the terminal selects (A-u: on)")
        let logs = try #require(state.frame.panes[.logs])
        _ = AppUpdate.update(&state, Self.click(logs.x + 3, logs.y + 2))
        #expect(state.focus == .editor)
        #expect(AppUpdate.update(&state, .key(.alt("u"))) == [.setMouse(true)])
    }

    @Test func theConfigTurnsTheMouseOff() throws {
        let config = try UserConfig.parse("[mouse]\nenabled = false\n", file: "config.toml")
        #expect(!config.mouse)
        #expect(try UserConfig.parse("theme = \"x\"\n", file: "config.toml").mouse)
        #expect(throws: ThemeError.self) { try UserConfig.parse("[mouse]\nenabled = \"no\"\n", file: "config.toml") }
        #expect(!WorkbenchSettingsTests.settings("[mouse]\nenabled = false\n").mouse)
        #expect(WorkbenchSettingsTests.settings("").mouse)
    }
}
