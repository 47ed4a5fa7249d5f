import DojoKit

/// What the UI reacts to: input, time, and news from the environment's thread.
public enum AppEvent: Sendable {
    case key(Key)
    /// A bracketed paste: the text arrives whole.
    case paste(String)
    case resize(width: Int, height: Int)
    /// The clock moved (spinner, elapsed time, time left).
    case tick(now: Double)
    case episodeStarted(EpisodeStart)
    case stepOutput(OutputChannel, [UInt8])
    case stepFinished(StepResult)
    /// The environment could not take the step (not the code's failure: dojo's).
    case stepFailed(String)
    /// The episode could not start; no step can be taken.
    case episodeFailed(String)
    case fileOpened(path: String, text: String)
    case fileSaved(path: String, revision: Int)
    case fileError(String)
    case editorReturned(String)
    /// Watch mode: what the trajectory follower read since the last poll.
    case trajectory(TrajectoryFollower.Update)
    /// Watch mode: the trajectory can no longer be read.
    case trajectoryFailed(String)
    /// Replay mode: the answers to its effects.
    case replay(ReplayEvent)
    /// Co-pilot mode: the agent's requests and news.
    case agent(AgentEvent)
    /// The runs browser: the answers to its effects.
    case runs(RunsEvent)
    /// The evaluation dashboard: the run directory as read now.
    case evalProgress(EvalProgress)
    /// A fork's rebuild: a re-run of a source step started or finished.
    case rebuild(WorkspaceRebuild.Progress)
    /// A fork's rebuild is over (done, cancelled or stopped); the budget as read after it.
    case rebuildFinished(WorkspaceRebuild.Report, budget: Budget, at: Double)
    /// Save as was not carried out: a file is already at the path (the person is asked to overwrite it).
    case fileExists(path: String)
    /// A mouse report (when the workbench takes the mouse).
    case mouse(MouseEvent)
    /// The data explorer: the answer to `Effect.profileData`.
    case dataProfile(DataExplorerState.Answer)
    /// The sandbox's warm-up when the workbench opens: started, done, failed.
    case warmUp(WarmUpNews)
}

/// The environment after `reset`: what the Task pane and status bar need.
public struct EpisodeStart: Sendable, Equatable {
    public var budget: Budget
    public var dataStructure: String
    public var sampleSubmission: String
    public var sandbox: String
    public var trajectoryPath: String?
    /// The clock reading the budget was read at.
    public var at: Double
    /// `reset`'s observation (co-pilot answers the agent's `reset` with it).
    public var resetObservation: Observation?

    public init(budget: Budget, dataStructure: String, sampleSubmission: String, sandbox: String, trajectoryPath: String?, at: Double,
                resetObservation: Observation? = nil) {
        self.resetObservation = resetObservation
        self.budget = budget
        self.dataStructure = dataStructure
        self.sampleSubmission = sampleSubmission
        self.sandbox = sandbox
        self.trajectoryPath = trajectoryPath
        self.at = at
    }
}

/// A finished step: the observation and, when the code raised, the line of the solution it raised at.
public struct StepResult: Sendable, Equatable {
    public var observation: Observation
    public var errorLine: Int?
    public var at: Double
    /// The action as taken (its code) and who took it: play's run history lists and diffs them.
    public var action: Action?
    public var actor: Actor?

    public init(observation: Observation, errorLine: Int?, at: Double, action: Action? = nil, actor: Actor? = nil) {
        self.observation = observation
        self.errorLine = errorLine
        self.at = at
        self.action = action
        self.actor = actor
    }
}
