import DojoKit
import DojoTesting
import Foundation
import Testing

/// The protocol on the fixture task: every malformed message gets a JSON-RPC error and the session goes on.
@Suite struct ProtocolSessionTests {
    final class Harness {
        let temp = TemporaryDirectory()
        let session: ProtocolSession

        init(limits: String = "max_steps = 3") throws {
            _ = FixtureTask(in: temp.file("tasks"), limits: limits)
            let task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
            let prepared = try PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(),
                                                python: FixtureTask.systemPython).prepare(task, seed: 1).0
            let episodes = temp.file("episodes")
            let trajectory = temp.file("agent.dojo.jsonl")
            session = ProtocolSession(factory: { (_: String?, _: Int?) throws(DojoError) -> Environment in
                try Environment(task: task, prepared: prepared, runner: LocalCodeRunner(python: FixtureTask.systemPython),
                                clock: FakeClock(), episodesDirectory: episodes,
                                configuration: .init(seed: 1, limits: task.limits),
                                trajectoryPlacer: { $0 == 1 ? trajectory : nil })
            })
        }

        deinit { temp.remove() }

        func send(_ text: String) throws -> [String: Any] {
            let reply = try #require(session.handle(Data(text.utf8)))
            #expect(reply.last == 0x0A)
            #expect(!reply.dropLast().contains(0x0A))
            return try #require(try JSONSerialization.jsonObject(with: reply) as? [String: Any])
        }

