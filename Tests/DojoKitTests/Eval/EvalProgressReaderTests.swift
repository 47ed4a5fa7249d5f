import DojoKit
import DojoTesting
import Foundation
import Testing

/// Reading an evaluation's progress from its run directory, as the dashboard does every second.
@Suite struct EvalProgressReaderTests {
    func manifest(seeds: Int = 2, parallel: Int = 2) -> EvalManifest {
        let request = EvalManifest.Request(agents: [.init(name: "baseline", command: "python baseline.py")], tasks: ["diamonds"],
                                           seeds: seeds, options: EvalEpisodeOptions())
        return EvalManifest(request: request, backend: .init(kind: "local", parallel: parallel),
                            resources: .init(cpus: 1, memoryMB: 1024, enforcement: nil), dojoVersion: "test", dojoCommit: nil,
                            machine: .init(host: "h", cores: 2, memoryMB: 2048, os: "Linux"), createdAt: "2026-12-03T10:00:00Z")
    }

    @Test func plannedEpisodesWithoutAStatusArePendingAndARunningOneIsReadFromItsTrajectory() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let directory = RunDirectory(temp.file("run"))
        try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
        try directory.writeManifest(manifest())
        let key = EpisodeKey(agent: "baseline", task: "diamonds", seed: 1)
        let run = SyntheticRun(task: "diamonds", agent: "baseline", seed: 1, scores: [0.5, 0.25], end: nil)
        let lines = try TrajectoryLines.make(run.events, header: run.header, temp: temp)
        try FileManager.default.createDirectory(at: directory.files(for: key).directory, withIntermediateDirectories: true)
        try (lines[0] + lines[1]).write(to: directory.files(for: key).trajectory)
        try directory.writeStatus(EpisodeStatus(state: .running, key: key, startedAt: "2026-12-03T10:00:00.000Z",
                                                host: "this-host", runner: ProcessIdentity.current.description))
        let reader = EvalProgressReader(directory: directory, host: "this-host")
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-03T10:01:30Z"))
        var progress = reader.read(now: now)
        #expect(progress.parallel == 2)
        #expect(progress.problem == nil)
        #expect(progress.episodes.map(\.state) == [.running, .pending])
        #expect(progress.episodes[0].steps == 1)
        #expect(progress.episodes[0].bestScore == 0.5)
        #expect(progress.episodes[0].seconds == 90)
        #expect(progress.episodes[0].orphaned == false)
        #expect(progress.episodes[1].key.seed == 2)
        #expect(!progress.isFinished)

        // The next step arrives in the trajectory; then the episode ends and the status says so.
        try TrajectoryLines.append(lines[2], to: directory.files(for: key).trajectory)
        progress = reader.read(now: now)
        #expect(progress.episodes[0].steps == 2)
        #expect(progress.episodes[0].bestScore == 0.25)
        #expect(progress.episodes[0].medal == .bronze)
        var done = EpisodeStatus(state: .done, key: key, startedAt: "2026-12-03T10:00:00Z", endedAt: "2026-12-03T10:02:00Z", steps: 2,
                                 bestScore: 0.25, humanRank: 0.75, position: 3, boardSize: 10, medal: "bronze", reason: "closed by the agent")
        done.seconds = 120
        try directory.writeStatus(done)
        progress = reader.read(now: now)
        #expect(progress.episodes[0].state == .done)
        #expect(progress.episodes[0].position == 3)
        #expect(progress.episodes[0].seconds == 120)
        #expect(abs((progress.etaSeconds ?? 0) - 60) < 1e-6)
    }

    @Test func aRunningEpisodeWhoseEvalIsGoneIsOrphanedAndAnEpisodeOutsideThePlanIsShown() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let directory = RunDirectory(temp.file("run"))
        try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
        try directory.writeManifest(manifest(seeds: 1))
        let key = EpisodeKey(agent: "baseline", task: "diamonds", seed: 1)
        // A pid that cannot be alive with that start time.
        try directory.writeStatus(EpisodeStatus(state: .running, key: key, startedAt: "2026-12-03T10:00:00Z", host: "this-host",
                                                runner: "999999.1"))
        try directory.writeStatus(EpisodeStatus(state: .failed, key: EpisodeKey(agent: "other", task: "titanic", seed: 1), reason: "x"))
        let progress = EvalProgressReader(directory: directory, host: "this-host").read()
        #expect(progress.episodes.map(\.key.description) == ["baseline/diamonds/seed-1", "other/titanic/seed-1"])
        #expect(progress.episodes[0].orphaned)
        #expect(progress.isFinished)
        // No manifest yet: nothing planned, said as a problem.
        let bare = RunDirectory(temp.file("bare"))
        let empty = EvalProgressReader(directory: bare).read()
        #expect(empty.episodes.isEmpty)
        #expect(empty.problem == "no manifest.json yet")
    }

    /// A status the runner rewrote after a step (`updated_at`) is what the dashboard shows: the
    /// trajectory is not read (here it says less than the status, to tell them apart).
    @Test func aRunningEpisodeWithPerStepStatusIsReadFromItsStatusAlone() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let directory = RunDirectory(temp.file("run"))
        try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
        try directory.writeManifest(manifest(seeds: 1))
        let key = EpisodeKey(agent: "baseline", task: "diamonds", seed: 1)
        let run = SyntheticRun(task: "diamonds", agent: "baseline", seed: 1, scores: [0.5], end: nil)
        try run.write(to: directory.files(for: key).trajectory)
        var status = EpisodeStatus(state: .running, key: key, startedAt: "2026-12-03T10:00:00.000Z", host: "this-host",
                                   runner: ProcessIdentity.current.description, steps: 7, bestScore: 0.12, humanRank: 0.9,
                                   position: 4, boardSize: 60, medal: "silver")
        status.lastAction = "request_info"
        status.higherIsBetter = false
        status.updatedAt = "2026-12-03T10:01:00.000Z"
        status.seconds = 60
        try directory.writeStatus(status)
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-03T10:01:30Z"))
        let episode = try #require(EvalProgressReader(directory: directory, host: "this-host").read(now: now).episodes.first)
        #expect(episode.steps == 7)
        #expect(episode.bestScore == 0.12)
        #expect(episode.position == 4 && episode.boardSize == 60)
        #expect(episode.medal == .silver)
        #expect(episode.lastAction == "request_info")
        #expect(episode.higherIsBetter == false)
        // The time of a running episode runs on from its start, not from its last step.
        #expect(episode.seconds == 90)
    }
}
