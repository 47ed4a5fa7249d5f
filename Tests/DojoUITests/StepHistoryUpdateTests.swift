import DojoKit
@testable import DojoUI
import Foundation
import Testing

/// Issue 17, friction 6: play's run history — every step so far as replay's step list, and the diff
/// of any two, on a key, live while stepping.
@Suite struct StepHistoryUpdateTests {
    static func observation(step: Int, score: Double?, place: Int? = nil) -> Observation {
        var observation = Fixtures.observation(step: step, score: score, stderr: score == nil ? "Traceback: boom\n" : "",
                                               exitCode: score == nil ? 1 : 0)
        if let place {
            let json = #"{"private": {"position": \#(place), "total": 28, "score": 0.5, "share_beaten": 0.5}}"#
            observation.submission?.position = try? JSONDecoder().decode(SubmissionReport.Positions.self, from: Data(json.utf8))
        }
        return observation
    }

    static func finish(_ state: inout AppState, step: Int, score: Double?, code: String, at: Double, place: Int? = nil) {
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: observation(step: step, score: score, place: place), errorLine: nil,
                                                              at: at, action: .executeCode(code), actor: .human)))
    }

    /// Three steps: 1 scores 0.78 (15th of 28), 2 fails, 3 scores 0.81 (9th).
    static func played(width: Int = 100, height: Int = 24) -> AppState {
        var state = Fixtures.state(width: width, height: height, code: "print('my buffer')\n")
        finish(&state, step: 1, score: 0.78, code: "a = 1\nprint(a)\n", at: 112, place: 15)
        finish(&state, step: 2, score: nil, code: "raise ValueError('x')\n", at: 130)
        finish(&state, step: 3, score: 0.81, code: "a = 2\nprint(a)\n", at: 190.5, place: 9)
        return state
    }

    @Test func theKeyShowsEveryStepAndTheDiffAgainstThePreviousExecutedStep() {
        var state = Self.played()
        _ = AppUpdate.update(&state, .key(.alt("y")))
        #expect(state.history.open)
        #expect(state.focus == .task)
        let screen = AppView.render(state).text
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(rows.prefix(9)) == [
            "▍History · 3 steps              Esc close │ Editor · diff step 2 → 3 (previous executed)",
            "  step    action   status   score   place │ --- step 2 (previous executed)",
            "     1    execute  ok      0.7800   15/28 │ +++ step 3",
            "     2  ◆ execute  error   failed       – │ @@ -1 +1,2 @@",
            "▶    3 ★  execute  ok      0.8100    9/28 │ -raise ValueError('x')",
            "                                          │ +a = 2",
            "                                          │ +print(a)",
            "                                          │",
            "                                          │",
        ], "\(screen)")
    }

    @Test func markingAStepDiffsAnyTwo() {
        var state = Self.played()
        _ = AppUpdate.update(&state, .key(.alt("y")))
        _ = AppUpdate.update(&state, .key(Key(.up)))
        _ = AppUpdate.update(&state, .key(Key(.up)))
        _ = AppUpdate.update(&state, .key(.char("m")))
        #expect(state.history.base == 0)
        #expect(state.message?.text == "marked step 1: the diff is against it")
        _ = AppUpdate.update(&state, .key(Key(.down)))
        _ = AppUpdate.update(&state, .key(Key(.down)))
        let diff = state.history.diff()
        #expect(diff.title == "diff step 1 → 3 (marked)")
        #expect(diff.lines.map(\.text) == ["--- step 1 (marked)", "+++ step 3", "@@ -1,2 +1,2 @@", "-a = 1", "+a = 2", " print(a)"])
        // Marking the same step again unmarks it: back to the previous executed step.
        _ = AppUpdate.update(&state, .key(Key(.up)))
        _ = AppUpdate.update(&state, .key(Key(.up)))
        _ = AppUpdate.update(&state, .key(.char(" ")))
        #expect(state.history.base == nil)
    }

    @Test func itGrowsLiveWhileSteppingAndTheBufferIsNeverTouched() {
        var state = Self.played()
        _ = AppUpdate.update(&state, .key(.alt("y")))
        // Typing on the list does not reach the hidden buffer.
        _ = AppUpdate.update(&state, .key(.char("z")))
        #expect(state.editor.text == "print('my buffer')\n")
        // A step finishing while the cursor is on the newest row: the cursor follows it.
        Self.finish(&state, step: 4, score: 0.83, code: "a = 3\nprint(a)\n", at: 200)
        #expect(state.history.entries.count == 4)
        #expect(state.history.cursor == 3)
        #expect(AppView.render(state).text.contains("History · 4 steps"))
        // Not on the newest row: it stays where it is.
        _ = AppUpdate.update(&state, .key(Key(.up)))
        Self.finish(&state, step: 5, score: 0.7, code: "a = 4\n", at: 210)
        #expect(state.history.cursor == 2)
        // F5 still runs the buffer while the list is open.
        let effects = AppUpdate.update(&state, .key(.f(5)))
        #expect(effects == [.runStep(.executeCode("print('my buffer')\n"))])
        // The editor focused shows the buffer again, and edits it.
        _ = AppUpdate.update(&state, .key(.alt("2")))
        let screen = AppView.render(state).text
        #expect(screen.contains("print('my buffer')"), "\(screen)")
        #expect(screen.contains("History · 5 steps"))
        // The key again, or Esc on the list, closes it.
        _ = AppUpdate.update(&state, .key(.alt("y")))
        #expect(!state.history.open)
        #expect(!AppView.render(state).text.contains("History ·"))
    }

    @Test func escClosesAndF2GivesThePaneBackToTheTask() {
        var state = Self.played()
        _ = AppUpdate.update(&state, .key(.alt("y")))
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(!state.history.open)
        #expect(state.focus == .editor)
        _ = AppUpdate.update(&state, .key(.alt("y")))
        _ = AppUpdate.update(&state, .key(.f(2)))
        #expect(!state.history.open)
        #expect(AppView.render(state).text.contains("Task · description"))
    }

    @Test func theColumnsThatDoNotFitGoTimeFirst() {
        var state = Self.played(width: 80, height: 24)
        _ = AppUpdate.update(&state, .key(.alt("y")))
        let rows = AppView.render(state).text.split(separator: "\n").map(String.init)
        #expect(rows[1].hasPrefix("  step    action   status   score │"), "\(rows[1])")
        #expect(rows[4].hasPrefix("▶    3 ★  execute  ok      0.8100 │"), "\(rows[4])")
        var wide = Self.played(width: 200, height: 40)
        _ = AppUpdate.update(&wide, .key(.alt("y")))
        let wideRows = AppView.render(wide).text.split(separator: "\n").map(String.init)
        #expect(wideRows[4].hasPrefix("▶    3 ★    1:30 execute  ok      1.50s  0.8100    9/28"), "\(wideRows[4])")
    }

    @Test func aStepWithoutCodeSaysSoInsteadOfADiff() {
        var state = Self.played()
        let observation = Observation(step: 4, action: .requestInfo, status: .ok, feedback: "request_info(overview): see info.",
                                      info: ["overview": .string("about")], execution: nil, submission: nil, history: nil, reward: 0,
                                      best: nil, budget: Budget(stepsUsed: 4, stepsLeft: 46, secondsLeft: 7000), terminated: false,
                                      truncated: false)
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: observation, errorLine: nil, at: 200,
                                                              action: .requestInfo(.overview), actor: .agent)))
        _ = AppUpdate.update(&state, .key(.alt("y")))
        #expect(state.history.diff().title == "step 4")
        #expect(state.history.diff().lines.map(\.text) == ["(request_info: no code)"])
        #expect(AppView.render(state).text.contains("▶    4    info     ok           –"), "\(AppView.render(state).text)")
    }

    @Test func theMouseChoosesAStepAndTheWheelMovesThroughThem() throws {
        var state = Self.played()
        _ = AppUpdate.update(&state, .key(.alt("y")))
        let task = try #require(state.frame.panes[.task])
        // Title, header, then one row per step.
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.press(.left), x: task.x + 4, y: task.y + 2)))
        #expect(state.history.cursor == 0)
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.wheelDown, x: task.x + 4, y: task.y + 4)))
        #expect(state.history.cursor == 1)
        #expect(state.focus == .task)
        #expect(AppView.render(state).text.contains("diff step 1 → 2 (previous executed)"))
    }

    @Test func watchAndReplaySayTheirOwnStepListsInstead() {
        var state = StepDisplayTests.watching()
        _ = AppUpdate.update(&state, .key(.alt("y")))
        #expect(!state.history.open)
        #expect(state.message?.text == "the run history is play's: here n/p move between the steps")
    }

    @Test func theHelpListsTheHistoryKeys() {
        var state = Self.played(width: 100, height: 60)
        _ = AppUpdate.update(&state, .key(.f(1)))
        let help = AppView.helpLines(state).map(\.text)
        let key = KeyMap.display(.alt("y"))
        #expect(help.contains { $0.hasPrefix("  \(key) ") && $0.contains("run history") }, "\(help)")
        #expect(help.contains { $0.hasPrefix("  m Space ") && $0.contains("diff's base") }, "\(help)")
        #expect(help.contains("Run history (play: the step list in the Task pane)"))
    }
}
