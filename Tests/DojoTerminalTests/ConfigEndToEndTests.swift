import DojoKit
import DojoTesting
import Foundation
import Testing

/// The user's config file (`$XDG_CONFIG_HOME/dojo/config.toml` in a temporary home) applies in every
/// screen: a rebound key and the config's theme, in the real `dojo watch` and `dojo replay` under tmux
/// (they used to ignore the config).
@Suite(.serialized) struct ConfigEndToEndTests {
    let dojo = DojoBinary()

    static let config = """
    theme = "gruvbox"

    [keys]
    watch_next = "l"
    replay_next = "l"
    """

    func step(_ index: Int, code: String) throws -> TrajectoryEvent {
        let json = """
        {"step": \(index), "action": "execute_code", "status": "ok", "feedback": "Step \(index) done.",
         "execution": {"exit_code": 0, "timed_out": false, "duration_ms": 1200, "stdout": "out \(index)\\n", "stderr": "",
                       "truncated_bytes": 0, "sandbox": "none"},
         "reward": 0, "budget": {"steps_used": \(index), "steps_left": \(50 - index), "seconds_left": 7000},
         "terminated": false, "truncated": false}
        """
        let observation = try JSONDecoder().decode(Observation.self, from: Data(json.utf8))
        return .step(StepRecord(index: index, t: Double(index), actor: .agent, action: .executeCode(code), observation: observation))
    }

    /// Two finished steps on the titanic task.
    func trajectory(_ temp: TemporaryDirectory) throws -> URL {
        let header = TrajectoryHeader(task: "titanic", taskDigest: "abc", seed: 42, agent: ["name": .string("e2e")],
                                      startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0")
        let url = temp.file("run.dojo.jsonl")
        let lines = try TrajectoryLines.make([try step(1, code: "print('first step code')"), try step(2, code: "print('second step code')"),
                                              .end(EndRecord(t: 3, reason: "closed by the agent"))], header: header, temp: temp)
        try lines.reduce(Data(), +).write(to: url)
        return url
    }

    /// F1's title names the theme in use.
    func expectTheme(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try session.keys("F1")
        let wait = session.waitFor("theme gruvbox")
        #expect(wait.ok, "\(wait.screen)", sourceLocation: sourceLocation)
        // F1 again, not Escape: Escape and the next key would arrive as one Alt key.
        try session.keys("F1")
        let closed = session.waitFor { !$0.contains("theme gruvbox") }
        #expect(closed.ok, "\(closed.screen)", sourceLocation: sourceLocation)
    }

    @Test func watchTakesTheReboundKeyAndTheTheme() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        home.writeConfig(Self.config)
        let url = try trajectory(temp)
        let session = try TmuxSession(command: "\(dojo.url.path) watch \(url.path)", width: 120, height: 40, environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor { $0.contains("second step code") && $0.contains("l/p step") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("p")
        wait = session.waitFor("first step code")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("n")
        try session.keys("l")
        wait = session.waitFor("second step code")
        #expect(wait.ok, "\(wait.screen)")
        try expectTheme(session)
        try session.keys("q")
        wait = session.waitFor("watched 2 steps")
        #expect(wait.ok, "\(wait.screen)")
    }

    @Test func replayTakesTheReboundKeyAndTheTheme() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        home.writeConfig(Self.config)
        let url = try trajectory(temp)
        let session = try TmuxSession(command: "\(dojo.url.path) replay \(url.path)", width: 120, height: 40, environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor { $0.contains("step 1 · 1/2") && $0.contains("first step code") }
        #expect(wait.ok, "\(wait.screen)")
        // `n` is no longer bound (replay is read-only: it says so); `l` moves.
        try session.keys("n")
        wait = session.waitFor("replay is read-only")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("l")
        wait = session.waitFor { $0.contains("step 2 · 2/2") && $0.contains("second step code") }
        #expect(wait.ok, "\(wait.screen)")
        try expectTheme(session)
        try session.keys("q")
        wait = session.waitFor("replayed 2 steps")
        #expect(wait.ok, "\(wait.screen)")
    }
}
