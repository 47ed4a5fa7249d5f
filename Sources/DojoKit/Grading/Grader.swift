import Foundation

/// What an environment grades with: the in-process `Grader` (tests, library use) or the
/// `IsolatedGrader`, which reads the submission only in a limited child process.
public protocol SubmissionGrading: Sendable {
    /// Checks the format only; never scores (`validate_code`).
    func validate(fileAt url: URL) -> SubmissionReport
    /// Checks, scores and ranks (`execute_code`).
    func grade(fileAt url: URL) -> SubmissionReport
    /// The largest submission it reads, when it refuses larger ones by size before reading (`IsolatedGrader`).
    var refusesAbove: Int64? { get }
    /// Ends what it keeps running between grades (the warm grading interpreter): the episode is over.
    func stop()
}

extension SubmissionGrading {
    public var refusesAbove: Int64? { nil }
    public func stop() {}
}

/// Validates and grades submissions for one prepared task: the answers, the boards and the metric.
public struct Grader: SubmissionGrading {
    public let metric: Metric
    public let boards: LeaderboardSet
    public let validator: SubmissionValidator
    public let answersFile: URL
    /// Runs the task's metric.py, for a Python metric.
    public let python: PythonMetric?
    /// The task's `warning` (a known problem), attached to every graded report.
    public let taskWarning: String?

    public init(task: TaskSpec, prepared: PreparedTask, pythonInterpreter: URL? = nil,
                runner: any ProcessRunning = SystemProcessRunner(), metricSandbox: ToolSandbox? = nil) throws(DojoError) {
        self.metric = task.metric.metric
        self.boards = task.boards
        self.answersFile = prepared.answersFile
        self.taskWarning = task.warning
        let sample = FileManager.default.fileExists(atPath: prepared.sampleSubmissionFile.path) ? prepared.sampleSubmissionFile : nil
        self.validator = try SubmissionValidator(
            metric: task.metric.metric, idColumn: task.submission.idColumn,
            targetColumns: task.submission.targetColumns, answerColumns: task.submission.answerColumns,
            answersFile: prepared.answersFile, sampleSubmission: sample, closedLabels: task.submission.closedLabels)
        if let file = metric.pythonFile {
            python = PythonMetric(file: file, interpreter: pythonInterpreter ?? PythonMetric.defaultInterpreter(),
                                  runner: runner, timeout: metric.pythonTimeout, sandbox: metricSandbox,
                                  roundsLikeMLEBench: task.boards.ranking == .mleBench)
        } else {
            python = nil
        }
    }

    /// Checks the format only; never scores (`validate_code`).
    public func validate(fileAt url: URL) -> SubmissionReport {
        validate(fileAt: url, name: nil)
    }

    public func grade(fileAt url: URL) -> SubmissionReport {
        grade(fileAt: url, name: nil)
    }

    /// `name` is what messages call the file (the worker reads it as /proc/self/fd/0).
    public func validate(fileAt url: URL, name: String?) -> SubmissionReport {
        report(validator.check(fileAt: url, name: name), score: nil)
    }

    /// Checks, scores and ranks (`execute_code`, `dojo grade`).
    public func grade(fileAt url: URL, name: String?) -> SubmissionReport {
        finish(validator.check(fileAt: url, name: name)) { () throws(DojoError) -> PythonMetric.Result? in
            try python?.evaluate(answers: answersFile, submission: url, idColumn: validator.idColumn)
        }
    }

    /// Scores a checked submission with `evaluate` (a Python metric: the one-shot `PythonMetric` or a warm
    /// `WarmPythonMetric`; it is called only for a valid submission and returns nil for a catalogue metric),
    /// then ranks it and adds the task's warning.
    public func finish(_ checked: SubmissionCheck, evaluate: () throws(DojoError) -> PythonMetric.Result?) -> SubmissionReport {
        var check = checked
        var ranked: Double?
        if check.valid, metric.pythonFile != nil {
            do {
                if let result = try evaluate() {
                    if result.higherIsBetter != metric.higherIsBetter {
                        check.errors.append(SubmissionIssue(kind: .metricError,
                            message: "metric.py says higher_is_better = \(result.higherIsBetter ? "True" : "False") but the task declares the opposite; fix task.toml or metric.py"))
                    } else {
                        check.score = result.score
                        ranked = result.rankedScore
                    }
                }
            } catch {
                check.errors.append(SubmissionIssue(kind: .metricError, message: SubmissionValidator.text(error)))
            }
        }
        if let taskWarning {
            check.warnings.append(SubmissionIssue(kind: .knownIssue, message: taskWarning))
        }
        return report(check, score: validator.score(check), rankedScore: ranked)
    }

    /// `rankedScore`: the score the boards see when the metric itself computed it (a Python metric under
    /// MLE-bench's ranking rounds the object `evaluate` returned, as `Grader.__call__` does); else the
    /// task's ranking derives it from `score`.
    func report(_ check: SubmissionCheck, score: Double?, rankedScore: Double? = nil) -> SubmissionReport {
        var report = SubmissionReport(
            found: check.found, valid: check.valid, errors: check.errors, warnings: check.warnings, rows: check.rowCount,
            metric: metric.rawValue, higherIsBetter: metric.higherIsBetter, rawScore: nil, position: nil,
            humanRank: nil, medal: nil, aboveMedian: nil, boardKind: boards.kind,
            medalThresholds: boards.awardsMedals ? (boards.privateBoard ?? boards.boards.first).flatMap { Ranking.thresholds(board: $0.scores) } : nil)
        guard let score else {
            if boards.ranking != .dojo { report.ranking = boards.ranking }
            return report
        }
        Self.place(&report, rawScore: score, rankedScore: rankedScore, boards: boards, higherIsBetter: metric.higherIsBetter)
        return report
    }

    /// Places a valid score on the boards as the task's ranking does: the score the boards see (MLE-bench's
    /// 5-decimal rounding, or the score as computed), its position on each board, the mean position score,
    /// and the medal (when the competition awards them) and median on the private board.
    public static func place(_ report: inout SubmissionReport, rawScore: Double, rankedScore: Double? = nil,
                             boards: LeaderboardSet, higherIsBetter: Bool) {
        if boards.ranking != .dojo { report.ranking = boards.ranking }
        report.rawScore = rawScore
        let score = rankedScore ?? boards.ranking.rankedScore(rawScore)
        if boards.ranking == .mleBench { report.rankedScore = score }
        var positions = SubmissionReport.Positions()
        var shares: [Double] = []
        for board in boards.boards {
            let position = Ranking.position(of: score, board: board.scores, higherIsBetter: higherIsBetter)
            shares.append(position.score)
            if board.split == .private { positions.private = position } else { positions.public = position }
        }
        report.position = positions
        report.humanRank = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
        // Medals and the median are judged on the final (private) board, as MLE-bench does.
        if let board = boards.privateBoard ?? boards.boards.first {
            // MLE-bench's `is_lower_better` reads the direction off the board (first score < last score), so a
            // board of one score, or of equal scores, is higher-is-better there whatever the metric says.
            let direction = boards.ranking == .mleBench ? !((board.scores.first ?? 0) < (board.scores.last ?? 0)) : higherIsBetter
            report.medal = boards.awardsMedals ? Ranking.medal(for: score, board: board.scores, higherIsBetter: direction) : nil
            report.aboveMedian = Ranking.isAboveMedian(score, board: board.scores, higherIsBetter: direction)
        }
    }
}
