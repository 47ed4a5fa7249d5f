import DojoKit
import DojoUI
import Testing

/// A forked episode's rebuild in the workbench: progress, refusing steps meanwhile, cancelling, the outcome.
@Suite struct ForkUpdateTests {
    func forkState(planned: [Int] = [1, 2, 4], clean: Bool = false) -> AppState {
        var state = AppState(taskID: "demo", taskTitle: "Demo", descriptionMarkdown: "# Demo\n", code: "print(3)\n", codePath: nil,
                             defaultSavePath: "demo-solution.py", board: Fixtures.board, themes: [Fixtures.theme()], width: 100, height: 24)
        state.mode = .fork(ForkState(source: "/runs/a.dojo.jsonl", step: 5, codeStep: 5, clean: clean, planned: planned))
        _ = AppUpdate.update(&state, .tick(now: 100))
        _ = AppUpdate.update(&state, .episodeStarted(EpisodeStart(
            budget: Budget(stepsUsed: 0, stepsLeft: 50, secondsLeft: 7200), dataStructure: "", sampleSubmission: "",
            sandbox: "bwrap", trajectoryPath: "/runs/b.dojo.jsonl", at: 100)))
        return state
    }

    func statusLine(_ state: AppState) -> String {
        let screen = AppView.render(state)
        return screen.row(at: screen.height - 1)
    }

    @Test func progressShowsInTheStatusBarAndLogsAndStepsWait() {
        var state = forkState()
        let texts = state.logs.lines.map(\.text).joined(separator: "\n")
        #expect(texts.contains("Forked from /runs/a.dojo.jsonl at step 5; the editor has step 5's code."))
        #expect(texts.contains("re-running steps 1, 2, 4"))
        #expect(state.isRebuilding)
        _ = AppUpdate.update(&state, .rebuild(.stepStarted(step: 1, position: 1, total: 3)))
        _ = AppUpdate.update(&state, .stepOutput(.stdout, Array("training…\n".utf8)))
        _ = AppUpdate.update(&state, .rebuild(.stepFinished(.init(step: 1, exitCode: 0, durationMs: 1250), position: 1, total: 3)))
        _ = AppUpdate.update(&state, .rebuild(.stepStarted(step: 2, position: 2, total: 3)))
        // The episode's clock stands still while the rebuild runs.
        _ = AppUpdate.update(&state, .tick(now: 160))
        #expect(statusLine(state) == " demo  │ step 0 · 50 left │ 2:00:00 left │ best – │ ⠋ rebuilding workspace: step 2 (2 of 3) F1 help ")
        let tail = state.logs.lines.suffix(4).map(\.text)
        #expect(tail == ["training…", "step 1: exit 0 · 1.25 s", "", "── rebuilding workspace: step 2 (2 of 3) ──"])
        #expect(state.logs.lines.first { $0.text.hasPrefix("step 1: exit 0") }?.spans.first?.scope == "log.success")
        // F5 waits for the rebuild.
        #expect(AppUpdate.update(&state, .key(.f(5))) == [])
        #expect(state.running == nil)
        #expect(state.message?.text == "wait for the rebuild (C-c stops it)")
        _ = AppUpdate.update(&state, .resize(width: 120, height: 24))
        // The rebuild's progress is essential: the message does not cover it but takes the row above.
        #expect(statusLine(state) == " demo  │ human │ step 0 · 50 left │ 2:00:00 left │ best – │ ⠋ rebuilding workspace: step 2 (2 of 3)             F1 help ")
        let screen = AppView.render(state)
        #expect(screen.row(at: screen.height - 2).hasPrefix(" wait for the rebuild (C-c stops it) "))
        #expect(state.message?.isError == true)
    }

    @Test func finishingHandsOverWithTheBudgetReadAfterTheRebuild() {
        var state = forkState()
        _ = AppUpdate.update(&state, .rebuild(.stepStarted(step: 1, position: 1, total: 3)))
        _ = AppUpdate.update(&state, .rebuild(.stepFinished(.init(step: 1, exitCode: 0, durationMs: 10), position: 1, total: 3)))
        _ = AppUpdate.update(&state, .rebuild(.stepFinished(.init(step: 2, exitCode: 1, durationMs: 10), position: 2, total: 3)))
        _ = AppUpdate.update(&state, .rebuild(.stepFinished(.init(step: 4, exitCode: 0, durationMs: 10), position: 3, total: 3)))
        let report = WorkspaceRebuild.Report(planned: [1, 2, 4], results: state.mode.fork?.results ?? [], cancelled: false)
        _ = AppUpdate.update(&state, .tick(now: 400))
        _ = AppUpdate.update(&state, .rebuildFinished(report, budget: Budget(stepsUsed: 0, stepsLeft: 50, secondsLeft: 7199), at: 400))
        #expect(!state.isRebuilding)
        #expect(state.message?.text == "workspace rebuilt (3 steps re-run; step 2 exit 1); F5 runs the editor's code on it")
        #expect(state.secondsLeft == 7199)
        #expect(AppUpdate.update(&state, .key(.f(5))) == [.runStep(.executeCode("print(3)\n"))])
        #expect(state.budget?.stepsUsed == 0)
    }

    @Test func ctrlCStopsTheRebuildAndThePersonIsToldWhatIsLeft() {
        var state = forkState()
        _ = AppUpdate.update(&state, .rebuild(.stepStarted(step: 1, position: 1, total: 3)))
        #expect(AppUpdate.update(&state, .key(.ctrl("c"))) == [.cancelStep])
        #expect(state.mode.fork?.cancelling == true)
        #expect(statusLine(state).contains("stopping the rebuild"))
        _ = AppUpdate.update(&state, .rebuild(.stepFinished(.init(step: 1, exitCode: nil, cancelled: true, durationMs: 10), position: 1, total: 3)))
        let report = WorkspaceRebuild.Report(planned: [1, 2, 4], results: state.mode.fork?.results ?? [], cancelled: true)
        _ = AppUpdate.update(&state, .rebuildFinished(report, budget: Budget(stepsUsed: 0, stepsLeft: 50, secondsLeft: 7200), at: 101))
        #expect(state.message?.text == "rebuild cancelled after 0 of 3 steps: the workspace has only what they left; F5 runs the editor's code on it")
        #expect(!state.isRebuilding)
        // Ctrl-C with nothing running does nothing.
        #expect(AppUpdate.update(&state, .key(.ctrl("c"))) == [])
    }

    @Test func aCleanForkNeitherWaitsNorRebuilds() {
        var state = forkState(clean: true)
        #expect(!state.isRebuilding)
        #expect(state.logs.lines.contains { $0.text == "Started clean (--clean): the workspace was not rebuilt." })
        #expect(AppUpdate.update(&state, .key(.f(5))) == [.runStep(.executeCode("print(3)\n"))])
    }
}
