import DojoKit
import DojoTesting
import Foundation
import Testing

/// An episode driven through `dojo mcp` by the official MCP Python SDK, followed live by the real
/// `dojo watch` under tmux: it is recorded as any other episode.
@Suite(.serialized) struct WatchMcpEndToEndTests {
    @Test func dojoWatchFollowsAnMcpEpisodeLive() throws {
        let temp = TemporaryDirectory(prefix: "mw")
        defer { temp.remove() }
        let python = try AgentsPython()
        let go = temp.file("go").path
        let client = Process()
        client.executableURL = python.interpreter
        client.arguments = [AgentsPython.client("mcp_session.py").path, "live", DojoBinary().url.path,
                            "--task", "titanic", "--trajectories", temp.file("runs").path]
        client.environment = AgentsPython.environment(extra: ["DOJO_TEST_GO": go])
        let output = Pipe()
        client.standardOutput = output
        client.standardError = FileHandle.nullDevice
        try client.run()
        defer { if client.isRunning { client.terminate() } }
        // The first line the client prints is the trajectory's path (after the reset).
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let path = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasSuffix(".dojo.jsonl"), "the client printed \(path)")

        let environment = [
            "LANG": "C.UTF-8", "TERM": "xterm-256color",
            "DOJO_TASKS": DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path,
            "DOJO_CONFIG": temp.file("no-config.toml").path,
        ]
        let session = try TmuxSession(command: "\(DojoBinary().url.path) watch \(path)", width: 120, height: 40, environment: environment)
        defer { session.kill() }
        var wait = session.waitFor("no step yet", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("live"))

        FileManager.default.createFile(atPath: go + ".1", contents: Data())
        wait = session.waitFor("request_info", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")

        FileManager.default.createFile(atPath: go + ".2", contents: Data())
        wait = session.waitFor("hello from an MCP client", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")

        client.waitUntilExit()
        wait = session.waitFor("ended (the MCP client disconnected)", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")
    }
}
