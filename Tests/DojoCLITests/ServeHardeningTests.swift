import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11, item 6: `dojo serve` is safe by default — a port needs the token, reset takes registry
/// task ids only, the socket is 0600, connections are capped, episodes are private, and a task's
/// prepare.py runs sandboxed. Real `dojo serve` processes, real sockets, the real Python client.
@Suite(.serialized) struct ServeHardeningTests {
    /// A running `dojo serve` and what it printed at start.
    final class Server {
        let process = Process()
        let output: URL
        let environment: [String: String]

        init(_ arguments: [String], temp: TemporaryDirectory) throws {
            var environment = ProcessInfo.processInfo.environment
            environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
            environment["DOJO_EPISODES"] = temp.file("episodes").path
            environment["PYTHONPATH"] = DojoBinary.repositoryRoot().appendingPathComponent("Agents").path
            environment.removeValue(forKey: "DOJO_TOKEN")
            self.environment = environment
            output = temp.file("serve-\(UUID().uuidString.prefix(6)).out")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = DojoBinary().url
            process.arguments = ["serve"] + arguments + ["--trajectories", temp.file("runs").path]
            process.environment = environment
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// Waits (up to 5 minutes: the task may be prepared first) until the server says where it listens.
        func started() -> String {
            for _ in 0..<3000 {
                let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                // The banner (address and token lines) is written at once.
                if text.contains("listening on") && text.hasSuffix("\n") {
                    return text
                }
                if !process.isRunning { return text }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        }

        var port: Int? {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            guard let range = text.range(of: "tcp:127.0.0.1:") else { return nil }
            return Int(text[range.upperBound...].prefix { $0.isNumber })
        }

        var token: String? {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            guard let range = text.range(of: "token: ") else { return nil }
            return String(text[range.upperBound...].prefix { $0.isHexDigit })
        }

        func stop() {
            process.terminate()
            for _ in 0..<50 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
            process.stopForTest()
        }

        /// Runs a Python client script (dojo_client is importable) and returns its stdout.
        func client(_ code: String, temp: TemporaryDirectory) throws -> ProcessOutcome {
            let script = temp.write("client-\(UUID().uuidString.prefix(6)).py", code)
            return try SystemProcessRunner().run(ProcessSpec(executable: "python3", arguments: [script.path],
                                                             environment: environment, timeout: 600))
        }
    }

    @Test func aPortNeedsTheTokenPrintedAtStart() throws {
        let temp = TemporaryDirectory(prefix: "dj")
        defer { temp.remove() }
        let server = try Server(["--port", "0", "--task", "titanic"], temp: temp)
        defer { server.stop() }
        let banner = server.started()
        let port = try #require(server.port, "\(banner)")
        let token = try #require(server.token, "\(banner)")
        #expect(token.count == 64)
        let outcome = try server.client("""
        import json, socket
        from dojo_client import DojoClient, DojoError
        def raw(lines):
            s = socket.create_connection(("127.0.0.1", \(port)))
            f = s.makefile("rwb")
            answers = []
            for line in lines:
                # A closed connection shows as an empty read or, when the server closed first, a reset.
                try:
                    f.write((json.dumps(line) + "\\n").encode()); f.flush()
                    reply = f.readline()
                except (BrokenPipeError, ConnectionResetError):
                    reply = b""
                answers.append(json.loads(reply)["error"]["code"] if reply else "closed")
            return answers
        step = {"type": "execute_code", "code": "open('/tmp/x','w')"}
        print("NOAUTH", raw([{"jsonrpc": "2.0", "id": 1, "method": "reset"},
                             {"jsonrpc": "2.0", "id": 2, "method": "step", "params": step},
                             {"jsonrpc": "2.0", "id": 3, "method": "note", "params": {"text": "x"}}]))
        print("WRONG", raw([{"jsonrpc": "2.0", "id": i, "method": "auth", "params": {"token": "0" * 64}} for i in range(4)]))
        print("RESETWRONG", raw([{"jsonrpc": "2.0", "id": 1, "method": "reset", "params": {"token": "nope"}}]))
        good = DojoClient.tcp("127.0.0.1", \(port), token=\(String(reflecting: token)))
        obs, card = good.reset()
        ran = good.execute_code("print('RAN')")
        print("GOOD", card["id"], ran["execution"]["stdout"].strip())
        good.close()
        s = socket.create_connection(("127.0.0.1", \(port)))
        f = s.makefile("rwb")
        f.write((json.dumps({"jsonrpc": "2.0", "id": 1, "method": "reset", "params": {"token": \(String(reflecting: token))}}) + "\\n").encode()); f.flush()
        print("RESETTOKEN", "result" in json.loads(f.readline()))
        """, temp: temp)
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let text = outcome.stdout.text
        #expect(text.contains("NOAUTH [-32003, -32003, -32003]"), "\(text)")
        #expect(text.contains("WRONG [-32003, -32003, -32003, 'closed']"), "\(text)")
        #expect(text.contains("RESETWRONG [-32003]"), "\(text)")
        #expect(text.contains("GOOD titanic RAN"), "\(text)")
        #expect(text.contains("RESETTOKEN True"), "\(text)")
    }

    @Test func insecureNoTokenMustBeSpelledOutAndATokenFileWorks() throws {
        let temp = TemporaryDirectory(prefix: "dj")
        defer { temp.remove() }
        let tokenFile = temp.file("token")
        let server = try Server(["--port", "0", "--token-file", tokenFile.path], temp: temp)
        defer { server.stop() }
        let banner = server.started()
        let port = try #require(server.port, "\(banner)")
        #expect(!banner.contains(try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var info = stat()
        #expect(stat(tokenFile.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let insecure = try Server(["--port", "0", "--insecure-no-token"], temp: temp)
        defer { insecure.stop() }
        _ = insecure.started()
        let open = try #require(insecure.port)
        var environment = server.environment
        environment["DOJO_TOKEN"] = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let script = temp.write("c.py", """
        from dojo_client import DojoClient
        a = DojoClient.tcp("127.0.0.1", \(port))
        print("FILE", a.reset("titanic")[1]["id"])
        a.close()
        b = DojoClient.tcp("127.0.0.1", \(open))
        print("OPEN", b.reset("titanic")[1]["id"])
        b.close()
        """)
        let outcome = try SystemProcessRunner().run(ProcessSpec(executable: "python3", arguments: [script.path],
                                                                environment: environment, timeout: 600))
        #expect(outcome.stdout.text.contains("FILE titanic") && outcome.stdout.text.contains("OPEN titanic"),
                "\(outcome.stdout.text) \(outcome.stderr.text)")
    }

