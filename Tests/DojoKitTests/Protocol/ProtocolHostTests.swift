import DojoKit
import Foundation
import Testing

/// A protocol session whose episode lives elsewhere (co-pilot): the same parsing and errors, the
/// requests go to the host, and a hosted step's answer is one flat observation with `copilot`.
@Suite struct ProtocolHostTests {
    final class RecordingHost: ProtocolHost {
        var calls: [String] = []
        var closedWith: String?
        let observation: Observation

        init(observation: Observation) { self.observation = observation }

        var trajectoryPath: String? { "/tmp/hosted.dojo.jsonl" }

        func reset(task: String?, seed: Int?) -> Result<ProtocolSession.ResetResult, RPCError> {
            calls.append("reset \(task ?? "-") \(seed.map(String.init) ?? "-")")
            return .failure(RPCError(.invalidParams, "not in this test"))
        }

        func step(_ action: Action) -> Result<HostedStep, RPCError> {
            calls.append("step \(action.name.rawValue)")
            if case .getHistory = action { return .failure(RPCError(.episodeEnded, "over")) }
            return .success(HostedStep(observation: observation,
                                       copilot: CopilotReport(decision: .edited, actor: .human, ran: .executeCode("x = 2"), humanSteps: [3])))
        }

        func note(_ text: String, data: [String: JSONValue]?) -> Result<Void, RPCError> {
            calls.append("note \(text)")
            return .success(())
        }

        func close(reason: String) { closedWith = reason }
    }

    func observation() -> Observation {
        Observation(step: 4, action: .executeCode, status: .ok, feedback: "ran", info: nil, execution: nil, submission: nil, history: nil,
                    reward: 0, best: nil, budget: Budget(stepsUsed: 4, stepsLeft: 46, secondsLeft: 100), terminated: false, truncated: false)
    }

    func reply(_ session: ProtocolSession, _ line: String) throws -> [String: Any] {
        let data = try #require(session.handle(Data(line.utf8)))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func requestsGoToTheHostAndStepAnswersAreFlat() throws {
        let host = RecordingHost(observation: observation())
        let session = ProtocolSession(host: host)
        let reset = try reply(session, #"{"jsonrpc":"2.0","id":1,"method":"reset","params":{"task":"titanic","seed":7}}"#)
        #expect((reset["error"] as? [String: Any])?["code"] as? Int == -32602)
        let step = try reply(session, #"{"jsonrpc":"2.0","id":2,"method":"step","params":{"type":"execute_code","code":"x = 1"}}"#)
        let result = try #require(step["result"] as? [String: Any])
        #expect(result["step"] as? Int == 4)
        #expect(result["status"] as? String == "ok")
        let copilot = try #require(result["copilot"] as? [String: Any])
        #expect(copilot["decision"] as? String == "edited")
        #expect(copilot["actor"] as? String == "human")
        #expect((copilot["action"] as? [String: Any])?["code"] as? String == "x = 2")
        #expect(copilot["human_steps"] as? [Int] == [3])
        let refused = try reply(session, #"{"jsonrpc":"2.0","id":3,"method":"step","params":{"type":"get_history"}}"#)
        #expect((refused["error"] as? [String: Any])?["code"] as? Int == -32000)
        #expect(session.handle(Data(#"{"jsonrpc":"2.0","method":"note","params":{"text":"hm"}}"#.utf8)) == nil)
        // Malformed input is answered as ever, without reaching the host.
        let bad = try reply(session, #"{"jsonrpc":"2.0","id":4,"method":"step","params":{"type":"dance"}}"#)
        #expect((bad["error"] as? [String: Any])?["code"] as? Int == -32602)
        #expect(host.calls == ["reset titanic 7", "step execute_code", "step get_history", "note hm"])
        let close = try reply(session, #"{"jsonrpc":"2.0","id":5,"method":"close"}"#)
        #expect((close["result"] as? [String: Any])?["trajectory"] as? String == "/tmp/hosted.dojo.jsonl")
        #expect(host.closedWith == "closed by the agent")
        #expect(session.closed)
        let after = try reply(session, #"{"jsonrpc":"2.0","id":6,"method":"step","params":{"type":"get_history"}}"#)
        #expect((after["error"] as? [String: Any])?["code"] as? Int == -32000)
        #expect(host.calls.count == 4)
    }
}
