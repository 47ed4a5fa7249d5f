import DojoKit
import DojoTesting
import Foundation
import Testing

/// The LLM agent through `dojo run`, against the local stub endpoint replaying recorded replies.
@Suite struct LLMAgentTests {
    @Test func theLLMAgentRetriesActsAndRecordsTokenCounts() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let agents = DojoBinary.repositoryRoot().appendingPathComponent("Agents/llm")
        let stub = Process()
        stub.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        stub.arguments = ["python3", agents.appendingPathComponent("stub_server.py").path,
                          agents.appendingPathComponent("testdata/titanic_replies.json").path]
        let portPipe = Pipe()
        stub.standardOutput = portPipe
        try stub.run()
        defer { stub.stopForTest() }
        let portLine = String(decoding: portPipe.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(portLine.trimmingCharacters(in: .whitespacesAndNewlines)))

        let trajectory = temp.file("llm.dojo.jsonl")
        let agent = "python3 \(agents.appendingPathComponent("agent.py").path) --base-url http://127.0.0.1:\(port)/v1 --model stub"
        let outcome = try DojoBinary().run(["run", "titanic", "--agent", agent, "--trajectory", trajectory.path],
                                           environment: ["OPENAI_API_KEY": ""])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let read = try TrajectoryReader.read(trajectory)
        #expect(read.steps.map(\.action.name) == [.requestInfo, .validateCode, .executeCode])
        let executed = try #require(read.steps.last?.observation.submission)
        #expect(executed.valid)
        #expect(executed.rawScore != nil)
        let notes = read.events.compactMap { if case .note(let note) = $0 { note } else { nil } }
        // Five replies: one unparseable, retried; every reply's tokens recorded.
        #expect(notes.count == 5)
        #expect(notes.allSatisfy { $0.data?["prompt_tokens"] != nil && $0.data?["completion_tokens"] != nil })
        #expect(read.end?.reason == "closed by the agent")
        let log = try String(contentsOf: temp.file("llm.agent.log"), encoding: .utf8)
        #expect(log.contains("unparseable reply, retrying"))
    }
}
