import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo serve --port`'s token (issue 11): nothing but `auth` (or reset with the token) before it.
@Suite struct ProtocolAuthenticationTests {
    func session(token: String?) -> (ProtocolSession, TemporaryDirectory) {
        let temp = TemporaryDirectory()
        _ = FixtureTask(in: temp.file("tasks"))
        let session = ProtocolSession(token: token, factory: { (_: String?, _: Int?) throws(DojoError) -> Environment in
            let task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
            let prepared = try PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(),
                                                python: FixtureTask.systemPython).prepare(task, seed: 1).0
            return try Environment(task: task, prepared: prepared, runner: LocalCodeRunner(python: FixtureTask.systemPython),
                                   clock: FakeClock(), episodesDirectory: temp.file("episodes"),
                                   configuration: .init(seed: 1, limits: task.limits), trajectoryPlacer: { _ in nil })
        })
        return (session, temp)
    }

    func reply(_ session: ProtocolSession, _ line: String) throws -> [String: Any] {
        let data = try #require(session.handle(Data(line.utf8)))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func code(_ reply: [String: Any]) -> Int? { (reply["error"] as? [String: Any])?["code"] as? Int }

    @Test func everythingButAuthIsRefusedUntilTheTokenComes() throws {
        let (session, temp) = session(token: "secret-token-0123456789")
        defer { temp.remove() }
        #expect(code(try reply(session, #"{"jsonrpc":"2.0","id":1,"method":"reset"}"#)) == -32003)
        #expect(code(try reply(session, #"{"jsonrpc":"2.0","id":2,"method":"step","params":{"type":"get_history"}}"#)) == -32003)
        #expect(code(try reply(session, #"{"jsonrpc":"2.0","id":3,"method":"note","params":{"text":"x"}}"#)) == -32003)
        #expect(!session.authenticated)
        #expect(try reply(session, #"{"jsonrpc":"2.0","id":4,"method":"auth","params":{"token":"secret-token-0123456789"}}"#)["result"] != nil)
        #expect(session.authenticated)
        #expect(try reply(session, #"{"jsonrpc":"2.0","id":5,"method":"reset"}"#)["result"] != nil)
    }

    @Test func resetMayCarryTheTokenAndWrongTokensCloseTheConnection() throws {
        let (session, temp) = session(token: "secret-token-0123456789")
        defer { temp.remove() }
        #expect(code(try reply(session, #"{"jsonrpc":"2.0","id":1,"method":"reset","params":{"token":"wrong"}}"#)) == -32003)
        #expect(try reply(session, #"{"jsonrpc":"2.0","id":2,"method":"reset","params":{"token":"secret-token-0123456789"}}"#)["result"] != nil)
        let (other, temp2) = self.session(token: "secret-token-0123456789")
        defer { temp2.remove() }
        for id in 1...3 {
            let answer = try reply(other, #"{"jsonrpc":"2.0","id":\#(id),"method":"auth","params":{"token":"secret-token-012345678X"}}"#)
            #expect(code(answer) == -32003)
        }
        #expect(other.closed)
    }

    @Test func withoutATokenAuthIsAcceptedAndNotNeeded() throws {
        let (session, temp) = session(token: nil)
        defer { temp.remove() }
        #expect(session.authenticated)
        #expect(try reply(session, #"{"jsonrpc":"2.0","id":1,"method":"auth","params":{"token":"anything"}}"#)["result"] != nil)
        #expect(try reply(session, #"{"jsonrpc":"2.0","id":2,"method":"reset"}"#)["result"] != nil)
    }

    @Test func theRegistryRefusesPathsAsTaskIds() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixture = FixtureTask(in: temp.file("tasks"))
        let loader = TaskLoader(tasksDirectory: temp.file("tasks"))
        #expect(try loader.loadRegistered(id: "fixture").id == "fixture")
        #expect(try loader.load(id: fixture.directory.path).id == "fixture")  // the operator's CLI may name a folder
        for bad in [fixture.directory.path, "../tasks/fixture", "fixture/", ".", "..", ".fixture", "", "a b", String(repeating: "x", count: 300)] {
            let error = #expect(throws: DojoError.self) { try loader.loadRegistered(id: bad) }
            #expect(error?.message.contains("is not a task id") == true, "\(bad): \(error?.message ?? "")")
        }
    }
}
