import ArgumentParser
import DojoKit
import Foundation
import Synchronization

/// `dojo eval`: many agents × tasks × seeds into a run directory (docs/eval.md); `dojo eval report`.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate agents on tasks over seeds into a resumable run directory; `dojo eval report` compares them.",
        subcommands: [EvalRunCommand.self, EvalReportCommand.self, EvalWatchCommand.self],
        defaultSubcommand: EvalRunCommand.self)
}

struct EvalRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every episode (agent × task × seed), N at a time, each in its own sandbox with a fair share of the machine.",
        discussion: """
        Each episode is a `dojo run` in RUN_DIR/episodes/AGENT/TASK/seed-N/. Re-running the same command, or \
        `dojo eval --resume RUN_DIR`, runs only what is missing or was interrupted (the partial attempt is kept \
        in interrupted-N/). Ctrl-C stops every episode cleanly. See docs/eval.md.
        """)

    // `--tasks` is the task ids here (as the issue names it), so the task folder is `--tasks-dir`.
    @Option(name: .customLong("tasks-dir"), help: "The folder of task folders (default: $DOJO_TASKS, else the repository's Tasks/).")
    var tasksDirectory: String?
    @Option(name: .customLong("cache"), help: "The cache folder (default: $DOJO_CACHE, else $XDG_CACHE_HOME/dojo).")
    var cacheDirectory: String?
    @Option(name: .customLong("agent"), help: "NAME=COMMAND (repeatable): an agent and its command line, run with /bin/sh -c.")
    var agents: [String] = []
    @Option(help: "A suite of Tasks/suites.toml (`dojo tasks --suites`).") var suite: String?
    @Option(help: "Task ids, comma-separated.") var tasks: String?
    @Option(help: "Seeds 1…N per agent and task (the agent reads its seed from $DOJO_SEED).") var seeds = 1
    @Option(help: "Episodes at a time.") var parallel = 1
    @Option(help: "The run directory (made when missing).") var out: String?
    @Option(help: "Resume the evaluation in this run directory, as its manifest asks.") var resume: String?
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(name: .customLong("silence-timeout"), help: "Seconds an agent may stay silent.") var silenceTimeout: Double = 600
    @Option(name: .customLong("split-seed"), help: "The tasks' train/test split seed, the same for every episode.") var splitSeed = 42
    @Flag(name: .customLong("no-tui"), help: "Print one line per finished episode and the totals (the default when stdout is not a terminal).")
    var noTUI = false
    @Flag(name: .customLong("no-share"), help: "Do not confine each episode to its share of CPUs and memory.") var noShare = false
    @Option(name: .customLong("cgroup-root"), help: .hidden) var cgroupRoot: String?
    @OptionGroup(title: "Many machines") var ray: RayOptions

    func validate() throws {
        if seeds < 1 { throw ValidationError("--seeds must be at least 1") }
        if parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if out == nil && resume == nil { throw ValidationError("give --out RUN_DIR (or --resume RUN_DIR)") }
        if let out, let resume, URL(fileURLWithPath: out).standardizedFileURL != URL(fileURLWithPath: resume).standardizedFileURL {
            throw ValidationError("--out and --resume name different folders")
        }
        if silenceTimeout <= 0 { throw ValidationError("--silence-timeout must be positive") }
    }

    func run() throws {
        let common = try CommonOptions.parse((tasksDirectory.map { ["--tasks", $0] } ?? []) + (cacheDirectory.map { ["--cache", $0] } ?? []))
        let services = try common.services()
        let directory = RunDirectory(URL(fileURLWithPath: resume ?? out ?? "."))
        if resume != nil && !directory.exists {
            throw DojoError(.usage, "no evaluation here (manifest.json is missing)", at: directory.root.path,
                            hint: "start one with `dojo eval --agent NAME=CMD --tasks … --out \(directory.root.path)`")
        }
        let lock = try RunDirectoryLock.acquire(directory)
        defer { lock.release() }
        let existing = try directory.readManifest()
        let request: EvalManifest.Request
        if let existing, resume != nil, agents.isEmpty, tasks == nil, suite == nil {
            request = existing.request
        } else {
            request = try askedRequest(services)
            if let existing {
                let differences = existing.request.differences(from: request)
                guard differences.isEmpty else {
                    throw DojoError(.usage, "this run directory holds a different evaluation: " + differences.joined(separator: "; "),
                                    at: directory.root.path,
                                    hint: "resume it as it was (`dojo eval --resume \(directory.root.path)`) or choose another --out")
                }
            } else {
                let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory.root.path)) ?? []).filter { $0 != ".lock" }
                guard entries.isEmpty else {
                    throw DojoError(.usage, "the folder is not empty and holds no evaluation (no manifest.json)", at: directory.root.path,
                                    hint: "choose a new or empty folder for --out")
                }
            }
        }
        // The fair share: the machine's cores and memory divided by the episodes that run at once.
        let machine = EvalManifest.Machine.current()
        let share = EpisodeSpec.Resources(cpus: Double(machine.cores) / Double(parallel), memoryMB: machine.memoryMB / parallel)
        let resources: EvalManifest.ResourceShare
        if ray.enabled {
            resources = .init(cpus: share.cpus, memoryMB: share.memoryMB, enforcement: nil,
                              note: "placed by Ray: each episode asks the cluster for its task's [limits] cpus, gpus and memory_mb")
        } else if noShare {
            resources = .init(cpus: share.cpus, memoryMB: share.memoryMB, enforcement: nil, note: "not enforced: --no-share")
        } else {
            let probe = EvalCgroup.probe(at: cgroups)
            resources = .init(cpus: share.cpus, memoryMB: share.memoryMB,
                              enforcement: probe.version.map { "\($0): cpu quota and memory limit per episode" },
                              note: probe.problem.map { "not enforced: \($0)" })
            if let problem = probe.problem { Console.progress("warning: each episode's CPU and memory share is not enforced: \(problem)") }
        }
        let backend = ray.manifestBackend(parallel: parallel)
        let session = EvalManifest.Session(startedAt: EvalRunner.stamp(Date()), runner: ProcessIdentity.current.description,
                                           backend: backend, resources: resources)
        var manifest = existing ?? EvalManifest(request: request, backend: backend, resources: resources, dojoVersion: DojoVersion.current,
                                                dojoCommit: Self.commit(of: services.paths.tasksDirectory.deletingLastPathComponent()),
                                                machine: machine, createdAt: session.startedAt)
        manifest.backend = backend
        manifest.resources = resources
        manifest.sessions.append(session)
        try directory.writeManifest(manifest)

        // The Python environment and every task's data ready before episodes start, so parallel
        // episodes never prepare the same data at once.
        // On Ray every node prepares its own data, in its own cache.
        if !ray.enabled {
            _ = try services.interpreter()
            for task in request.tasks { _ = try services.prepared(try services.loader.load(id: task), seed: request.options.splitSeed) }
        }

        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let local = LocalEpisodeBackend(
            executable: executable,
            extraArguments: ["--stop-with-parent", "--tasks", services.paths.tasksDirectory.path, "--cache", services.paths.cacheDirectory.path],
            environment: ProcessInfo.processInfo.environment, share: resources.enforcement == nil ? nil : share, cgroups: cgroups)
        let presenter = EvalPresentation.make(directory: directory, manifest: manifest, noTUI: noTUI)
        let cluster = try ray.backend(services: services, directory: directory)
        defer { cluster?.shutdown() }
        let runner = EvalRunner(directory: directory, request: request, backend: cluster ?? local, parallel: parallel, resources: share,
                                events: { presenter.handle($0) })
        let stop = StopSignals()
        defer { stop.restore() }
        let result: [EpisodeStatus]
        if EvalDashboard.shows(noTUI: noTUI) {
            // The live dashboard over this run directory while the runner works (docs/eval.md, "Live dashboard").
            let environment = ProcessInfo.processInfo.environment
            let settings = ThemeFiles(paths: services.paths, environment: environment).settings(theme: nil, environment: environment)
            result = try EvalDashboard.runShowing(directory, services: services, settings: settings, stop: stop) {
                () async throws(DojoError) -> [EpisodeStatus] in try await runner.run()
            }
        } else {
            result = try Self.runUntilStopped(stop: stop) { () async throws(DojoError) -> [EpisodeStatus] in try await runner.run() }
        }
        presenter.finish(statuses: directory.statuses(), request: request, ranNow: result)
        let all = request.episodes.compactMap { try? directory.readStatus($0) }
        if stop.number == 0 && all.count == request.episodes.count && all.allSatisfy(\.state.isFinal) {
            do throws(DojoError) {
                let report = try EvalReport.build(runs: [directory])
                try report.write(into: directory.root)
                Console.progress("report: \(directory.reportMarkdown.path) (and report.json, report.csv)")
            } catch {
                Console.progress("warning: the report could not be written: \(error)")
            }
        }
        if stop.number != 0 {
            Console.progress("stopped by \(StopSignals.name(stop.number)); resume with `dojo eval --resume \(directory.root.path)`")
            throw ExitCode(128 + stop.number)
        }
        if all.contains(where: { !$0.state.isFinal }) || all.count < request.episodes.count {
            Console.progress("some episodes did not finish; resume with `dojo eval --resume \(directory.root.path)`")
            throw ExitCode(1)
        }
    }

    /// Runs `work` on the concurrency pool while this thread watches for a stop signal, which cancels it.
    static func runUntilStopped<T: Sendable>(stop: StopSignals, _ work: @escaping @Sendable () async throws(DojoError) -> T) throws(DojoError) -> T {
        let result = Mutex<Result<T, DojoError>?>(nil)
        let task = Task {
            let outcome: Result<T, DojoError>
            do throws(DojoError) { outcome = .success(try await work()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
        }
        var cancelled = false
        while true {
            if let outcome = result.withLock({ $0 }) { return try outcome.get() }
            if !cancelled && stop.cancellation.isCancelled {
                cancelled = true
                Console.progress("stopping: every running episode ends, its status becomes interrupted…")
                task.cancel()
            }
            usleep(50_000)
        }
    }

    /// Where the cgroup file system is: /sys/fs/cgroup, or `--cgroup-root` (hidden: for tests and odd mounts).
    var cgroups: EvalCgroup.Location {
        cgroupRoot.map { EvalCgroup.Location(root: URL(fileURLWithPath: $0)) } ?? EvalCgroup.Location()
    }

    /// The request the flags ask for (agents named, tasks checked to exist, the suite expanded).
    func askedRequest(_ services: Services) throws -> EvalManifest.Request {
        guard !agents.isEmpty else { throw ValidationError("give at least one --agent NAME=COMMAND") }
        var parsed: [EvalManifest.Agent] = []
        for (index, text) in agents.enumerated() {
            let agent = Self.parseAgent(text, index: index + 1)
            guard EpisodeKey.validName(agent.name) else {
                throw DojoError(.usage, "the agent name \"\(agent.name)\" cannot be a folder name",
                                hint: "use letters, digits, '.', '_' and '-' (--agent NAME=COMMAND)")
            }
            guard !agent.command.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw DojoError(.usage, "the agent \(agent.name) has no command", hint: "--agent NAME=COMMAND")
            }
            if parsed.contains(where: { $0.name == agent.name }) {
                throw DojoError(.usage, "two agents are named \(agent.name)", hint: "give each --agent its own NAME=")
            }
            parsed.append(agent)
        }
        let loader = services.loader
        var ids: [String]
        switch (suite, tasks) {
        case (let suite?, nil): ids = try TaskSuites.load(loader: loader).taskIds(in: suite)
        case (nil, let list?): ids = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case (nil, nil): throw ValidationError("give --suite NAME or --tasks a,b,…")
        case (_?, _?): throw ValidationError("give --suite or --tasks, not both")
        }
        guard !ids.isEmpty else { throw ValidationError("no tasks to evaluate") }
        var seen = Set<String>()
        ids = ids.filter { seen.insert($0).inserted }
        for id in ids { _ = try loader.load(id: id) }
        let options = EvalEpisodeOptions(runner: sandboxOptions.episode, silenceTimeout: silenceTimeout, splitSeed: splitSeed)
        return EvalManifest.Request(agents: parsed, tasks: ids, suite: suite, seeds: seeds, options: options)
    }

    /// `NAME=COMMAND`; a text whose part before `=` is not a plain name is all command, named `agent-N`.
    static func parseAgent(_ text: String, index: Int) -> EvalManifest.Agent {
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals])
            if !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" || $0 == "-" && name.hasPrefix("-") }) {
                return .init(name: name, command: String(text[text.index(after: equals)...]))
            }
        }
        return .init(name: "agent-\(index)", command: text)
    }

    /// The git commit of the Dojo checkout, when it is one.
    static func commit(of repository: URL) -> String? {
        guard let git = SystemProcessRunner.resolve("git", environment: ProcessInfo.processInfo.environment) else { return nil }
        let outcome = try? SystemProcessRunner().run(ProcessSpec(executable: git, arguments: ["-C", repository.path, "rev-parse", "HEAD"],
                                                                 timeout: 10))
        guard let outcome, outcome.exitCode == 0 else { return nil }
        let text = outcome.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
