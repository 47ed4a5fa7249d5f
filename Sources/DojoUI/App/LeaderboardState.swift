import DojoKit

/// The leaderboard overlay's part of the state: the task's boards (nil when the task is not installed)
/// and how far the overlay is scrolled.
public struct LeaderboardState: Sendable, Equatable {
    /// A task's boards with what placing a score on them needs (DojoKit's `Grader.place` and `Ranking`).
    public struct Boards: Sendable, Equatable {
        public var set: LeaderboardSet
        public var higherIsBetter: Bool
        public var metric: String

        public init(set: LeaderboardSet, higherIsBetter: Bool, metric: String) {
            self.set = set
            self.higherIsBetter = higherIsBetter
            self.metric = metric
        }

        public init?(task: TaskSpec) {
            guard !task.boards.boards.isEmpty else { return nil }
            self.init(set: task.boards, higherIsBetter: task.metric.metric.higherIsBetter, metric: task.metric.metric.rawValue)
        }

        /// A score placed on the boards exactly as grading places it (`Grader.place`: the task's ranking,
        /// positions on each board, the medal on the private board).
        public func place(_ rawScore: Double) -> SubmissionReport {
            var report = SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 0, metric: metric,
                                          higherIsBetter: higherIsBetter, rawScore: nil, position: nil, humanRank: nil, medal: nil,
                                          aboveMedian: nil, boardKind: set.kind, medalThresholds: nil)
            Grader.place(&report, rawScore: rawScore, boards: set, higherIsBetter: higherIsBetter)
            return report
        }
    }

    public var boards: Boards?
    public var scroll = 0

    public init(boards: Boards? = nil) { self.boards = boards }
}
