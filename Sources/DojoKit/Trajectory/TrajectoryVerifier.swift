import Foundation

/// Re-executes every code step of a trajectory in a fresh episode and compares what happens with
/// what was recorded: whether it ran, whether the submission was valid, and the score.
public struct TrajectoryVerifier {
    public struct StepCheck: Sendable, Codable, Equatable {
        public var step: Int
        public var action: ActionName
        public var recordedStatus: Observation.Status
        public var replayedStatus: Observation.Status
        public var recordedScore: Double?
        public var replayedScore: Double?
        /// |replayed − recorded| when both scored.
        public var scoreDifference: Double?
        public var matches: Bool
        public var reason: String?

        enum CodingKeys: String, CodingKey {
            case step, action, recordedStatus = "recorded_status", replayedStatus = "replayed_status"
            case recordedScore = "recorded_score", replayedScore = "replayed_score", scoreDifference = "score_difference"
            case matches, reason
        }
    }

    public struct Report: Sendable, Encodable, Equatable {
        public var task: String
        public var seed: Int
        /// The task folder changed since the recording (its digest differs).
        public var taskChanged: Bool
        public var steps: [StepCheck]
        public var allMatch: Bool { steps.allSatisfy(\.matches) }

        enum CodingKeys: String, CodingKey { case task, seed, taskChanged = "task_changed", steps, allMatch = "all_match" }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(task, forKey: .task)
            try c.encode(seed, forKey: .seed)
            try c.encode(taskChanged, forKey: .taskChanged)
            try c.encode(steps, forKey: .steps)
            try c.encode(allMatch, forKey: .allMatch)
        }
    }

    /// Scores closer than this count as equal (model training is deterministic only up to float noise).
    public var tolerance: Double

    public init(tolerance: Double = 1e-9) {
        self.tolerance = tolerance
    }

    /// Replays the code steps of `trajectory` through `environment` (fresh, not yet reset).
    public func verify(_ trajectory: Trajectory, environment: Environment,
                       progress: (StepCheck) -> Void = { _ in }) throws(DojoError) -> Report {
        try environment.reset()
        var checks: [StepCheck] = []
        for record in trajectory.steps {
            guard record.action.code != nil else { continue }
            let replayed = try environment.step(record.action, actor: record.actor)
            let recorded = record.observation
            let recordedScore = recorded.submission?.rawScore
            let replayedScore = replayed.submission?.rawScore
            var reasons: [String] = []
            if recorded.status != replayed.status { reasons.append("status \(recorded.status.rawValue) → \(replayed.status.rawValue)") }
            if recorded.execution?.exitCode != replayed.execution?.exitCode {
                reasons.append("exit code \(recorded.execution?.exitCode.map(String.init) ?? "none") → \(replayed.execution?.exitCode.map(String.init) ?? "none")")
            }
            if recorded.submission?.valid != replayed.submission?.valid { reasons.append("submission validity changed") }
            var difference: Double?
            switch (recordedScore, replayedScore) {
            case let (a?, b?):
                difference = abs(a - b)
                if abs(a - b) > tolerance * max(1, abs(a)) { reasons.append("score \(a) → \(b)") }
            case (nil, nil): break
            default: reasons.append("score \(recordedScore.map { "\($0)" } ?? "none") → \(replayedScore.map { "\($0)" } ?? "none")")
            }
            let check = StepCheck(step: record.index, action: record.action.name, recordedStatus: recorded.status,
                                  replayedStatus: replayed.status, recordedScore: recordedScore, replayedScore: replayedScore,
                                  scoreDifference: difference, matches: reasons.isEmpty,
                                  reason: reasons.isEmpty ? nil : reasons.joined(separator: "; "))
            progress(check)
            checks.append(check)
            if environment.isOver { break }
        }
        environment.close(reason: "verified")
        return Report(task: trajectory.header.task, seed: trajectory.header.seed,
                      taskChanged: trajectory.header.taskDigest != environment.prepared.digest, steps: checks)
    }
}
