import DojoKit
import DojoTesting
@testable import DojoUI
import Foundation
import Testing

/// The leaderboard overlay: both boards, medal bands in words, your best and last where grading places them.
@Suite struct LeaderboardUpdateTests {
    static let privateScores = [0.90, 0.88, 0.85, 0.83, 0.80, 0.78, 0.75, 0.70, 0.65, 0.60]
    static let publicScores = [0.91, 0.87, 0.84, 0.82, 0.79, 0.77, 0.74, 0.71, 0.66, 0.61]

    static func boards(ranking: RankingMode = .dojo, kind: BoardKind = .human) -> LeaderboardState.Boards {
        LeaderboardState.Boards(set: LeaderboardSet(kind: kind, boards: [
            Leaderboard(split: .public, kind: kind, scores: publicScores, file: "public_leaderboard.csv"),
            Leaderboard(split: .private, kind: kind, scores: privateScores, file: "private_leaderboard.csv"),
        ], ranking: ranking), higherIsBetter: true, metric: "accuracy")
    }

    /// Two scored steps: 0.86 (the best, step 1) and 0.81 (the last, step 2).
    static func state(width: Int = 80, height: Int = 24) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        state.leaderboard = LeaderboardState(boards: boards())
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: 1, score: 0.86), errorLine: nil, at: 101)))
        _ = AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: 2, score: 0.81), errorLine: nil, at: 102)))
        state.best = BestSoFar(rawScore: 0.86, humanRank: 0.8, step: 1)
        return state
    }

    /// The rows and columns of a screen an overlay covers (what is around it belongs to other tests).
    static func crop(_ buffer: ScreenBuffer, rows: Range<Int>, columns: Range<Int>) -> String {
        rows.map { y in
            let row = Array(buffer.row(at: y))
            let cut = row[min(columns.lowerBound, row.count)..<min(columns.upperBound, row.count)]
            return String(cut).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }

    @Test func altGOpensTheWholeBoardWithYourBestAndLastWhereTheyRank() {
        var state = Self.state()
        _ = AppUpdate.update(&state, .key(.alt("g")))
        #expect(state.overlay == .leaderboard)
        ScreenAssertions.expect(text: Self.crop(AppView.render(state), rows: 1..<22, columns: 2..<78), """
        ┌─ Leaderboard · A-g or Esc closes · ↑↓ PgUp PgDn g G · b: yours ──────────┐
        │ accuracy ↑ higher is better · ranking dojo                               │
        │ ▶ best (step 1): 0.86 · private 3 of 10 · public 3 of 10 · bronze        │
        │ ▶ last (step 2): 0.81 · private 5 of 10 · public 5 of 10                 │
        │                                                                          │
        │ Private board · human · 10 entries · medals and median judged here       │
        │   gold to position 1 (0.9) · silver to 2 (0.88) · bronze to 4 (0.83)     │
        │        #  score         medal                                            │
        │        1  0.9           gold                                             │
        │        2  0.88          silver                                           │
        │ ▶      3  0.86          bronze  ◀ you: best (step 1)                     │
        │        3  0.85          bronze                                           │
        │        4  0.83          bronze                                           │
        │ ▶      5  0.81                  ◀ you: last (step 2)                     │
        │        5  0.8                                                            │
        │           ─ median 0.79 ─                                                │
        │        6  0.78                                                           │
        │        7  0.75                                                           │
        │        8  0.7                                                            │
        │        9  0.65                                                           │
        └──────────────────────────────────────────────────────────────────────────┘
        """)
    }

    @Test func yourPositionsAreTheOnesGradingReports() {
        let boards = Self.boards()
        let lines = LeaderboardView.lines(boards: boards, yours: [.init(label: "best", rawScore: 0.86, step: 1)]).lines.map(\.text)
        // The grader, on a task with these boards, places 0.86 third on both and gives bronze.
        var report = SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 1, metric: "accuracy", higherIsBetter: true,
                                      rawScore: nil, position: nil, humanRank: nil, medal: nil, aboveMedian: nil, boardKind: .human,
                                      medalThresholds: nil)
        Grader.place(&report, rawScore: 0.86, boards: boards.set, higherIsBetter: true)
        #expect(report.position?.private?.position == 3 && report.position?.public?.position == 3 && report.medal == .bronze)
        #expect(lines.contains("▶ best (step 1): 0.86 · private 3 of 10 · public 3 of 10 · bronze"), "\(lines)")
        // Inserted before the board's third entry on each board.
        let privateRow = lines.firstIndex { $0.hasPrefix("▶      3  0.86") }
        #expect(privateRow.map { lines[$0 + 1].hasPrefix("       3  0.85") } == true, "\(lines)")
        let publicHeading = lines.firstIndex { $0.hasPrefix("Public board") } ?? 0
        let publicRow = lines[publicHeading...].firstIndex { $0.hasPrefix("▶      3  0.86") }
        #expect(publicRow.map { lines[$0 + 1].hasPrefix("       3  0.84") } == true, "\(lines)")
    }

    @Test func mleBenchRankingPlacesTheRoundedScoreAsGradingDoes() {
        // 0.8800004 rounds to 0.88 under MLE-bench: a tie with the second entry, so second, and silver.
        let lines = LeaderboardView.lines(boards: Self.boards(ranking: .mleBench), yours: [.init(label: "best", rawScore: 0.8800004, step: 4)])
            .lines.map(\.text)
        #expect(lines.contains("▶ best (step 4): 0.88 · private 2 of 10 · public 2 of 10 · silver"), "\(lines)")
        #expect(lines[0] == "accuracy ↑ higher is better · ranking mle-bench", "\(lines)")
    }

    @Test func medalBandsAreNamedInWordsAndTheMedianMarked() {
        let lines = LeaderboardView.lines(boards: Self.boards(), yours: []).lines.map(\.text)
        #expect(lines.contains("       1  0.9           gold"))
        #expect(lines.contains("       2  0.88          silver"))
        #expect(lines.contains("       4  0.83          bronze"))
        #expect(lines.contains("       5  0.8           "))
        #expect(lines.contains("          ─ median 0.79 ─"), "\(lines)")
        #expect(lines.contains("No graded step yet: your best and last scores appear here once a step is scored."))
    }

    /// A score between the median and the next entry below it: the median's row comes first, then yours.
    @Test func yourRowBelowTheMedianComesAfterTheMediansRow() {
        // 0.785 is below the median 0.79 and above the sixth entry (0.78): sixth, under the median's row.
        let lines = LeaderboardView.lines(boards: Self.boards(), yours: [.init(label: "best", rawScore: 0.785, step: 2)]).lines.map(\.text)
        let median = lines.firstIndex(of: "          ─ median 0.79 ─")
        let yours = lines.firstIndex { $0.hasPrefix("▶      6  0.785") }
        #expect(median != nil && yours != nil, "\(lines)")
        #expect(median.map { lines[$0 - 1].hasPrefix("       5  0.8") } == true, "\(lines)")
        #expect(median.map { $0 + 1 } == yours, "\(lines)")
    }

    @Test func medalBandsAreColouredByTheTheme() throws {
        let gold = Style(foreground: .rgb(255, 215, 0), attributes: .bold)
        var state = Self.state()
        state.themes = [Theme(name: "medals", styles: ["medal.gold": gold, "medal.bronze": Style(foreground: .rgb(205, 127, 50))])]
        _ = AppUpdate.update(&state, .key(.alt("g")))
        let buffer = AppView.render(state)
        let y = try #require((0..<buffer.height).first { buffer.row(at: $0).contains("  1  0.9           gold") })
        let x = try #require(Array(buffer.row(at: y)).indices.first { Array(buffer.row(at: y))[$0] == "g" })
        #expect(buffer[x, y].style.foreground == gold.foreground && buffer[x, y].style.attributes.contains(.bold))
        #expect(buffer[x - 3, y].style.foreground == .default)
    }

    @Test func at80ColumnsTheTextWrapsInsteadOfBeingCut() {
        let width = LeaderboardView.innerWidth(screenWidth: 80)
        let long = LeaderboardState.Boards(set: LeaderboardSet(kind: .reference, boards: [
            Leaderboard(split: .private, kind: .reference, scores: [0.822630, 0.816514, 0.804281, 0.801223, 0.798165, 0.795107, 0.7],
                        file: "leaderboard.csv"),
        ]), higherIsBetter: true, metric: "accuracy")
        let lines = LeaderboardView.lines(boards: long, yours: [], width: width).lines
        #expect(width == 72 && lines.allSatisfy { $0.width <= width }, "\(lines.map(\.text))")
        let texts = lines.map(\.text)
        #expect(texts.contains("No graded step yet: your best and last scores appear here once a step is") && texts.contains("  scored."), "\(texts)")
        #expect(texts.contains("  gold to position 1 (0.82263) · silver to 1 (0.82263) · bronze to 2") && texts.contains("  (0.816514)"), "\(texts)")
    }

    @Test func scrollingAndClosing() {
        var state = Self.state()
        _ = AppUpdate.update(&state, .key(.alt("g")))
        let opened = state.leaderboard.scroll
        _ = AppUpdate.update(&state, .key(.char("G")))
        let bottom = state.leaderboard.scroll
        #expect(bottom > opened)
        _ = AppUpdate.update(&state, .key(Key(.pageDown)))
        #expect(state.leaderboard.scroll == bottom)
        _ = AppUpdate.update(&state, .key(.char("g")))
        #expect(state.leaderboard.scroll == 0)
        _ = AppUpdate.update(&state, .key(.char("b")))
        #expect(state.leaderboard.scroll == opened)
        // Keys do not reach the editor underneath.
        _ = AppUpdate.update(&state, .key(.char("x")))
        #expect(!state.editor.text.contains("x"))
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(state.overlay == nil)
        _ = AppUpdate.update(&state, .key(.alt("g")))
        _ = AppUpdate.update(&state, .key(.alt("g")))
        #expect(state.overlay == nil)
    }

    @Test func withoutTheTaskThereIsNoBoardToShow() {
        var state = Fixtures.state()
        _ = AppUpdate.update(&state, .key(.alt("g")))
        #expect(AppView.render(state).text.contains("No leaderboard: the task is not installed here"))
    }

    @Test func inWatchModeTheLastStepReadIsTheLast() {
        var state = Self.state(width: 120, height: 40)
        state.mode = .watch(WatchState(source: "/tmp/t.dojo.jsonl"))
        _ = AppUpdate.update(&state, .key(.alt("g")))
        #expect(state.overlay == .leaderboard)
        let screen = AppView.render(state).text
        #expect(screen.contains("◀ you: best (step 1)") && screen.contains("◀ you: last (step 2)"), "\(screen)")
    }

    @Test func inReplayTheStepInViewTakesTheLastOnesPlace() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = try ReplayUpdateTests.write([
            ReplayUpdateTests.step(1, t: 10, score: 0.86, code: "a"),
            ReplayUpdateTests.step(2, t: 20, score: 0.81, code: "b"),
            ReplayUpdateTests.step(3, t: 30, score: 0.70, code: "c"),
        ], temp: temp)
        var harness = try ReplayHarness([url], width: 100, height: 30)
        harness.state.leaderboard = LeaderboardState(boards: Self.boards())
        harness.keys(.char("g"), .char("n"))  // step 2 in view
        harness.keys(.alt("g"))
        #expect(harness.state.overlay == .leaderboard)
        let screen = harness.screen
        #expect(screen.contains("◀ you: best (step 1)") && screen.contains("◀ you: step in view (step 2)"), "\(screen)")
        // Replay's own keys wait while the overlay is open.
        harness.keys(.char("n"))
        #expect(harness.shownStep == 2)
        harness.keys(Key(.escape), .char("n"))
        #expect(harness.shownStep == 3)
    }
}
