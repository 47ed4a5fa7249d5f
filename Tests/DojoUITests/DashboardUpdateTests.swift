import DojoKit
import DojoTesting
@testable import DojoUI
import Foundation
import Testing

/// The evaluation dashboard, key by key and frame by frame, on screens written out as literals.
@Suite struct DashboardUpdateTests {
    static let root = URL(fileURLWithPath: "/runs/eval-1")

    static func episode(_ agent: String, _ task: String, _ seed: Int, _ state: EpisodeStatus.State, steps: Int = 0, best: Double? = nil,
                        rank: Double? = nil, position: Int? = nil, size: Int? = nil, medal: Medal? = nil, seconds: Double? = nil,
                        reason: String? = nil, attempt: Int = 1, orphaned: Bool = false) -> EvalProgress.Episode {
        let key = EpisodeKey(agent: agent, task: task, seed: seed)
        return EvalProgress.Episode(key: key, state: state, orphaned: orphaned, attempt: attempt, steps: steps, bestScore: best,
                                    humanRank: rank, position: position, boardSize: size, medal: medal, seconds: seconds, reason: reason,
                                    trajectory: root.appendingPathComponent(key.relativePath).appendingPathComponent("trajectory.dojo.jsonl"))
    }

    static let progress = EvalProgress(runDirectory: root, episodes: [
        episode("baseline", "diamonds", 1, .done, steps: 12, best: 0.1234, rank: 0.91, position: 40, size: 450, medal: .gold, seconds: 130,
                reason: "closed by the agent"),
        episode("baseline", "diamonds", 2, .done, steps: 9, best: 0.2, rank: 0.6, position: 180, size: 450, seconds: 110,
                reason: "closed by the agent"),
        episode("baseline", "titanic", 1, .running, steps: 4, best: 0.78, rank: 0.55, seconds: 61, attempt: 2),
        episode("baseline", "titanic", 2, .failed, steps: 0, seconds: 3, reason: "agent exited with status 2"),
        episode("llm", "diamonds", 1, .pending),
        episode("llm", "diamonds", 2, .pending),
    ], parallel: 2)

    func dashboard(owner: Bool = false, progress: EvalProgress = progress, height: Int = 12, keyMap: KeyMap = .standard) -> AppState {
        var state = AppState(taskID: "", taskTitle: "", descriptionMarkdown: "", code: "", codePath: nil, defaultSavePath: "",
                             board: nil, themes: [Fixtures.theme()], keyMap: keyMap, width: 100, height: height)
        state.mode = .dashboard(DashboardState(progress: progress, owner: owner))
        _ = AppUpdate.update(&state, .tick(now: 100))
        return state
    }

