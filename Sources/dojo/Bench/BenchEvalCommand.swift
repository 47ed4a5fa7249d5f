import ArgumentParser
import DojoKit
import Foundation

/// `dojo bench eval`: the same evaluation of a trivial agent run sequentially and with more episodes
/// at a time, through the real runner and local backend (child `dojo run`s, sandboxes, cgroups).
struct BenchEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Episodes per minute, Dojo's overhead per episode and the speed-up of `dojo eval --parallel 2` and `4` over sequential.",
        discussion: """
        Each evaluation is --episodes episodes of a trivial agent (one execute_code of a constant submission, then close) \
        on --task. Overhead per episode = its wall time − the agent's own time (it notes it) − the code's time (the step's \
        duration). Build with -c release for meaningful figures.
        """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Episodes per evaluation.") var episodes = 40
    @Option(help: "The task.") var task = "titanic"
    @Option(help: "The --parallel values to run, comma-separated; the first is the baseline of the speed-up.") var parallel = "1,2,4"
    @Flag(help: "Run the episodes with --cold (no warm interpreter).") var cold = false

    /// The agent's own time is everything since its process started (the interpreter's start-up
    /// included: `/proc/self/stat`'s start time against `/proc/uptime`) less the time it waited for Dojo's answers.
    static let agentScript = """
    import os, sys, time
    def since_start():
        with open("/proc/self/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    sys.path.insert(0, os.environ["DOJO_AGENTS"])
    from dojo_client import DojoClient
    CODE = '''
    import csv
    with open("input/test.csv") as f:
        rows = list(csv.reader(f))
    with open("input/sample_submission.csv") as f:
        header = next(csv.reader(f))
    with open("submission/submission.csv", "w") as f:
        f.write(",".join(header) + "\\\\n")
        for row in rows[1:]:
            f.write(row[0] + "," + ",".join("0" for _ in header[1:]) + "\\\\n")
    '''
    client = DojoClient.stdio()
    waiting = 0.0
    t = time.monotonic(); client.reset(); waiting += time.monotonic() - t
    t = time.monotonic(); client.execute_code(CODE); waiting += time.monotonic() - t
    client.note("bench agent", agent_seconds=max(0.0, since_start() - waiting))
    client.close()
    """

    func validate() throws {
        if episodes < 1 { throw ValidationError("--episodes must be at least 1") }
    }

    func run() throws {
        let levels = parallel.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
        guard !levels.isEmpty else { throw ValidationError("--parallel needs numbers such as 1,2,4") }
        let services = try common.services()
        // The agent runs on the environment's interpreter itself, not through a `python3` shim (pyenv's costs ~0.5 s a start).
        let python = try services.interpreter()
        _ = try services.prepared(try services.loader.load(id: task), seed: 42)
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-bench-eval-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let agent = temp.appendingPathComponent("agent.py")
        try Self.agentScript.write(to: agent, atomically: true, encoding: .utf8)
        let machine = EvalManifest.Machine.current()
        let probe = EvalCgroup.probe()
        print("dojo bench eval: \(episodes) episodes of a trivial agent on \(task) per run; \(machine.cores) cores, "
              + "\(machine.memoryMB) MB; fair share \(probe.version ?? "not enforced: \(probe.problem ?? "")")")
        print("parallel  wall (s)  episodes/min  mean episode (s)  overhead/episode (s)  speed-up")
        var baseline: Double?
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_AGENTS"] = services.paths.tasksDirectory.deletingLastPathComponent().appendingPathComponent("Agents").path
        let stop = StopSignals()
        defer { stop.restore() }
        for level in levels {
            let directory = RunDirectory(temp.appendingPathComponent("run-\(level)"))
            let request = EvalManifest.Request(agents: [.init(name: "trivial", command: "\(python.path) \(agent.path)")], tasks: [task],
                                               seeds: episodes, options: EvalEpisodeOptions(runner: RunnerOptions(cold: cold)))
            let share = EpisodeSpec.Resources(cpus: Double(machine.cores) / Double(level), memoryMB: machine.memoryMB / level)
            let backend = LocalEpisodeBackend(
                executable: executable,
                extraArguments: ["--stop-with-parent", "--tasks", services.paths.tasksDirectory.path, "--cache", services.paths.cacheDirectory.path],
                environment: environment, share: probe.version == nil ? nil : share)
            let runner = EvalRunner(directory: directory, request: request, backend: backend, parallel: level, resources: share, events: { _ in })
            let started = ContinuousClock.now
            let statuses = try EvalRunCommand.runUntilStopped(stop: stop) { () async throws(DojoError) -> [EpisodeStatus] in try await runner.run() }
            let wall = Self.seconds(ContinuousClock.now - started)
            if stop.number != 0 { throw ExitCode(128 + stop.number) }
            let bad = statuses.filter { $0.state != .done || $0.valid != true }
            if let first = bad.first {
                throw DojoError(.episode, "\(bad.count) episode(s) did not end with a valid submission, e.g. \(first.key): \(first.reason ?? first.state.rawValue)",
                                at: directory.files(for: first.key).runLog.path)
            }
            var overheads: [Double] = []
            // Where an episode's time goes (means): outside the episode proper (dojo run's start, the task's load,
            // the agent's start until its reset; after the end, the teardown and exit), from the reset to the last
            // step less the code's time (sandbox start, warm-up, grading, the agent between), and from the last step to the end.
            var outside: [Double] = [], toStep: [Double] = [], toEnd: [Double] = []
            for status in statuses {
                let trajectory = try TrajectoryReader.read(directory.files(for: status.key).trajectory)
                let code = trajectory.steps.compactMap(\.observation.execution).map { Double($0.durationMs) / 1000 }.reduce(0, +)
                var agentSeconds = 0.0
                for case .note(let note) in trajectory.events {
                    if case .number(let value)? = note.data?["agent_seconds"] { agentSeconds += value }
                }
                overheads.append((status.seconds ?? 0) - code - agentSeconds)
                let stepT = trajectory.steps.last?.t ?? 0
                let endT = trajectory.end?.t ?? stepT
                outside.append((status.seconds ?? 0) - endT)
                toStep.append(stepT - code)
                toEnd.append(endT - stepT)
            }
            let perMinute = Double(statuses.count) / wall * 60
            let meanEpisode = statuses.compactMap(\.seconds).reduce(0, +) / Double(max(1, statuses.count))
            let overhead = overheads.reduce(0, +) / Double(max(1, overheads.count))
            if baseline == nil { baseline = perMinute }
            print(String(format: "%8d  %8.1f  %12.1f  %16.2f  %20.2f  %7.2f×", level, wall, perMinute, meanEpisode, overhead,
                         perMinute / (baseline ?? perMinute)))
            func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }
            print(String(format: "          per episode: %.2f s outside the episode (launch, task load, agent start, teardown) · "
                         + "%.2f s reset → step less the code (sandbox, warm-up, grading) · %.2f s step → end", mean(outside), mean(toStep), mean(toEnd)))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
