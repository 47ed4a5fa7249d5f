@testable import DojoKit
import Foundation
import Testing

@Suite struct RankingTests {
    @Test func positionScoreMatchesTheDesignExample() {
        // N = 462, 300 scores strictly better → p = 301 → (462 − 301 + 1) / 462 = 0.3506.
        let board = (0..<462).map { Double(1000 - $0) }
        let position = Ranking.position(of: board[300], board: board, higherIsBetter: true)
        #expect(position.position == 301)
        #expect(position.total == 462)
        #expect(abs(position.score - 162.0 / 462.0) < 1e-12)
        #expect(String(format: "%.4f", position.score) == "0.3506")
    }

    @Test func tiesGoToTheSubmission() {
        let board = [0.9, 0.8, 0.8, 0.7]
        #expect(Ranking.position(of: 0.8, board: board, higherIsBetter: true).position == 2)
        #expect(Ranking.position(of: 0.95, board: board, higherIsBetter: true).position == 1)
        #expect(Ranking.position(of: 0.95, board: board, higherIsBetter: true).score == 1)
    }

    @Test func beatingNobodyIsPositionNPlusOneAndScoresZero() {
        let position = Ranking.position(of: 0.1, board: [0.9, 0.8], higherIsBetter: true)
        #expect(position.position == 3)
        #expect(position.score == 0)
    }

    @Test func lowerIsBetterBoards() {
        let board = [0.1, 0.2, 0.3, 0.4]
        #expect(Ranking.position(of: 0.25, board: board, higherIsBetter: false).position == 3)
        #expect(Ranking.position(of: 0.05, board: board, higherIsBetter: false).position == 1)
        #expect(Ranking.position(of: 0.4, board: board, higherIsBetter: false).position == 4)
    }

    @Test func medalPositionsFollowKaggleProgression() {
        #expect(Ranking.medalPositions(boardSize: 28) == (2, 5, 11))
        #expect(Ranking.medalPositions(boardSize: 5) == (1, 1, 2))
        #expect(Ranking.medalPositions(boardSize: 99) == (9, 19, 39))
        #expect(Ranking.medalPositions(boardSize: 100) == (10, 20, 40))
        #expect(Ranking.medalPositions(boardSize: 249) == (10, 49, 99))
        #expect(Ranking.medalPositions(boardSize: 250) == (10, 50, 100))
        #expect(Ranking.medalPositions(boardSize: 462) == (10, 50, 100))
        #expect(Ranking.medalPositions(boardSize: 999) == (11, 50, 100))
        #expect(Ranking.medalPositions(boardSize: 1000) == (12, 50, 100))
        #expect(Ranking.medalPositions(boardSize: 4000) == (18, 200, 400))
    }

    @Test func medalsNeedTheScoreAtTheMedalPosition() {
        // N = 10: gold at 1, silver at 2, bronze at 4.
        let board = [10.0, 9, 8, 7, 6, 5, 4, 3, 2, 1]
        #expect(Ranking.medal(for: 10, board: board, higherIsBetter: true) == .gold)
        #expect(Ranking.medal(for: 9.5, board: board, higherIsBetter: true) == .silver)
        #expect(Ranking.medal(for: 9, board: board, higherIsBetter: true) == .silver)
        #expect(Ranking.medal(for: 7, board: board, higherIsBetter: true) == .bronze)
        #expect(Ranking.medal(for: 6.9, board: board, higherIsBetter: true) == nil)
        let lower = board.reversed().map { $0 }
        #expect(Ranking.medal(for: 1, board: lower, higherIsBetter: false) == .gold)
        #expect(Ranking.medal(for: 4, board: lower, higherIsBetter: false) == .bronze)
        #expect(Ranking.medal(for: 4.1, board: lower, higherIsBetter: false) == nil)
    }

    @Test func aboveMedianIsStrict() {
        let board = [4.0, 3, 2, 1]  // median 2.5
        #expect(Ranking.isAboveMedian(2.6, board: board, higherIsBetter: true))
        #expect(!Ranking.isAboveMedian(2.5, board: board, higherIsBetter: true))
        #expect(Ranking.isAboveMedian(2.4, board: board, higherIsBetter: false))
        #expect(!Ranking.isAboveMedian(2.5, board: board, higherIsBetter: false))
        #expect(Ranking.median([3, 1, 2]) == 2)
    }

    @Test func thresholdsReportPositionsAndScores() throws {
        let board = (1...28).map { 1 - Double($0) / 100 }
        let limits = try #require(Ranking.thresholds(board: board))
        #expect(limits.gold.position == 2)
        #expect(limits.gold.score == board[1])
        #expect(limits.bronze.position == 11)
    }

    @Test func shareBeatenCountsStrictlyWorseScores() {
        let board = [0.9, 0.8, 0.8, 0.7, 0.6]
        let tied = Ranking.position(of: 0.8, board: board, higherIsBetter: true)
        #expect(tied.position == 2)
        #expect(tied.score == 0.8)
        #expect(tied.shareBeaten == 0.4)
        #expect(Ranking.position(of: 0.95, board: board, higherIsBetter: true).shareBeaten == 1)
        #expect(Ranking.position(of: 0.75, board: [0.5, 0.7, 0.75, 0.9], higherIsBetter: false).shareBeaten == 0.25)
    }

    @Test func boardPositionEncodesTheShareBeaten() throws {
        let data = try JSONEncoder().encode(BoardPosition(position: 2, total: 4, score: 0.75, shareBeaten: 0.5))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"share_beaten\":0.5"))
    }
}
