import DojoEffects
import DojoKit
@testable import DojoUI
import DojoTesting
import Foundation
import Testing

/// Replay's screens, cell for cell (a colourless theme, so the text is what is compared).
@Suite struct ReplayViewTests {
    @Test func replayShowsTheStepListTheCodeTheOutputAndTheChartCursor() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)], width: 80, height: 20)
        replay.keys(.char("n"), .char("n"))
        #expect(replay.screen == """
        ▍Steps · 5                 t task │ Editor · step 3 · read-only            Ln 1
          step     action   status   score│   1 a = 2
             1     execute  ok      0.7800│   2 print('three')
             2     execute  error   failed│   3
        ▶    3     execute  ok      0.8100│   ~
             4     execute  ok      0.8000│   ~
             5 ★   execute  ok      0.8300│   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
         Scores · accuracy ↑ chart     F7 │   ~
          0.8340┤        ▾             ⣀⠤★│ Logs · scrolled
                │⠉⠉⠉⠉⠉⠉⢉⡩⠭⢍⣉⣉⡉⠉⠉⠉⠉⠉⣉⠭⠛⠉⠉⠉⠉│ ── step 3 · execute_code · agent · ok ──────
                │⡒⡀⣒⡠⡖⡊⡓⡀⡒⡀⡒⡀⡚⡉⡛⡑⡒⡉⡒⡀⡒⡀⡒⡀⡒│ needle in step three
          0.7760┤⠔⠊⠅ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄│ exit 0 · 1.50 s
            step└1───────3───────4───────5│ Step 3 done.
         ★ best 0.8300 @ step 5  ─gold ─si│
         demo  │ step 3 · 3/5 │ ❚❚ 1×             replaying 5 steps by baseline on demo
        """)
    }

    @Test func aStepBeforeTheFirstScoreHasNoChartCursor() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let events = [ReplayUpdateTests.step(1, t: 0, score: nil, code: "raise ValueError('no')\n")] + ReplayUpdateTests.fiveSteps.map {
            guard case .step(var record) = $0 else { return $0 }
            record.index += 1
            record.observation.step += 1
            return .step(record)
        }
        var replay = try ReplayHarness([ReplayUpdateTests.write(events, temp: temp)], width: 80, height: 20)
        #expect(replay.state.scores.cursorStep == 1)
        #expect(!replay.screen.contains("▾"))
        replay.keys(.char("n"))
        #expect(replay.screen.contains("▾"))
    }

    @Test func theStepListsPositionNeverHidesARowsScore() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let steps = (1...30).map { ReplayUpdateTests.step($0, t: Double($0), score: 0.5 + Double($0) / 100, code: "a = \($0)\n") }
        let url = try ReplayUpdateTests.write(steps, temp: temp)
        // A narrow pane: the rows fill it, so the position is left to the status bar.
        var narrow = try ReplayHarness([url], width: 80, height: 20)
        narrow.keys(.char("G"))
        let narrowRows = narrow.screen.split(separator: "\n").map(String.init)
        #expect(narrowRows[11] == "▶   30 ★   execute  ok      0.8000│   ~")
        // A wide one: the position fits beside the rows.
        var wide = try ReplayHarness([url], width: 120, height: 20)
        wide.keys(.char("G"))
        let wideRows = wide.screen.split(separator: "\n").map(String.init)
        #expect(wideRows[11] == "▶   30 ★   agent execute  ok      0.8000    30/30 │   ~")
    }

    @Test func theDiffTakesTheEditorPane() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)], width: 80, height: 20)
        replay.keys(.char("n"), .char("n"), .char("d"))
        #expect(replay.screen == """
        ▍Steps · 5                 t task │ Editor · diff step 2 → 3 (previous)
          step     action   status   score│ --- step 2 (previous executed)
             1     execute  ok      0.7800│ +++ step 3
             2     execute  error   failed│ @@ -1 +1,2 @@
        ▶    3     execute  ok      0.8100│ -raise ValueError('boom')
             4     execute  ok      0.8000│ +a = 2
             5 ★   execute  ok      0.8300│ +print('three')
                                          │
                                          │
                                          │
                                          │
                                          │
         Scores · accuracy ↑ chart     F7 │
          0.8340┤        ▾             ⣀⠤★│ Logs · scrolled
                │⠉⠉⠉⠉⠉⠉⢉⡩⠭⢍⣉⣉⡉⠉⠉⠉⠉⠉⣉⠭⠛⠉⠉⠉⠉│ ── step 3 · execute_code · agent · ok ──────
                │⡒⡀⣒⡠⡖⡊⡓⡀⡒⡀⡒⡀⡚⡉⡛⡑⡒⡉⡒⡀⡒⡀⡒⡀⡒│ needle in step three
          0.7760┤⠔⠊⠅ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄│ exit 0 · 1.50 s
            step└1───────3───────4───────5│ Step 3 done.
         ★ best 0.8300 @ step 5  ─gold ─si│
         demo  │ step 3 · 3/5 │ ❚❚ 1×          diff: against the previous executed step
        """)
    }

    @Test func compareShowsBothRunsSideBySideBothCurvesAndTheirDiff() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness(ReplayUpdateTests.agentAndPerson(temp: temp), width: 90, height: 20)
        replay.keys(.char("n"))
        #expect(replay.screen == """
        ▍Steps · 5                     t task │ Editor · diff A → B · step 2               d next
         A: agent.dojo.json│B: person.dojo.jso│ --- A: agent.dojo.jsonl step 2
            1   exec 0.7800│   1   exec 0.7900│ +++ B: person.dojo.jsonl step 2
        ▶   2   exec failed│   2★  exec 0.8200│ @@ -1 +1 @@
            3   exec 0.8100│                  │ -raise ValueError('boom')
            4   exec 0.8000│                  │ +b = 2
            5★  exec 0.8300│                  │
                           │                  │
                           │                  │
                           │                  │
                           │                  │
                           │                  │
         Scores · accuracy ↑ chart         F7 │
          0.8340┤     ▾              ⡠★       │ Logs · scrolled
                │⠉⠉⠉⣉⠝⠋⠉⠉⠉⣉⡩⠭⣉⡉⠉⠉⠉⢉⠝⠋⠉⠉ gold  │ ── A: step 2 · execute_code · agent · error ──────
                │⡲⡔⡛⣀⣒⡤⡖⡒⡛⡀⡒⡀⡒⡈⡛⡑⡚⡁⡒⡀⡒⡀ s·b   │ Traceback: boom
          0.7760┤⠤⠒⠎⠁⠄┊⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄ ⠄  median│ exit 1 · 1.50 s
            step└1────2─────3────4────5       │ Step 2 done.
         ━A: agent.dojo.jsonl ━B: person.dojo.│
         demo  │ step 2 · 2/5 │ ❚❚ 1×                       replaying B: 2 steps by human on demo
        """)
    }

    @Test func helpListsTheReplayKeysFromTheKeyMap() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)], width: 100, height: 40)
        replay.keys(.f(1))
        let screen = replay.screen
        #expect(screen.contains("Replay (read-only)"))
        #expect(screen.contains("n j                   next step"))
        #expect(screen.contains("Space                 play / pause"))
        #expect(!screen.contains("While a step runs"))
    }
}
