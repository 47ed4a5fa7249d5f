import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real `dojo runs` (and `dojo replay` without a file) under tmux, on trajectories in a temporary
/// home's trajectories folder and in an evaluation run directory given with --dir.
@Suite(.serialized) struct RunsEndToEndTests {
    let dojo = DojoBinary()

    /// Two runs of the person's (diamonds, titanic) and one evaluation episode with a status and an agent log.
    func layout(_ home: TestHome) throws -> (mine: URL, episode: URL, runDirectory: URL) {
        let mine = try SyntheticRun(task: "diamonds", agent: "me", startedAt: "2026-12-01T09:00:00Z", scores: [0.5, nil, 0.15])
            .write(to: home.trajectories.appendingPathComponent("diamonds-20261201T090000Z-aaaaaa.dojo.jsonl"))
        try "{\"type\":\"note\",\"step\":1,\"text\":\"mine\",\"at\":\"x\"}\n"
            .write(to: TrajectoryNaming.sibling(of: mine, ending: ".dojo-notes.jsonl"), atomically: true, encoding: .utf8)
        try SyntheticRun(task: "titanic", agent: "me", startedAt: "2026-12-02T09:00:00Z", scores: [0.7, 0.85], higherIsBetter: true, end: nil)
            .write(to: home.trajectories.appendingPathComponent("titanic-20261202T090000Z-bbbbbb.dojo.jsonl"))
        let runDirectory = home.temp.file("run-1")
        try FileManager.default.createDirectory(at: runDirectory, withIntermediateDirectories: true)
        try "{}".write(to: runDirectory.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        let folder = runDirectory.appendingPathComponent("episodes/baseline/diamonds/seed-1")
        let episode = try SyntheticRun(task: "diamonds", agent: "baseline", startedAt: "2026-12-03T08:00:00Z", seed: 1, scores: [0.4, 0.25])
            .write(to: folder.appendingPathComponent("trajectory.dojo.jsonl"))
        try "{\"state\": \"done\", \"reason\": \"closed by the agent\"}".write(to: folder.appendingPathComponent("status.json"), atomically: true, encoding: .utf8)
        try "agent log".write(to: folder.appendingPathComponent("agent.log"), atomically: true, encoding: .utf8)
        return (mine, episode, runDirectory)
    }

    @Test func filterSortReplayCompareAndDeleteWithConfirmation() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let (mine, episode, runDirectory) = try layout(home)
        let session = try TmuxSession(command: "\(dojo.url.path) runs --dir \(runDirectory.path)", width: 120, height: 30,
                                      environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor("Dojo · runs · 3 of 3")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("▸  diamonds  baseline  2026-12-03 08:00      2  0.2500 bronze  ended: closed by the agent"), "\(wait.screen)")
        #expect(wait.screen.contains("titanic   me        2026-12-02 09:00      2  0.8500 silver  no end record"), "\(wait.screen)")
        #expect(wait.screen.contains("diamonds  me        2026-12-01 09:00      3  0.1500 silver  ended: closed by the agent"), "\(wait.screen)")

        // Filter by agent, then sort by score: the person's best diamonds run comes first.
        try session.keys("/")
        try session.type("agent:me")
        try session.keys("Enter")
        wait = session.waitFor("2 of 3")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("s")
        wait = session.waitFor("best score first (by task)")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("▸  diamonds  me"), "\(wait.screen)")

        // Enter replays it; quitting the replay comes back to the browser as it was.
        try session.keys("Enter")
        wait = session.waitFor("step 1 · 1/3")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("# diamonds step 1"), "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("filter: agent:me")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("best score first (by task)"), "\(wait.screen)")

        // Two marks compare the episode with the person's run.
        try session.keys("Escape")
        wait = session.waitFor("3 of 3")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Home", "Space", "Space")
        wait = session.waitFor("two runs marked")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Enter")
        wait = session.waitFor("diamonds-20261201T090000Z-aaaaaa.dojo.jsonl vs trajectory.dojo.jsonl")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("Dojo · runs · 3 of 3")
        #expect(wait.ok, "\(wait.screen)")

        // d asks; n keeps; d then y deletes the trajectory and its notes.
        try session.keys("/")
        try session.type("agent:me diamonds")
        try session.keys("Enter", "d")
        wait = session.waitFor("Delete diamonds-20261201T090000Z-aaaaaa.dojo.jsonl, diamonds-20261201T090000Z-aaaaaa.dojo-notes.jsonl? (y)es")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("n")
        wait = session.waitFor("kept diamonds-20261201T090000Z-aaaaaa.dojo.jsonl")
        #expect(wait.ok, "\(wait.screen)")
        #expect(FileManager.default.fileExists(atPath: mine.path))
        try session.keys("d", "y")
        wait = session.waitFor("deleted diamonds-20261201T090000Z-aaaaaa.dojo.jsonl")
        #expect(wait.ok, "\(wait.screen)")
        #expect(!FileManager.default.fileExists(atPath: mine.path))
        #expect(!FileManager.default.fileExists(atPath: TrajectoryNaming.sibling(of: mine, ending: ".dojo-notes.jsonl").path))
        #expect(FileManager.default.fileExists(atPath: episode.path))
        try session.keys("q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")
    }

    @Test func replayWithoutAFileOpensTheBrowserAndListPrintsTheRuns() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        _ = try layout(home)
        let session = try TmuxSession(command: "\(dojo.url.path) replay", width: 100, height: 20, environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor("Dojo · runs · 2 of 2")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Enter")
        wait = session.waitFor("step 1 · 1/2")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("Dojo · runs · 2 of 2")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")

        let listed = try dojo.run(["runs", "--list"], environment: home.environment())
        #expect(listed.exitCode == 0, "\(listed.stderr.text)")
        let rows = listed.stdout.text.split(separator: "\n").map { $0.split(separator: "\t").prefix(8).joined(separator: "|") }
        #expect(rows == ["2026-12-02 09:00|titanic|me|42|2|0.8500|silver|no end record",
                         "2026-12-01 09:00|diamonds|me|42|3|0.1500|silver|ended: closed by the agent"], "\(listed.stdout.text)")
        let missing = try dojo.run(["runs", "--dir", temp.file("nowhere").path], environment: home.environment())
        #expect(missing.exitCode != 0)
        #expect(missing.stderr.text.contains("no such folder"), "\(missing.stderr.text)")
    }
}
