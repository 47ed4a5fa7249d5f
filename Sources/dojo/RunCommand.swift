import ArgumentParser
import DojoKit
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an agent program on a task, headless: the protocol on its stdin/stdout, its stderr to a log.",
        discussion: """
        The agent speaks JSON-RPC 2.0, one message per line (docs/protocol.md). Dojo enforces the budgets; \
        an agent that exits, stays silent past --silence-timeout or floods stdout ends the episode with the \
        reason recorded in the trajectory. Prints one line per step and a summary.
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id.") var task: String
    @Option(help: "The agent's command line (run with /bin/sh -c).") var agent: String
    @Option(help: "Write the trajectory here (the agent's log goes beside it as .agent.log).") var trajectory: String?
    @Option(name: .customLong("max-steps"), help: "Override the task's max_steps.") var maxSteps: Int?
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(name: .customLong("silence-timeout"), help: "Seconds the agent may stay silent.") var silenceTimeout: Double = 600
    @Option(help: "The split seed.") var seed = 42

    func run() throws {
        let services = try common.services()
        let spec = try services.loader.load(id: task)
        let trajectoryURL = trajectory.map { URL(fileURLWithPath: $0) } ?? ExecCommand.defaultTrajectory(services.paths, task: spec.id)
        var limits = sandboxOptions.apply(to: spec.limits)
        if let maxSteps { limits.maxSteps = maxSteps }
        let sandbox = sandboxOptions
        let agentInfo: [String: JSONValue] = ["command": .string(agent), "kind": .string("process")]
        let fixedTask = spec.id
        let session = ProtocolSession(actor: .agent, factory: { (requested: String?, requestedSeed: Int?) throws(DojoError) -> Environment in
            if let requested, requested != fixedTask {
                throw DojoError(.usage, "this episode is on task \(fixedTask), not \(requested)",
                                hint: "omit `task` in reset, or start dojo run with that task")
            }
            return try services.environment(for: spec, seed: requestedSeed ?? seed, limits: limits, agent: agentInfo,
                                            sandbox: sandbox, trajectory: trajectoryURL)
        }, onStep: { action, observation in
            print(StepLine.render(action: action, observation: observation))
        })
        let log = Self.agentLog(for: trajectoryURL)
        Console.progress("agent: \(agent)")
        Console.progress("trajectory: \(trajectoryURL.path)")
        Console.progress("agent log: \(log.path)")
        let process = AgentProcess(command: agent, environment: Self.agentEnvironment(services.paths), stderrLog: log,
                                   silenceTimeout: silenceTimeout)
        let reason = try process.run(session: session)
        print(Self.summary(session: session, reason: reason, trajectory: trajectoryURL))
    }

    static func agentLog(for trajectory: URL) -> URL {
        let name = trajectory.lastPathComponent
        let stem = name.hasSuffix(".dojo.jsonl") ? String(name.dropLast(".dojo.jsonl".count)) : name
        return trajectory.deletingLastPathComponent().appendingPathComponent("\(stem).agent.log")
    }

    /// The host's environment, plus where the agent client library lives.
    static func agentEnvironment(_ paths: DojoPaths) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let agents = paths.tasksDirectory.deletingLastPathComponent().appendingPathComponent("Agents").path
        environment["PYTHONPATH"] = [agents, environment["PYTHONPATH"]].compactMap { $0 }.joined(separator: ":")
        environment["PYTHONUNBUFFERED"] = "1"
        return environment
    }

    static func summary(session: ProtocolSession, reason: String, trajectory: URL) -> String {
        guard let environment = session.environment else {
            return "The agent never started an episode (\(reason)). Trajectory: none"
        }
        let history = environment.history
        var lines = ["Episode over: \(reason). \(history.count) step\(history.count == 1 ? "" : "s")."]
        if let best = environment.best {
            lines.append("Best: \(environment.task.metric.metric.rawValue) = \(best.rawScore) at step \(best.step); "
                + "\(environment.task.boards.kind.rankLabel) \(String(format: "%.4f", best.humanRank)).")
        } else {
            lines.append("No valid scored submission.")
        }
        lines.append("Trajectory: \(environment.trajectory?.url.path ?? trajectory.path)")
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
                parts.append("\(submission.metric)=\(String(format: "%.6g", score))")
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
