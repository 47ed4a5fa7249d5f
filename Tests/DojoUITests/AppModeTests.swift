import DojoKit
@testable import DojoUI
import Testing

/// The workbench's modes as one enum with their own state: each mode's status bar is generated from
/// the key map, and the score a step earns is recorded the same way in every mode that sees steps.
@Suite struct AppModeTests {
    /// A config that rebinds one key each mode's hints name.
    static let keys: KeyMap = {
        let config = """
        [keys]
        help = "f12"
        execute = "ctrl-r"
        take_over = "alt-o"
        watch_follow = "o"
        replay_play = "x"
        picker_open = "tab"
        """
        do { return try KeyMap.standard.overriding(withConfig: config, file: "config.toml") } catch {
            Issue.record("the test config does not parse: \(error)")
            return .standard
        }
    }()

    static func state(_ mode: AppMode) -> AppState {
        var state = Fixtures.state()
        state.keyMap = keys
        state.mode = mode
        return state
    }

    @Test func everyModesHintsComeFromTheKeyMap() throws {
        #expect(AppUpdate.modeStatus(Self.state(.play)).hints == "F12 help  C-r run  F6 validate  C-q quit ")
        let fork = ForkState(source: "/runs/a.dojo.jsonl", step: 3, codeStep: 3, clean: true, planned: [])
        #expect(AppUpdate.modeStatus(Self.state(.fork(fork))).hints == "F12 help  C-r run  F6 validate  C-q quit ")
        #expect(AppUpdate.modeStatus(Self.state(.copilot(CopilotState(command: "agent")))).hints == "A-o take over  A-p auto  F12 help  C-q quit ")
        let watch = AppUpdate.modeStatus(Self.state(.watch(WatchState(source: "/tmp/w.dojo.jsonl"))))
        #expect(watch.hints == "n/p step  o follow  q quit ")
        #expect(watch.readOnly && watch.segments.map(\.text) == ["watch", "live", "no step yet of 0"])
        let replay = AppUpdate.modeStatus(Self.state(.replay(ReplayState(runs: []))))
        #expect(replay.hints == "x play  d diff  b best  / search  F12 help  q quit ")
        #expect(replay.readOnly && !replay.showsSandbox)
        #expect(PickerUpdate.hints(Self.keys) == "↑↓ move  Tab open  type to filter  C-q quit ")
        // The screen shows the rebound keys.
        var wide = Self.state(.play)
        wide.width = 100
        #expect(AppView.render(wide).text.contains("F12 help  C-r run"))
    }

    @Test func aModesStateGoesWithIt() {
        var state = Self.state(.watch(WatchState(source: "/tmp/w.dojo.jsonl")))
        #expect(state.mode.isReadOnly)
        state.mode = .play
        #expect(state.mode.watch == nil && !state.mode.isReadOnly)
        // Play types into the buffer what watch refused.
        _ = AppUpdate.update(&state, .key(.char("x")))
        #expect(state.editor.text.hasPrefix("x"))
    }

    @Test func aGradedStepIsRecordedAlikeInPlayAndWatch() {
        let observation = Fixtures.observation(step: 1, score: 0.81, rank: 0.7, medal: "silver")
        var play = Self.state(.play)
        _ = AppUpdate.update(&play, .key(.ctrl("r")))
        _ = AppUpdate.update(&play, .stepFinished(StepResult(observation: observation, errorLine: nil, at: 101)))
        var watch = Self.state(.watch(WatchState(source: "/tmp/w.dojo.jsonl")))
        let record = StepRecord(index: 1, t: 1, actor: .agent, action: .executeCode("x"), observation: observation)
        _ = AppUpdate.update(&watch, .trajectory(.init(events: [.step(record)])))
        #expect(play.scores.points == [ScoreState.Point(step: 1, rawScore: 0.81, rankScore: 0.7, medal: .silver)])
        #expect(watch.scores.points == play.scores.points)
        #expect(watch.best == play.best && watch.bestMedal == .silver && play.bestMedal == .silver)
        #expect(watch.budget == play.budget)
    }
}
