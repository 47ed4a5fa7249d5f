/// What an agent learns about its task on `reset`: enough to act without reading any file.
public struct TaskCard: Sendable, Codable, Equatable {
    public struct Paths: Sendable, Codable, Equatable {
        public var root: String
        public var input: String
        public var working: String
        public var submission: String
    }

    public struct Budgets: Sendable, Codable, Equatable {
        public var maxSteps: Int
        public var stepTimeoutSeconds: Double
        public var episodeTimeSeconds: Double
        public var memoryMB: Int

        enum CodingKeys: String, CodingKey {
            case maxSteps = "max_steps", stepTimeoutSeconds = "step_timeout_s", episodeTimeSeconds = "episode_time_s"
            case memoryMB = "memory_mb"
        }
    }

    public var id: String
    public var title: String
    public var category: String
    public var summary: String
    public var metric: String
    public var higherIsBetter: Bool
    public var idColumn: String
    public var targetColumns: [String]
    public var boardKind: BoardKind
    public var boardSize: Int
    /// Paths as the code sees them (relative to its working directory).
    public var workspace: Paths
    public var budgets: Budgets

    enum CodingKeys: String, CodingKey {
        case id, title, category, summary, metric, higherIsBetter = "higher_is_better", idColumn = "id_column"
        case targetColumns = "target_columns", boardKind = "board_kind", boardSize = "board_size", workspace, budgets
    }

    public init(task: TaskSpec, limits: TaskSpec.Limits) {
        id = task.id
        title = task.title
        category = task.category
        summary = task.summary
        metric = task.metric.metric.rawValue
        higherIsBetter = task.metric.metric.higherIsBetter
        idColumn = task.submission.idColumn
        targetColumns = task.submission.targetColumns
        boardKind = task.boards.kind
        boardSize = task.boards.size
        workspace = Paths(root: ".", input: "input/", working: "working/", submission: "submission/submission.csv")
        budgets = Budgets(maxSteps: limits.maxSteps, stepTimeoutSeconds: limits.stepTimeoutSeconds,
                          episodeTimeSeconds: limits.episodeTimeSeconds, memoryMB: limits.memoryMB)
    }
}
