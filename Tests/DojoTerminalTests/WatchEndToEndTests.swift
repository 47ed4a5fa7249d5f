import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real `dojo watch` under tmux, following a trajectory the test writes line by line.
@Suite(.serialized) struct WatchEndToEndTests {
    let dojo = DojoBinary()

    /// A temporary home: no user config, a fresh cache and state.
    func environment(_ temp: TemporaryDirectory) -> [String: String] { TestHome(temp).environment() }

    func header() -> TrajectoryHeader {
        TrajectoryHeader(task: "titanic", taskDigest: "abc", seed: 42, agent: ["name": .string("e2e")],
                         startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0")
    }

    func step(_ index: Int, code: String, stdout: String) throws -> TrajectoryEvent {
        let json = """
        {"step": \(index), "action": "execute_code", "status": "ok", "feedback": "Step \(index) done.",
         "execution": {"exit_code": 0, "timed_out": false, "duration_ms": 1200, "stdout": \(String(reflecting: stdout)), "stderr": "",
                       "truncated_bytes": 0, "sandbox": "none"},
         "reward": 0, "budget": {"steps_used": \(index), "steps_left": \(50 - index), "seconds_left": 7000},
         "terminated": false, "truncated": false}
        """
        let observation = try JSONDecoder().decode(Observation.self, from: Data(json.utf8))
        return .step(StepRecord(index: index, t: Double(index), actor: .agent, action: .executeCode(code), observation: observation))
    }

    func lines(_ events: [TrajectoryEvent], temp: TemporaryDirectory) throws -> [Data] {
        try TrajectoryLines.make(events, header: header(), temp: temp)
    }

    func append(_ data: Data, to url: URL) throws { try TrajectoryLines.append(data, to: url) }

    @Test func followsStepsLiveUntilTheEnd() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let all = try lines([
            try step(1, code: "print('first step code')", stdout: "output of the first step\n"),
            try step(2, code: "print('second step code')", stdout: "output of the second step\n"),
            .end(EndRecord(t: 3, reason: "closed by the agent")),
        ], temp: temp)
        let url = temp.file("live.dojo.jsonl")
        try all[0].write(to: url)
        let session = try TmuxSession(command: "\(dojo.url.path) watch \(url.path)", width: 120, height: 40, environment: environment(temp))
        defer { session.kill() }

        var wait = session.waitFor("no step yet", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("live"))
        #expect(wait.screen.contains("Titanic"))

        try append(all[1], to: url)
        wait = session.waitFor("first step code")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("output of the first step"))
        #expect(wait.screen.contains("step 1 of 1"))

        // A torn line shows nothing until its newline arrives.
        try append(all[2].prefix(20), to: url)
        try append(all[2].dropFirst(20), to: url)
        wait = session.waitFor("second step code")
        #expect(wait.ok, "\(wait.screen)")

        // Back one step, read-only, then the end.
        try session.keys("p")
        wait = session.waitFor("step 1 of 2 · paused")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor("read-only")
        #expect(wait.ok, "\(wait.screen)")
        try append(all[3], to: url)
        wait = session.waitFor("ended (closed by the agent)")
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("│ live │"))
        try session.keys("q")
        wait = session.waitFor("watched 2 steps")
        #expect(wait.ok, "\(wait.screen)")
    }

    @Test func aMissingFileIsWaitedForWhenItsFolderExistsAndAnErrorWhenNot() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let waited = try dojo.run(["watch", temp.file("later.dojo.jsonl").path, "--wait", "0.3"], timeout: 60)
        #expect(waited.exitCode != 0)
        #expect(waited.stderr.text.contains("waiting up to 0.3 s"), "\(waited.stderr.text)")
        #expect(waited.stderr.text.contains("no such trajectory file after waiting"), "\(waited.stderr.text)")
        let typo = try dojo.run(["watch", temp.file("no-such-folder/run.dojo.jsonl").path], timeout: 60)
        #expect(typo.exitCode != 0)
        #expect(!typo.stderr.text.contains("waiting"), "\(typo.stderr.text)")
        #expect(typo.stderr.text.contains("no such trajectory file"), "\(typo.stderr.text)")
    }

    @Test func aFileThatIsNotATrajectoryIsAnErrorBeforeTheScreenOpens() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let file = temp.file("notes.txt")
        try Data("hello\n".utf8).write(to: file)
        let result = try dojo.run(["watch", file.path], timeout: 60)
        #expect(result.exitCode != 0)
        #expect(result.stderr.text.contains("not a trajectory header"), "\(result.stderr.text)")
    }

    /// `dojo run --watch` with the baseline agent: the watch view follows the episode, the summary prints after it closes.
    @Test func runWithWatchShowsTheEpisodeLiveThenPrintsTheSummary() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let root = DojoBinary.repositoryRoot()
        let trajectory = temp.file("run.dojo.jsonl")
        let agent = "python3 \(root.appendingPathComponent("Agents/baseline/agent.py").path)"
        let session = try TmuxSession(
            command: "\(dojo.url.path) run titanic --agent \"\(agent)\" --trajectory \(trajectory.path) --max-steps 4 --watch",
            width: 120, height: 40, environment: environment(temp))
        defer { session.kill() }
        var wait = session.waitFor(timeout: 300) { $0.contains("│ watch │") && $0.contains("live") }
        #expect(wait.ok, "\(wait.screen)")
        wait = session.waitFor("ended (", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("best 0."), "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("EXITED=", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("Episode over"), "\(wait.screen)")
        #expect(wait.screen.contains("EXITED=0"), "\(wait.screen)")
        let read = try TrajectoryReader.read(trajectory)
        #expect(read.end != nil)
    }

    /// The issue's check: `dojo run` headless in one tmux session, `dojo watch` on its trajectory in another.
    @Test func watchesAHeadlessRunFromASecondTerminal() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let root = DojoBinary.repositoryRoot()
        let trajectory = temp.file("headless.dojo.jsonl")
        let agent = "python3 \(root.appendingPathComponent("Agents/baseline/agent.py").path)"
        let runner = try TmuxSession(
            command: "\(dojo.url.path) run titanic --agent \"\(agent)\" --trajectory \(trajectory.path) --max-steps 4",
            width: 120, height: 40, environment: environment(temp))
        defer { runner.kill() }
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: trajectory.path), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let watcher = try TmuxSession(command: "\(dojo.url.path) watch \(trajectory.path)", width: 120, height: 40,
                                      environment: environment(temp))
        defer { watcher.kill() }
        var wait = watcher.waitFor("ended (", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("best 0."), "\(wait.screen)")
        #expect(wait.screen.contains("Titanic"), "\(wait.screen)")
        wait = runner.waitFor("EXITED=0", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        let steps = try TrajectoryReader.read(trajectory).steps.count
        #expect(watcher.capture().contains("of \(steps)"))
        try watcher.keys("q")
        wait = watcher.waitFor("watched \(steps) step")
        #expect(wait.ok, "\(wait.screen)")
    }
}
