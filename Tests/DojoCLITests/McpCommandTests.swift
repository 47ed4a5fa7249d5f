import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo mcp` driven by the official MCP Python SDK (`mcp` on PyPI) over stdio, in the real sandbox.
@Suite(.serialized) struct McpCommandTests {
    static func json(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    }

    @Test func anEpisodeFromThePythonSDKRecordsAScoredSubmission() throws {
        let temp = TemporaryDirectory(prefix: "mcp")
        defer { temp.remove() }
        let python = try AgentsPython()
        let starter = DojoBinary.repositoryRoot().appendingPathComponent("Tasks/titanic/starter.py")
        let outcome = try python.run(AgentsPython.client("mcp_session.py"),
                                     ["episode", DojoBinary().url.path, "--task", "titanic", "--trajectories", temp.file("runs").path],
                                     environment: ["DOJO_TEST_STARTER": starter.path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [String: Any])

        // The tools are the catalogue: names in MLE-Dojo order, its descriptions and schemas.
        let tools = try #require(report["tools"] as? [[String: Any]])
        #expect(tools.map { $0["name"] as? String } == ActionCatalog.entries.map(\.name.rawValue))
        for (tool, entry) in zip(tools, ActionCatalog.entries) {
            #expect(tool["description"] as? String == entry.description)
            let schema = try #require(tool["input_schema"] as? NSDictionary)
            #expect(schema == (try Self.json(ActionCatalog.inputSchema(entry.name)) as? NSDictionary))
        }
        let server = try #require(report["server"] as? [String: Any])
        #expect(server["name"] as? String == "dojo")
        #expect((server["instructions"] as? String)?.contains("Call reset first") == true)

        // Refusals are tool errors carrying the protocol's words.
        let bad = try #require(report["bad"] as? [String: [String: Any]])
        func refusal(_ name: String) -> String {
            #expect(bad[name]?["is_error"] as? Bool == true, "\(name) was not a tool error")
            return bad[name]?["text"] as? String ?? ""
        }
        #expect(refusal("step_before_reset") == "no episode yet: call reset first")
        #expect(refusal("unknown_tool") == "unknown tool \"dance\"; the tools are request_info, validate_code, execute_code, get_history, reset")
        #expect(refusal("missing_code").hasPrefix("bad arguments: execute_code needs code"))
        #expect(refusal("code_not_string") == "bad arguments: code must be a string")
        #expect(refusal("unknown_argument") == "bad arguments: unknown argument \"verbose\"; get_history takes no arguments")
        #expect(refusal("bad_info_type").contains("unknown info_type \"secrets\"; expected one of overview, data_structure"))
        #expect(refusal("seed_not_integer") == "bad arguments: seed must be an integer")
        #expect(refusal("other_task").hasPrefix("this server serves only the task titanic"))
        #expect(refusal("code_too_long") == "bad arguments: code is 1000001 characters long; the limit is 1000000")

        let reset = try #require(report["reset"] as? [String: Any])
        #expect(reset["is_error"] as? Bool == false)
        let resetStructured = try #require(reset["structured"] as? [String: Any])
        #expect((resetStructured["task"] as? [String: Any])?["id"] as? String == "titanic")
        let trajectoryPath = try #require(resetStructured["trajectory"] as? String)
        #expect(trajectoryPath.hasPrefix(temp.file("runs").path))

        let overview = try #require(report["overview"] as? [String: Any])
        #expect((overview["text"] as? String)?.contains("Titanic: who survived the sinking?") == true)

        let validate = try #require(report["validate"] as? [String: Any])
        #expect(validate["is_error"] as? Bool == false, "\(validate["text"] ?? "")")
        let validated = try #require((validate["structured"] as? [String: Any])?["submission"] as? [String: Any])
        #expect(validated["valid"] as? Bool == true)
        #expect(validated["raw_score"] is NSNull)

        let failing = try #require(report["failing"] as? [String: Any])
        #expect(failing["is_error"] as? Bool == true)
        #expect(((failing["structured"] as? [String: Any])?["execution"] as? [String: Any])?["exit_code"] as? Int == 3)
        #expect((failing["text"] as? String)?.contains("exit code 3") == true)

        let execute = try #require(report["execute"] as? [String: Any])
        #expect(execute["is_error"] as? Bool == false, "\(execute["text"] ?? "")")
        let executed = try #require(execute["structured"] as? [String: Any])
        let score = try #require((executed["submission"] as? [String: Any])?["raw_score"] as? Double)
        #expect(score > 0.7)
        #expect((executed["reward"] as? Double ?? 0) > 0)
        #expect((execute["text"] as? String)?.contains("Score: accuracy =") == true)

        let history = try #require(report["history"] as? [String: Any])
        #expect((history["text"] as? String)?.contains("step 4 execute_code ok score") == true)

        // The resources: the description, the leaderboard with this episode's best, the trajectory so far.
        let resources = try #require(report["resources"] as? [String: [String: Any]])
        #expect(Set(resources.keys) == ["dojo://task/description", "dojo://task/leaderboard", "dojo://episode/trajectory"])
        let description = try String(contentsOf: DojoBinary.repositoryRoot().appendingPathComponent("Tasks/titanic/description.md"),
                                     encoding: .utf8)
        #expect(resources["dojo://task/description"]?["text"] as? String == description)
        #expect(resources["dojo://task/description"]?["mime_type"] as? String == "text/markdown")
        let board = try #require(resources["dojo://task/leaderboard"]?["text"] as? String)
        let bestLine = try #require(board.split(separator: "\n").first { $0.hasPrefix("This episode's best: ") })
        let bestScore = try #require(Double(bestLine.dropFirst("This episode's best: ".count).prefix { $0 != " " }))
        #expect(abs(bestScore - score) < 1e-12)  // JSONSerialization may round the last digit
        #expect(bestLine.contains(" at step 4 (reference rank 0.5)"))
        #expect(board.contains("| 28 |"))
        let recorded = try #require(resources["dojo://episode/trajectory"]?["text"] as? String)
        #expect(recorded.split(separator: "\n").count == 1 + 5)
        #expect((report["unknown_resource"] as? String)?.contains("unknown resource dojo://nothing/here") == true)

        // Recorded as any other episode: the refused calls took no step, the end says why.
        let trajectory = try TrajectoryReader.read(URL(fileURLWithPath: trajectoryPath))
        #expect(trajectory.header.agent["kind"] == .string("mcp"))
        #expect(trajectory.steps.map(\.action.name) == [.requestInfo, .validateCode, .executeCode, .executeCode, .getHistory])
        #expect(trajectory.end?.reason == "the MCP client disconnected")
    }

    @Test func aClientThatVanishesMidStepCancelsTheStepAndLeavesNothingRunning() throws {
        let temp = TemporaryDirectory(prefix: "mcp")
        defer { temp.remove() }
        let python = try AgentsPython()
        let marker = "600.\(UInt32.random(in: 100_000...999_999))"
        let runs = temp.file("runs").path
        let outcome = try python.run(AgentsPython.client("mcp_session.py"),
                                     ["disconnect", DojoBinary().url.path, "--task", "titanic", "--trajectories", runs],
                                     environment: ["DOJO_TEST_MARKER": marker])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(outcome.stdout.text.contains(marker))
        // The server sees its stdin end, cancels the step and exits; wait for that, however slow the machine.
        var waited = 0.0
        while (Self.processes(containing: marker) || Self.processes(containing: runs)), waited < 300 {
            Thread.sleep(forTimeInterval: 0.2)
            waited += 0.2
        }
        #expect(!Self.processes(containing: marker), "the step's process outlived the client")
        #expect(!Self.processes(containing: runs), "dojo mcp outlived its client")
        let files = try FileManager.default.contentsOfDirectory(atPath: runs).filter { $0.hasSuffix(".dojo.jsonl") }
        #expect(files.count == 1)
        let trajectory = try TrajectoryReader.read(temp.file("runs/\(try #require(files.first))"))
        let step = try #require(trajectory.steps.last)
        #expect(step.action.name == .executeCode)
        #expect(step.observation.execution?.cancelled == true)
        #expect(trajectory.end?.reason == "the MCP client disconnected")
    }

    @Test func aCancelledRequestKillsItsStepAndTheSessionGoesOn() throws {
        let temp = TemporaryDirectory(prefix: "mcp")
        defer { temp.remove() }
        let marker = "600.\(UInt32.random(in: 100_000...999_999))"
        let runs = temp.file("runs").path
        let outcome = try AgentsPython().run(AgentsPython.client("mcp_session.py"),
                                             ["cancel", DojoBinary().url.path, "--task", "titanic", "--trajectories", runs],
                                             environment: ["DOJO_TEST_MARKER": marker])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [String: Any])
        #expect(report["still_running"] as? Bool == false)
        let history = try #require((report["history"] as? [String: Any])?["history"] as? [[String: Any]])
        #expect(history.map { $0["action"] as? String } == ["execute_code"])
        let files = try FileManager.default.contentsOfDirectory(atPath: runs).filter { $0.hasSuffix(".dojo.jsonl") }
        let trajectory = try TrajectoryReader.read(temp.file("runs/\(try #require(files.first))"))
        #expect(trajectory.steps.first?.observation.execution?.cancelled == true)
        #expect(trajectory.steps.map(\.action.name) == [.executeCode, .getHistory])
    }

    /// Whether any process's command line contains the text.
    static func processes(containing text: String) -> Bool {
        let own = String(ProcessInfo.processInfo.processIdentifier)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.contains { pid in
            guard pid != own, pid.allSatisfy(\.isNumber),
                  let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(text)
        }
    }
}
