import Foundation

/// Who made a board's scores: people (a real competition) or a ladder of reference solutions.
public enum BoardKind: String, Sendable, Codable, Equatable {
    case human
    case reference

    /// What the UI and feedback call a position on such a board.
    public var rankLabel: String { self == .human ? "human rank" : "reference rank" }
}

/// One leaderboard: scores sorted best first (the layout of MLE-Dojo's `*_leaderboard.csv`).
public struct Leaderboard: Sendable, Equatable {
    public enum Split: String, Sendable, Codable, Equatable { case `private`, `public` }

    public var split: Split
    public var kind: BoardKind
    public var scores: [Double]
    public var file: String

    public init(split: Split, kind: BoardKind, scores: [Double], file: String) {
        self.split = split
        self.kind = kind
        self.scores = scores
        self.file = file
    }

    /// Reads `rank,score[,…]` rows; other columns are kept out of the way, scores must be best first.
    public static func load(_ url: URL, split: Split, kind: BoardKind, higherIsBetter: Bool) throws(DojoError) -> Leaderboard {
        let name = url.lastPathComponent
        let table: CSVTable
        do { table = try CSVTable.load(url) } catch {
            throw DojoError(.taskFormat, "leaderboard does not parse: \(error.message)", at: error.location ?? name,
                            hint: "a leaderboard is a CSV with a `rank,score` header and one row per entry, best first")
        }
        guard let scoreColumn = table.columnIndex("score") else {
            throw DojoError(.taskFormat, "leaderboard has no `score` column (header: \(table.header.joined(separator: ",")))",
                            at: name, hint: "start the file with the header `rank,score`")
        }
        guard !table.rows.isEmpty else {
            throw DojoError(.taskFormat, "leaderboard has no entries", at: name, hint: "add at least one `rank,score` row")
        }
        var scores: [Double] = []
        for (row, line) in zip(table.rows, table.lineNumbers) {
            let text = row[scoreColumn].trimmingCharacters(in: .whitespaces)
            guard let score = Double(text), score.isFinite else {
                throw DojoError(.taskFormat, "score `\(text)` is not a finite number", at: "\(name), line \(line)")
            }
            if let previous = scores.last, higherIsBetter ? score > previous : score < previous {
                throw DojoError(.taskFormat,
                                "scores are not sorted best first (\(score) after \(previous); the metric is \(higherIsBetter ? "higher" : "lower") is better)",
                                at: "\(name), line \(line)", hint: "sort the rows best first")
            }
            scores.append(score)
        }
        return Leaderboard(split: split, kind: kind, scores: scores, file: name)
    }
}

/// The boards of a task: a private board and optionally a public one.
public struct LeaderboardSet: Sendable, Equatable {
    public var kind: BoardKind
    public var boards: [Leaderboard]
    /// How scores are placed on the boards (`[leaderboard] ranking`).
    public var ranking: RankingMode
    /// `[leaderboard] medals = false`: a competition that awards no medals (MLE-bench's `awards_medals: false`)
    /// shows none, nor their thresholds.
    public var awardsMedals: Bool = true

    public init(kind: BoardKind, boards: [Leaderboard], ranking: RankingMode = .dojo, awardsMedals: Bool = true) {
        self.kind = kind
        self.boards = boards
        self.ranking = ranking
        self.awardsMedals = awardsMedals
    }

    public var privateBoard: Leaderboard? { boards.first { $0.split == .private } }
    public var publicBoard: Leaderboard? { boards.first { $0.split == .public } }
    public var size: Int { privateBoard?.scores.count ?? boards.first?.scores.count ?? 0 }
}
