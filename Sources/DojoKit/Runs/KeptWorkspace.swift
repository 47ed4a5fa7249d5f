import Foundation

/// What `dojo play` keeps of an episode when it quits (`<state>/dojo/workspaces/ID/`): the files the
/// code wrote in `working/`, the best executed step's submission, the editor's buffer, and this
/// manifest (`workspace.json`). Listed and cleaned by `dojo workspaces`; `dojo play TASK --resume`
/// starts a new episode from the newest one of the task.
public struct KeptWorkspace: Sendable, Codable, Equatable {
    public static let manifestName = "workspace.json"
    public static let workingName = "working"
    public static let bestSubmissionName = "best-submission.csv"
    public static let solutionName = "solution.py"

    /// The episode folder's name: `TASK-YYYYMMDD-HHMMSS-xxxxxxxx`.
    public var id: String
    public var task: String
    public var seed: Int
    public var trajectory: String?
    /// ISO 8601.
    public var keptAt: String
    public var steps: Int
    public var best: BestSoFar?
    public var metric: String?
    /// Whether `best-submission.csv` is there.
    public var hasBestSubmission: Bool
    /// Whether `solution.py` (the editor's buffer at quit) is there; the file it was saved to, if any.
    public var hasSolution: Bool
    public var savedAs: String?
    public var workingFiles: Int
    public var workingBytes: Int64
    /// Links and special files of `working/` left out.
    public var skipped: Int
    /// The workspace this episode was resumed from (`dojo play --resume`).
    public var resumedFrom: String?

    /// Where it lives; not stored in the manifest.
    public var directory: URL = URL(fileURLWithPath: "/")

    public init(id: String, task: String, seed: Int, trajectory: String?, keptAt: String, steps: Int, best: BestSoFar?, metric: String?,
                hasBestSubmission: Bool, hasSolution: Bool, savedAs: String?, workingFiles: Int, workingBytes: Int64, skipped: Int,
                resumedFrom: String?, directory: URL) {
        self.id = id
        self.task = task
        self.seed = seed
        self.trajectory = trajectory
        self.keptAt = keptAt
        self.steps = steps
        self.best = best
        self.metric = metric
        self.hasBestSubmission = hasBestSubmission
        self.hasSolution = hasSolution
        self.savedAs = savedAs
        self.workingFiles = workingFiles
        self.workingBytes = workingBytes
        self.skipped = skipped
        self.resumedFrom = resumedFrom
        self.directory = directory
    }

    enum CodingKeys: String, CodingKey {
        case id, task, seed, trajectory, keptAt = "kept_at", steps, best, metric, hasBestSubmission = "best_submission"
        case hasSolution = "solution", savedAs = "saved_as", workingFiles = "working_files", workingBytes = "working_bytes"
        case skipped, resumedFrom = "resumed_from"
    }

    public var working: URL { directory.appendingPathComponent(Self.workingName) }
    public var bestSubmission: URL { directory.appendingPathComponent(Self.bestSubmissionName) }
    public var solution: URL { directory.appendingPathComponent(Self.solutionName) }

    public var keptDate: Date? { ISO8601DateFormatter().date(from: keptAt) }
}
