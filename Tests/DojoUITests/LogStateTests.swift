import Foundation
import DojoUI
import Testing

@Suite struct LogStateTests {
    @Test func theScrollbackIsBoundedAndFollows() {
        var logs = LogState(limit: 100)
        for i in 0..<250 { logs.append("line \(i)", "log.stdout") }
        #expect(logs.lines.count >= 100 && logs.lines.count <= 110)
        #expect(logs.lines.last?.text == "line 249")
        #expect(logs.dropped + logs.lines.count == 250)
        let bottom = logs.lines.count - 10
        #expect(logs.top(height: 10) == bottom)
        logs.scroll(by: -5, height: 10)
        #expect(!logs.follow)
        #expect(logs.top(height: 10) == bottom - 5)
        logs.scrollToBottom()
        #expect(logs.follow)
    }

    @Test func searchFindsTheNextMatchingLine() {
        var logs = LogState()
        for text in ["alpha", "Beta", "gamma", "beta again"] { logs.append(text, "") }
        let first = logs.find("beta", height: 10)
        #expect(first)
        #expect(logs.match == 1)
        let second = logs.find("beta", height: 10)
        #expect(second)
        #expect(logs.match == 3)
        let none = logs.find("zeta", height: 2)
        #expect(!none)
    }
}

@Suite struct ScoresViewTests {
    @Test func aLowerIsBetterMetricPutsTheBestAtTheTop() {
        var state = Fixtures.state(width: 60, height: 16)
        state.scores.board = ScoreState.Board(median: 2.0, gold: 1.0, silver: 1.2, bronze: 1.5, higherIsBetter: false,
                                              metric: "rmsle", rankLabel: "reference rank")
        state.scores.points = [.init(step: 1, rawScore: 3.0, rankScore: 0.1, medal: nil), .init(step: 2, rawScore: 0.9, rankScore: 0.9, medal: .gold)]
        #expect(state.scores.bestIndex == 1)
        _ = AppUpdate.update(&state, .key(.alt("4")))
        _ = AppUpdate.update(&state, .key(.alt("z")))
        let rows = AppView.render(state).rows
        #expect(rows[0].contains("rmsle ↓ chart"))
        // The axis runs from the smallest (best) value at the top to the largest at the bottom.
        let top = rows[1].trimmingCharacters(in: .whitespaces)
        #expect(top.hasPrefix("0.") || top.hasPrefix("1."))
        let starRow = rows.firstIndex { $0.contains("★") && !$0.contains("best") }
        #expect(starRow.map { $0 <= 3 } == true)
    }
}
