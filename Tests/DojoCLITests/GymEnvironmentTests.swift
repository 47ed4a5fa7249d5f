import DojoKit
import DojoTesting
import Foundation
import Testing

/// The Gymnasium package (Agents/gym) driven by Gymnasium itself against the real `dojo serve` it starts.
@Suite(.serialized) struct GymEnvironmentTests {
    static func report(_ mode: String, _ arguments: [String] = []) throws -> [String: Any] {
        let outcome = try AgentsPython().run(AgentsPython.client("gym_session.py"), [mode] + arguments)
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let line = outcome.stdout.text.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(outcome.stdout.text)")
    }

    static func taskIds(_ filter: [String] = []) throws -> [String] {
        let outcome = try DojoBinary().run(["tasks", "--json"] + filter)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [[String: Any]])
        return rows.compactMap { $0["id"] as? String }.sorted()
    }

    /// Every task is registered; the checker (about 40 s a task) runs on the `lite` suite, one task per
    /// kind, or on every task with DOJO_TEST_EVERY_TASK=1 (`make test-all`), to keep `make test` within CI's budget.
    @Test func gymnasiumsCheckerPassesOnEveryTaskWithoutAWarning() throws {
        let everyTask = ProcessInfo.processInfo.environment["DOJO_TEST_EVERY_TASK"] == "1"
        let checked = everyTask ? try Self.taskIds() : try Self.taskIds(["--suite", "lite"])
        #expect(checked.count >= 4)
        let report = try Self.report("check", checked)
        #expect(report["registration_error"] is NSNull)
        #expect(report["registered"] as? [String] == (try Self.taskIds()).map { "dojo/\($0)-v0" })
        #expect(report["ids"] as? [String] == checked.map { "dojo/\($0)-v0" })
        #expect((report["warnings"] as? [String]) == [], "\(report["warnings"] ?? "")")
    }

    @Test func aRandomAgentRunsUntilItsEpisodeEnds() throws {
        let report = try Self.report("random", ["penguins"])
        let terminated = report["terminated"] as? Bool == true
        let truncated = report["truncated"] as? Bool == true
        #expect(terminated || truncated)
        let actions = try #require(report["actions"] as? [String])
        let last = try #require(report["last"] as? [String: Any])
        // Either the four budgeted steps were used up, or the agent drew the reset action (which ends the episode).
        if actions.last != "reset" {
            #expect((last["budget"] as? [String: Any])?["steps_left"] as? Int == 0)
            #expect(terminated)
        }
        let trajectory = try TrajectoryReader.read(URL(fileURLWithPath: try #require(report["trajectory"] as? String)))
        #expect(trajectory.header.task == "penguins")
        #expect(trajectory.header.seed == 3)
        // Refused actions (a random info_type, say) take no step; the others are all recorded.
        #expect(trajectory.steps.count == actions.count - (report["refused"] as? Int ?? 0) - (actions.last == "reset" ? 1 : 0))
    }

    @Test func theBaselineAgentThroughGymnasiumGetsAScoreAndItsReturnIsTheBestPositionScore() throws {
        let script = DojoBinary.repositoryRoot().appendingPathComponent("Agents/gym/examples/baseline_agent.py")
        let outcome = try AgentsPython().run(script, ["titanic"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let report = try #require(try JSONSerialization.jsonObject(
            with: Data((outcome.stdout.text.split(separator: "\n").last.map(String.init) ?? "").utf8)) as? [String: Any])
        let scores = try #require(report["scores"] as? [String: Any])
        #expect(Set(scores.keys) == ["linear", "forest", "lightgbm"])
        for (_, score) in scores { #expect((score as? Double ?? 0) > 0.7) }
        let best = try #require((report["best"] as? [String: Any])?["human_rank"] as? Double)
        #expect(abs((report["return"] as? Double ?? -1) - best) < 1e-9)
        let trajectory = try TrajectoryReader.read(URL(fileURLWithPath: try #require(report["trajectory"] as? String)))
        #expect(trajectory.steps.count == 5)
        #expect(trajectory.end?.reason == "closed by the agent")
    }

    @Test func theSameSeedGivesTheSameSplitAndAnotherSeedAnother() throws {
        let report = try Self.report("seeds", ["titanic"])
        #expect(report["same"] as? Bool == true)
        #expect(report["different"] as? Bool == true)
    }

    @Test func renderGivesTheFeedbackAndCloseEndsTheEpisodeAndTheServer() throws {
        let report = try Self.report("lifecycle", ["penguins"])
        let rendered = try #require(report["rendered"] as? String)
        #expect(rendered.hasPrefix("New episode on penguins"))
        #expect(rendered == report["feedback"] as? String)
        #expect(report["server_exit"] is Int)
        let trajectory = try TrajectoryReader.read(URL(fileURLWithPath: try #require(report["trajectory"] as? String)))
        #expect(trajectory.end?.reason == "closed by the agent")
    }

    @Test func anEnvironmentUsesARunningServeAndTheResetActionEndsItsEpisode() throws {
        let temp = TemporaryDirectory(prefix: "gy")
        defer { temp.remove() }
        let socket = temp.file("d.sock").path
        let server = Process()
        server.executableURL = DojoBinary().url
        server.arguments = ["serve", "--socket", socket, "--trajectories", temp.file("runs").path]
        server.environment = AgentsPython.environment()
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.stopForTest()
        }
        var waited = 0.0
        while !FileManager.default.fileExists(atPath: socket), waited < 120 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 0.1
        }
        let report = try Self.report("external", [socket, "titanic"])
        #expect(report["started_own_server"] as? Bool == false)
        #expect(report["reset_terminated"] as? Bool == true)
        let fresh = try #require(report["fresh"] as? String)
        #expect(fresh != report["first"] as? String)
        #expect(report["after_reset"] as? String == fresh)
        #expect(report["name"] as? String == "titanic")
        #expect(server.isRunning, "closing the environment stopped a server it did not start")
        let first = try TrajectoryReader.read(URL(fileURLWithPath: try #require(report["first"] as? String)))
        #expect(first.end?.reason == "reset")
        #expect(first.header.seed == 9)
        let second = try TrajectoryReader.read(URL(fileURLWithPath: fresh))
        #expect(second.steps.map(\.action.name) == [.requestInfo])
        #expect(second.end?.reason == "closed by the agent")
    }
}