        func errorCode(_ text: String) throws -> Int? {
            ((try send(text))["error"] as? [String: Any])?["code"] as? Int
        }
    }

    @Test func resetReturnsTheObservationAndTaskCard() throws {
        let harness = try Harness()
        let reply = try harness.send(#"{"jsonrpc":"2.0","id":1,"method":"reset"}"#)
        #expect(reply["id"] as? Int == 1)
        let result = try #require(reply["result"] as? [String: Any])
        let card = try #require(result["task"] as? [String: Any])
        #expect(card["id"] as? String == "fixture")
        #expect(card["metric"] as? String == "rmse")
        #expect(card["higher_is_better"] as? Bool == false)
        #expect((card["workspace"] as? [String: Any])?["submission"] as? String == "submission/submission.csv")
        #expect((card["budgets"] as? [String: Any])?["max_steps"] as? Int == 3)
        #expect((result["observation"] as? [String: Any])?["step"] as? Int == 0)
    }

    @Test func malformedMessagesGetErrorsAndTheSessionGoesOn() throws {
        let harness = try Harness()
        #expect(try harness.errorCode("this is not json") == -32700)
        #expect(try harness.errorCode("[1,2,3]") == -32600)
        #expect(try harness.errorCode(#"{"jsonrpc":"1.0","id":1,"method":"reset"}"#) == -32600)
        #expect(try harness.errorCode(#"{"jsonrpc":"2.0","id":2,"method":"dance"}"#) == -32601)
        #expect(try harness.errorCode(#"{"jsonrpc":"2.0","id":3,"method":"step","params":{"type":"execute_code"}}"#) == -32001)
        _ = try harness.send(#"{"jsonrpc":"2.0","id":4,"method":"reset"}"#)
        #expect(try harness.errorCode(#"{"jsonrpc":"2.0","id":5,"method":"step","params":{"type":"fly"}}"#) == -32602)
        #expect(try harness.errorCode(#"{"jsonrpc":"2.0","id":6,"method":"step","params":{"type":"request_info","info_type":"secrets"}}"#) == -32602)
        #expect(try harness.errorCode(#"{"jsonrpc":"2.0","id":7,"method":"step","params":{"type":"execute_code"}}"#) == -32602)
        let unknown = try harness.send(#"{"jsonrpc":"2.0","id":8,"method":"dance"}"#)
        #expect(((unknown["error"] as? [String: Any])?["message"] as? String)?.contains("reset, step, note, close and actions") == true)
        let ok = try harness.send(#"{"jsonrpc":"2.0","id":9,"method":"step","params":{"type":"request_info","info_type":"name"}}"#)
        #expect((ok["result"] as? [String: Any])?["status"] as? String == "ok")
    }

    @Test func notificationsGetNoAnswerAndNotesReachTheTrajectory() throws {
        let harness = try Harness()
        _ = try harness.send(#"{"jsonrpc":"2.0","id":1,"method":"reset"}"#)
        #expect(harness.session.handle(Data(#"{"jsonrpc":"2.0","method":"note","params":{"text":"thinking","data":{"tokens":12}}}"#.utf8)) == nil)
        let trajectory = try #require(harness.session.environment?.trajectory?.url)
        harness.session.close(reason: "done")
        let read = try TrajectoryReader.read(trajectory)
        let notes = read.events.compactMap { if case .note(let note) = $0 { note } else { nil } }
        #expect(notes.map(\.text) == ["thinking"])
        #expect(notes.first?.data?["tokens"] == .number(12))
        #expect(read.end?.reason == "done")
    }

    @Test func stepsAfterTheEpisodeEndedAreErrorsUntilReset() throws {
        let harness = try Harness(limits: "max_steps = 1")
        _ = try harness.send(#"{"jsonrpc":"2.0","id":1,"method":"reset"}"#)
        let last = try harness.send(#"{"jsonrpc":"2.0","id":2,"method":"step","params":{"type":"request_info","info_type":"name"}}"#)
        #expect((last["result"] as? [String: Any])?["truncated"] as? Bool == true)
        #expect(try harness.errorCode(#"{"jsonrpc":"2.0","id":3,"method":"step","params":{"type":"get_history"}}"#) == -32000)
        _ = try harness.send(#"{"jsonrpc":"2.0","id":4,"method":"reset"}"#)
        let again = try harness.send(#"{"jsonrpc":"2.0","id":5,"method":"step","params":{"type":"get_history"}}"#)
        #expect(again["result"] != nil)
    }

    @Test func anOversizedMessageIsRefused() throws {
        let harness = try Harness()
        let huge = #"{"jsonrpc":"2.0","id":1,"method":"reset","params":{"task":""# + String(repeating: "x", count: RPCCodec.maxMessageBytes) + #""}}"#
        #expect(try harness.errorCode(huge) == -32002)
    }

    @Test func actionsAnswersTheCatalogueBeforeAndDuringAnEpisode() throws {
        let harness = try Harness()
        let before = try #require(try harness.send(#"{"jsonrpc":"2.0","id":1,"method":"actions"}"#)["result"] as? [String: Any])
        let actions = try #require(before["actions"] as? [[String: Any]])
        #expect(actions.map { $0["name"] as? String } == ActionCatalog.entries.map(\.name.rawValue))
        #expect(before["max_code_characters"] as? Int == ActionCatalog.maxCodeCharacters)
        #expect(before["info_types"] as? [String] == InfoType.allCases.map(\.rawValue))
        _ = try harness.send(#"{"jsonrpc":"2.0","id":2,"method":"reset"}"#)
        let during = try #require(try harness.send(#"{"jsonrpc":"2.0","id":3,"method":"actions"}"#)["result"] as? [String: Any])
        #expect((during["actions"] as? [[String: Any]])?.count == 5)
    }

    @Test func codeOverTheCatalogueLimitIsRefusedWithoutUsingBudget() throws {
        let harness = try Harness()
        _ = try harness.send(#"{"jsonrpc":"2.0","id":1,"method":"reset"}"#)
        let code = String(repeating: "#", count: ActionCatalog.maxCodeCharacters + 1)
        let reply = try harness.send(#"{"jsonrpc":"2.0","id":2,"method":"step","params":{"type":"execute_code","code":""# + code + #""}}"#)
        let error = try #require(reply["error"] as? [String: Any])
        #expect(error["code"] as? Int == -32602)
        #expect(error["message"] as? String == "bad params: code is 1000001 characters long; the limit is 1000000")
        let history = try harness.send(#"{"jsonrpc":"2.0","id":3,"method":"step","params":{"type":"get_history"}}"#)
        #expect(((history["result"] as? [String: Any])?["budget"] as? [String: Any])?["steps_used"] as? Int == 0)
    }
}
