import DojoKit
import DojoTesting
@testable import DojoUI
import Foundation
import Testing

/// The runs browser, key by key and frame by frame, on screens written out as literals.
@Suite struct RunsUpdateTests {
    static func best(_ step: Int, _ score: Double, _ medal: Medal? = nil, higher: Bool = false) -> TrajectoryDigest.Best {
        TrajectoryDigest.Best(step: step, rawScore: score, rankScore: higher ? score : 1 - score, medal: medal, higherIsBetter: higher)
    }

    static let entries = [
        RunsState.Entry(path: "/s/trajectories/diamonds-a.dojo.jsonl", task: "diamonds", agent: "human", date: "2026-12-01 09:00", seed: 42,
                        steps: 12, best: best(7, 0.31, .bronze), outcome: .ended("closed"), companions: ["diamonds-a.dojo-notes.jsonl"]),
        RunsState.Entry(path: "/s/evals/r1/episodes/baseline/diamonds/seed-1/trajectory.dojo.jsonl", task: "diamonds", agent: "baseline",
                        date: "2026-12-03 08:00", seed: 1, steps: 40, best: best(33, 0.12, .gold), outcome: .ended("budget"),
                        companions: ["agent.log", "status.json"]),
        RunsState.Entry(path: "/s/evals/r1/episodes/baseline/titanic/seed-1/trajectory.dojo.jsonl", task: "titanic", agent: "baseline",
                        date: "2026-12-03 09:30", seed: 1, steps: 3, best: nil, outcome: .failed("agent exited with status 2")),
        RunsState.Entry(path: "/s/trajectories/titanic-b.dojo.jsonl", task: "titanic", agent: "python agent.py", date: "2026-12-02 17:45",
                        seed: 42, steps: 8, best: best(8, 0.82, higher: true), outcome: .unfinished),
    ]

    func browsing(keyMap: KeyMap = .standard, width: Int = 100, height: Int = 10) -> AppState {
        var state = AppState(taskID: "", taskTitle: "", descriptionMarkdown: "", code: "", codePath: nil, defaultSavePath: "",
                             board: nil, themes: [Fixtures.theme()], keyMap: keyMap, width: width, height: height)
        state.mode = .runs(RunsState(entries: Self.entries, sources: ["/s/trajectories", "/s/evals"]))
        _ = AppUpdate.update(&state, .tick(now: 100))
        return state
    }

