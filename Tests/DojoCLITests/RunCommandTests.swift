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
    }
}
