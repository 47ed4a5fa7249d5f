@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The Ray backend's own logic, without a cluster (RayClusterTests and RayEvalTests run a real one).
@Suite struct RayBackendTests {
    let key = EpisodeKey(agent: "base", task: "penguins", seed: 2)

    @Test func aLostAttemptIsKeptAsideWithWhyAndTheEpisodeStaysRunning() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = RunDirectory(temp.file("run"))
        let files = run.files(for: key)
        var running = EpisodeStatus(state: .running, key: key, attempt: 1, startedAt: "2026-12-03T12:00:00Z", host: "node-a", backend: "ray")
        running.steps = 1
        try run.writeStatus(running)
        try Data("{\"type\":\"header\"}\n".utf8).write(to: files.trajectory)
        try Data("agent says\n".utf8).write(to: files.agentLog)

        try RayBackend.keepAside(key, files: files, reason: "WorkerCrashedError: the worker died", at: Date(timeIntervalSince1970: 0))

        let aside = run.interruptedAttempts(key)
        #expect(aside.map(\.lastPathComponent) == ["interrupted-1"])
        let kept = try JSONDecoder().decode(EpisodeStatus.self, from: Data(contentsOf: aside[0].appendingPathComponent("status.json")))
        #expect(kept.state == .interrupted)
        #expect(kept.reason == "interrupted: lost on the Ray cluster (WorkerCrashedError: the worker died); re-run from scratch")
        #expect(kept.endedAt == "1970-01-01T00:00:00.000Z")
        #expect(try String(contentsOf: aside[0].appendingPathComponent("trajectory.dojo.jsonl"), encoding: .utf8) == "{\"type\":\"header\"}\n")
        #expect(FileManager.default.fileExists(atPath: aside[0].appendingPathComponent("agent.log").path))
        // The episode starts over: no trajectory, the running status back in place.
        #expect(!FileManager.default.fileExists(atPath: files.trajectory.path))
        #expect(try run.readStatus(key) == running)

        // A second loss goes to interrupted-2.
        try Data("{}\n".utf8).write(to: files.trajectory)
        try RayBackend.keepAside(key, files: files, reason: "NodeDiedError", at: Date())
        #expect(run.interruptedAttempts(key).map(\.lastPathComponent) == ["interrupted-1", "interrupted-2"])
    }

    @Test func theRunDirectoryIsFoundFromAnEpisodesFilesOnlyWhereTheLayoutSaysSo() {
        let run = RunDirectory(URL(fileURLWithPath: "/data/runs/r1"))
        #expect(RayBackend.runDirectory(of: run.files(for: key), key: key) == run)
        #expect(RayBackend.runDirectory(of: EpisodeFiles(directory: URL(fileURLWithPath: "/tmp/elsewhere")), key: key) == nil)
    }

    @Test func theRequestCarriesTheRunArgumentsWithPlaceholdersAndTheTasksResources() throws {
        let spec = EpisodeSpec(key: key, agentCommand: "python3 agent.py", options: EvalEpisodeOptions(runner: RunnerOptions(maxSteps: 3)), attempt: 2,
                               resources: .init(cpus: 0.5, memoryMB: 100))
        let request = RayEpisodeRequest(
            id: "x", dojo: "/opt/dojo",
            arguments: spec.runArguments(trajectory: RayEpisodeRequest.trajectoryPlaceholder, agentLog: RayEpisodeRequest.agentLogPlaceholder),
            resources: .init(task: TaskSpec.Resources(cpus: 2, gpus: 1), memoryMB: 3),
            trajectory: URL(fileURLWithPath: "/r/t.jsonl"), agentLog: URL(fileURLWithPath: "/r/a.log"), runLog: URL(fileURLWithPath: "/r/run.log"))
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(request)) as? [String: Any])
        #expect(object["op"] as? String == "run")
        let arguments = try #require(object["args"] as? [String])
        #expect(arguments.starts(with: ["run", "penguins", "--agent", "python3 agent.py"]))
        #expect(arguments.contains("{trajectory}") && arguments.contains("{agent_log}"))
        #expect(arguments.contains("--max-steps"))
        let resources = try #require(object["resources"] as? [String: Any])
        #expect(resources["num_cpus"] as? Double == 2)
        #expect(resources["num_gpus"] as? Int == 1)
        #expect(resources["memory"] as? Int == 3 << 20)
        #expect(object["run_log"] as? String == "/r/run.log")
    }

    @Test func driverEventsDecode() throws {
        let finished = try JSONDecoder().decode(RayEvent.self, from: Data(#"{"event":"finished","id":"a","exit_code":-9,"output":"x","host":"n1"}"#.utf8))
        #expect(finished == RayEvent(event: .finished, id: "a", host: "n1", exitCode: -9, output: "x"))
        let failed = try JSONDecoder().decode(RayEvent.self, from: Data(#"{"event":"failed","id":"b","kind":"unschedulable","reason":"no GPU"}"#.utf8))
        #expect(failed.kind == .unschedulable && failed.reason == "no GPU")
        #expect(RayBackend.lastError(in: "step 1\ndojo: error: no such task\nbye\n") == "dojo: error: no such task")
    }

    @Test func withoutTheRayEnvironmentTheMessageSaysToSetItUp() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let ray = RayEnvironment(cacheDirectory: temp.file("cache"), repository: DojoBinary.repositoryRoot(), runner: SystemProcessRunner())
        #expect(throws: DojoError.self) { try ray.readyInterpreter() }
        do {
            _ = try ray.readyInterpreter()
        } catch {
            #expect(error.kind == .cluster)
            #expect(error.hint?.contains("dojo setup ray") == true)
        }
    }
}
