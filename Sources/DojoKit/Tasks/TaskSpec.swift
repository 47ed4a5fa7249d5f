import Foundation

/// A task folder (DESIGN §2) parsed and checked.
public struct TaskSpec: Sendable, Equatable {
    public struct Source: Sendable, Equatable, Codable {
        public var dataset: String
        public var origin: String
        public var license: String
        public var citation: String
    }

    public struct MetricSpec: Sendable, Equatable {
        public var metric: Metric
        public var arguments: [String: String]
    }

    public struct SubmissionSpec: Sendable, Equatable, Codable {
        public var idColumn: String
        public var targetColumns: [String]

        enum CodingKeys: String, CodingKey {
            case idColumn = "id_column"
            case targetColumns = "target_columns"
        }
    }

    public struct Limits: Sendable, Equatable, Codable {
        public var stepTimeoutSeconds: Double
        public var memoryMB: Int
        public var maxSteps: Int
        public var episodeTimeSeconds: Double

        public static let defaults = Limits(stepTimeoutSeconds: 600, memoryMB: 4096, maxSteps: 50, episodeTimeSeconds: 7200)

        enum CodingKeys: String, CodingKey {
            case stepTimeoutSeconds = "step_timeout_s"
            case memoryMB = "memory_mb"
            case maxSteps = "max_steps"
            case episodeTimeSeconds = "episode_time_s"
        }
    }

    public var id: String
    public var title: String
    public var category: String
    public var summary: String
    public var source: Source
    public var metric: MetricSpec
    public var submission: SubmissionSpec
    public var limits: Limits
    public var boards: LeaderboardSet
    /// The task folder.
    public var directory: URL

    public var descriptionURL: URL { directory.appendingPathComponent("description.md") }
    public var prepareScriptURL: URL { directory.appendingPathComponent("prepare.py") }
    public var starterURL: URL { directory.appendingPathComponent("starter.py") }

    public func descriptionText() -> String {
        (try? String(contentsOf: descriptionURL, encoding: .utf8)) ?? ""
    }

    public func starterCode() -> String? {
        try? String(contentsOf: starterURL, encoding: .utf8)
    }
}
