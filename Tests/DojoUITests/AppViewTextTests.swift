import DojoKit
import DojoTesting
@testable import DojoUI
import Testing

/// Whole screens of text that was cut or drawn over (issue 17): the log rule, paths in the logs, the
/// Task pane's scroll percentage, wide tables zoomed, the message line and the message log, the
/// help's filter, and the chart's scale, step axis and lines.
@Suite struct AppViewTextTests {
    static let titanicTable = """
    # Titanic

    | field | type | meaning |
    |---|---|---|
    | `PassengerId` | integer | a unique id from 1 to 1309, assigned at random (carries no information) |
    | `Name` | string | the passenger's name as "Surname, Title. Given names", cut to at most 31 characters (e.g. `Allison, Mrs. Hudson J C (Bessi`) |
    | `Sex` | string | `female` or `male` |
    """

    /// At 80×24 the rule that opens a step fits its row: no stray `────` row under it.
    @Test func theStepRuleFitsTheLogsAt80x24() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .key(.ctrl("r")))
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
          0.8232┤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤│ Logs · follow · running
                │                         │ Episode started on demo. F5 or C-r executes
                │⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀│   the buffer, F6 or C-k validates it, F1 or
                │                         │   A-? shows all keys.
                │⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁│ Trajectory: /tmp/t.dojo.jsonl
          0.7768┤⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂│
            step└─────────────────────────│ ── step 1 · execute_code ───────────────────
         no scored steps yet (F5)  ─gold ─│          ⠋ execute_code 0.0 s · C-c cancels
         demo  │ step 0 · 50 left │ 2:00:00 left                       ⠋ executing 0.0s
        """)
    }

    /// A trajectory path longer than the Logs pane breaks after a `/`, never inside a name.
    @Test func aLongPathBreaksAfterItsSlashes() {
        var state = Fixtures.state()
        state.logs.append("Trajectory: /home/someone/.local/state/dojo/trajectories/titanic-20261203T091500Z-ab12cd.dojo.jsonl", "log.info")
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
                │                         │   the buffer, F6 or C-k validates it, F1 or
                │⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀│   A-? shows all keys.
                │                         │ Trajectory: /tmp/t.dojo.jsonl
                │⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁│ Trajectory:
          0.7768┤⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂│   /home/someone/.local/state/dojo/
            step└─────────────────────────│   trajectories/
         no scored steps yet (F5)  ─gold ─│   titanic-20261203T091500Z-ab12cd.dojo.jsonl
         demo  │ step 0 · 50 left │ 2:00:00 left F1 help  F5 run  F6 validate  C-q quit
        """)
    }

    /// The Task pane's scroll percentage is in its title, not drawn over the table's text; the table
    /// wraps its cells in the narrow pane, keeping words whole where a column can.
    @Test func theTaskPanesScrollPercentageIsInItsTitle() {
        var state = Fixtures.state()
        state.descriptionMarkdown = Self.titanicTable + "\n\n" + (1...30).map { "Line \($0) of the description." }.joined(separator: "\n\n")
        state.taskLines = nil
        _ = AppUpdate.update(&state, .key(.alt("1")))
        _ = AppUpdate.update(&state, .key(Key(.down)))
        ScreenAssertions.expect(AppView.render(state), """
        ▍Task · description        15% F2 │ Editor · starter.py             Ln 1, Col 1
         ═══════                          │   1 import pandas as pd
                                          │   2 print(1)
         field      │ type    │ meaning   │   3
         ───────────┼─────────┼───────────│   ~
         PassengerI │ integer │ a unique  │   ~
         d          │         │ id from 1 │   ~
                    │         │ to 1309,  │   ~
                    │         │ assigned  │   ~
                    │         │ at random │   ~
                    │         │ (carries  │   ~
                    │         │ no        │   ~
                    │         │ informatio│   ~
                    │         │ n)        │   ~
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

    /// A zoomed Task pane at 120 columns lays the table out over the whole width and wraps what is
    /// wider still: nothing is cut.
    @Test func aZoomedTableUsesTheWholeWidthAndWraps() {
        var state = Fixtures.state(width: 120, height: 16)
        state.descriptionMarkdown = Self.titanicTable
        state.taskLines = nil
        _ = AppUpdate.update(&state, .key(.alt("1")))
        _ = AppUpdate.update(&state, .key(.alt("z")))
        ScreenAssertions.expect(AppView.render(state), """
        ▍Task · description                                                                                                  F2
         Titanic
         ═══════

         field       │ type    │ meaning
         ────────────┼─────────┼────────────────────────────────────────────────────────────────────────────────────────────────
         PassengerId │ integer │ a unique id from 1 to 1309, assigned at random (carries no information)
         Name        │ string  │ the passenger's name as "Surname, Title. Given names", cut to at most 31 characters (e.g.
                     │         │ Allison, Mrs. Hudson J C (Bessi)
         Sex         │ string  │ female or male





         demo  │ human │ step 0 · 50 left │ 2:00:00 left │ best – │ sandbox none         F1 help  F5 run  F6 validate  C-q quit
        """)
    }

    /// A message is shown whole where it fits (over the rightmost segments, which stay in place); a
    /// longer one is cut with where to read it whole; the message log (A-m) shows every one whole.
    @Test func messagesAreWholeOrSayWhereToReadThem() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .editorReturned("import pandas as pd\nprint(1)\n"))
        #expect(Self.statusLine(state) == " demo  │ step 0 · 50 left │ 2:00:00 left   took the buffer back from the editor")
        _ = AppUpdate.update(&state, .fileError("could not open /home/someone/projects/titanic/a-very-long-folder-name/with/more/parts/solution.py: no such file"))
        // Longer than the bar: on the row above, cut only past the screen's width, saying where it is whole.
        let rows = AppView.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[rows.count - 2] == " could not open /home/someone/projects/titanic/a-very-long-folder-n… (A-m more)")
        #expect(Self.statusLine(state) == " demo  │ step 0 · 50 left │ 2:00:00 left F1 help  F5 run  F6 validate  C-q quit")
        _ = AppUpdate.update(&state, .key(.alt("m")))
        ScreenAssertions.expect(AppView.render(state), """
         Task · description            F2 │▍Editor · starter.py             Ln 1, Col 1
         Demo task                        │   1 import pandas as pd
         ═┌─ Messages (2) — A-m or Esc closes, ↑↓ scroll ────────────────────────────┐
          │   0s ago  took the buffer back from the editor                           │
         P│   0s ago  could not open                                                 │
          │           /home/someone/projects/titanic/a-very-long-folder-name/with/   │
         •│           more/parts/solution.py: no such file                           │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
         S│                                                                          │
          │                                                                          │
          │                                                                          │s
          │                                                                          │r
          │                                                                          │
          │                                                                          │
          │                                                                          │
          └──────────────────────────────────────────────────────────────────────────┘
         could not open /home/someone/projects/titanic/a-very-long-folder-n… (A-m more)
         demo  │ step 0 · 50 left │ 2:00:00 left F1 help  F5 run  F6 validate  C-q quit
        """)
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(!state.showMessages)
    }

    /// `/` in the help filters its lines, under their headings.
    @Test func theHelpFiltersOnSlash() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .key(.f(1)))
        for c in "/theme" { _ = AppUpdate.update(&state, .key(.char(c))) }
        ScreenAssertions.expect(AppView.render(state), """
         Task · description            F2 │▍Editor · starter.py             Ln 1, Col 1
         Demo task                        │   1 import pandas as pd
         ═┌─ Keys matching /theme▏ — Enter keeps, Esc clears ────────────────────────┐
          │ Everywhere                                                               │
         P│   F8                    next colour theme                                │
          │                                                                          │
         •│                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
          │                                                                          │
         S│                                                                          │
          │                                                                          │
          │                                                                          │s
          │                                                                          │r
          │                                                                          │
          │                                                                          │
          │                                                                          │
          └──────────────────────────────────────────────────────────────────────────┘
         no scored steps yet (F5)  ─gold ─│
         demo  │ step 0 · 50 left │ 2:00:00 left F1 help  F5 run  F6 validate  C-q quit
        """)
    }

    /// One scored step and no board: the scale pads around the value (not ±0.5), the step is named
    /// under its point.
    @Test func oneScoredStepHasASensibleScale() {
        var state = Fixtures.state(width: 120, height: 40)
        state.scores.board = nil
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: 1, score: 0.77, rank: 0.3), errorLine: nil, at: 101)))
        _ = AppUpdate.update(&state, .key(.alt("4")))
        _ = AppUpdate.update(&state, .key(.alt("z")))
        ScreenAssertions.expect(AppView.render(state), """
        ▍Scores · score ↑ chart                                                                                              F7
          0.7789┤
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │                                                       ★
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
                │
          0.7611┤
            step└───────────────────────────────────────────────────────1───────────────────────────────────────────────────────
         ★ best 0.7700 @ step 1
         demo  │ human │ step 1 · 49 left │ 1:56:41 left                         step 1: accuracy 0.7700 · reference rank 0.300
        """)
    }

    /// Twelve steps against a board: steps along the x axis, the medal and median lines each in
    /// their own dot pattern with their name at their end.
    @Test func theChartNamesStepsAndLinesWithoutColour() {
        var state = Fixtures.state(width: 120, height: 40)
        for step in 1...12 {
            let score = step == 1 ? 0.77 : 0.70 + Double(step) * 0.01
            _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: step, score: score, rank: 0.3), errorLine: nil, at: 101)))
        }
        _ = AppUpdate.update(&state, .tick(now: 200))
        ScreenAssertions.expect(AppView.render(state), """
         Task · description                            F2 │▍Editor · starter.py                                     Ln 1, Col 1
         Demo task                                        │   1 import pandas as pd
         ═════════                                        │   2 print(1)
                                                          │   3
         Predict y from x.                                │   ~
                                                          │   ~
         • rows: 10                                       │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
                                                          │   ~
         Scores · accuracy ↑ chart                     F7 │   ~
          0.8280┤⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀★ gold  │   ~
                │                              ⢀⠤⠊⠁       │ Logs · follow
                │⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀⢀⣤⠊⣁ ⣀  silver│ exit 0 · 1.50 s
                │⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⡀⣀⡤⡊⡁⡀⡀⡀⡀⡀⡀ bronze│ Step 7 done.
                │⡀ ⡀ ⡀ ⡀ ⡀ ⡀ ⡀ ⡀ ⡀ ⡀ ⡀⢀⡤⠊⡁ ⡀ ⡀ ⡀ ⡀  median│ exit 0 · 1.50 s
                │⡀                 ⢀⠤⠊⠁                   │ Step 8 done.
                │⢱              ⢀⡠⠊⠁                      │ exit 0 · 1.50 s
                │⠈⡆          ⢀⡠⠒⠁                         │ Step 9 done.
                │ ⢸       ⢀⡠⠒⠁                            │ exit 0 · 1.50 s
                │  ⢇   ⢀⡠⠒⠁                               │ Step 10 done.
                │  ⠸⣀⡠⠒⠁                                  │ exit 0 · 1.50 s
          0.7120┤   ⠁                                     │ Step 11 done.
            step└1──2──3──4──5──6──7──8──9──10───12       │ exit 0 · 1.50 s
         ★ best 0.8200 @ step 12                          │ Step 12 done.
         demo  │ step 12 · 38 left │ 1:55:01 left │ best 0.8200 · reference rank 0.300   F1 help  F5 run  F6 validate  C-q quit
        """)
    }

    static func statusLine(_ state: AppState) -> String {
        String(AppView.render(state).text.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }
}