    /// A client wrote a task folder whose prepare.py would write on the host: reset by path is refused
    /// (any path, even with `--task`), so it never runs.
    @Test func resetTakesRegistryIdsNeverPathsAndTheSocketIsPrivateAndCapped() throws {
        let temp = TemporaryDirectory(prefix: "dj")
        defer { temp.remove() }
        let marker = temp.file("prepare-ran-on-the-host")
        let evil = temp.file("evil")
        try FileManager.default.copyItem(at: DojoBinary.repositoryRoot().appendingPathComponent("Tasks/titanic"), to: evil)
        try "open(\(String(reflecting: marker.path)), 'w').write('pwned')\n".write(to: evil.appendingPathComponent("prepare.py"),
                                                                               atomically: true, encoding: .utf8)
        let socket = temp.file("d.sock").path
        let server = try Server(["--socket", socket, "--task", "titanic", "--max-connections", "2"], temp: temp)
        defer { server.stop() }
        _ = server.started()
        var info = stat()
        #expect(lstat(socket, &info) == 0 && info.st_mode & 0o777 == 0o600, "socket mode \(String(info.st_mode & 0o777, radix: 8))")
        let outcome = try server.client("""
        import json, socket, time
        from dojo_client import DojoClient, DojoError
        a = DojoClient.unix(\(String(reflecting: socket)))
        for task in [\(String(reflecting: evil.path)), "../titanic", "titanic/../titanic", "/etc", ".hidden"]:
            try:
                a.reset(task)
                print("ACCEPTED", task)
            except DojoError as e:
                print("REFUSED", e.code, e.message.split(":")[0])
        b = DojoClient.unix(\(String(reflecting: socket)))
        c = socket.socket(socket.AF_UNIX); c.connect(\(String(reflecting: socket)))
        reply = c.makefile("rb").readline()
        print("THIRD", json.loads(reply)["error"]["code"] if reply else "closed")
        b.close(); b._reader.close(); b._writer.close()
        time.sleep(1)
        d = DojoClient.unix(\(String(reflecting: socket)))
        print("AFTER", d.reset()[1]["id"])
        """, temp: temp)
        let text = outcome.stdout.text
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(!text.contains("ACCEPTED"), "\(text)")
        #expect(text.components(separatedBy: "REFUSED -32602").count == 6, "\(text)")
        #expect(text.contains("THIRD -32004"), "\(text)")
        #expect(text.contains("AFTER titanic"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "prepare.py ran on the host")
    }

