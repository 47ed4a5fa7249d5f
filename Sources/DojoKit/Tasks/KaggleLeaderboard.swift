import Foundation

/// A leaderboard as Kaggle lets one download it (`Rank,TeamId,TeamName,LastSubmissionDate,Score,…`),
/// normalised into Dojo's board layout (`rank,score`, best first): the `Rank` and `Score` columns found
/// in any case and any position, rows without a usable score (empty, `nan`, `inf`, text) dropped and
/// reported, rows in any order sorted best first (ties in Kaggle's rank order, then file order).
/// The one loader of Kaggle boards: the competition importer reads MLE-bench's `leaderboard.csv` (Kaggle's
/// API dump, no rank column: file order) and MLE-Dojo's `rank,score` boards with it, and `dojo competitions
/// list` counts entries and reads the direction with it.
public struct KaggleLeaderboard: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// Kaggle's rank when the file has a rank column and the cell is an integer.
        public var rank: Int?
        public var score: Double
        public var line: Int
    }

    public struct Dropped: Sendable, Equatable {
        public var line: Int
        public var text: String
        public var reason: String
    }

    /// Best first.
    public var entries: [Entry]
    public var dropped: [Dropped]
    public var higherIsBetter: Bool
    /// Whether the rows had to be reordered (they were not best first in the file).
    public var reordered: Bool
    public var file: String

    public var scores: [Double] { entries.map(\.score) }

    /// Reads a Kaggle board. `higherIsBetter` nil takes the direction from Kaggle's own order (rank 1's
    /// score against the last rank's, as MLE-bench's `is_lower_better` does; equal: higher is better).
    public static func load(_ url: URL, higherIsBetter: Bool?) throws(DojoError) -> KaggleLeaderboard {
        try parse(try CSVTable.load(url), file: url.lastPathComponent, higherIsBetter: higherIsBetter)
    }

    public static func parse(_ data: Data, file: String, higherIsBetter: Bool?) throws(DojoError) -> KaggleLeaderboard {
        try parse(try CSVTable.parse(data, name: file), file: file, higherIsBetter: higherIsBetter)
    }

    static func column(_ table: CSVTable, _ name: String) -> Int? {
        table.header.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == name }
    }

    public static func parse(_ table: CSVTable, file: String, higherIsBetter: Bool?) throws(DojoError) -> KaggleLeaderboard {
        guard let scoreColumn = column(table, "score") else {
            throw DojoError(.taskFormat, "leaderboard has no `Score` column (header: \(table.header.prefix(12).joined(separator: ",")))",
                            at: file, hint: "a Kaggle leaderboard download has the columns Rank, TeamId, TeamName, …, Score")
        }
        let rankColumn = column(table, "rank")
        var kept: [Entry] = []
        var dropped: [Dropped] = []
        for (row, line) in zip(table.rows, table.lineNumbers) {
            let text = row[scoreColumn].trimmingCharacters(in: .whitespaces)
            let reason: String?
            let value = DecimalParser.parse(text)
            if text.isEmpty {
                reason = "no score"
            } else if let value, value.isNaN {
                reason = "score is NaN"
            } else if let value, !value.isFinite {
                reason = "score is infinite"
            } else if value == nil {
                reason = "score is not a number"
            } else {
                reason = nil
            }
            if let reason {
                dropped.append(Dropped(line: line, text: text, reason: reason))
                continue
            }
            let rank = rankColumn.flatMap { Int(row[$0].trimmingCharacters(in: .whitespaces)) }
            kept.append(Entry(rank: rank, score: value ?? 0, line: line))
        }
        guard !kept.isEmpty else {
            throw DojoError(.taskFormat, "leaderboard has no entry with a score (\(dropped.count) row\(dropped.count == 1 ? "" : "s") dropped)",
                            at: file, hint: "download the board again from the competition's Leaderboard page")
        }
        // Kaggle's order: by rank where given, else as in the file.
        let kaggleOrder = kept.sorted { ($0.rank ?? Int.max, $0.line) < ($1.rank ?? Int.max, $1.line) }
        let higher = higherIsBetter ?? !((kaggleOrder.first?.score ?? 0) < (kaggleOrder.last?.score ?? 0))
        // Stable: ties keep Kaggle's order.
        let indexed = Array(kaggleOrder.enumerated())
        let sorted = indexed.sorted { a, b in
            if a.element.score != b.element.score { return higher ? a.element.score > b.element.score : a.element.score < b.element.score }
            return a.offset < b.offset
        }.map(\.element)
        return KaggleLeaderboard(entries: sorted, dropped: dropped, higherIsBetter: higher,
                                 reordered: sorted.map(\.line) != kept.map(\.line), file: file)
    }

    /// Dojo's board text: `rank,score`, best first, each score as the shortest text that reads back to it.
    /// The rank is Kaggle's when every kept row had one, else the position.
    public var csv: String {
        let kaggleRanks = entries.allSatisfy { $0.rank != nil }
        var text = "rank,score\n"
        for (index, entry) in entries.enumerated() {
            text += "\(kaggleRanks ? entry.rank ?? index + 1 : index + 1),\(entry.score.description)\n"
        }
        return text
    }

    public func write(to url: URL) throws(DojoError) {
        do { try Data(csv.utf8).write(to: url, options: .atomic) } catch {
            throw DojoError(.io, "cannot write the leaderboard: \(error.localizedDescription)", at: url.path)
        }
    }

    /// One line for the importer to print: what was kept and what was dropped.
    public var summary: String {
        var text = "\(file): \(entries.count) entr\(entries.count == 1 ? "y" : "ies") kept"
        if reordered { text += ", sorted best first (\(higherIsBetter ? "higher" : "lower") is better)" }
        if !dropped.isEmpty {
            var reasons: [String: Int] = [:]
            for row in dropped { reasons[row.reason, default: 0] += 1 }
            let counts = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            let lines = dropped.prefix(5).map { String($0.line) }.joined(separator: ", ") + (dropped.count > 5 ? ", …" : "")
            text += "; \(dropped.count) dropped (\(counts); lines \(lines))"
        }
        return text
    }
}
