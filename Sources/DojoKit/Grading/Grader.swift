import Foundation

/// Validates and grades submissions for one prepared task: the answers, the boards and the metric.
public struct Grader: Sendable {
    public let metric: Metric
    public let boards: LeaderboardSet
    public let validator: SubmissionValidator

    public init(task: TaskSpec, prepared: PreparedTask) throws(DojoError) {
        let answers = try CSVTable.load(prepared.answersFile)
        let sample = try? CSVTable.load(prepared.sampleSubmissionFile)
        self.metric = task.metric.metric
        self.boards = task.boards
        self.validator = try SubmissionValidator(
            metric: task.metric.metric, idColumn: task.submission.idColumn,
            targetColumns: task.submission.targetColumns, answers: answers, sampleSubmission: sample)
    }

    /// Checks the format only; never scores (`validate_code`).
    public func validate(fileAt url: URL) -> SubmissionReport {
        report(validator.check(fileAt: url), score: nil)
    }

    /// Checks, scores and ranks (`execute_code`, `dojo grade`).
    public func grade(fileAt url: URL) -> SubmissionReport {
        let check = validator.check(fileAt: url)
        return report(check, score: validator.score(check))
    }

    func report(_ check: SubmissionCheck, score: Double?) -> SubmissionReport {
        var report = SubmissionReport(
            found: check.found, valid: check.valid, errors: check.errors, warnings: check.warnings, rows: check.rowCount,
            metric: metric.rawValue, higherIsBetter: metric.higherIsBetter, rawScore: nil, position: nil,
            humanRank: nil, medal: nil, aboveMedian: nil, boardKind: boards.kind,
            medalThresholds: boards.privateBoard.flatMap { Ranking.thresholds(board: $0.scores) })
        guard let score else { return report }
        report.rawScore = score
        var positions = SubmissionReport.Positions()
        var shares: [Double] = []
        for board in boards.boards {
            let position = Ranking.position(of: score, board: board.scores, higherIsBetter: metric.higherIsBetter)
            shares.append(position.score)
            if board.split == .private { positions.private = position } else { positions.public = position }
        }
        report.position = positions
        report.humanRank = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
        // Medals and the median are judged on the final (private) board, as MLE-bench does.
        if let board = boards.privateBoard ?? boards.boards.first {
            report.medal = Ranking.medal(for: score, board: board.scores, higherIsBetter: metric.higherIsBetter)
            report.aboveMedian = Ranking.isAboveMedian(score, board: board.scores, higherIsBetter: metric.higherIsBetter)
        }
        return report
    }
}
