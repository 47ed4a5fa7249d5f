import Foundation

/// `dojo eval --ray ADDRESS`: each episode is one Ray task on the cluster, placed by the task's
/// resources (`[limits] cpus`, `gpus`, `memory_mb`), running `dojo run` on a node. The trajectory, the
/// agent's log and `dojo run`'s output stream back into the episode's folder here as they grow.
///
/// A worker or node lost under an episode (the Ray task dies with it) does not count: what came back
/// of it is kept aside in `interrupted-N/` with an `interrupted` status saying why, and the episode
/// runs again from scratch, up to `lostRetries` times; after that it ends `interrupted` (a resume
/// re-runs it). Only the attempt that ran to its end is the episode.
public final class RayBackend: EpisodeBackend {
    public var kind: String { "ray" }
    public var capacity: Int? { nil }

    public let driver: RayDriver
    public let connection: RayDriver.Connection
    /// The `dojo` executable on the nodes, and arguments added after each episode's `dojo run` ones (`--tasks DIR`).
    public let dojo: String
    public let extraArguments: [String]
    /// Where tasks are read from here, for their resource requests.
    public let loader: TaskLoader
    /// The episode's working directory on a node that has it (the agent command's relative paths).
    public let workingDirectory: String?
    public let lostRetries: Int
    private let now: @Sendable () -> Date

    /// Starts the driver with the Ray environment's interpreter and waits for it to connect.
    public init(address: String, ray: RayEnvironment, driverLog: URL, dojo: String, extraArguments: [String] = [],
                loader: TaskLoader, workingDirectory: String?, lostRetries: Int = 2,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                now: @escaping @Sendable () -> Date = { Date() }) throws(DojoError) {
        let interpreter = try ray.readyInterpreter()
        let driver = try RayDriver(interpreter: interpreter, script: ray.driverScript, address: address, log: driverLog,
                                   environment: environment)
        do {
            connection = try driver.start()
        } catch {
            driver.shutdown()
            throw error
        }
        self.driver = driver
        self.dojo = dojo
        self.extraArguments = extraArguments
        self.loader = loader
        self.workingDirectory = workingDirectory
        self.lostRetries = lostRetries
        self.now = now
    }

    /// Stops the driver (what still runs on the cluster is cancelled).
    public func shutdown() {
        driver.shutdown()
    }

    /// What the episode asks the cluster for: the task's CPUs and GPUs, its memory limit (or the
    /// evaluation's `--memory-mb`).
    public func resources(for spec: EpisodeSpec) throws(DojoError) -> RayEpisodeRequest.Resources {
        let task = try loader.load(id: spec.key.task)
        return RayEpisodeRequest.Resources(task: task.resources, memoryMB: spec.options.memoryMB ?? task.limits.memoryMB)
    }

    public func request(_ spec: EpisodeSpec, files: EpisodeFiles, try number: Int) throws(DojoError) -> RayEpisodeRequest {
        RayEpisodeRequest(
            id: "\(spec.key.description)#\(spec.attempt).\(number)", dojo: dojo,
            arguments: spec.runArguments(trajectory: RayEpisodeRequest.trajectoryPlaceholder,
                                         agentLog: RayEpisodeRequest.agentLogPlaceholder) + extraArguments,
            workingDirectory: workingDirectory, resources: try resources(for: spec),
            trajectory: files.trajectory, agentLog: files.agentLog, runLog: files.runLog)
    }

    public func run(_ spec: EpisodeSpec, files: EpisodeFiles,
                    started: @escaping @Sendable (_ host: String, _ pid: Int32?) -> Void) async throws -> EpisodeOutcome {
        try RunDirectory.makeDirectory(files.directory)
        var lost: [String] = []
        while true {
            let request = try request(spec, files: files, try: lost.count + 1)
            let end = await driver.run(request) { host in started(host, nil) }
            switch end {
            case .finished(let code, let output, let host):
                return EpisodeOutcome(exitCode: code >= 0 ? Int32(code) : nil, signal: code < 0 ? Int32(-code) : nil,
                                      interrupted: false, host: host, message: Self.lastError(in: output))
            case .failed(.cancelled, _):
                return EpisodeOutcome(exitCode: nil, interrupted: true, message: "stopped: the evaluation was cancelled")
            case .failed(.lost, let reason):
                if Task.isCancelled {
                    return EpisodeOutcome(exitCode: nil, interrupted: true, message: "stopped: the evaluation was cancelled")
                }
                lost.append(reason)
                guard lost.count <= lostRetries else {
                    return EpisodeOutcome(exitCode: nil, interrupted: true,
                                          message: "lost \(lost.count) times on the Ray cluster (last: \(reason)); a resume re-runs it")
                }
                try Self.keepAside(spec.key, files: files, reason: reason, at: now())
            case .failed(.unschedulable, let reason):
                throw DojoError(.cluster, "\(spec.key.task) cannot run on the Ray cluster: \(reason)",
                                hint: "add a node with enough resources, or lower [limits] cpus/gpus/memory_mb (or pass --memory-mb)")
            case .failed(.error, let reason):
                throw DojoError(.cluster, "the Ray node could not run the episode: \(reason)",
                                hint: "every node needs Dojo and its tasks installed (docs/eval.md, \"Many machines: Ray\")")
            }
        }
    }

    /// Moves what a lost attempt sent back into `interrupted-N/` (its status saying why) and puts the
    /// episode's running status back, so the re-run starts from nothing and the dashboard still shows it running.
    static func keepAside(_ key: EpisodeKey, files: EpisodeFiles, reason: String, at date: Date) throws(DojoError) {
        guard let directory = runDirectory(of: files, key: key) else {
            // Not in a run directory's layout: start the files over.
            for url in [files.trajectory, files.agentLog, files.runLog] { try? FileManager.default.removeItem(at: url) }
            return
        }
        let running = try? directory.readStatus(key)
        guard let aside = try directory.moveAside(key) else { return }
        if var record = running {
            record.state = .interrupted
            record.endedAt = stamp(date)
            record.reason = "interrupted: lost on the Ray cluster (\(reason)); re-run from scratch"
            try RunDirectory.writeJSON(record, to: aside.appendingPathComponent("status.json"))
        }
        if let running { try directory.writeStatus(running) }
    }

    /// The run directory holding `files`, when they sit at the key's place in one.
    static func runDirectory(of files: EpisodeFiles, key: EpisodeKey) -> RunDirectory? {
        let path = files.directory.standardizedFileURL.path
        let relative = "/" + key.relativePath
        guard path.hasSuffix(relative) else { return nil }
        return RunDirectory(URL(fileURLWithPath: String(path.dropLast(relative.count))))
    }

    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The last line of `dojo run`'s output mentioning an error, else its last line.
    static func lastError(in output: String) -> String? {
        let lines = output.split(separator: "\n").map(String.init)
        return lines.last { $0.contains("error") } ?? lines.last
    }
}
