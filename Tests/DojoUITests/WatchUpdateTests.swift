import DojoKit
@testable import DojoUI
import Foundation
import Testing

@Suite struct WatchUpdateTests {
    func watching() -> AppState {
        var state = AppState(taskID: "demo", taskTitle: "Demo", descriptionMarkdown: "# Demo task\n", code: "# waiting", codePath: nil,
                             defaultSavePath: "watch.py", board: Fixtures.board, themes: [Fixtures.theme()], width: 100, height: 30)
        state.mode = .watch(WatchState(source: "/tmp/w.dojo.jsonl"))
        _ = AppUpdate.update(&state, .tick(now: 100))
        return state
    }

    func step(_ n: Int, score: Double?, code: String) -> TrajectoryEvent {
        .step(StepRecord(index: n, t: Double(n), actor: .agent, action: .executeCode(code),
                         observation: Fixtures.observation(step: n, score: score, stderr: score == nil ? "Traceback: boom\n" : "")))
    }

    func screen(_ state: AppState) -> String { AppView.render(state).text }

    @Test func stepsFillThePanesAndTheStatusSaysLiveThenEnded() {
        var state = watching()
        #expect(screen(state).contains("live"))
        #expect(screen(state).contains("no step yet of 0"))
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(1, score: 0.8, code: "print('first')")])))
        #expect(state.editor.text == "print('first')")
        #expect(!state.editor.isModified)
        #expect(state.scores.points.count == 1)
        #expect(screen(state).contains("step 1 of 1"))
        #expect(screen(state).contains("best 0.8"))
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(2, score: nil, code: "raise boom")])))
        #expect(state.editor.text == "raise boom")
        #expect(state.scores.points.count == 1)
        #expect(state.logs.lines.contains { $0.text.contains("Traceback: boom") })
        _ = AppUpdate.update(&state, .trajectory(.init(events: [.end(EndRecord(t: 3, reason: "max steps"))])))
        #expect(screen(state).contains("ended (max steps)"))
    }

    @Test func handOversAreSaidInTheLogsAndTheMessageLine() {
        var state = watching()
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(1, score: 0.8, code: "one"),
                                                                 .control(ControlRecord(t: 2, to: .human, reason: "take over"))])))
        #expect(state.message?.text == "control passed to the person (take over)")
        #expect(state.logs.lines.contains { $0.text == "control passed to the person (take over)" })
        _ = AppUpdate.update(&state, .trajectory(.init(events: [.control(ControlRecord(t: 3, to: .agent, reason: nil))])))
        #expect(state.message?.text == "control passed to the agent")
    }

    @Test func keysMoveBetweenStepsAndEditingIsRefused() {
        var state = watching()
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(1, score: 0.8, code: "one"), step(2, score: 0.79, code: "two")])))
        #expect(state.editor.text == "two")
        _ = AppUpdate.update(&state, .key(.char("p")))
        #expect(state.editor.text == "one")
        #expect(state.mode.watch?.following == false)
        // A new step does not move the view while paused.
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(3, score: nil, code: "three")])))
        #expect(state.editor.text == "one")
        #expect(screen(state).contains("step 1 of 3 · paused"))
        _ = AppUpdate.update(&state, .key(.char("n")))
        #expect(state.editor.text == "two")
        _ = AppUpdate.update(&state, .key(.char("f")))
        #expect(state.editor.text == "three")
        #expect(state.mode.watch?.following == true)
        // Read-only: typing, pasting and F5 change nothing and take no step.
        _ = AppUpdate.update(&state, .key(.char("x")))
        _ = AppUpdate.update(&state, .paste("more"))
        #expect(AppUpdate.update(&state, .key(.f(5))).isEmpty)
        #expect(state.editor.text == "three")
        #expect(state.message?.text.contains("read-only") == true)
        #expect(AppUpdate.update(&state, .key(.char("q"))) == [.quit])
        #expect(AppUpdate.update(&state, .key(.ctrl("q"))) == [.quit])
    }

    @Test func notesShowAfterTheStepTheyFollow() {
        var state = watching()
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(1, score: 0.8, code: "one"),
                                                                .note(NoteRecord(t: 1.5, step: 1, actor: .agent, text: "try a forest next"))])))
        #expect(state.logs.lines.contains { $0.text == "note (agent): try a forest next" })
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(2, score: 0.81, code: "two")])))
        #expect(!state.logs.lines.contains { $0.text.contains("try a forest next") })
        _ = AppUpdate.update(&state, .key(.char("p")))
        #expect(state.logs.lines.contains { $0.text == "note (agent): try a forest next" })
    }

    @Test func helpListsTheWatchKeysFirst() {
        var state = watching()
        _ = AppUpdate.update(&state, .key(.f(1)))
        #expect(state.showHelp)
        #expect(screen(state).contains("Watch mode (read-only)"))
        _ = AppUpdate.update(&state, .key(.char("q")))
        #expect(!state.showHelp)
    }

    @Test func damagedLinesAndReadErrorsAreShown() {
        var state = watching()
        _ = AppUpdate.update(&state, .trajectory(.init(damaged: [.init(line: 4, reason: "bad json")])))
        #expect(state.message?.text.contains("line 4") == true)
        _ = AppUpdate.update(&state, .trajectoryFailed("the trajectory shrank"))
        #expect(screen(state).contains("unreadable"))
    }
}
