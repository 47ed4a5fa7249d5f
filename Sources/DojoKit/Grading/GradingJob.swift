import Foundation

/// What `dojo grade-worker` is asked to do: which task and prepared data to grade against, and how.
/// The submission itself is not named: the worker reads it from its standard input, a descriptor the
/// host opened without following links.
public struct GradingJob: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable { case validate, grade }

    public var mode: Mode
    public var taskDirectory: String
    public var preparedDirectory: String
    public var taskId: String
    public var seed: Int
    public var digest: String
    /// The task environment's interpreter, for a Python metric.
    public var python: String?
    /// bwrap, for a Python metric's sandbox; nil runs the metric without one (`--sandbox none`, no bwrap).
    public var bwrap: String?

    public init(mode: Mode, task: TaskSpec, prepared: PreparedTask, python: URL?, bwrap: String?) {
        self.mode = mode
        taskDirectory = task.directory.path
        preparedDirectory = prepared.directory.path
        taskId = prepared.taskId
        seed = prepared.seed
        digest = prepared.digest
        self.python = python?.path
        self.bwrap = bwrap
    }

    enum CodingKeys: String, CodingKey {
        case mode, seed, digest, python, bwrap
        case taskDirectory = "task_directory"
        case preparedDirectory = "prepared_directory"
        case taskId = "task_id"
    }

    /// The line the worker prints its answer on.
    public static let answerMarker = "DOJO_GRADE "

    /// The worker's answer: the report, with the score's exact bits (JSON numbers need not round-trip).
    public struct Answer: Codable, Sendable, Equatable {
        public var report: SubmissionReport
        public var scoreBits: String?
        public var rankedScoreBits: String?

        public init(report: SubmissionReport) {
            self.report = report
            scoreBits = report.rawScore.map { String($0.bitPattern, radix: 16) }
            rankedScoreBits = report.rankedScore.map { String($0.bitPattern, radix: 16) }
        }

        /// The report with the score as the worker computed it, bit for bit.
        public var exactReport: SubmissionReport {
            var report = report
            if let scoreBits, let bits = UInt64(scoreBits, radix: 16) { report.rawScore = Double(bitPattern: bits) }
            if let rankedScoreBits, let bits = UInt64(rankedScoreBits, radix: 16) { report.rankedScore = Double(bitPattern: bits) }
            return report
        }

        enum CodingKeys: String, CodingKey {
            case report
            case scoreBits = "score_bits"
            case rankedScoreBits = "ranked_score_bits"
        }
    }

    /// Runs in the worker: loads the task and the answers, then checks (and for `grade` scores) the
    /// submission readable at `submission`, which messages call `name`.
    public func run(submission: URL, name: String) throws(DojoError) -> Answer {
        let directory = URL(fileURLWithPath: taskDirectory)
        let spec = try TaskLoader(tasksDirectory: directory.deletingLastPathComponent()).load(directory: directory)
        let prepared = PreparedTask(taskId: taskId, seed: seed, digest: digest,
                                    directory: URL(fileURLWithPath: preparedDirectory), checksums: [:])
        let interpreter = python.map { URL(fileURLWithPath: $0) }
        var sandbox: ToolSandbox?
        if let bwrap, let interpreter { sandbox = ToolSandbox(bwrap: bwrap, python: interpreter) }
        let grader = try Grader(task: spec, prepared: prepared, pythonInterpreter: interpreter, metricSandbox: sandbox)
        let report = mode == .grade ? grader.grade(fileAt: submission, name: name) : grader.validate(fileAt: submission, name: name)
        return Answer(report: report)
    }
}