    @discardableResult
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += AppUpdate.update(&state, .key(key)) }
        return effects
    }

    @Test func oneRowPerEpisodeWithTotalsAndTimeLeft() {
        ScreenAssertions.expect(AppView.render(dashboard()), """
         Dojo · eval eval-1 · 6 episodes · 2 done · 1 running · 2 pending · 1 failed
          agent     task      seed  status      step    best  position  medal  time
        ▸ baseline  diamonds     1  done          12  0.1234    40/450  gold   2:10
          baseline  diamonds     2  done           9  0.2000   180/450  –      1:50
          baseline  titanic      1  running #2     4  0.7800     0.550  –      1:01
          baseline  titanic      2  failed         0       –         –  –      0:03
          llm       diamonds     1  pending        –       –         –  –         –
          llm       diamonds     2  pending        –       –         –  –         –

         baseline/diamonds/seed-1 · /runs/eval-1/episodes/baseline/diamonds/seed-1/trajectory.dojo.jsonl · c
         medals: 1 gold · 0 silver · 0 bronze · valid submissions: 2 of 2 done · ETA 2:29
         eval watch                                                   ↑↓ move  Enter watch  F1 keys  q quit
        """)
    }

    @Test func theTimeLeftIsTheMeanDoneTimeOverTheSlots() throws {
        // Done in 130 s and 110 s: mean 120. Two pending (240 s) and 59 s left of the running one, over 2 slots.
        let eta = try #require(Self.progress.etaSeconds)
        #expect(abs(eta - (240 + 59) / 2) < 1e-9)
        #expect(DashboardView.duration(149.5) == "2:29")
        #expect(DashboardView.duration(3725) == "1:02:05")
        let none = EvalProgress(runDirectory: Self.root, episodes: [Self.episode("a", "t", 1, .running, seconds: 5)], parallel: 1)
        #expect(none.etaSeconds == nil)
        #expect(!none.isFinished)
    }

    @Test func enterWatchesTheEpisodeUnderTheCursorButNotAPendingOne() {
        var state = dashboard()
        press(&state, Key(.down), Key(.down))
        #expect(press(&state, Key(.enter)) == [.quit])
        #expect(state.mode.dashboard?.chosen == .watch(Self.progress.episodes[2]))
        var pending = dashboard()
        press(&pending, Key(.end))
        #expect(press(&pending, Key(.enter)).isEmpty)
        #expect(pending.mode.dashboard?.chosen == nil)
        #expect(pending.message?.text == "llm/diamonds/seed-2 has not started yet")
    }

    @Test func inDojoEvalQuittingAsksBecauseItStopsTheEvaluation() {
        var state = dashboard(owner: true)
        #expect(press(&state, .char("q")).isEmpty)
        ScreenAssertions.expect(AppView.render(state), """
         Dojo · eval eval-1 · 6 episodes · 2 done · 1 running · 2 pending · 1 failed
          agent     task      seed  status      step    best  position  medal  time
        ▸ baseline  diamonds     1  done          12  0.1234    40/450  gold   2:10
          baseline  diamonds     2  done           9  0.2000   180/450  –      1:50
          baseline  titanic      1  running #2     4  0.7800     0.550  –      1:01
          baseline  titanic      2  failed         0       –         –  –      0:03
          llm       diamonds     1  pending        –       –         –  –         –
          llm       diamonds     2  pending        –       –         –  –         –

         baseline/diamonds/seed-1 · /runs/eval-1/episodes/baseline/diamonds/seed-1/trajectory.dojo.jsonl · c
         medals: 1 gold · 0 silver · 0 bronze · valid submissions: 2 of 2 done · ETA 2:29
         Stop the evaluation? Running episodes end as interrupted; `dojo eval --resume` finishes it. (y)es,
        """)
        #expect(press(&state, .char("n")).isEmpty)
        #expect(state.message?.text == "the evaluation goes on")
        press(&state, .char("q"))
        #expect(press(&state, .char("y")) == [.quit])
        #expect(state.mode.dashboard?.chosen == .stop)
        // Ctrl-C stops at once; in dojo eval watch q and Ctrl-C only quit.
        var interrupt = dashboard(owner: true)
        #expect(press(&interrupt, .ctrl("c")) == [.quit])
        #expect(interrupt.mode.dashboard?.chosen == .stop)
        var watching = dashboard(owner: false)
        #expect(press(&watching, .char("q")) == [.quit])
        #expect(watching.mode.dashboard?.chosen == nil)
    }

    @Test func aNewReadingKeepsTheCursorOnItsEpisodeAndSaysWhenAllHaveEnded() {
        var state = dashboard(owner: true)
        press(&state, Key(.down), Key(.down))
        var finished = Self.progress
        finished.episodes = finished.episodes.map { episode in
            var episode = episode
            if episode.state != .failed { episode.state = .done; episode.seconds = episode.seconds ?? 100 }
            return episode
        }
        finished.episodes.insert(Self.episode("aaa", "x", 1, .done, seconds: 1), at: 0)
        _ = AppUpdate.update(&state, .evalProgress(finished))
        #expect(state.mode.dashboard?.selected?.key == Self.progress.episodes[2].key)
        #expect(state.message?.text == "every episode has ended")
        // Once everything has ended, q quits without asking.
        #expect(press(&state, .char("q")) == [.quit])
        #expect(state.mode.dashboard?.chosen == nil)
    }

    @Test func anEmptyRunDirectorySaysSoAndHelpListsTheKeys() {
        let empty = EvalProgress(runDirectory: Self.root, episodes: [], parallel: 1, problem: "no manifest.json yet")
        ScreenAssertions.expect(AppView.render(dashboard(progress: empty, height: 8)), """
         Dojo · eval eval-1 · 0 episodes · 0 done
          agent  task  seed  status  step  best  position  medal  time
         no episodes yet (no manifest.json yet)



         medals: 0 gold · 0 silver · 0 bronze · valid submissions: 0 of 0 done
         eval watch                                                   ↑↓ move  Enter watch  F1 keys  q quit
        """)
        var state = dashboard(height: 16)
        press(&state, .f(1))
        ScreenAssertions.expect(AppView.render(state), """
         Dojo · eval eval-1 · 6 episodes · 2 done · 1 running · 2 pending · 1 failed
          ┌─ Keys — F1 or Esc closes ────────────────────────────────────────────────────────────────────┐
        ▸ │ Evaluation dashboard: every episode of the run, read from its folder every second            │
          │   ↑↓ PageUp PageDown Home End move; in the watch, q comes back here                          │
          │                                                                                              │
          │ Evaluation dashboard                                                                         │
          │   Enter                 watch the episode under the cursor live (q comes back)               │
          │   q                     quit (asks first if the editor has unsaved edits)                    │
          │   C-c                   stop the evaluation now, as C-c does without the dashboard (in dojo  │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
         b│                                                                                              │ c
         m└──────────────────────────────────────────────────────────────────────────────────────────────┘
         eval watch                                                   ↑↓ move  Enter watch  F1 keys  q quit
        """)
        press(&state, Key(.escape))
        #expect(state.mode.dashboard?.showHelp == false)
    }
}
