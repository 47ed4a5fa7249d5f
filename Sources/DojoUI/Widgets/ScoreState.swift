import DojoKit

/// The Scores pane's model: every executed step's score, and the board's reference lines.
public struct ScoreState: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var step: Int
        public var rawScore: Double
        public var rankScore: Double
        public var medal: Medal?

        public init(step: Int, rawScore: Double, rankScore: Double, medal: Medal?) {
            self.step = step
            self.rawScore = rawScore
            self.rankScore = rankScore
            self.medal = medal
        }
    }

    /// The board's median and medal thresholds, as raw scores.
    public struct Board: Sendable, Equatable {
        public var median: Double
        public var gold: Double
        public var silver: Double
        public var bronze: Double
        public var higherIsBetter: Bool
        public var metric: String
        public var rankLabel: String

        public init(median: Double, gold: Double, silver: Double, bronze: Double, higherIsBetter: Bool, metric: String, rankLabel: String) {
            self.median = median
            self.gold = gold
            self.silver = silver
            self.bronze = bronze
            self.higherIsBetter = higherIsBetter
            self.metric = metric
            self.rankLabel = rankLabel
        }

        /// The lines of a task's private board.
        public init?(task: TaskSpec) {
            guard let board = task.boards.privateBoard ?? task.boards.boards.first,
                  let thresholds = Ranking.thresholds(board: board.scores) else { return nil }
            self.init(median: thresholds.median, gold: thresholds.gold.score, silver: thresholds.silver.score,
                      bronze: thresholds.bronze.score, higherIsBetter: task.metric.metric.higherIsBetter,
                      metric: task.metric.metric.rawValue, rankLabel: task.boards.kind.rankLabel)
        }
    }

    public enum View: Sendable, Equatable, CaseIterable { case rawChart, rankChart, table }

    public var points: [Point] = []
    public var board: Board?
    public var view: View = .rawChart
    public var tableScroll = 0
    /// Replay: the step in view, marked on the chart.
    public var cursorStep: Int?
    /// Replay comparing two runs: the second run's curve, drawn over the first, and each one's name.
    public var overlay: Overlay?
    public var seriesName: String?

    public struct Overlay: Sendable, Equatable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public init(board: Board?) { self.board = board }

    /// The index of the best point, by the metric's direction.
    public var bestIndex: Int? {
        let higher = board?.higherIsBetter ?? true
        return points.indices.max { a, b in
            higher ? points[a].rawScore < points[b].rawScore : points[a].rawScore > points[b].rawScore
        }
    }
}
