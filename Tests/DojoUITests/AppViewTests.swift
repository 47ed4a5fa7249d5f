import DojoKit
import DojoTesting
import DojoUI
import Testing

/// Whole-screen tests as string literals.
@Suite struct AppViewTests {
    @Test func theFourPanesAndTheStatusBarAt80x24() {
        let state = Fixtures.state()
        ScreenAssertions.expect(AppView.render(state), """
         Task · description            F2 │▍Editor · starter.py             Ln 1, Col 1
         Demo task                        │   1 import pandas as pd
         ═════════                        │   2 print(1)
                                          │   3
         Predict y from x.                │   ~
                                          │   ~
         • rows: 10                       │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
         Scores · accuracy ↑ chart     F7 │   ~
          0.8232┤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤│ Logs · follow
                │                         │ Episode started on demo. F5 or C-r executes
                │⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀│   the buffer, F6 or C-k validates it, F1 or
                │                         │   A-? shows all keys.
                │⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁│ Trajectory: /tmp/t.dojo.jsonl
          0.7768┤⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂│
            step└─────────────────────────│
         no scored steps yet (F5)  ─gold ─│
         demo  │ step 0 · 50 left │ 2:00:00 left F1 help  F5 run  F6 validate  C-q quit
        """)
    }

    @Test func tooSmall() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .resize(width: 40, height: 12))
        ScreenAssertions.expect(AppView.render(state), """




                   Terminal too small
                40×12; Dojo needs 60×16
             Enlarge the window; C-q quits





        """)
    }

    @Test func scoresChartAndTableAfterTwoSteps() {
        var state = Fixtures.state(width: 60, height: 16)
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: 1, score: 0.77, rank: 0.3), errorLine: nil, at: 101)))
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: 2, score: 0.81, rank: 0.7, medal: "bronze"), errorLine: nil, at: 102)))
        _ = AppUpdate.update(&state, .key(.alt("4")))
        _ = AppUpdate.update(&state, .key(.alt("z")))
        ScreenAssertions.expect(AppView.render(state), """
        ▍Scores · accuracy ↑ chart                               F7
          0.8240┤⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀ gold
                │
                │                                           ★
                │                                      ⣀⠤⠔⠒⠉
                │⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀⣀⣤⠒⣊⠉⣀ ⣀ ⣀  silver
                │                           ⢀⡠⠤⠒⠉⠁
                │                      ⣀⡠⠔⠒⠉⠁
                │⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⢁⣁⠥⠕⠋⠉⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁ bronze
                │           ⢀⣀⠤⠒⠊⠁
                │⠁ ⠁ ⠁ ⣁⡠⠥⠒⠉⠁⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁ ⠁  median
                │ ⣀⠤⠔⠒⠉
          0.7660┤⠉
            step└1──────────────────────────────────────────2
         ★ best 0.8100 @ step 2
         demo        step 2: accuracy 0.8100 · reference rank 0.700
        """)
        _ = AppUpdate.update(&state, .key(.f(7)))
        _ = AppUpdate.update(&state, .key(.f(7)))
        ScreenAssertions.expect(AppView.render(state), """
        ▍Scores · table                                          F7
          step    accuracy  reference rank  medal
             1      0.7700          0.3000  -
             2      0.8100          0.7000  bronze ★










         gold 0.8200 · silver 0.8000 · bronze 0.7900 · median 0.7800
         demo        step 2: accuracy 0.8100 · reference rank 0.700
        """)
    }

    @Test func helpOverlay() {
        var state = Fixtures.state(width: 70, height: 18)
        _ = AppUpdate.update(&state, .key(.f(1)))
        let text = AppView.render(state).text
        #expect(text.contains("F5"))
        #expect(text.contains("execute the buffer"))
    }
}
