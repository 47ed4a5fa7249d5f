import DojoKit
@testable import DojoUI
import DojoTesting
import Foundation
import Testing

/// Issue 17, bug 12: hints and help that did not apply in the read-only modes.
@Suite struct KeyMapModeHelpTests {
    static let refusedKeys = ["F5 ", "F6 ", "F4 ", "C-s", "A-s", "C-o", "C-e", "A-y", "C-r", "C-k"]

    @Test func replaysHelpListsOnlyTheKeysThatWorkThere() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)], width: 100, height: 40)
        let help = AppView.helpLines(replay.state).map(\.text)
        #expect(help.first == "Replay (read-only): only these keys work; f forks a new episode")
        #expect(!help.contains { $0.contains("asks first if the editor has unsaved edits") }, "\(help)")
        #expect(!help.contains { $0.contains("execute the buffer") || $0.contains("validate the buffer") || $0.contains("save the buffer")
                || $0.contains("open a file") || $0.contains("$EDITOR") || $0.contains("traceback") || $0.contains("run history") }, "\(help)")
        // Replay's own `f` forks: the Logs pane's `f` (follow) is not offered, nor the panes' g/G.
        #expect(!help.contains { $0.contains("follow new output") }, "\(help)")
        #expect(help.contains { $0.hasPrefix("  q ") && $0.hasSuffix("quit (nothing to save: the mode is read-only)") }, "\(help)")
        let ctrlQ = KeyMap.display(.ctrl("q"))
        #expect(help.contains { $0.hasPrefix("  \(ctrlQ) ") && $0.hasSuffix("quit (nothing to save: the mode is read-only)") }, "\(help)")
        #expect(help.contains { $0.contains("next step") })
        #expect(!help.contains { line in Self.refusedKeys.contains { line.hasPrefix("  " + $0) } }, "\(help)")
    }

    @Test func watchsHelpListsOnlyTheKeysThatWorkThere() {
        var state = StepDisplayTests.watching()
        _ = AppUpdate.update(&state, .key(.f(1)))
        let help = AppView.helpLines(state).map(\.text)
        #expect(help.contains("  Only the keys below work: nothing here edits the buffer or takes a step."))
        #expect(!help.contains { $0.contains("execute the buffer") || $0.contains("F5, F6") || $0.contains("unsaved edits") }, "\(help)")
        #expect(!help.contains { $0.contains("follow new output") }, "\(help)")
        #expect(help.contains { $0.contains("follow the newest step") })
        #expect(!help.contains { line in Self.refusedKeys.contains { line.hasPrefix("  " + $0) } }, "\(help)")
    }

    @Test func playsHelpHasItsKeysButNotTheCopilots() {
        let state = Fixtures.state()
        let help = AppView.helpLines(state).map(\.text)
        #expect(help.contains { $0.contains("execute the buffer") })
        #expect(help.contains { $0.contains("asks first if the editor has unsaved edits") })
        #expect(help.contains("Run history (play: the step list in the Task pane)"))
        // The co-pilot keys do nothing without an agent.
        #expect(!help.contains("Co-pilot (dojo play --agent)"), "\(help)")
        var copilot = Fixtures.state()
        copilot.mode = .copilot(CopilotState(command: "python3 agent.py"))
        #expect(AppView.helpLines(copilot).map(\.text).contains("Co-pilot (dojo play --agent)"))
    }

    /// Watch's empty chart offered F5, which watch refuses.
    @Test func watchsEmptyChartDoesNotOfferF5() {
        let state = StepDisplayTests.watching(width: 100, height: 30)
        let screen = AppView.render(state).text
        #expect(screen.contains("no scored steps"), "\(screen)")
        #expect(!screen.contains("(F5)"), "\(screen)")
        #expect(AppView.render(Fixtures.state(width: 100, height: 30)).text.contains("no scored steps yet (F5)"))
    }

    /// `e` with no failed step after the cursor says so, replacing the message before it.
    @Test func nextErrorWithNoneLeftSaysSo() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)], width: 100, height: 30)
        replay.keys(.char("e"))
        #expect(replay.shownStep == 2)
        replay.keys(.char("b"))
        #expect(replay.state.message?.text == "★ the best step")
        replay.keys(.char("e"))
        #expect(replay.shownStep == 5)
        #expect(replay.state.message?.text == "no further error after step 5")
        #expect(replay.screen.contains("no further error"), "\(replay.screen)")
    }
}
