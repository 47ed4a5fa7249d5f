import Foundation

/// What an episode's trajectory shows so far, taken event by event: the last step's number and
/// action, the best valid submission (by the metric's direction), whether any was valid, and the end
/// reason once it has one. `EpisodeStatus.apply` copies it into the status.
public struct EpisodeProgress: Sendable, Equatable {
    public var steps = 0
    public var lastAction: String?
    public var best: SubmissionReport?
    public var valid = false
    public var endReason: String?

    public init() {}

    public mutating func take(_ event: TrajectoryEvent) {
        switch event {
        case .step(let record):
            let observation = record.observation
            steps = observation.step
            lastAction = record.action.name.rawValue
            guard let submission = observation.submission, submission.valid else { return }
            valid = true
            guard let score = submission.rawScore else { return }
            if let current = best?.rawScore, !(submission.higherIsBetter ? score > current : score < current) { return }
            best = submission
        case .end(let end):
            endReason = end.reason
        case .note, .control:
            return
        }
    }
}
