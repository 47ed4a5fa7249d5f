import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `dojo eval --ray` end to end, as a user runs it: a real two-node Ray cluster on this machine
/// (`ray start` head + worker), the baseline agent, and the report compared with the local backend's
/// on the same seeds; then a worker killed mid-episode. Slow (minutes): `make test-ray` (DOJO_TEST_RAY=1).
@Suite(.serialized) struct RayEvalTests {
    static let agent = "baseline=python3 \(DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path)"

    static func evalArguments(out: URL, ray: String?) -> [String] {
        ["eval", "--agent", agent, "--tasks", "penguins", "--seeds", "2", "--parallel", "2", "--max-steps", "3", "--no-tui",
         "--out", out.path] + (ray.map { ["--ray", $0] } ?? [])
    }

    /// What must not differ between backends: every number of the report but times and folders.
    struct Comparable: Equatable, CustomStringConvertible {
        var cells: [EvalReport.Cell]
        var episodes: [String]
        var summaries: [String]

        init(_ report: EvalReport) {
            cells = report.cells
            episodes = report.episodes.map {
                "\($0.agent) \($0.task) \($0.seed) \($0.state) steps=\($0.steps) valid=\($0.valid) best=\($0.bestScore.map { "\($0)" } ?? "-") "
                    + "rank=\($0.humanRank.map { "\($0)" } ?? "-") pos=\($0.position.map(String.init) ?? "-") medal=\($0.medal ?? "-") reason=\($0.reason ?? "-")"
            }
            summaries = report.summaries.map {
                "\($0.agent) episodes=\($0.episodes) done=\($0.done) medals=\($0.anyMedalRate.map { "\($0)" } ?? "-") "
                    + "rank=\($0.meanHumanRank.map { "\($0)" } ?? "-") valid=\($0.validRate.map { "\($0)" } ?? "-") "
                    + "steps=\($0.meanSteps.map { "\($0)" } ?? "-") failures=\($0.failures.sorted { $0.key < $1.key })"
            }
        }

        var description: String { (episodes + summaries).joined(separator: "\n") }
    }

    static func report(_ directory: URL) throws -> EvalReport {
        try JSONDecoder().decode(EvalReport.self, from: Data(contentsOf: directory.appendingPathComponent("report.json")))
    }

    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
        return environment
    }

    @Test(.enabled(if: RayClusterTests.enabled), .timeLimit(.minutes(40)))
    func theReportOnRayEqualsTheLocalOneAndAKilledWorkersEpisodeRunsAgainOnce() async throws {
        let ray = try RayClusterTests.rayEnvironment()
        let temp = TemporaryDirectory(prefix: "dojo-ray-eval")
        defer { temp.remove() }
        let root = DojoBinary.repositoryRoot()

        let localRun = temp.file("local")
        let local = try DojoBinary().run(Self.evalArguments(out: localRun, ray: nil), timeout: 1800, in: root)
        #expect(local.exitCode == 0, "\(local.stderr.text)")
        let expected = Comparable(try Self.report(localRun))
        #expect(expected.episodes.count == 2)
        #expect(expected.episodes.allSatisfy { $0.contains(" done ") && $0.contains("valid=true") }, "\(expected)")

        let cluster = try LocalRayCluster(python: ray.python.interpreter, environment: Self.environment())
        defer { cluster.stop() }

        // The same evaluation on the cluster: the same report.
        let rayRun = temp.file("ray")
        let onRay = try DojoBinary().run(Self.evalArguments(out: rayRun, ray: cluster.address), timeout: 1800, in: root)
        #expect(onRay.exitCode == 0, "\(onRay.stderr.text)")
        #expect(Comparable(try Self.report(rayRun)) == expected)
        let manifest = try #require(try RunDirectory(rayRun).readManifest())
        #expect(manifest.backend.kind == "ray" && manifest.backend.address == cluster.address)
        for status in RunDirectory(rayRun).statuses() {
            #expect(status.backend == "ray" && status.host != nil)
            #expect(RunDirectory(rayRun).interruptedAttempts(status.key).isEmpty)
        }

        // Again, with the worker running an episode killed mid-episode: that episode runs again from
        // scratch (the partial attempt kept aside as interrupted-1), nothing lost, nothing counted twice.
        let killedRun = temp.file("killed")
        let process = Process()
        process.executableURL = DojoBinary().url
        process.arguments = Self.evalArguments(out: killedRun, ray: cluster.address)
        process.currentDirectoryURL = root
        process.environment = Self.environment()
        let output = temp.file("killed.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer { process.stopForTest() }
        var victims: [Int32] = []
        let directory = RunDirectory(killedRun)
        for _ in 0..<6000 where victims.isEmpty && process.isRunning {
            let growing = directory.statuses().contains { status in
                status.state == .running && ((try? Data(contentsOf: directory.files(for: status.key).trajectory).count) ?? 0) > 0
            }
            if growing { victims = cluster.episodeWorkersOnWorkerNode() }
            if victims.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(victims.count == 1, "an episode runs on the worker node: \((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
        kill(victims[0], SIGKILL)
        while process.isRunning { try await Task.sleep(for: .milliseconds(200)) }
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(Comparable(try Self.report(killedRun)) == expected, "\(log)")
        let statuses = directory.statuses()
        #expect(statuses.count == 2 && statuses.allSatisfy { $0.state == .done })
        let aside = statuses.flatMap { directory.interruptedAttempts($0.key) }
        #expect(aside.count == 1, "exactly one attempt was lost and kept aside")
        if let attempt = aside.first {
            let kept = try JSONDecoder().decode(EpisodeStatus.self, from: Data(contentsOf: attempt.appendingPathComponent("status.json")))
            #expect(kept.state == .interrupted)
            #expect(kept.reason?.contains("lost on the Ray cluster") == true)
            // What had come back of it before the worker died, and no end: a partial trajectory.
            let partial = attempt.appendingPathComponent("trajectory.dojo.jsonl")
            #expect(FileManager.default.fileExists(atPath: partial.path))
            #expect((try? TrajectoryReader.read(partial))?.end == nil)
        }
        #expect(RayClusterTests.episodeProcesses().isEmpty, "no dojo run is left on the nodes")
    }
}
