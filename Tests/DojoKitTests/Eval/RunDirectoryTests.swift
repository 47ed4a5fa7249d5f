@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The run directory's files: manifest and statuses round-trip through atomic writes, interrupted
/// attempts move aside in order, the lock excludes a second holder, requests name their differences.
@Suite struct RunDirectoryTests {
    func manifest(seeds: Int = 2, command: String = "python3 a.py") -> EvalManifest {
        EvalManifest(
            request: .init(agents: [.init(name: "base", command: command), .init(name: "other", command: "python3 b.py")],
                           tasks: ["titanic", "penguins"], suite: nil, seeds: seeds, options: EvalEpisodeOptions(runner: RunnerOptions(maxSteps: 3))),
            backend: .init(kind: "local", parallel: 2),
            resources: .init(cpus: 1, memoryMB: 1000, enforcement: "cgroup v1"),
            dojoVersion: "0.1.0", dojoCommit: "abc", machine: .init(host: "h", cores: 2, memoryMB: 2000, os: "Linux"),
            createdAt: "2026-12-03T00:00:00Z")
    }

    @Test func theManifestRoundTripsAndListsEveryEpisode() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = RunDirectory(temp.url.appendingPathComponent("run"))
        #expect(try run.readManifest() == nil)
        try RunDirectory.makeDirectory(run.root)
        try run.writeManifest(manifest())
        #expect(try run.readManifest() == manifest())
        let keys = manifest().request.episodes
        #expect(keys.count == 8)
        #expect(keys.first == EpisodeKey(agent: "base", task: "titanic", seed: 1))
        #expect(keys.last == EpisodeKey(agent: "other", task: "penguins", seed: 2))
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.root.path) == ["manifest.json"])
    }

    @Test func aDifferentRequestNamesWhatDiffers() {
        let a = manifest().request
        #expect(a.differences(from: a).isEmpty)
        let b = manifest(seeds: 3, command: "python3 c.py").request
        let differences = a.differences(from: b)
        #expect(differences.contains("--seeds: 2 → 3"))
        #expect(differences.contains { $0.contains("agent base's command") && $0.contains("python3 c.py") })
        var c = a
        c.options.maxSteps = 5
        #expect(a.differences(from: c) == ["--max-steps: 3 → 5"])
    }

    @Test func statusesRoundTripAndInterruptedAttemptsMoveAsideInOrder() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = RunDirectory(temp.url)
        let key = EpisodeKey(agent: "base", task: "titanic", seed: 1)
        #expect(try run.readStatus(key) == nil)
        var status = EpisodeStatus(state: .running, key: key, startedAt: "2026-12-03T00:00:00Z", pid: 42)
        try run.writeStatus(status)
        try "partial\n".write(to: run.files(for: key).trajectory, atomically: true, encoding: .utf8)
        #expect(try run.readStatus(key) == status)
        #expect(run.statuses() == [status])

        let first = try #require(try run.moveAside(key))
        #expect(first.lastPathComponent == "interrupted-1")
        #expect(try run.readStatus(key) == nil)
        #expect(FileManager.default.fileExists(atPath: first.appendingPathComponent("trajectory.dojo.jsonl").path))
        #expect(FileManager.default.fileExists(atPath: first.appendingPathComponent("status.json").path))

        status.attempt = 2
        try run.writeStatus(status)
        let second = try #require(try run.moveAside(key))
        #expect(second.lastPathComponent == "interrupted-2")
        #expect(run.interruptedAttempts(key).map(\.lastPathComponent) == ["interrupted-1", "interrupted-2"])
        // Nothing left to move: nil, and no empty folder made.
        #expect(try run.moveAside(key) == nil)
        #expect(run.interruptedAttempts(key).count == 2)
    }

    @Test func statusJSONUsesSnakeCaseKeys() throws {
        let status = EpisodeStatus(state: .done, key: EpisodeKey(agent: "a", task: "t", seed: 3), steps: 4, bestScore: 0.5, humanRank: 0.75)
        let text = String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
        #expect(text.contains("\"best_score\":0.5"))
        #expect(text.contains("\"human_rank\":0.75"))
        #expect(text.contains("\"state\":\"done\""))
        #expect(try JSONDecoder().decode(EpisodeStatus.self, from: Data(text.utf8)) == status)
    }

    @Test func theLockExcludesASecondHolderUntilReleased() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = RunDirectory(temp.url)
        let lock = try RunDirectoryLock.acquire(run)
        // flock locks belong to the open file description: a second open in the same process conflicts too.
        #expect(throws: DojoError.self) { try RunDirectoryLock.acquire(run) }
        do {
            _ = try RunDirectoryLock.acquire(run)
        } catch {
            #expect(error.message.contains("another dojo eval (process \(getpid()))"))
        }
        lock.release()
        let again = try RunDirectoryLock.acquire(run)
        again.release()
    }

    @Test func agentNamesMustBeFolderNames() {
        #expect(EpisodeKey.validName("baseline-2"))
        #expect(EpisodeKey.validName("gpt_4o.mini"))
        #expect(!EpisodeKey.validName(""))
        #expect(!EpisodeKey.validName("a/b"))
        #expect(!EpisodeKey.validName(".hidden"))
        #expect(!EpisodeKey.validName("with space"))
    }

    @Test func theSpecBuildsTheDojoRunArguments() {
        let spec = EpisodeSpec(key: EpisodeKey(agent: "base", task: "titanic", seed: 2), agentCommand: "python3 a.py",
                               options: EvalEpisodeOptions(runner: RunnerOptions(maxSteps: 3), silenceTimeout: 60), attempt: 1,
                               resources: .init(cpus: 1, memoryMB: 100))
        #expect(spec.runArguments(trajectory: "/r/t.dojo.jsonl", agentLog: "/r/agent.log") == [
            "run", "titanic", "--agent", "python3 a.py", "--agent-name", "base", "--episode-seed", "2",
            "--trajectory", "/r/t.dojo.jsonl", "--agent-log", "/r/agent.log",
            "--sandbox", "bwrap", "--max-steps", "3", "--silence-timeout", "60", "--seed", "42",
        ])
    }
}
