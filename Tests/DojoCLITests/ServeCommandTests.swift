import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo serve` on a Unix socket with two clients at once, through the Python client library.
@Suite struct ServeCommandTests {
    @Test func twoConnectionsAreTwoEpisodes() throws {
        let temp = TemporaryDirectory(prefix: "dj")
        defer { temp.remove() }
        let socket = temp.file("d.sock").path
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
        let server = Process()
        server.executableURL = DojoBinary().url
        server.arguments = ["serve", "--socket", socket, "--task", "titanic", "--trajectories", temp.file("runs").path]
        server.environment = environment
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // dojo itself unblocks SIGTERM at start, so a polite stop works; the helper makes sure.
        defer {
            server.terminate()
            var grace = 0
            while server.isRunning, grace < 50 {
                Thread.sleep(forTimeInterval: 0.1)
                grace += 1
            }
            server.stopForTest()
        }
        var waited = 0.0
        while !FileManager.default.fileExists(atPath: socket), waited < 120 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 0.1
        }
        let client = """
        import sys, threading
        sys.path.insert(0, \(String(reflecting: DojoBinary.repositoryRoot().appendingPathComponent("Agents").path)))
        from dojo_client import DojoClient, DojoError
        results = {}
        def episode(name):
            dojo = DojoClient.unix(\(String(reflecting: socket)))
            obs, card = dojo.reset()
            info = dojo.request_info("name")
            ran = dojo.validate_code("print('hello from ' + %r)" % name)
            try:
                dojo.call("dance")
            except DojoError as error:
                results[name + "-error"] = error.code
            results[name] = (card["id"], info["info"]["name"], ran["execution"]["stdout"].strip())
            dojo.close()
        threads = [threading.Thread(target=episode, args=(n,)) for n in ("a", "b")]
        for t in threads: t.start()
        for t in threads: t.join()
        print(sorted(results.items()))
        """
        let script = temp.write("client.py", client)
        let outcome = try SystemProcessRunner().run(ProcessSpec(executable: "python3", arguments: [script.path],
                                                                environment: environment, timeout: 300))
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(outcome.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)
            == "[('a', ('titanic', 'titanic', 'hello from a')), ('a-error', -32601), ('b', ('titanic', 'titanic', 'hello from b')), ('b-error', -32601)]")
        let trajectories = try FileManager.default.contentsOfDirectory(atPath: temp.file("runs").path).filter { $0.hasSuffix(".dojo.jsonl") }
        #expect(trajectories.count == 2)
        for name in trajectories {
            let read = try TrajectoryReader.read(temp.file("runs/\(name)"))
            #expect(read.steps.count == 2)
            #expect(read.end?.reason == "closed by the agent")
        }
    }
}
