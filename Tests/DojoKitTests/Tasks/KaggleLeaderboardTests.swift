@testable import DojoKit
import Foundation
import Testing

/// Kaggle's own leaderboard download, normalised into a Dojo board.
@Suite struct KaggleLeaderboardTests {
    @Test func kaggleDownloadLoadsWithWhatWasDroppedReported() throws {
        // The columns of Kaggle's download, a team name with a comma, an empty score, `nan`, `NaN`, text.
        let text = """
        Rank,TeamId,TeamName,LastSubmissionDate,Score,SubmissionCount,TeamMemberUserNames
        1,101,"Team, A",2019-06-01 10:00:00,0.91234,12,alice
        2,102,B,2019-06-01 10:00:00,0.90000,3,bob
        3,103,C,2019-06-01 10:00:00,,1,carol
        3,104,D,2019-06-01 10:00:00,0.90000,5,dan
        5,105,E,2019-06-01 10:00:00,nan,1,eve
        6,106,F,2019-06-01 10:00:00,NaN,1,fay
        7,107,G,2019-06-01 10:00:00,0.5,9,gus
        8,108,H,2019-06-01 10:00:00,error,1,hal

        """
        let board = try KaggleLeaderboard.parse(Data(text.utf8), file: "kaggle.csv", higherIsBetter: true)
        #expect(board.scores == [0.91234, 0.9, 0.9, 0.5])
        #expect(board.entries.map(\.rank) == [1, 2, 3, 7])
        #expect(board.dropped.map(\.line) == [4, 6, 7, 9])
        #expect(board.dropped.map(\.reason) == ["no score", "score is NaN", "score is NaN", "score is not a number"])
        #expect(!board.reordered)
        #expect(board.summary == "kaggle.csv: 4 entries kept; 4 dropped (1 no score, 2 score is NaN, 1 score is not a number; lines 4, 6, 7, 9)")
        #expect(board.csv == "rank,score\n1,0.91234\n2,0.9\n3,0.9\n7,0.5\n")
        // The normalised file is a board Dojo loads.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-kaggle-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try board.write(to: url)
        let loaded = try Leaderboard.load(url, split: .private, kind: .human, higherIsBetter: true)
        #expect(loaded.scores == board.scores)
    }

    @Test func anyCaseAnyColumnOrderAnyRowOrder() throws {
        let text = "teamname,SCORE,rank\nc,0.3,3\na,0.1,1\nb,0.2,2\n"
        // Lower is better, rows shuffled: sorted best first.
        let board = try KaggleLeaderboard.parse(Data(text.utf8), file: "b.csv", higherIsBetter: false)
        #expect(board.scores == [0.1, 0.2, 0.3])
        #expect(board.reordered)
        #expect(board.summary.contains("sorted best first (lower is better)"))
        // Without a direction, Kaggle's rank order tells it (rank 1 holds 0.1 < 0.3: lower is better).
        let inferred = try KaggleLeaderboard.parse(Data(text.utf8), file: "b.csv", higherIsBetter: nil)
        #expect(inferred.higherIsBetter == false)
        #expect(inferred.scores == [0.1, 0.2, 0.3])
        // No rank column: the position is the rank.
        let unranked = try KaggleLeaderboard.parse(Data("Score\n0.5\n0.7\n".utf8), file: "c.csv", higherIsBetter: true)
        #expect(unranked.csv == "rank,score\n1,0.7\n2,0.5\n")
    }

    @Test func clearErrorsWithoutScores() {
        #expect(throws: DojoError.self) { try KaggleLeaderboard.parse(Data("Rank,Team\n1,a\n".utf8), file: "x.csv", higherIsBetter: true) }
        do { _ = try KaggleLeaderboard.parse(Data("Rank,Score\n1,\n2,nan\n".utf8), file: "x.csv", higherIsBetter: true) } catch {
            #expect(error.message.contains("no entry with a score (2 rows dropped)"))
        }
    }

    /// MLE-bench's leaderboard.csv (Kaggle's API dump: no rank column, `scoreNullable,teamId,…,score,hasScore`),
    /// as the competition importer reads it through this same loader: file order kept, the direction taken
    /// off the board as MLE-bench's `is_lower_better` does, rows without a score dropped and reported.
    @Test func mleBenchsKaggleDumpKeepsItsOrderAndDropsRowsWithoutAScore() throws {
        let text = "scoreNullable,teamId,hasTeamName,submissionDate,score,hasScore\n0.9,1,True,2024-01-01,0.9,True\n,2,True,2024-01-01,,False\n"
            + "nan,3,True,2024-01-01,nan,False\n0.5,4,True,2024-01-01,0.5,True\n"
        let board = try KaggleLeaderboard.parse(Data(text.utf8), file: "leaderboard.csv", higherIsBetter: nil)
        #expect(board.scores == [0.9, 0.5] && board.dropped.count == 2 && board.higherIsBetter && !board.reordered)
        #expect(board.csv == "rank,score\n1,0.9\n2,0.5\n")
        // A lower-is-better board (first score below the last) is read as one.
        let lower = try KaggleLeaderboard.parse(Data("teamId,Score\n1,0.1\n2,0.1\n3,0.4\n".utf8), file: "l.csv", higherIsBetter: nil)
        #expect(!lower.higherIsBetter && lower.scores == [0.1, 0.1, 0.4])
        #expect(throws: DojoError.self) { try KaggleLeaderboard.parse(Data("teamId,points\n1,2\n".utf8), file: "none.csv", higherIsBetter: nil) }
    }
}
