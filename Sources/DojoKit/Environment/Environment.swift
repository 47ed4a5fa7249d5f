import Foundation

/// The Gym-style loop over one task (docs/observation.md): `reset`, then `step` with the five actions.
/// One owner drives it; it records every step to the trajectory before returning the observation.
public final class Environment {
    public struct Configuration: Sendable {
        public var seed: Int
        public var limits: TaskSpec.Limits
        public var outputCap: Int
        public var agent: [String: JSONValue]
        public var dojoVersion: String
        /// A fork's origin (`{"file": …, "step": …}`), written to the first episode's header only:
        /// an episode after a reset starts from nothing.
        public var forkedFrom: [String: JSONValue]?

        public init(seed: Int, limits: TaskSpec.Limits, outputCap: Int = 256 * 1024,
                    agent: [String: JSONValue] = [:], dojoVersion: String = DojoVersion.current,
                    forkedFrom: [String: JSONValue]? = nil) {
            self.seed = seed
            self.limits = limits
            self.outputCap = outputCap
            self.agent = agent
            self.dojoVersion = dojoVersion
            self.forkedFrom = forkedFrom
        }
    }

    /// Where each episode's trajectory goes: given the episode number (1, 2, … after resets).
    public typealias TrajectoryPlacer = @Sendable (Int) -> URL?

    public let task: TaskSpec
    public let prepared: PreparedTask
    public let configuration: Configuration
    private let runner: any CodeRunner
    private let grader: Grader
    /// What reads the submissions: `grader` itself, or an `IsolatedGrader` (a limited child process).
    private let grading: any SubmissionGrading
    private let clock: any DojoClock
    private let episodesDirectory: URL
    private let trajectoryPlacer: TrajectoryPlacer

    public private(set) var workspace: Workspace?
    /// The locked owner record of the episode folder (crash recovery: see `StaleEpisodes`).
    private var owner: EpisodeOwner?
    public private(set) var trajectory: TrajectoryWriter?
    public private(set) var episodeNumber = 0
    private var startedAt = 0.0
    private var stepsUsed = 0
    private var stepIndex = 0
    public private(set) var best: BestSoFar?
    public private(set) var history: [HistoryEntry] = []
    public private(set) var endReason: String?

    public init(task: TaskSpec, prepared: PreparedTask, runner: any CodeRunner, clock: any DojoClock,
                episodesDirectory: URL, configuration: Configuration,
                trajectoryPlacer: @escaping TrajectoryPlacer,
                grading: ((Grader) -> any SubmissionGrading)? = nil) throws(DojoError) {
        self.task = task
        self.prepared = prepared
        self.runner = runner
        self.clock = clock
        self.episodesDirectory = episodesDirectory
        self.configuration = configuration
        self.trajectoryPlacer = trajectoryPlacer
        let grader = try Grader(task: task, prepared: prepared)
        self.grader = grader
        self.grading = grading?(grader) ?? grader
    }

    deinit {
        grading.stop()
        if let workspace { runner.endEpisode(workspace) }
        workspace?.remove()
        owner?.release()
    }

    public var isOver: Bool { endReason != nil }
    public var sandbox: String { runner.isolation }

