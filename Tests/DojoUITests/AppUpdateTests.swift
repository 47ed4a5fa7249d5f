import DojoKit
import DojoUI
import Testing

@Suite struct AppUpdateTests {
    func press(_ key: Key, _ state: inout AppState) -> [Effect] { AppUpdate.update(&state, .key(key)) }

    @Test func executeSendsTheBufferAndCtrlCCancelsTheStep() {
        var state = Fixtures.state()
        let r1 = press(.f(5), &state)
        #expect(r1 == [.runStep(.executeCode("import pandas as pd\nprint(1)\n"))])
        #expect(state.running?.action == .executeCode)
        let r2 = press(.f(6), &state)
        #expect(r2 == [])
        #expect(state.message?.isError == true)
        let r3 = press(.ctrl("c"), &state)
        #expect(r3 == [.cancelStep])
        #expect(state.running?.cancelling == true)
        // The program does not quit on Ctrl-C.
        let r4 = press(.ctrl("c"), &state)
        #expect(!r4.contains(.quit))
    }

    @Test func streamedOutputAndAResultReachLogsScoresAndStatus() {
        var state = Fixtures.state()
        _ = press(.f(5), &state)
        _ = AppUpdate.update(&state, .stepOutput(.stdout, Array("training accuracy: 0.8\nhalf".utf8)))
        _ = AppUpdate.update(&state, .stepOutput(.stderr, Array("\u{1B}[31mwarn\n".utf8)))
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: 1, score: 0.81, rank: 0.75, medal: "silver"), errorLine: nil, at: 101)))
        let texts = state.logs.lines.map(\.text)
        #expect(texts.contains("training accuracy: 0.8"))
        #expect(texts.contains("half"))
        #expect(texts.contains("^[[31mwarn"))
        #expect(state.logs.lines.first { $0.text == "^[[31mwarn" }?.spans.first?.scope == "log.stderr")
        #expect(texts.contains("exit 0 · 1.50 s"))
        #expect(state.running == nil)
        #expect(state.scores.points == [.init(step: 1, rawScore: 0.81, rankScore: 0.75, medal: .silver)])
        #expect(state.best?.rawScore == 0.81)
        #expect(state.bestMedal == .silver)
        #expect(state.budget?.stepsLeft == 49)
    }

    @Test func aTracebackLineJumpsTheEditor() {
        var state = Fixtures.state(code: "a = 1\nb = 2\n    c = d\n")
        _ = press(.f(5), &state)
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: 1, score: nil, stderr: "Traceback\nNameError: d", exitCode: 1), errorLine: 3, at: 101)))
        #expect(state.logs.lines.contains { $0.text.contains("line 3") })
        _ = AppUpdate.update(&state, .key(.alt("1")))
        #expect(state.focus == .task)
        _ = press(.f(4), &state)
        #expect(state.focus == .editor)
        #expect(state.editor.cursor == TextPosition(line: 2, column: 4))
    }

    @Test func quittingWithUnsavedEditsAsksFirst() {
        var state = Fixtures.state()
        let r5 = press(.ctrl("q"), &state)
        #expect(r5 == [.quit])
        _ = press(.char("x"), &state)
        let r6 = press(.ctrl("q"), &state)
        #expect(r6 == [])
        #expect(state.prompt?.kind == .confirmQuit)
        let r7 = press(.char("c"), &state)
        #expect(r7 == [])
        #expect(state.prompt == nil)
        _ = press(.ctrl("q"), &state)
        let r8 = press(.char("n"), &state)
        #expect(r8 == [.quit])
        var saving = Fixtures.state()
        _ = press(.char("x"), &saving)
        _ = press(.ctrl("q"), &saving)
        let r9 = press(.char("y"), &saving)
        #expect(r9 == [])
        #expect(saving.prompt?.kind == .saveAs)
        // Issue 17: prompts start empty, the default name in brackets (Enter takes it); save as asks before overwriting.
        #expect(saving.prompt?.text == "")
        #expect(saving.prompt?.previous == "demo-solution.py")
        let effects = press(Key(.enter), &saving)
        #expect(effects.count == 1)
        if case .saveNew(let path, _, _) = effects.first { #expect(path == "demo-solution.py") } else { Issue.record("expected save") }
    }

    @Test func aPasteIsInsertedWholeAndUndoneInOneStep() {
        var state = Fixtures.state(code: "")
        _ = AppUpdate.update(&state, .paste("def f():\n    return 1\nprint(f())"))
        #expect(state.editor.text == "def f():\n    return 1\nprint(f())")
        _ = press(.ctrl("z"), &state)
        #expect(state.editor.text == "")
    }

    @Test func focusZoomSplitsThemesAndViews() {
        var state = Fixtures.state()
        _ = press(.ctrl("t"), &state)
        #expect(state.focus == .logs)
        _ = press(Key(.tab), &state)
        #expect(state.focus == .scores)
        _ = press(.alt("z"), &state)
        #expect(state.frame.panes.keys.sorted { $0.rawValue < $1.rawValue } == [.scores])
        _ = press(.alt("z"), &state)
        #expect(state.frame.panes.count == 4)
        let before = state.frame.panes[.task]?.width ?? 0
        _ = press(Key(.right, alt: true), &state)
        #expect((state.frame.panes[.task]?.width ?? 0) > before)
        _ = press(.f(8), &state)
        #expect(state.theme.name == "second")
        _ = press(.f(7), &state)
        #expect(state.scores.view == .rankChart)
        _ = press(.f(2), &state)
        #expect(state.taskView == .dataStructure)
    }

    @Test func findAndGoToLineUseThePrompt() {
        var state = Fixtures.state(code: "a\nb\nneedle\n")
        _ = press(.ctrl("f"), &state)
        for c in "needle" { _ = press(.char(c), &state) }
        _ = press(Key(.enter), &state)
        #expect(state.editor.selectedText == "needle")
        _ = press(.ctrl("g"), &state)
        _ = press(.char("2"), &state)
        _ = press(Key(.enter), &state)
        #expect(state.editor.cursor.line == 1)
    }

    @Test func aFailedEpisodeStartRefusesSteps() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .episodeFailed("cannot create the trajectory"))
        let effects = press(.f(5), &state)
        #expect(effects.isEmpty)
        #expect(state.running == nil)
        #expect(state.message?.text == "the episode did not start")
        #expect(state.logs.lines.contains { $0.text.contains("cannot create the trajectory") })
    }

    @Test func tooSmallThenBack() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .resize(width: 40, height: 12))
        #expect(state.isTooSmall)
        let r10 = press(.char("x"), &state)
        #expect(r10 == [])
        _ = AppUpdate.update(&state, .resize(width: 80, height: 24))
        #expect(!state.isTooSmall)
        #expect(state.editor.text == "import pandas as pd\nprint(1)\n")
    }
}
