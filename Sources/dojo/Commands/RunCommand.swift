import ArgumentParser
import DojoKit
import DojoUI
import Foundation
import Synchronization

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an agent program on a task, headless: the protocol on its stdin/stdout, its stderr to a log.",
        discussion: """
        The agent speaks JSON-RPC 2.0, one message per line (docs/protocol.md). Dojo enforces the budgets; \
        an agent that exits, stays silent past --silence-timeout or floods stdout ends the episode with the \
        reason recorded in the trajectory. Prints one line per step and a summary.
        Exit status: 0 when the agent played an episode (however it ended); \(RunCommand.agentNeverStartedExitCode) when the agent \
        never started one (it could not start, exited, went silent or closed before its first `reset`), with the agent's \
        last stderr lines; 128 + N when stopped by signal N; 1 for any other error (the task, the environment).
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id.") var task: String
    @Option(help: "The agent's command line (run with /bin/sh -c).") var agent: String
    @Option(help: "Write the trajectory here (the agent's log goes beside it as .agent.log).") var trajectory: String?
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(name: .customLong("silence-timeout"), help: "Seconds the agent may stay silent.") var silenceTimeout: Double = 600
    @Option(help: "The split seed.") var seed = 42
    @Option(name: .customLong("agent-name"), help: "A name for the agent, recorded in the trajectory header (`agent.name`).")
    var agentName: String?
    @Option(name: .customLong("episode-seed"),
            help: "The episode's seed: given to the agent as $DOJO_SEED and recorded in the header (`agent.seed`); `dojo eval` sets it.")
    var episodeSeed: Int?
    @Flag(name: .customLong("stop-with-parent"), help: .hidden) var stopWithParent = false
    @Option(name: .customLong("agent-log"), help: "Write the agent's stderr here (default: beside the trajectory as .agent.log).")
    var agentLog: String?
    @Flag(help: "Show the episode live in the workbench's watch view (read-only) instead of printing steps; the summary prints when it closes.")
    var watch = false
    @Option(help: "The colour theme for --watch (see `dojo themes`).") var theme: String?

    func run() throws {
        let services = try common.services()
        let spec = try services.loader.load(id: task)
        let trajectoryURL = trajectory.map { URL(fileURLWithPath: $0) } ?? TrajectoryNaming.defaultURL(in: services.paths.trajectoriesDirectory, task: spec.id)
        let limits = sandboxOptions.apply(to: spec.limits)
        let sandbox = sandboxOptions
        var agentInfo: [String: JSONValue] = ["command": .string(agent), "kind": .string("process")]
        if let agentName { agentInfo["name"] = .string(agentName) }
        if let episodeSeed { agentInfo["seed"] = .number(Double(episodeSeed)) }
        let log = agentLog.map { URL(fileURLWithPath: $0) } ?? Self.agentLog(for: trajectoryURL)
        Console.progress("agent: \(agent)")
        Console.progress("trajectory: \(trajectoryURL.path)")
        Console.progress("agent log: \(log.path)")
        let episode = Episode(services: services, spec: spec, seed: seed, limits: limits, agentInfo: agentInfo, sandbox: sandbox,
                              trajectoryURL: trajectoryURL, agent: agent, log: log, silenceTimeout: silenceTimeout, printSteps: !watch,
                              episodeSeed: episodeSeed)
        guard watch else {
            // SIGTERM, SIGINT or SIGHUP end the episode through its normal path: the agent and the sandbox
            // stopped, the end recorded; then dojo exits 128 + the signal.
            let stop = StopSignals()
            if stopWithParent { stop.stopWhenOrphaned() }
            let outcome = try episode.run(stop: stop.cancellation, stopReason: { stop.reason })
            print(outcome.summary)
            fflush(nil)
            if stop.number != 0 { throw ExitCode(128 + stop.number) }
            try Self.reportAgentFailure(outcome, log: log)
            return
        }
        try watchLive(episode, services: services, spec: spec)
    }

    /// `--watch`: the agent plays on a background thread while the watch view follows its trajectory.
    private func watchLive(_ episode: Episode, services: Services, spec: TaskSpec) throws {
        if FileManager.default.fileExists(atPath: episode.trajectoryURL.path) {
            throw DojoError(.usage, "the trajectory file already exists", at: episode.trajectoryURL.path,
                            hint: "choose another --trajectory path; `--watch` follows a new file")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw DojoError(.usage, "--watch needs a terminal on stdin and stdout",
                            hint: "drop --watch to run headless, or watch from a terminal with `dojo watch TRAJECTORY`")
        }
        // Build the Python environment and prepare the task now, so their progress lines print before the screen opens.
        _ = try services.interpreter()
        _ = try services.prepared(spec, seed: seed)
        let result = Mutex<Result<Episode.Outcome, DojoError>?>(nil)
        let thread = Thread {
            let outcome: Result<Episode.Outcome, DojoError>
            do throws(DojoError) { outcome = .success(try episode.run()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
        }
        thread.stackSize = 8 << 20
        // The episode's own messages go to a log while the screen is up (stderr would scribble on it).
        let messages = Self.messagesLog(for: episode.trajectoryURL)
        let savedStderr = dup(STDERR_FILENO)
        let logFD = open(messages.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if logFD >= 0 { dup2(logFD, STDERR_FILENO) }
        thread.start()
        let environment = ProcessInfo.processInfo.environment
        let settings = ThemeFiles(paths: services.paths, environment: environment).settings(theme: theme, environment: environment)
        let state = ReadOnlyWorkbench.state(header: nil, spec: spec, source: episode.trajectoryURL.path,
                                            mode: .watch(WatchState(source: episode.trajectoryURL.path)), settings: settings)
        let follower = TrajectoryFollower(url: episode.trajectoryURL)
        let shown = Result { () throws -> Void in
            try MainActor.assumeIsolated { () throws -> Void in
                try Program(state: state, mode: .watch(WatchHandler(follower: follower, waitForFile: true)), settings: settings).run()
            }
        }
        if savedStderr >= 0 {
            dup2(savedStderr, STDERR_FILENO)
            close(savedStderr)
        }
        if logFD >= 0 { close(logFD) }
        if result.withLock({ $0 == nil }) {
            Console.progress("the watch view is closed; waiting for the agent to finish (Ctrl-C stops dojo)")
        }
        while result.withLock({ $0 == nil }) { Thread.sleep(forTimeInterval: 0.1) }
        _ = try shown.get()
        if let outcome = result.withLock({ $0 }) {
            let ended = try outcome.get()
            print(ended.summary)
            fflush(nil)
            try Self.reportAgentFailure(ended, log: episode.log)
        }
    }

    /// `dojo run`'s exit status when the agent never started an episode (documented in the help and docs/protocol.md).
    static let agentNeverStartedExitCode: Int32 = 3
    /// How many of the agent's last stderr lines are printed when it never started an episode or crashed.
    static let agentLogTail = 10

    /// An agent that never started an episode: its last stderr lines, then one `dojo: error:` line
    /// (last, so `dojo eval` takes it as the episode's reason), and exit 3. An agent that crashed
    /// mid-episode: its last stderr lines only (the episode was played; the status stays 0).
    static func reportAgentFailure(_ outcome: Episode.Outcome, log: URL) throws {
        let tail = AgentLogTail.read(log, lines: agentLogTail)
        if outcome.started {
            guard outcome.agentFailed, !tail.isEmpty else { return }
            Console.progress("the agent's last stderr lines (\(log.path)):")
            for line in tail { Console.progress("  | " + line) }
            return
        }
        if !tail.isEmpty {
            Console.progress("the agent's last stderr lines (\(log.path)):")
            for line in tail { Console.progress("  | " + line) }
        }
        let said = tail.last.map { ": \($0)" } ?? (FileManager.default.fileExists(atPath: log.path) ? "; its stderr is empty" : "")
        Console.progress("error: the agent never started an episode (\(outcome.reason))\(said)")
        throw ExitCode(agentNeverStartedExitCode)
    }

    static func messagesLog(for trajectory: URL) -> URL {
        TrajectoryNaming.sibling(of: trajectory, ending: ".dojo.log")
    }

    /// One agent's episode: the protocol session and the agent process; `run` returns the summary.
    struct Episode: Sendable {
        /// How the episode went: the summary to print, why it ended, and whether the agent ever started one.
        struct Outcome: Sendable {
            var summary: String
            var reason: String
            var started: Bool
            /// The agent exited with a non-zero code or was killed by a signal.
            var agentFailed: Bool {
                reason.hasPrefix("agent was killed") || (reason.hasPrefix("agent exited with code") && reason != "agent exited with code 0")
            }
        }

        let services: Services
        let spec: TaskSpec
        let seed: Int
        let limits: TaskSpec.Limits
        let agentInfo: [String: JSONValue]
        let sandbox: SandboxOptions
        let trajectoryURL: URL
        let agent: String
        let log: URL
        let silenceTimeout: Double
        let printSteps: Bool
        var episodeSeed: Int?

        func run(stop: Cancellation? = nil, stopReason: @Sendable () -> String = { "stopped by dojo" }) throws(DojoError) -> Outcome {
            let fixedTask = spec.id
            let (services, spec, seed, limits, agentInfo, sandbox, trajectoryURL, printSteps) =
                (services, spec, seed, limits, agentInfo, sandbox, trajectoryURL, printSteps)
            let session = ProtocolSession(actor: .agent, factory: { (requested: String?, requestedSeed: Int?) throws(DojoError) -> Environment in
                if let requested, requested != fixedTask {
                    throw DojoError(.usage, "this episode is on task \(fixedTask), not \(requested)",
                                    hint: "omit `task` in reset, or start dojo run with that task")
                }
                let seed = requestedSeed ?? seed
                return try services.episodes(for: spec, seed: seed, options: sandbox.episode, limits: limits)
                    .environment(seed: seed, agent: agentInfo, trajectory: trajectoryURL)
            }, onStep: { action, observation in
                if printSteps {
                    print(StepLine.render(action: action, observation: observation))
                    fflush(nil)  // one line per completed step, out at once (a kill -9 loses none)
                }
            })
            var environment = services.agentEnvironment
            if let episodeSeed { environment["DOJO_SEED"] = String(episodeSeed) }
            let process = AgentProcess(command: agent, environment: environment, stderrLog: log, silenceTimeout: silenceTimeout)
            let reason = try process.run(session: session, stop: stop, stopReason: stopReason)
            return Outcome(summary: RunCommand.summary(session: session, reason: reason, announced: trajectoryURL), reason: reason,
                           started: session.environment != nil)
        }
    }

    static func agentLog(for trajectory: URL) -> URL {
        TrajectoryNaming.sibling(of: trajectory, ending: ".agent.log")
    }

    /// The summary printed at the end. The trajectory's path was printed when the episode started
    /// (`dojo: trajectory: …`); it is repeated only when the agent's resets moved the last episode to
    /// another file.
    static func summary(session: ProtocolSession, reason: String, announced: URL? = nil) -> String {
        guard let environment = session.environment else {
            return "The agent never started an episode (\(reason)). No trajectory was written."
        }
        let history = environment.history
        var lines = ["Episode over: \(reason). \(history.count) step\(history.count == 1 ? "" : "s")."]
        if let best = environment.best {
            lines.append("Best: \(environment.task.metric.metric.rawValue) = \(ScoreText.short(best.rawScore)) at step \(best.step); "
                + "\(environment.task.boards.kind.rankLabel) \(String(format: "%.4f", best.humanRank)).")
        } else {
            lines.append("No valid scored submission.")
        }
        if let last = environment.trajectory?.url, last.standardizedFileURL != announced?.standardizedFileURL {
            lines.append("Last episode's trajectory: \(last.path)")
        }
        return lines.joined(separator: "\n")
    }
}

/// One line per step for headless runs.
enum StepLine {
    static func render(action: Action, observation: Observation) -> String {
        var parts = [String(format: "step %3d", observation.step), action.name.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0),
                     observation.status.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)]
        if case .requestInfo(let type) = action { parts.append(type.rawValue) }
        if let execution = observation.execution {
            if execution.timedOut { parts.append("timed out") } else if execution.exitCode != 0 { parts.append("exit \(execution.exitCode.map(String.init) ?? "signal")") }
        }
        if let submission = observation.submission {
            if !submission.found {
                parts.append("no submission")
            } else if !submission.valid {
                parts.append("invalid: \(submission.errors.map(\.kind.rawValue).joined(separator: ", "))")
            } else if let score = submission.rawScore {
                parts.append("\(submission.metric)=\(ScoreText.short(score))")
                if let rank = submission.humanRank, let position = submission.position?.private {
                    parts.append("\(submission.boardKind.rankLabel) \(String(format: "%.3f", rank)) (\(position.position)/\(position.total))")
                }
                parts.append("medal: \(submission.medal?.rawValue ?? "none")")
            } else {
                parts.append("valid")
            }
        }
        if observation.truncated { parts.append("[budget exhausted]") }
        return parts.joined(separator: "  ")
    }
}