    /// Two connections: the second cannot find or read what the first wrote in its episode.
    @Test func aConnectionCannotSeeAnotherConnectionsEpisode() throws {
        let temp = TemporaryDirectory(prefix: "dj")
        defer { temp.remove() }
        let socket = temp.file("d.sock").path
        let server = try Server(["--socket", socket, "--task", "titanic"], temp: temp)
        defer { server.stop() }
        _ = server.started()
        let secret = "EPISODE-A-\(UUID().uuidString.prefix(8))"
        let outcome = try server.client("""
        from dojo_client import DojoClient
        a = DojoClient.unix(\(String(reflecting: socket)))
        a.reset()
        wrote = a.execute_code('''
        open("working/secret.txt", "w").write("\(secret)")
        print([l.split()[3] + " " + l.split()[4] for l in open("/proc/self/mountinfo") if "/working" in l][0])
        ''')["execution"]["stdout"].strip()
        host_path = wrote.split()[0]
        b = DojoClient.unix(\(String(reflecting: socket)))
        b.reset()
        looked = b.execute_code('''
        import os
        found = []
        for top in ["/", "/proc"]:
            for root, dirs, files in os.walk(top):
                if root.startswith("/proc/") and root.count("/") > 3:
                    dirs[:] = []
                for f in files:
                    if f == "secret.txt":
                        found.append(os.path.join(root, f))
        for guess in [%r, %r + "/secret.txt"]:
            try:
                found.append(open(guess + ("" if guess.endswith(".txt") else "/secret.txt")).read())
            except OSError as e:
                pass
        print("FOUND", found)
        ''' % (host_path, host_path))["execution"]["stdout"]
        print(looked)
        a.close(); b.close()
        """, temp: temp)
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(outcome.stdout.text.contains("FOUND []"), "\(outcome.stdout.text)")
        #expect(!outcome.stdout.text.contains(secret))
    }

    /// prepare.py runs with no network and sees only its folders; the digest covers the shared modules.
    @Test func prepareRunsSandboxedAndTheDigestCoversSharedModules() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let server = try #require(TCPListener())
        defer { server.close() }
        let hostFile = temp.write("host-secret.txt", "host only\n")
        let marker = temp.file("prepare-wrote-here")
        let original = try String(contentsOf: DojoBinary.repositoryRoot().appendingPathComponent("Tasks/titanic/prepare.py"), encoding: .utf8)
        let probe = """
        import os, socket
        def _probe():
            results = []
            try:
                socket.create_connection(("127.0.0.1", \(server.port)), timeout=3).close(); results.append("NET")
            except OSError:
                pass
            try:
                open(\(String(reflecting: hostFile.path))).read(); results.append("READ")
            except OSError:
                pass
            try:
                open(\(String(reflecting: marker.path)), "w").write("x"); results.append("WROTE")
            except OSError:
                pass
            print("PROBE", results or "none")
        _probe()

        """
        let tasks = try Hardening.tasks(in: temp, files: ["prepare.py": probe + original])
        let dojo = DojoBinary()
        let first = try dojo.run(["prepare", "titanic", "--tasks", tasks.path])
        #expect(first.exitCode == 0, "\(first.stderr.text)")
        #expect(first.stderr.text.contains("PROBE none"), "\(first.stderr.text)")
        #expect(first.stdout.text.contains(": prepared"), "\(first.stdout.text)")
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(server.accepted() == 0)
        let again = try dojo.run(["prepare", "titanic", "--tasks", tasks.path])
        #expect(again.stdout.text.contains("cached"), "\(again.stdout.text)")
        // A change to a shared module the task imports prepares it again.
        let taskkit = tasks.appendingPathComponent("taskkit.py")
        try (try String(contentsOf: taskkit, encoding: .utf8) + "\n# changed\n").write(to: taskkit, atomically: true, encoding: .utf8)
        let changed = try dojo.run(["prepare", "titanic", "--tasks", tasks.path])
        #expect(changed.stdout.text.contains(": prepared"), "\(changed.stdout.text)")
    }
}
