import Foundation

/// A leaderboard file as the anchors ship it: MLE-Dojo's `rank,score`, or MLE-bench's dump of Kaggle's
/// API (`teamId,…,score,…`, any case). Read for import: the score column in file order (best first, as
/// Kaggle lists it), rows without a finite score dropped and counted.
public struct KaggleBoard: Sendable, Equatable {
    /// Each kept score as written in the file (so the imported board holds the same decimal text).
    public var scoreTexts: [String]
    public var scores: [Double]
    /// Rows whose score was empty, `nan` or not a number.
    public var dropped: Int

    public static func read(_ url: URL) throws(DojoError) -> KaggleBoard {
        let table = try CSVTable.load(url)
        guard let column = table.header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "score" }) else {
            throw DojoError(.competition, "the leaderboard has no score column (header: \(table.header.joined(separator: ",")))", at: url.path)
        }
        var board = KaggleBoard(scoreTexts: [], scores: [], dropped: 0)
        for row in table.rows {
            let text = row[column].trimmingCharacters(in: .whitespaces)
            guard let value = DecimalParser.parse(text), value.isFinite else {
                board.dropped += 1
                continue
            }
            board.scoreTexts.append(text)
            board.scores.append(value)
        }
        guard !board.scores.isEmpty else {
            throw DojoError(.competition, "the leaderboard has no finite score", at: url.path)
        }
        return board
    }

    /// Dojo's board file: `rank,score`, one row per kept entry, in the file's order.
    public var csv: String {
        "rank,score\n" + scoreTexts.enumerated().map { "\($0.offset + 1),\($0.element)" }.joined(separator: "\n") + "\n"
    }
}
