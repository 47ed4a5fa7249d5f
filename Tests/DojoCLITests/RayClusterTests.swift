import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Dojo on a real Ray cluster: a head and a second worker node started on this machine with
/// `ray start`, the shipped driver (Agents/ray/dojo_ray.py) and real `dojo run` episodes of the
/// baseline agent. Slow (minutes) and needs the Ray environment (`dojo setup ray`): run by
/// `make test-ray` (DOJO_TEST_RAY=1), not by `make test`.
@Suite(.serialized) struct RayClusterTests {
    static let enabled = ProcessInfo.processInfo.environment["DOJO_TEST_RAY"] == "1"

    /// The Ray environment of the cache this test runs with (`dojo setup ray` built it).
    static func rayEnvironment() throws -> RayEnvironment {
        let environment = ProcessInfo.processInfo.environment
        let paths = try DojoPaths.resolve(environment: environment, currentDirectory: DojoBinary.repositoryRoot(),
                                          executable: DojoBinary().url)
        let ray = RayEnvironment(paths: paths, runner: SystemProcessRunner())
        _ = try ray.readyInterpreter()
        return ray
    }

    static func nodeEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
        return environment
    }

    static let agent = "python3 \(DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path)"

    /// The scores of every scored step, in order (deterministic for the baseline agent on a split seed).
    static func scores(_ url: URL) throws -> [Double] {
        try TrajectoryReader.read(url).steps.compactMap { $0.observation.submission?.rawScore }
    }

    static func request(_ id: String, in folder: URL, maxSteps: Int) -> RayEpisodeRequest {
        let episode = folder.appendingPathComponent(id)
        try? FileManager.default.createDirectory(at: episode, withIntermediateDirectories: true)
        return RayEpisodeRequest(
            id: id, dojo: DojoBinary().url.path,
            arguments: ["run", "penguins", "--agent", agent, "--seed", "42", "--max-steps", String(maxSteps),
                        "--trajectory", RayEpisodeRequest.trajectoryPlaceholder, "--agent-log", RayEpisodeRequest.agentLogPlaceholder],
            workingDirectory: DojoBinary.repositoryRoot().path,
            resources: RayEpisodeRequest.Resources(cpus: 1, memoryBytes: 1 << 30, gpus: 0),
            trajectory: episode.appendingPathComponent("trajectory.dojo.jsonl"),
            agentLog: episode.appendingPathComponent("agent.log"), runLog: episode.appendingPathComponent("run.log"))
    }

    @Test(.enabled(if: enabled), .timeLimit(.minutes(30)))
    func episodesRunOnTheClusterAsLocallyAndALostWorkerIsReported() async throws {
        let ray = try Self.rayEnvironment()
        let temp = TemporaryDirectory(prefix: "dojo-ray-test")
        defer { temp.remove() }
        // The reference: the same episode run here.
        let local = temp.file("local.dojo.jsonl")
        let reference = try DojoBinary().run(["run", "penguins", "--agent", Self.agent, "--seed", "42", "--max-steps", "3",
                                              "--trajectory", local.path], in: DojoBinary.repositoryRoot())
        #expect(reference.exitCode == 0, "\(reference.stderr.text)")
        let expected = try Self.scores(local)
        #expect(!expected.isEmpty)

        let cluster = try LocalRayCluster(python: ray.python.interpreter, environment: Self.nodeEnvironment())
        defer { cluster.stop() }
        let driver = try RayDriver(interpreter: ray.python.interpreter, script: ray.driverScript, address: cluster.address,
                                   log: temp.file("driver.log"))
        defer { driver.shutdown() }
        let connection = try driver.start()
        #expect(connection.nodes == 2)

        // Two episodes at once: one on each node (one CPU each); both as the local one.
        let first = Self.request("a", in: temp.url, maxSteps: 3)
        let second = Self.request("b", in: temp.url, maxSteps: 3)
        async let endA = driver.run(first)
        async let endB = driver.run(second)
        for (request, end) in [(first, await endA), (second, await endB)] {
            guard case .finished(let code, let output, _) = end else {
                Issue.record("\(request.id): \(end)")
                continue
            }
            #expect(code == 0, "\(output)")
            #expect(try Self.scores(request.trajectory) == expected)
            #expect(try TrajectoryReader.read(request.trajectory).end != nil, "the whole trajectory came back")
            let log = try String(contentsOf: request.agentLog, encoding: .utf8)
            #expect(log.contains("baseline"), "the agent's log came back")
            #expect(try String(contentsOf: request.runLog, encoding: .utf8).contains("Episode over"))
        }

        // A worker killed mid-episode: the episode on the worker node ends `lost` (Ray does not retry
        // it behind Dojo's back), with what had streamed back so far; the other one is unharmed.
        let killed = Self.request("c", in: temp.url, maxSteps: 50)
        let other = Self.request("d", in: temp.url, maxSteps: 3)
        let started = StartCount()
        async let endC = driver.run(killed) { _ in started.count.withLock { $0 += 1 } }
        async let endD = driver.run(other) { _ in started.count.withLock { $0 += 1 } }
        var victims: [Int32] = []
        for _ in 0..<3000 where victims.isEmpty {
            let grown = [killed, other].contains { (try? Data(contentsOf: $0.trajectory).count) ?? 0 > 0 }
            if started.count.withLock({ $0 }) == 2 && grown { victims = cluster.episodeWorkersOnWorkerNode() }
            if victims.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(victims.count == 1, "one episode runs on the worker node")
        kill(victims[0], SIGKILL)
        let ends = [await endC, await endD]
        let lost = ends.filter { if case .failed(.lost, _) = $0 { true } else { false } }
        let finished = ends.filter { if case .finished(0, _, _) = $0 { true } else { false } }
        #expect(lost.count == 1 && finished.count == 1, "\(ends)")
        // No `dojo run` of the killed episode is left on the node (its worker's death stopped it).
        for _ in 0..<600 where !Self.episodeProcesses().isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        #expect(Self.episodeProcesses().isEmpty)
    }

    /// `dojo run` processes of this build running an episode on the cluster (in a node's temporary folder).
    static func episodeProcesses() -> [Int32] {
        let dojo = DojoBinary().url.path
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = String(decoding: data, as: UTF8.self).split(separator: "\0")
            return arguments.first.map(String.init) == dojo && arguments.contains { $0.contains("/dojo-ray-") }
        }
    }
}

/// How many episodes the cluster has started (the driver's callbacks come from its reader thread).
final class StartCount: Sendable {
    let count = Mutex(0)
}