    /// Starts a new episode: a fresh workspace, budgets and trajectory. Returns step 0's observation.
    @discardableResult
    public func reset() throws(DojoError) -> Observation {
        if workspace != nil { close(reason: "reset") }
        episodeNumber += 1
        let name = "\(task.id)-\(Self.timestamp(clock.date()))-\(UUID().uuidString.prefix(8).lowercased())"
        // What a killed dojo left (episode folders and cgroups of dead owners) goes first.
        StaleEpisodes(episodesDirectory: episodesDirectory).clean()
        owner = try EpisodeOwner.claim(in: episodesDirectory, name: name)
        workspace = try Workspace.create(in: episodesDirectory, name: name, publicFiles: prepared.publicDirectory)
        startedAt = clock.seconds()
        stepsUsed = 0
        stepIndex = 0
        best = nil
        history = []
        endReason = nil
        trajectory = nil
        if let url = trajectoryPlacer(episodeNumber) {
            trajectory = try TrajectoryWriter(url: url, header: TrajectoryHeader(
                task: task.id, taskDigest: prepared.digest, seed: configuration.seed, agent: configuration.agent,
                startedAt: ISO8601DateFormatter().string(from: clock.date()), limits: configuration.limits,
                dojoVersion: configuration.dojoVersion, forkedFrom: episodeNumber == 1 ? configuration.forkedFrom : nil))
        }
        let info = workspaceInfo().answer(.name).merging(["metadata": .object(workspaceInfo().metadata())]) { a, _ in a }
        return Observation(
            step: 0, action: .reset, status: .ok,
            feedback: "New episode on \(task.id): \(task.title). \(task.summary)\n"
                + "Metric: \(task.metric.metric.rawValue) (\(task.metric.metric.higherIsBetter ? "higher" : "lower") is better). "
                + "Read input/, write submission/submission.csv.\n" + Feedback.describe(budget(), truncated: false),
            info: info, execution: nil, submission: nil, history: nil, reward: 0, best: nil, budget: budget(),
            terminated: false, truncated: false)
    }

