/// A medal on a board (MLE-bench's Kaggle progression).
public enum Medal: String, Sendable, Codable, Equatable { case gold, silver, bronze }

/// A submission's place on one board (docs/metrics.md, "Ranks").
public struct BoardPosition: Sendable, Codable, Equatable {
    /// 1 + the number of board scores strictly better; N + 1 when it beats nobody.
    public var position: Int
    public var total: Int
    /// (N − position + 1) / N: the share of the board at or below the submission.
    public var score: Double
    /// The share of the board strictly worse than the submission.
    public var shareBeaten: Double

    public init(position: Int, total: Int, score: Double, shareBeaten: Double = 0) {
        self.position = position
        self.total = total
        self.score = score
        self.shareBeaten = shareBeaten
    }

    enum CodingKeys: String, CodingKey { case position, total, score, shareBeaten = "share_beaten" }
}

/// The positions a medal needs and the board scores found there.
public struct MedalThresholds: Sendable, Codable, Equatable {
    public struct Threshold: Sendable, Codable, Equatable {
        public var position: Int
        public var score: Double
    }
    public var gold: Threshold
    public var silver: Threshold
    public var bronze: Threshold
    public var median: Double
}

/// Position score, medals and above-median, exactly as docs/metrics.md ("Ranks") fixes them.
public enum Ranking {
    public static func position(of score: Double, board: [Double], higherIsBetter: Bool) -> BoardPosition {
        let total = board.count
        let better = board.filter { higherIsBetter ? $0 > score : $0 < score }.count
        let worse = board.filter { higherIsBetter ? $0 < score : $0 > score }.count
        let position = better + 1
        let share = total == 0 ? 0 : Double(total - position + 1) / Double(total)
        return BoardPosition(position: position, total: total, score: share,
                             shareBeaten: total == 0 ? 0 : Double(worse) / Double(total))
    }

    /// The medal positions for a board of `n` entries.
    public static func medalPositions(boardSize n: Int) -> (gold: Int, silver: Int, bronze: Int) {
        switch n {
        case ..<100:
            return (max(1, n / 10), max(1, n / 5), max(1, n * 2 / 5))
        case 100..<250:
            return (10, n / 5, n * 2 / 5)
        case 250..<1000:
            return (10 + n / 500, 50, 100)
        default:
            return (10 + n / 500, n / 20, n / 10)
        }
    }

    /// numpy's median: the middle score, or the mean of the two middle ones.
    public static func median(_ board: [Double]) -> Double {
        let sorted = board.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public static func thresholds(board: [Double]) -> MedalThresholds? {
        guard !board.isEmpty else { return nil }
        let (gold, silver, bronze) = medalPositions(boardSize: board.count)
        func at(_ position: Int) -> MedalThresholds.Threshold {
            MedalThresholds.Threshold(position: position, score: board[min(position, board.count) - 1])
        }
        return MedalThresholds(gold: at(gold), silver: at(silver), bronze: at(bronze), median: median(board))
    }

    /// A medal needs a score at least as good as the board's score at the medal's position.
    public static func medal(for score: Double, board: [Double], higherIsBetter: Bool) -> Medal? {
        guard let limits = thresholds(board: board) else { return nil }
        func reaches(_ threshold: Double) -> Bool { higherIsBetter ? score >= threshold : score <= threshold }
        if reaches(limits.gold.score) { return .gold }
        if reaches(limits.silver.score) { return .silver }
        if reaches(limits.bronze.score) { return .bronze }
        return nil
    }

    public static func isAboveMedian(_ score: Double, board: [Double], higherIsBetter: Bool) -> Bool {
        guard !board.isEmpty else { return false }
        let middle = median(board)
        return higherIsBetter ? score > middle : score < middle
    }
}
