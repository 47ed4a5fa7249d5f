import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11, item 7: `kill -9` of `dojo` mid-episode leaves nothing that the next run does not clean,
/// and the feedback of the steps completed before the kill is out already.
@Suite(.serialized) struct CrashRecoveryTests {
    /// Starts `dojo ARGS` with stdout in a file; returns the process and the file.
    func start(_ arguments: [String], episodes: URL, temp: TemporaryDirectory) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = DojoBinary().url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
        environment["DOJO_EPISODES"] = episodes.path
        environment["PYTHONPATH"] = DojoBinary.repositoryRoot().appendingPathComponent("Agents").path
        process.environment = environment
        let output = temp.file("dojo-\(UUID().uuidString.prefix(6)).out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// Waits until `condition` holds (up to 10 minutes on a loaded machine).
    func wait(_ condition: () -> Bool) -> Bool {
        for _ in 0..<6000 {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// The cgroups named after `pid` (see `StaleEpisodes.cgroupName`), anywhere under /sys/fs/cgroup.
    func cgroups(of pid: Int32) -> [String] {
        let stale = StaleEpisodes(episodesDirectory: URL(fileURLWithPath: "/nonexistent"))
        return stale.cgroupBases().flatMap { base in
            ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [])
                .filter { $0.hasPrefix("dojo-\(pid).") }.map { base.appendingPathComponent($0).path }
        }
    }

    func kill9MidStepThenRunAgain(_ arguments: (TemporaryDirectory) -> [String], marker: String, firstFeedback: String,
                                  client: ((TemporaryDirectory) throws -> Process)? = nil) throws {
        let temp = TemporaryDirectory(prefix: "dj")
        defer { temp.remove() }
        let episodes = temp.file("episodes")
        let (process, output) = try start(arguments(temp), episodes: episodes, temp: temp)
        defer { process.stopForTest() }
        let driver = try client?(temp)
        defer { driver?.stopForTest() }
        // Step 2 is running when its marker process shows.
        #expect(wait { !processesMentioning(marker).isEmpty || !process.isRunning }, "step 2 never started")
        let pid = process.processIdentifier
        let sandboxCgroups = cgroups(of: pid)
        kill(pid, SIGKILL)
        process.waitUntilExit()
        // The completed step's feedback was flushed before the kill.
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(printed.contains(firstFeedback), "stdout before the kill: \(printed)")
        // The sandbox went with dojo (bwrap dies with its parent); the folder and its record stay behind.
        #expect(wait { processesMentioning(marker).isEmpty }, "the step outlived dojo")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: episodes.path)) ?? []
        #expect(left.contains { $0.hasSuffix(".owner") }, "\(left)")
        // The next run cleans all of it before its own episode, and leaves nothing of its own.
        let next = temp.write("next.py", "print('NEXT-OK')\n")
        let second = try DojoBinary().run(["exec", "titanic", next.path, "--trajectory", temp.file("next.dojo.jsonl").path],
                                          environment: ["DOJO_EPISODES": episodes.path])
        #expect(second.exitCode == 0, "\(second.stderr.text)")
        #expect(second.stdout.text.contains("(exit code 0)"), "\(second.stdout.text)")
        let after = (try? FileManager.default.contentsOfDirectory(atPath: episodes.path)) ?? []
        #expect(after.isEmpty, "left in the episodes folder: \(after)")
        #expect(cgroups(of: pid).isEmpty, "cgroups of the killed dojo: \(cgroups(of: pid)) (had \(sandboxCgroups))")
    }

    @Test func killNineDuringDojoExecLeavesNothingStale() throws {
        let marker = "dojo-crash-\(UUID().uuidString.prefix(8))"
        try kill9MidStepThenRunAgain({ temp in
            let first = temp.write("first.py", "print('FIRST-DONE')\n")
            let slow = temp.write("slow.py", "import os\nos.execvp('bash', ['bash', '-c', 'exec -a \(marker) sleep 600'])\n")
            return ["exec", "titanic", first.path, slow.path, "--trajectory", temp.file("t.dojo.jsonl").path]
        }, marker: marker, firstFeedback: "Step 1 (execute_code): the code ran")
    }

    @Test func killNineDuringDojoRunLeavesNothingStale() throws {
        let marker = "dojo-crash-\(UUID().uuidString.prefix(8))"
        try kill9MidStepThenRunAgain({ temp in
            let agent = temp.write("agent.py", """
            from dojo_client import DojoClient
            dojo = DojoClient.stdio()
            dojo.reset()
            dojo.execute_code("print('FIRST-DONE')")
            dojo.execute_code("import os\\nos.execvp('bash', ['bash', '-c', 'exec -a \(marker) sleep 600'])")
            """)
            return ["run", "titanic", "--agent", "python3 \(agent.path)", "--trajectory", temp.file("t.dojo.jsonl").path]
        }, marker: marker, firstFeedback: "step   1  execute_code")
    }

    @Test func killNineDuringDojoServeLeavesNothingStale() throws {
        let marker = "dojo-crash-\(UUID().uuidString.prefix(8))"
        try kill9MidStepThenRunAgain({ temp in
            ["serve", "--socket", temp.file("d.sock").path, "--task", "titanic", "--trajectories", temp.file("runs").path]
        }, marker: marker, firstFeedback: "dojo serve: listening on", client: { temp in
            let socket = temp.file("d.sock").path
            #expect(wait { FileManager.default.fileExists(atPath: socket) }, "the server never listened")
            let agent = temp.write("client.py", """
            from dojo_client import DojoClient
            dojo = DojoClient.unix(\(String(reflecting: socket)))
            dojo.reset()
            dojo.execute_code("print('FIRST-DONE')")
            dojo.execute_code("import os\\nos.execvp('bash', ['bash', '-c', 'exec -a \(marker) sleep 600'])")
            """)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", agent.path]
            var environment = ProcessInfo.processInfo.environment
            environment["PYTHONPATH"] = DojoBinary.repositoryRoot().appendingPathComponent("Agents").path
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        })
    }

    @Test func doctorListsThenRemovesStaleEpisodes() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let episodes = temp.file("episodes")
        // A folder whose owner record no process holds, as a killed dojo leaves it; and one with no record.
        try FileManager.default.createDirectory(at: episodes.appendingPathComponent("titanic-dead/workspace/input"),
                                                withIntermediateDirectories: true)
        try "pid 999999\n".write(to: episodes.appendingPathComponent("titanic-dead.owner"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: episodes.appendingPathComponent("titanic-old"), withIntermediateDirectories: true)
        chmod(episodes.appendingPathComponent("titanic-dead/workspace/input").path, 0o555)
        let dojo = DojoBinary()
        let listed = try dojo.run(["doctor", "--dry-run"], environment: ["DOJO_EPISODES": episodes.path])
        #expect(listed.exitCode == 0)
        #expect(listed.stdout.text.contains("stale episode: \(episodes.path)/titanic-dead (owner pid 999999 is gone)"), "\(listed.stdout.text)")
        #expect(listed.stdout.text.contains("titanic-old (no owner record)"), "\(listed.stdout.text)")
        #expect(FileManager.default.fileExists(atPath: episodes.appendingPathComponent("titanic-dead").path))
        let removed = try dojo.run(["doctor"], environment: ["DOJO_EPISODES": episodes.path])
        #expect(removed.stdout.text.contains("removed episode"), "\(removed.stdout.text)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: episodes.path)) ?? []).isEmpty)
        let clean = try dojo.run(["doctor", "--dry-run"], environment: ["DOJO_EPISODES": episodes.path])
        // (Cgroups of other dead dojo processes on this machine may show; nothing of this folder does.)
        #expect(!clean.stdout.text.contains(episodes.path + "/"), "\(clean.stdout.text)")
    }
}
