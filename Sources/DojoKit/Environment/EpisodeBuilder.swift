import Foundation

/// Builds every episode's `Environment` in one place: the task and its prepared data, the runner and
/// limits the options ask for, the clock, where episodes live, and how submissions are graded. A
/// command (exec, run, play, serve, mcp, verify, task check) makes one builder per task and asks it
/// for environments; only the header's agent, the seed and where the trajectory goes differ.
public struct EpisodeBuilder: Sendable {
    public var task: TaskSpec
    public var prepared: PreparedTask
    public var runner: any CodeRunner
    /// The task's limits with the options' overrides.
    public var limits: TaskSpec.Limits
    public var clock: any DojoClock
    public var episodesDirectory: URL
    /// How submissions are graded (an `IsolatedGrader`); nil grades in process.
    public var grading: (@Sendable (Grader) -> any SubmissionGrading)?

    public init(task: TaskSpec, prepared: PreparedTask, runner: any CodeRunner, limits: TaskSpec.Limits, clock: any DojoClock,
                episodesDirectory: URL, grading: (@Sendable (Grader) -> any SubmissionGrading)? = nil) {
        self.task = task
        self.prepared = prepared
        self.runner = runner
        self.limits = limits
        self.clock = clock
        self.episodesDirectory = episodesDirectory
        self.grading = grading
    }

    /// An environment whose episodes are recorded where `placer` says (nil: not recorded).
    public func environment(seed: Int, agent: [String: JSONValue], forkedFrom: [String: JSONValue]? = nil,
                            placer: @escaping Environment.TrajectoryPlacer) throws(DojoError) -> Environment {
        try Environment(task: task, prepared: prepared, runner: runner, clock: clock, episodesDirectory: episodesDirectory,
                        configuration: .init(seed: seed, limits: limits, agent: agent, forkedFrom: forkedFrom),
                        trajectoryPlacer: placer, grading: grading)
    }

    /// An environment whose first episode is recorded at `trajectory`, later ones beside it, numbered
    /// (`TrajectoryNaming.numbered`).
    public func environment(seed: Int, agent: [String: JSONValue], forkedFrom: [String: JSONValue]? = nil,
                            trajectory: URL) throws(DojoError) -> Environment {
        try environment(seed: seed, agent: agent, forkedFrom: forkedFrom, placer: { number in TrajectoryNaming.numbered(trajectory, number) })
    }
}
