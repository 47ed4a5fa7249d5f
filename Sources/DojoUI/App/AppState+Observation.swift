import DojoKit

extension AppState {
    /// A graded execute step, as the Scores pane and the message line show it.
    struct Graded {
        var submission: SubmissionReport
        var raw: Double
        var rank: Double
    }

    /// What every mode that sees steps (play, co-pilot, fork, watch) takes from an observation: the
    /// budget (as read at `at`), the best so far, and a graded execute step's point on the chart, with
    /// its medal when it is the best. Returns the graded step, if it was one.
    @discardableResult
    mutating func take(_ observation: Observation, at: Double) -> Graded? {
        budget = observation.budget
        budgetAt = at
        best = observation.best
        guard observation.action == .executeCode, let submission = observation.submission, submission.valid,
              let raw = submission.rawScore, let rank = submission.humanRank else { return nil }
        scores.points.append(.init(step: observation.step, rawScore: raw, rankScore: rank, medal: submission.medal))
        if let best = observation.best, best.step == observation.step { bestMedal = submission.medal }
        return Graded(submission: submission, raw: raw, rank: rank)
    }
}
