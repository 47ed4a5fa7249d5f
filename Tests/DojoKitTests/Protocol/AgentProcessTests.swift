import DojoKit
import DojoTesting
import Foundation
import Testing

/// Real agent processes (shell scripts) against the protocol: hostile ones end the episode with a
/// recorded reason and leave no process behind.
@Suite struct AgentProcessTests {
    func session(_ temp: TemporaryDirectory) throws -> (ProtocolSession, URL) {
        _ = FixtureTask(in: temp.file("tasks"))
        let task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
        let prepared = try PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(),
                                            python: FixtureTask.systemPython).prepare(task, seed: 1).0
        let trajectory = temp.file("agent.dojo.jsonl")
        let episodes = temp.file("episodes")
        let session = ProtocolSession(factory: { (_: String?, _: Int?) throws(DojoError) -> Environment in
            try Environment(task: task, prepared: prepared, runner: LocalCodeRunner(python: FixtureTask.systemPython),
                            clock: SystemClock(), episodesDirectory: episodes,
                            configuration: .init(seed: 1, limits: task.limits), trajectoryPlacer: { _ in trajectory })
        })
        return (session, trajectory)
    }

    func agent(_ temp: TemporaryDirectory, _ script: String, silence: Double = 30) -> AgentProcess {
        let path = temp.write("agent.sh", script)
        return AgentProcess(command: "bash \(path.path)", environment: ProcessInfo.processInfo.environment,
                            stderrLog: temp.file("agent.log"), silenceTimeout: silence)
    }

    @Test func aHostileAgentGetsErrorsThenTimesOutAndLeavesNothing() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (session, trajectory) = try session(temp)
        let marker = "dojo-hostile-\(UUID().uuidString.prefix(8))"
        // Garbage, a 9 MB line, an unknown method, a valid reset, then a hang with a child that would linger.
        let script = """
        echo 'garbage {{{'
        head -c 9000000 /dev/zero | tr '\\0' a; echo
        echo '{"jsonrpc":"2.0","id":1,"method":"dance"}'
        echo '{"jsonrpc":"2.0","id":2,"method":"reset"}'
        (exec -a \(marker) sleep 600) &
        for i in 1 2 3 4 5; do read -r line; echo "$line" >&2; done
        sleep 600
        """
        let reason = try agent(temp, script, silence: 2).run(session: session)
        #expect(reason == "agent silent for 2 s")
        let log = try String(contentsOf: temp.file("agent.log"), encoding: .utf8)
        let replies = log.split(separator: "\n")
        #expect(replies.count == 4)
        #expect(replies[0].contains("\"code\":-32700"))
        #expect(replies[1].contains("\"code\":-32002"))
        #expect(replies[2].contains("\"code\":-32601"))
        #expect(replies[3].contains("\"result\""))
        #expect(try TrajectoryReader.read(trajectory).end?.reason == "agent silent for 2 s")
        #expect(try processesNamed(marker) == 0)
    }

    @Test func anAgentThatExitsEndsTheEpisode() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (session, trajectory) = try session(temp)
        let script = """
        echo '{"jsonrpc":"2.0","id":1,"method":"reset"}'
        read -r line
        echo '{"jsonrpc":"2.0","id":2,"method":"step","params":{"type":"request_info","info_type":"name"}}'
        read -r line
        exit 3
        """
        let reason = try agent(temp, script).run(session: session)
        #expect(reason == "agent exited with code 3")
        let read = try TrajectoryReader.read(trajectory)
        #expect(read.steps.count == 1)
        #expect(read.end?.reason == "agent exited with code 3")
    }

    @Test func anAgentFloodingInvalidMessagesIsStopped() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (session, _) = try session(temp)
        let process = AgentProcess(command: "yes not-json", environment: ProcessInfo.processInfo.environment,
                                   stderrLog: temp.file("agent.log"), silenceTimeout: 30, floodLimit: 200)
        let reason = try process.run(session: session)
        #expect(reason == "agent flooded stdout with 200 invalid messages in a row")
    }

    @Test func stoppingFromOutsideEndsASilentAgentWithTheGivenReason() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (session, _) = try session(temp)
        let marker = "dojo-stopped-\(UUID().uuidString.prefix(8))"
        let stop = Cancellation()
        let script = """
        echo '{"jsonrpc":"2.0","id":1,"method":"reset"}'
        read -r line
        (exec -a \(marker) sleep 600) &
        sleep 600
        """
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { stop.cancel() }
        let reason = try agent(temp, script, silence: 60).run(session: session, stop: stop, stopReason: "the person quit")
        #expect(reason == "the person quit")
        #expect(session.closed)
        #expect(try processesNamed(marker) == 0)
    }
}
