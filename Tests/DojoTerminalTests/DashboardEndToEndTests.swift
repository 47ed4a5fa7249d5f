import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real `dojo eval watch RUN_DIR` under tmux, on a run directory this test writes the way a
/// running `dojo eval` does (status files replaced atomically, a trajectory growing line by line).
@Suite(.serialized) struct DashboardEndToEndTests {
    let dojo = DojoBinary()

    func manifest() -> EvalManifest {
        let request = EvalManifest.Request(agents: [.init(name: "baseline", command: "python baseline.py")], tasks: ["diamonds"],
                                           seeds: 3, options: EvalEpisodeOptions())
        return EvalManifest(request: request, backend: .init(kind: "local", parallel: 2),
                            resources: .init(cpus: 1, memoryMB: 1024, enforcement: nil), dojoVersion: "test", dojoCommit: nil,
                            machine: .init(host: "h", cores: 2, memoryMB: 2048, os: "Linux"), createdAt: "2026-12-03T10:00:00Z")
    }

    @Test func episodesAppearAsTheyProgressEnterWatchesOneLiveAndQComesBack() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let directory = RunDirectory(temp.file("eval-1"))
        try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
        try directory.writeManifest(manifest())
        let first = EpisodeKey(agent: "baseline", task: "diamonds", seed: 1)
        let second = EpisodeKey(agent: "baseline", task: "diamonds", seed: 2)
        try SyntheticRun(task: "diamonds", agent: "baseline", seed: 1, scores: [0.4, 0.15]).write(to: directory.files(for: first).trajectory)
        var done = EpisodeStatus(state: .done, key: first, startedAt: "2026-12-03T10:00:00Z", endedAt: "2026-12-03T10:02:00Z", steps: 2,
                                 bestScore: 0.15, humanRank: 0.8, position: 12, boardSize: 60, medal: "silver", reason: "closed by the agent")
        done.seconds = 120
        try directory.writeStatus(done)
        // The second episode is running: its status names this test process as the runner, so it is not orphaned.
        let run = SyntheticRun(task: "diamonds", agent: "baseline", seed: 2, scores: [0.5, 0.05, 0.3], end: "closed by the agent")
        let lines = try TrajectoryLines.make(run.events, header: run.header, temp: temp)
        try FileManager.default.createDirectory(at: directory.files(for: second).directory, withIntermediateDirectories: true)
        try (lines[0] + lines[1]).write(to: directory.files(for: second).trajectory)
        try directory.writeStatus(EpisodeStatus(state: .running, key: second, startedAt: EvalRunner.stamp(Date()),
                                                host: ProcessInfo.processInfo.hostName, runner: ProcessIdentity.current.description))

        let session = try TmuxSession(command: "\(dojo.url.path) eval watch \(directory.root.path)", width: 110, height: 16,
                                      environment: home.environment())
        defer { session.kill() }
        // The whole first frame (the title alone may be a frame still being drawn on a loaded machine).
        var wait = session.waitFor { $0.contains("3 episodes · 1 done · 1 running · 1 pending") && $0.contains("ETA ") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("▸ baseline  diamonds     1  done"), "\(wait.screen)")
        #expect(wait.screen.contains("12/60  silver"), "\(wait.screen)")
        #expect(wait.screen.contains("baseline  diamonds     2  running     1  0.5000"), "\(wait.screen)")
        #expect(wait.screen.contains("baseline  diamonds     3  pending     –"), "\(wait.screen)")
        #expect(wait.screen.contains("ETA "), "\(wait.screen)")

        // A new step in the running episode's trajectory shows within a poll.
        try TrajectoryLines.append(lines[2], to: directory.files(for: second).trajectory)
        wait = session.waitFor("2  running     2  0.0500")
        #expect(wait.ok, "\(wait.screen)")

        // Enter on it opens the live watch; the next step arrives there; q comes back to the dashboard.
        try session.keys("Down", "Enter")
        wait = session.waitFor("# diamonds step 2")
        #expect(wait.ok, "\(wait.screen)")
        try TrajectoryLines.append(lines[3] + lines[4], to: directory.files(for: second).trajectory)
        wait = session.waitFor("# diamonds step 3")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("back from baseline/diamonds/seed-2")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("▸ baseline  diamonds     2  running     3  0.0500"), "\(wait.screen)")

        // The episode ends: its status says so.
        var ended = EpisodeStatus(state: .done, key: second, startedAt: "2026-12-03T10:00:00Z", endedAt: "2026-12-03T10:03:00Z", steps: 3,
                                  bestScore: 0.05, humanRank: 0.95, position: 2, boardSize: 60, medal: "gold", reason: "closed by the agent")
        ended.seconds = 180
        try directory.writeStatus(ended)
        wait = session.waitFor("2 done · 1 pending")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("medals: 1 gold · 1 silver · 0 bronze"), "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")

        let missing = try dojo.run(["eval", "watch", temp.file("nowhere").path], environment: home.environment())
        #expect(missing.exitCode != 0)
        #expect(missing.stderr.text.contains("no evaluation here"), "\(missing.stderr.text)")
    }
}

extension DashboardEndToEndTests {
    /// The real `dojo eval` on a terminal: the dashboard while the shipped baseline runs two seeds of
    /// titanic; the rows end `done`; q (nothing is left) quits, and the totals line follows.
    @Test func dojoEvalShowsItsDashboardUntilEveryEpisodeHasEnded() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let out = temp.file("eval-tui")
        let agent = "base=python3 " + DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path
        let command = "\(dojo.url.path) eval --agent '\(agent)' --tasks titanic --seeds 2 --parallel 2 --max-steps 3 --out \(out.path)"
        let session = try TmuxSession(command: command, width: 120, height: 20, environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor("Dojo · eval eval-tui · 2 episodes", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("eval (this process runs it)"), "\(wait.screen)")
        wait = session.waitFor("2 episodes · 2 done", timeout: 600)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("finished"), "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("EXITED=0", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("eval: 2 episodes: 2 done"), "\(wait.screen)")
    }
}