    @discardableResult
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += AppUpdate.update(&state, .key(key)) }
        return effects
    }

    func type(_ state: inout AppState, _ text: String) {
        for c in text { _ = AppUpdate.update(&state, .key(.char(c))) }
    }

    @Test func listsEveryRunNewestFirstWithTaskAgentDateStepsBestAndOutcome() {
        ScreenAssertions.expect(AppView.render(browsing()), """
         Dojo · runs · 4 of 4 · newest first
           task      agent            date              steps  best           outcome
        ▸  titanic   baseline         2026-12-03 09:30      3  –              failed: agent exited with sta…
           diamonds  baseline         2026-12-03 08:00     40  0.1200 gold    ended: budget
           titanic   python agent.py  2026-12-02 17:45      8  0.8200         no end record
           diamonds  human            2026-12-01 09:00     12  0.3100 bronze  ended: closed


         /s/evals/r1/episodes/baseline/titanic/seed-1/trajectory.dojo.jsonl · seed 1
         4 runs                       Enter replay  space mark  / filter  s sort  d delete  F1 keys  q quit
        """)
    }

    @Test func slashFiltersByAnyColumnOrByOneAndEnterKeepsIt() {
        var state = browsing()
        press(&state, .char("/"))
        type(&state, "titanic")
        #expect(state.mode.runs?.visible.count == 2)
        type(&state, " outcome:fail")
        ScreenAssertions.expect(AppView.render(state), """
         Dojo · runs · 1 of 4 · newest first
           task      agent            date              steps  best           outcome
        ▸  titanic   baseline         2026-12-03 09:30      3  –              failed: agent exited with sta…





         /s/evals/r1/episodes/baseline/titanic/seed-1/trajectory.dojo.jsonl · seed 1
         filter: titanic outcome:fail▏ (Enter keeps it, Esc clears)
        """)
        press(&state, Key(.enter))
        #expect(state.mode.runs?.editingFilter == false)
        #expect(state.mode.runs?.selected?.agent == "baseline")
        // Letters are commands again: s sorts.
        press(&state, .char("s"))
        #expect(state.mode.runs?.sort == .score)
        // Esc clears the filter, then quits.
        #expect(press(&state, Key(.escape)).isEmpty)
        #expect(state.mode.runs?.filter == "")
        #expect(press(&state, Key(.escape)) == [.quit])
    }

    @Test func sortingByScorePutsTheBestOfEachTaskFirstInItsMetricsDirection() {
        var state = browsing()
        press(&state, .char("s"))
        let order = state.mode.runs.map { runs in runs.visible.map { runs.entries[$0].bestText } }
        // diamonds: rmse, lower first; titanic: accuracy, higher first, the unscored last.
        #expect(order == ["0.1200 gold", "0.3100 bronze", "0.8200", "–"])
        ScreenAssertions.expect(AppView.render(state), """
         Dojo · runs · 4 of 4 · best score first (by task)
           task      agent            date              steps  best           outcome
        ▸  diamonds  baseline         2026-12-03 08:00     40  0.1200 gold    ended: budget
           diamonds  human            2026-12-01 09:00     12  0.3100 bronze  ended: closed
           titanic   python agent.py  2026-12-02 17:45      8  0.8200         no end record
           titanic   baseline         2026-12-03 09:30      3  –              failed: agent exited with sta…


         /s/evals/r1/episodes/baseline/diamonds/seed-1/trajectory.dojo.jsonl · seed 1 · best at step 33 · po
         4 runs                                                          sorted: best score first (by task)
        """)
    }

    @Test func enterReplaysTheRunUnderTheCursorAndTwoMarksCompare() {
        var state = browsing()
        press(&state, Key(.down))
        #expect(press(&state, Key(.enter)) == [.quit])
        #expect(state.mode.runs?.chosen == .replay(Self.entries[1].path))

        var marking = browsing()
        press(&marking, .char(" "), Key(.down), .char(" "))
        ScreenAssertions.expect(AppView.render(marking), """
         Dojo · runs · 4 of 4 · newest first
           task      agent            date              steps  best           outcome
         A titanic   baseline         2026-12-03 09:30      3  –              failed: agent exited with sta…
           diamonds  baseline         2026-12-03 08:00     40  0.1200 gold    ended: budget
         B titanic   python agent.py  2026-12-02 17:45      8  0.8200         no end record
        ▸  diamonds  human            2026-12-01 09:00     12  0.3100 bronze  ended: closed


         marked A: titanic baseline 2026-12-03 09:30  B: titanic python agent.py 2026-12-02 17:45 · /s/traje
         4 runs                                          two runs marked: Enter compares them (A against B)
        """)
        #expect(press(&marking, Key(.enter)) == [.quit])
        #expect(marking.mode.runs?.chosen == .compare(Self.entries[2].path, Self.entries[3].path))
        // Space marks and moves down; a third mark replaces the oldest; Esc clears the marks first.
        var three = browsing()
        press(&three, .char(" "), .char(" "), .char(" "))
        #expect(three.mode.runs?.marked == [Self.entries[1].path, Self.entries[3].path])
        press(&three, Key(.escape))
        #expect(three.mode.runs?.marked == [])
        #expect(three.mode.runs?.chosen == nil)
    }

    @Test func dAsksBeforeDeletingAndOnlyYDeletes() {
        var state = browsing()
        press(&state, Key(.down), Key(.down), Key(.down))
        #expect(press(&state, .char("d")).isEmpty)
        ScreenAssertions.expect(AppView.render(state), """
         Dojo · runs · 4 of 4 · newest first
           task      agent            date              steps  best           outcome
           titanic   baseline         2026-12-03 09:30      3  –              failed: agent exited with sta…
           diamonds  baseline         2026-12-03 08:00     40  0.1200 gold    ended: budget
           titanic   python agent.py  2026-12-02 17:45      8  0.8200         no end record
        ▸  diamonds  human            2026-12-01 09:00     12  0.3100 bronze  ended: closed


         /s/trajectories/diamonds-a.dojo.jsonl · seed 42 · best at step 7 · position 0.690
         Delete diamonds-a.dojo.jsonl, diamonds-a.dojo-notes.jsonl? (y)es, any other key keeps it
        """)
        #expect(press(&state, .char("n")).isEmpty)
        #expect(state.message?.text == "kept diamonds-a.dojo.jsonl")
        press(&state, .char("d"))
        #expect(press(&state, .char("y")) == [.runs(.delete(path: Self.entries[0].path))])
        _ = AppUpdate.update(&state, .runs(.deleted(path: Self.entries[0].path, files: ["diamonds-a.dojo.jsonl", "diamonds-a.dojo-notes.jsonl"])))
        #expect(state.mode.runs?.entries.count == 3)
        #expect(state.mode.runs?.selected?.task == "titanic")
        #expect(state.message?.text == "deleted diamonds-a.dojo.jsonl, diamonds-a.dojo-notes.jsonl")
        _ = AppUpdate.update(&state, .runs(.deleteFailed(path: "/x", message: "cannot delete x: permission denied")))
        #expect(state.message?.isError == true)
    }

    @Test func reboundKeysAreWhatTheHintsAndHelpShow() throws {
        let keyMap = try KeyMap.standard.overriding(withConfig: "[keys]\nruns_delete = \"x\"\nruns_filter = \"f\"\n", file: "config.toml")
        var state = browsing(keyMap: keyMap, height: 24)
        #expect(AppView.render(state).text.contains("x delete"))
        #expect(press(&state, .char("d")).isEmpty)
        #expect(state.mode.runs?.confirmingDelete == nil)
        press(&state, .char("x"))
        #expect(state.mode.runs?.confirmingDelete != nil)
        press(&state, Key(.escape), .f(1))
        ScreenAssertions.expect(AppView.render(state), """
         Dojo · runs · 4 of 4 · newest first
          ┌─ Keys — F1, Esc or q closes, ↑↓ scroll ──────────────────────────────────────────────────────┐
        ▸ │ Runs browser: every trajectory Dojo knows                                                    │a…
          │   ↑↓ PageUp PageDown Home End move; Esc clears the marks, then the filter, then quits        │
          │                                                                                              │
          │ Runs browser                                                                                 │
          │   Enter                 replay the run under the cursor (the two marked runs: compare them)  │
          │   Space                 mark or unmark the run (two marks: Enter compares them)              │
          │   s                     sort: newest first / best score first (by task)                      │
          │   r                     read the folders again                                               │
          │   q                     quit (asks first if the editor has unsaved edits)                    │
          │   x                     delete the run's trajectory and its files (asks first)               │
          │   f                     filter: words match task, agent, date, outcome (task:x agent:y outco │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
          │                                                                                              │
         /└──────────────────────────────────────────────────────────────────────────────────────────────┘
         4 runs                                                                kept baseline/titanic/seed-1
        """)
        press(&state, Key(.escape))
        #expect(state.mode.runs?.showHelp == false)
    }

    @Test func aNewListingKeepsTheCursorOnTheSameRunAndNothingListedSaysWhere() {
        var state = browsing()
        press(&state, Key(.down), Key(.down))
        let path = state.mode.runs?.selected?.path
        _ = AppUpdate.update(&state, .runs(.listed(Array(Self.entries.reversed()) + [
            RunsState.Entry(path: "/s/new.dojo.jsonl", task: "new", agent: "a", date: "2026-12-04 00:00", seed: 1, steps: 0, best: nil,
                            outcome: .running)], problems: ["/s/junk.dojo.jsonl: not a trajectory"])))
        #expect(state.mode.runs?.selected?.path == path)
        #expect(AppView.render(state).text.contains("5 of 5 · newest first · 1 unreadable (F1)"))
        var empty = browsing()
        empty.mode = .runs(RunsState(entries: [], sources: ["/s/trajectories", "/s/evals"]))
        ScreenAssertions.expect(AppView.render(empty), """
         Dojo · runs · 0 of 0 · newest first
           task  agent  date              steps  best  outcome
         no trajectories in /s/trajectories, /s/evals






         0 runs                       Enter replay  space mark  / filter  s sort  d delete  F1 keys  q quit
        """)
        #expect(press(&empty, Key(.enter)).isEmpty)
        #expect(empty.message?.text == "no runs to replay")
    }
}

extension RunsUpdateTests {
    @Test func anEvaluationEpisodeIsNamedByItsFolder() {
        #expect(Self.entries[1].name == "baseline/diamonds/seed-1")
        #expect(Self.entries[0].name == "diamonds-a.dojo.jsonl")
        let aside = RunsState.Entry(path: "/r/episodes/a/t/seed-2/interrupted-1/trajectory.dojo.jsonl", task: "t", agent: "a",
                                    date: "", seed: 2, steps: 0, best: nil, outcome: .interrupted)
        #expect(aside.name == "a/t/seed-2/interrupted-1")
        #expect(RunsState.Entry.displayDate("2026-12-03T10:14:58Z") == "2026-12-03 10:14")
        #expect(RunsState.Entry.displayDate("yesterday") == "yesterday")
    }
}
