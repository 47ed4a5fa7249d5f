import Foundation

/// A task folder (docs/task-format.md) parsed and checked.
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
        /// The answers' columns the metric reads, besides the id, when they differ from the targets (a
        /// concordance index reads time and event; MASE the answer and a scale); nil: the targets.
        public var answerColumns: [String]?
        /// `closed_labels = true`: a predicted label the answers lack is `invalid_label`; by default it is
        /// scored as a wrong prediction, with a warning.
        public var closedLabels: Bool

        public init(idColumn: String, targetColumns: [String], answerColumns: [String]? = nil, closedLabels: Bool = false) {
            self.idColumn = idColumn
            self.targetColumns = targetColumns
            self.answerColumns = answerColumns
            self.closedLabels = closedLabels
        }

        enum CodingKeys: String, CodingKey {
            case idColumn = "id_column"
            case targetColumns = "target_columns"
            case answerColumns = "answer_columns"
            case closedLabels = "closed_labels"
        }

        /// Specs written before `closed_labels` existed lack it: an open label set.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            idColumn = try c.decode(String.self, forKey: .idColumn)
            targetColumns = try c.decode([String].self, forKey: .targetColumns)
            answerColumns = try c.decodeIfPresent([String].self, forKey: .answerColumns)
            closedLabels = try c.decodeIfPresent(Bool.self, forKey: .closedLabels) ?? false
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(idColumn, forKey: .idColumn)
            try c.encode(targetColumns, forKey: .targetColumns)
            try c.encodeIfPresent(answerColumns, forKey: .answerColumns)
            if closedLabels { try c.encode(closedLabels, forKey: .closedLabels) }
        }
    }

    public struct Limits: Sendable, Equatable, Codable {
        public var stepTimeoutSeconds: Double
        public var memoryMB: Int
        public var maxSteps: Int
        public var episodeTimeSeconds: Double
        /// Processes and threads the episode's sandbox may hold at once.
        public var maxProcesses: Int
        /// The largest file the code may write.
        public var maxFileMB: Int
        /// What `working/` and `submission/` may hold together.
        public var diskMB: Int
        /// Bytes a step may print (stdout and stderr together) before it is stopped.
        public var outputMB: Int

        public static let defaults = Limits(stepTimeoutSeconds: 600, memoryMB: 4096, maxSteps: 50, episodeTimeSeconds: 7200)

        public init(stepTimeoutSeconds: Double, memoryMB: Int, maxSteps: Int, episodeTimeSeconds: Double,
                    maxProcesses: Int = 256, maxFileMB: Int = 2048, diskMB: Int = 4096, outputMB: Int = 64) {
            self.stepTimeoutSeconds = stepTimeoutSeconds
            self.memoryMB = memoryMB
            self.maxSteps = maxSteps
            self.episodeTimeSeconds = episodeTimeSeconds
            self.maxProcesses = maxProcesses
            self.maxFileMB = maxFileMB
            self.diskMB = diskMB
            self.outputMB = outputMB
        }

        enum CodingKeys: String, CodingKey {
            case stepTimeoutSeconds = "step_timeout_s"
            case memoryMB = "memory_mb"
            case maxSteps = "max_steps"
            case episodeTimeSeconds = "episode_time_s"
            case maxProcesses = "max_processes"
            case maxFileMB = "max_file_mb"
            case diskMB = "disk_mb"
            case outputMB = "output_mb"
        }

        /// Trajectories written before the sandbox limits existed lack them: they get the defaults.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let base = Limits(stepTimeoutSeconds: try c.decode(Double.self, forKey: .stepTimeoutSeconds),
                              memoryMB: try c.decode(Int.self, forKey: .memoryMB),
                              maxSteps: try c.decode(Int.self, forKey: .maxSteps),
                              episodeTimeSeconds: try c.decode(Double.self, forKey: .episodeTimeSeconds))
            self = base
            maxProcesses = try c.decodeIfPresent(Int.self, forKey: .maxProcesses) ?? base.maxProcesses
            maxFileMB = try c.decodeIfPresent(Int.self, forKey: .maxFileMB) ?? base.maxFileMB
            diskMB = try c.decodeIfPresent(Int.self, forKey: .diskMB) ?? base.diskMB
            outputMB = try c.decodeIfPresent(Int.self, forKey: .outputMB) ?? base.outputMB
        }
    }

    /// Grading runs in a child process (`dojo grade-worker`) under these limits; a submission larger
    /// than `submissionMB` (else a cap derived from the answers) is refused before it is read.
    public struct GradingLimits: Sendable, Equatable, Codable {
        public var memoryMB: Int
        public var cpuSeconds: Int
        public var submissionMB: Int?

        public static let defaults = GradingLimits(memoryMB: 2048, cpuSeconds: 120, submissionMB: nil)

        public init(memoryMB: Int, cpuSeconds: Int, submissionMB: Int?) {
            self.memoryMB = memoryMB
            self.cpuSeconds = cpuSeconds
            self.submissionMB = submissionMB
        }

        enum CodingKeys: String, CodingKey {
            case memoryMB = "grading_memory_mb"
            case cpuSeconds = "grading_cpu_s"
            case submissionMB = "submission_mb"
        }
    }

    /// `[data]`: the rows of train.csv and test.csv after preparation, a hint for `dojo tasks` when the
    /// task has not been prepared yet (prepared data is counted instead).
    public struct DataHint: Sendable, Equatable {
        public var trainRows: Int?
        public var testRows: Int?

        public init(trainRows: Int? = nil, testRows: Int? = nil) {
            self.trainRows = trainRows
            self.testRows = testRows
        }
    }

    public var id: String
    public var title: String
    /// `category` as written in task.toml; always one of the `TaskKind` names (the loader checks).
    public var category: String
    public var kind: TaskKind
    public var data: DataHint
    public var summary: String
    public var source: Source
    public var metric: MetricSpec
    public var submission: SubmissionSpec
    public var limits: Limits
    public var boards: LeaderboardSet
    /// The limits of the process that validates and scores a submission (`[limits] grading_*`, `submission_mb`).
    public var grading: GradingLimits = .defaults
    /// What an episode asks of the machine (`[limits] cpus`, `gpus`); a cluster places episodes by it.
    public var resources: Resources = .defaults
    /// The task folder.
    public var directory: URL
    /// `[sandbox] hide`: data locations the agent's sandbox must not see besides the packaged data every
    /// episode hides (`SandboxConfiguration.packagedData`); each an absolute path or `python:<path in site-packages>`.
    public var hiddenData: [String] = []
    /// `[data] raw`: a folder of raw input (an imported competition's Kaggle download, unpacked) that
    /// prepare.py reads through `--raw`; bound read-only into its sandbox.
    public var rawData: URL? = nil
    /// `warning`: a known problem of the task (a label leak of an imported competition), shown with
    /// the task in `dojo tasks`, on its card and in every feedback.
    public var warning: String? = nil

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