    /// Takes one action. Code actions block until the code has run.
    public func step(_ action: Action, actor: Actor = .agent,
                     onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)? = nil,
                     cancellation: Cancellation? = nil) throws(DojoError) -> Observation {
        if case .reset = action { return try reset() }
        guard let workspace else {
            throw DojoError(.episode, "no episode is running", hint: "call reset first")
        }
        if let endReason {
            return Observation(
                step: stepIndex, action: action.name, status: .error,
                feedback: "The episode is over (\(endReason)); call reset to start a new one.",
                info: nil, execution: nil, submission: nil, history: nil, reward: 0, best: best, budget: budget(),
                terminated: false, truncated: true)
        }
        stepIndex += 1
        let index = stepIndex
        var observation: Observation
        switch action {
        case .requestInfo(let type):
            stepsUsed += 1
            observation = Observation(
                step: index, action: .requestInfo, status: .ok, feedback: "request_info(\(type.rawValue)): see info.",
                info: workspaceInfo().answer(type), execution: nil, submission: nil, history: nil, reward: 0,
                best: best, budget: budget(), terminated: false, truncated: false)
        case .getHistory:
            observation = Observation(
                step: index, action: .getHistory, status: .ok,
                feedback: history.isEmpty ? "No steps yet." : "\(history.count) step\(history.count == 1 ? "" : "s") so far; see history.",
                info: nil, execution: nil, submission: nil, history: history, reward: 0, best: best, budget: budget(),
                terminated: false, truncated: false)
        case .validateCode(let code), .executeCode(let code):
            stepsUsed += 1
            observation = try runCode(code, action: action.name, index: index, workspace: workspace, onOutput: onOutput,
                                      cancellation: cancellation)
        case .reset:
            return try reset()
        }
        // Budgets are checked after the step, so the step that uses the last of one still counts.
        let currentBudget = budget()
        if currentBudget.stepsLeft <= 0 || currentBudget.secondsLeft <= 0 {
            observation.truncated = true
            endReason = currentBudget.stepsLeft <= 0 ? "max_steps reached" : "episode_time_s reached"
            if !observation.feedback.contains("The episode is over") {
                observation.feedback += "\nThe episode is over (\(endReason ?? "")); call reset to start a new one."
            }
        }
        observation.budget = currentBudget
        let t = clock.seconds() - startedAt
        history.append(HistoryEntry(step: index, action: action.name, actor: actor, status: observation.status,
                                    rawScore: observation.submission?.rawScore, reward: observation.reward, seconds: t))
        try trajectory?.append(.step(StepRecord(index: index, t: t, actor: actor, action: action, observation: observation)))
        if let endReason { try trajectory?.append(.end(EndRecord(t: t, reason: endReason))) }
        return observation
    }

    /// Runs code in the episode's workspace outside the episode's steps: not counted, not graded, not
    /// recorded as a step, and its time not charged to the episode's budget (a fork's rebuild).
    /// `scriptNumber` names the script file (`step_N.py`), as the source step's traceback did.
    public func runOutsideSteps(_ code: String, scriptNumber: Int,
                                onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)? = nil,
                                cancellation: Cancellation? = nil) throws(DojoError) -> ProcessOutcome {
        guard let workspace else { throw DojoError(.episode, "no episode is running", hint: "call reset first") }
        if let endReason { throw DojoError(.episode, "the episode is over (\(endReason))", hint: "call reset to start a new one") }
        let before = clock.seconds()
        defer { startedAt += clock.seconds() - before }
        workspace.clearSubmission()
        let request = CodeRunRequest(code: code, workspace: workspace, step: scriptNumber,
                                     timeout: max(0.1, configuration.limits.stepTimeoutSeconds),
                                     outputCap: configuration.outputCap, onOutput: onOutput, cancellation: cancellation)
        let outcome = try runner.run(request)
        _ = workspace.removeUnsafeSubmission()
        return outcome
    }

    /// Starts the episode's sandbox and its warm interpreter's imports before the first step (the
    /// workbench does it when it opens), so the first step is as fast as later ones; not a step, not
    /// recorded. True when warm; false when cancelled or not done within the sandbox's startup timeout.
    public func warmUp(cancellation: Cancellation? = nil) throws(DojoError) -> Bool {
        guard let workspace else { throw DojoError(.episode, "no episode is running", hint: "call reset first") }
        return try runner.warmUp(workspace, cancellation: cancellation)
    }

    /// The best executed step's submission, kept outside the sandbox's mounts (`<episode>/best/`)
    /// for `keepWorkspace`: copied from the graded snapshot, which followed no link.
    static func bestSubmissionFile(in workspace: Workspace) -> URL {
        workspace.episodeDirectory.appendingPathComponent("best").appendingPathComponent("submission.csv")
    }

    private func keepBestSubmission(_ graded: URL, in workspace: Workspace) {
        let target = Self.bestSubmissionFile(in: workspace)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: graded, to: target)
    }

    /// Copies what the episode made into `folder` before it closes (`dojo play` on quit): `working/`
    /// (regular files only, no links) and the best executed step's submission. Nothing of the
    /// private answers is in either. Returns what was copied and whether there was a best submission.
    public func keepWorkspace(in folder: URL) throws(DojoError) -> (working: WorkspaceCopy.Summary, bestSubmission: Bool) {
        guard let workspace else { throw DojoError(.episode, "no episode is running", hint: "call reset first") }
        let summary = try WorkspaceCopy.copyTree(from: workspace.working, to: folder.appendingPathComponent(KeptWorkspace.workingName))
        let best = Self.bestSubmissionFile(in: workspace)
        var kept = false
        if FileManager.default.fileExists(atPath: best.path) {
            _ = try WorkspaceCopy.copyTree(from: best.deletingLastPathComponent(), to: folder.appendingPathComponent("best"))
            let moved = folder.appendingPathComponent("best").appendingPathComponent("submission.csv")
            let target = folder.appendingPathComponent(KeptWorkspace.bestSubmissionName)
            try? FileManager.default.removeItem(at: target)
            kept = (try? FileManager.default.moveItem(at: moved, to: target)) != nil
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("best"))
        }
        return (summary, kept)
    }

    /// Copies a kept workspace's `working/` into this episode's (`dojo play --resume`), before its
    /// first step: the code's own files from before, never the submission or anything private.
    public func restoreWorking(from folder: URL) throws(DojoError) -> WorkspaceCopy.Summary {
        guard let workspace else { throw DojoError(.episode, "no episode is running", hint: "call reset first") }
        return try WorkspaceCopy.copyTree(from: folder, to: workspace.working)
    }

    /// Appends a note to the trajectory.
    public func note(_ text: String, actor: Actor, data: [String: JSONValue]? = nil) throws(DojoError) {
        try trajectory?.append(.note(NoteRecord(t: clock.seconds() - startedAt, step: stepIndex, actor: actor, text: text, data: data)))
    }

    /// Records control passing between the person and the agent (co-pilot).
    public func control(to actor: Actor, reason: String?) throws(DojoError) {
        try trajectory?.append(.control(ControlRecord(t: clock.seconds() - startedAt, to: actor, reason: reason)))
    }

    /// Ends the episode: records why, closes the trajectory and removes the workspace.
    public func close(reason: String) {
        let t = clock.seconds() - startedAt
        if endReason == nil || reason == "reset" {
            try? trajectory?.append(.end(EndRecord(t: t, reason: endReason ?? reason)))
        }
        trajectory?.close()
        // The warm grading interpreter is the episode's: the next episode starts its own.
        grading.stop()
        if let workspace { runner.endEpisode(workspace) }
        workspace?.remove()
        workspace = nil
        owner?.release()
        owner = nil
        endReason = endReason ?? reason
    }

    private func runCode(_ code: String, action: ActionName, index: Int, workspace: Workspace,
                         onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)?,
                         cancellation: Cancellation?) throws(DojoError) -> Observation {
        workspace.clearSubmission()
        let timeout = max(0.1, min(configuration.limits.stepTimeoutSeconds, budget().secondsLeft))
        let request = CodeRunRequest(code: code, workspace: workspace, step: index, timeout: timeout,
                                     outputCap: configuration.outputCap, onOutput: onOutput, cancellation: cancellation)
        let outcome = try runner.run(request)
        let execution = ExecutionReport(
            exitCode: outcome.exitCode, signal: outcome.signal, timedOut: outcome.timedOut,
            cancelled: outcome.cancelled ? true : nil, durationMs: outcome.durationMs,
            stdout: outcome.stdout.text, stderr: outcome.stderr.text,
            truncatedBytes: outcome.stdout.truncatedBytes + outcome.stderr.truncatedBytes, sandbox: runner.isolation,
            limitExceeded: outcome.limitExceeded, limits: outcome.limitsInForce)
        // Graded from a host-private copy taken without following links (docs/sandbox.md).
        let snapshot = SubmissionSnapshot.take(of: workspace, sizedPlaceholder: grading.refusesAbove != nil)
        defer { snapshot.remove() }
        let unsafeSubmission = snapshot.problem
        let ran = outcome.succeeded
        // A crashed script's half-written file is not graded; the failure is the news.
        let submission: SubmissionReport? = ran
            ? (action == .executeCode ? grading.grade(fileAt: snapshot.file) : grading.validate(fileAt: snapshot.file))
            : nil
        var reward = 0.0
        if action == .executeCode, let submission, submission.valid, let raw = submission.rawScore, let rank = submission.humanRank {
            reward = rank
            if best.map({ grader.metric.isBetter(raw, than: $0.rawScore) }) ?? true {
                best = BestSoFar(rawScore: raw, humanRank: rank, step: index)
                keepBestSubmission(snapshot.file, in: workspace)
            }
        }
        let status: Observation.Status = ran && submission?.valid == true ? .ok : .error
        let currentBudget = budget()
        var feedback = Feedback.forCode(
            action: action, step: index, execution: execution, submission: submission,
            scriptPath: runner.scriptPath(for: request), best: best, budget: currentBudget,
            truncated: currentBudget.stepsLeft <= 0 || currentBudget.secondsLeft <= 0, stepTimeout: timeout)
        if let unsafeSubmission {
            var lines = feedback.components(separatedBy: "\n")
            lines.insert("Submission: " + unsafeSubmission, at: min(1, lines.count))
            feedback = lines.joined(separator: "\n")
        }
        return Observation(
            step: index, action: action, status: status, feedback: feedback, info: nil, execution: execution,
            submission: submission, history: nil, reward: reward, best: best, budget: currentBudget,
            terminated: false, truncated: false)
    }

    public func budget() -> Budget {
        let elapsed = clock.seconds() - startedAt
        return Budget(stepsUsed: stepsUsed, stepsLeft: max(0, configuration.limits.maxSteps - stepsUsed),
                      secondsLeft: max(0, (configuration.limits.episodeTimeSeconds - elapsed) * 1000).rounded() / 1000)
    }

    private func workspaceInfo() -> TaskInfo {
        TaskInfo(task: task, workspace: workspace ?? Workspace(episodeDirectory: episodesDirectory), codeRoot: runner.codeWorkspaceRoot)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}

public enum DojoVersion {
    public static let current = "0.1.0"
}
