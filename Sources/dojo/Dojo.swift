import ArgumentParser
import DojoKit
import Foundation

@main
struct Dojo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dojo",
        abstract: "A workbench where people and agents solve machine-learning-engineering tasks in one Gym-style loop.",
        version: DojoVersion.current,
        subcommands: [TasksCommand.self, TaskCommand.self, PrepareCommand.self, SetupCommand.self, ExecCommand.self, GradeCommand.self,
                      ScoreCommand.self, RunCommand.self, ServeCommand.self, McpCommand.self, ActionsCommand.self, BenchCommand.self,
                      ImportCommand.self, CompetitionsCommand.self, VerifyCommand.self, PlayCommand.self, WatchCommand.self,
                      ReplayCommand.self, RunsCommand.self, ThemesCommand.self, GradeWorkerCommand.self, DoctorCommand.self, EvalCommand.self,
                      WorkspacesCommand.self])

    static func main() {
        ProcessSignals.unblockAll()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(nil)
        } catch {
            // A parse error: ArgumentParser's message, with a far-fetched "Did you mean" dropped (UnknownOptionText).
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            FileHandle.standardError.write(Data((UnknownOptionText.rewrite(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that touches tasks or the cache shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("tasks"), help: "The folder of task folders (default: $DOJO_TASKS, else the repository's Tasks/).")
    var tasksDirectory: String?

    @Option(name: .customLong("cache"), help: "The cache folder (default: $DOJO_CACHE, else $XDG_CACHE_HOME/dojo).")
    var cacheDirectory: String?

    func services() throws -> Services {
        let environment = ProcessInfo.processInfo.environment
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let paths = try DojoPaths.resolve(
            environment: environment, currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            executable: executable, tasksOverride: tasksDirectory, cacheOverride: cacheDirectory)
        return Services(paths: paths)
    }
}

/// The real collaborators, built once per command from the resolved paths.
struct Services: Sendable {
    let paths: DojoPaths
    let processRunner = SystemProcessRunner()

    var loader: TaskLoader { TaskLoader(tasksDirectory: paths.tasksDirectory, userTasksDirectory: paths.userTasksDirectory) }

    var python: PythonEnvironment {
        PythonEnvironment(venvDirectory: paths.venvDirectory, requirementsFile: paths.requirementsFile, runner: processRunner)
    }

    /// The interpreter, with the environment built first when missing or stale.
    func interpreter() throws -> URL {
        try python.ensure(progress: Console.progress)
    }

    /// The builder for a task's episodes (`EpisodeBuilder`): the interpreter (built when missing), the
    /// prepared data (unless given), the runner and limits the options ask for (`limits` replaces the
    /// task's own, with the overrides already applied), and isolated grading.
    func episodes(for spec: TaskSpec, seed: Int, options: RunnerOptions, limits: TaskSpec.Limits? = nil,
                  prepared given: PreparedTask? = nil) throws(DojoError) -> EpisodeBuilder {
        let interpreter: URL
        let prepared: PreparedTask
        do {
            interpreter = try self.interpreter()
            prepared = try given ?? self.prepared(spec, seed: seed)
        } catch let error as DojoError { throw error } catch {
            throw DojoError(.preparation, "\(error)")
        }
        let limits = limits ?? options.apply(to: spec.limits)
        let runner = try options.runner(python: interpreter, limits: limits, hidden: spec.hiddenData, warn: Console.progress)
        return EpisodeBuilder(task: spec, prepared: prepared, runner: runner, limits: limits, clock: SystemClock(),
                              episodesDirectory: paths.episodesDirectory,
                              grading: isolatedGrading(spec, prepared: prepared, sandbox: options.sandbox))
    }

    /// An agent process's environment (`dojo run`, co-pilot): the host's, plus where the agent client
    /// library lives.
    var agentEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let agents = paths.tasksDirectory.deletingLastPathComponent().appendingPathComponent("Agents").path
        environment["PYTHONPATH"] = [agents, environment["PYTHONPATH"]].compactMap { $0 }.joined(separator: ":")
        environment["PYTHONUNBUFFERED"] = "1"
        return environment
    }

    /// Grading in `dojo grade-worker` children with the task's limits; a Python metric in its own bwrap
    /// sandbox unless the code itself runs without one.
    /// `warmMetric: false` runs a Python metric cold (a fresh sandboxed interpreter per grade; `dojo bench python-metric`).
    func isolatedGrading(_ spec: TaskSpec, prepared: PreparedTask, sandbox: RunnerOptions.Sandbox,
                         warmMetric: Bool = true) -> @Sendable (Grader) -> any SubmissionGrading {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let python = try? interpreter()
        let bwrap = sandbox == .bwrap ? SystemProcessRunner.resolve("bwrap", environment: [:]) : nil
        return { grader in
            IsolatedGrader(task: spec, prepared: prepared, grader: grader, executable: executable, python: python, bwrap: bwrap,
                           warmMetric: warmMetric)
        }
    }

    func prepared(_ task: TaskSpec, seed: Int) throws -> PreparedTask {
        try preparationCache().prepare(task, seed: seed, progress: Console.progress).0
    }

    /// The cache, with prepare.py sandboxed (no network, only its folders) wherever bwrap is installed.
    func preparationCache() throws -> PreparationCache {
        let python = try interpreter()
        let sandbox = ToolSandbox.find(python: python)
        if sandbox == nil {
            Console.progress("warning: bwrap is not installed: a task's prepare.py runs WITHOUT isolation (apt-get install bubblewrap)")
        }
        return PreparationCache(root: paths.preparedDirectory, runner: processRunner, python: python, sandbox: sandbox)
    }
}

enum Console {
    static let progress: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(("dojo: " + line + "\n").utf8))
    }

    static func printJSON(_ value: some Encodable, pretty: Bool = true) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
