import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo run` with the shipped baseline agent, as a user runs it.
@Suite struct RunCommandTests {
    @Test func theBaselineAgentGetsAValidScoredSubmission() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("baseline.dojo.jsonl")
        let agent = "python3 \(DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path)"
        let outcome = try DojoBinary().run(["run", "titanic", "--agent", agent, "--trajectory", trajectory.path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(outcome.stdout.text.contains("execute_code   ok     accuracy="))
        #expect(outcome.stdout.text.contains("Episode over: closed by the agent."))
        let read = try TrajectoryReader.read(trajectory)
        #expect(read.header.agent["command"] == .string(agent))
        #expect(read.steps.allSatisfy { $0.actor == .agent })
        #expect(read.steps.contains { $0.observation.submission?.valid == true && $0.observation.submission?.rawScore != nil })
        #expect(read.events.contains { if case .note = $0 { true } else { false } })
        #expect(read.end?.reason == "closed by the agent")
        let log = try String(contentsOf: temp.file("baseline.agent.log"), encoding: .utf8)
        #expect(log.contains("baseline: best"))
        // The summary's score has six significant digits at most, and the trajectory's path is printed once (at the start).
        let best = try #require(outcome.stdout.text.split(separator: "\n").first { $0.hasPrefix("Best: accuracy = ") })
        let score = try #require(best.dropFirst("Best: accuracy = ".count).split(separator: " ").first)
        #expect(score.filter(\.isNumber).count <= 7, "\(best)")
        #expect((outcome.stdout.text + outcome.stderr.text).components(separatedBy: trajectory.path).count - 1 == 1,
                "\(outcome.stdout.text)\n\(outcome.stderr.text)")
    }

    /// Bug 6 of issue 17: an agent that cannot start made `dojo run` exit 0 with the reason only in its log.
    @Test func anAgentThatNeverStartsAnEpisodeExitsThreeWithItsLastStderrLines() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("never.dojo.jsonl")
        let missing = temp.file("nonexistent.py").path
        let outcome = try DojoBinary().run(["run", "titanic", "--agent", "python3 \(missing)", "--trajectory", trajectory.path])
        #expect(outcome.exitCode == 3, "\(outcome.stdout.text)\n\(outcome.stderr.text)")
        #expect(outcome.stdout.text.contains("The agent never started an episode (agent exited with code 2)"), "\(outcome.stdout.text)")
        let lines = outcome.stderr.text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("dojo:   | ") && $0.contains("can't open file '\(missing)'") }, "\(outcome.stderr.text)")
        // The error comes last, with the agent's last line: what `dojo eval` takes as the episode's reason.
        let last = try #require(lines.last)
        #expect(last.hasPrefix("dojo: error: the agent never started an episode (agent exited with code 2): ") && last.contains(missing), "\(last)")
        #expect(!FileManager.default.fileExists(atPath: trajectory.path))

        // An agent that exits at once without a word: exit 3, and it says the log is empty.
        let silent = try DojoBinary().run(["run", "titanic", "--agent", "true", "--trajectory", temp.file("silent.dojo.jsonl").path])
        #expect(silent.exitCode == 3)
        #expect(silent.stderr.text.contains("the agent never started an episode (agent exited with code 0); its stderr is empty"), "\(silent.stderr.text)")
    }

    /// An agent that crashes after its reset played an episode: exit 0 (eval counts it), its last stderr lines printed.
    @Test func anAgentThatCrashesMidEpisodeExitsZeroAndShowsItsLastStderrLines() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let agent = temp.write("crash.py", """
        import json, sys
        print(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "reset", "params": {}}), flush=True)
        sys.stdin.readline()
        print("about to fail", file=sys.stderr)
        raise SystemExit("the agent gave up")
        """)
        let trajectory = temp.file("crash.dojo.jsonl")
        let outcome = try DojoBinary().run(["run", "titanic", "--agent", "python3 \(agent.path)", "--trajectory", trajectory.path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(outcome.stdout.text.contains("Episode over: agent exited with code 1. 0 steps."), "\(outcome.stdout.text)")
        #expect(outcome.stderr.text.contains("dojo:   | about to fail\ndojo:   | the agent gave up"), "\(outcome.stderr.text)")
        #expect(try TrajectoryReader.read(trajectory).end?.reason == "agent exited with code 1")
    }
}
