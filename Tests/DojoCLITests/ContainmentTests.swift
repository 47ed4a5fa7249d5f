import DojoKit
import DojoTesting
import Foundation
import Testing

/// Escape attempts through the real `dojo exec` path (issue 4): each case runs an attack as step 1
/// and an ordinary script as step 2 of the same episode, asserts the attack failed, the next step
/// worked, and that nothing of the episode is left running afterwards.
@Suite(.serialized) struct ContainmentTests {
    let dojo = DojoBinary()

    /// Step 2 of every case: proves the episode still works (and that input/ is intact).
    static let nextStep = """
    import os
    print("NEXT-OK", os.path.getsize("input/train.csv"))
    """

    struct Run {
        var steps: [[String: Any]]
        var rawStdout: String
        var stderr: String

        func execution(_ index: Int) -> [String: Any] { steps[index]["execution"] as? [String: Any] ?? [:] }
        func stdout(_ index: Int) -> String { execution(index)["stdout"] as? String ?? "" }
        func stderrText(_ index: Int) -> String { execution(index)["stderr"] as? String ?? "" }
        func limit(_ index: Int) -> String { execution(index)["limit_exceeded"] as? String ?? "" }
        func feedback(_ index: Int) -> String { steps[index]["feedback"] as? String ?? "" }
    }

    /// Runs `attack` then the next step in one episode; checks the next step and the leftovers.
    func attack(_ code: String, options: [String] = [], marker: String? = nil, next nextCode: String = Self.nextStep,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let attack = temp.write("attack.py", code).path
        let next = temp.write("next.py", nextCode).path
        let episodes = temp.file("episodes").path
        let outcome = try dojo.run(["exec", "titanic", attack, next, "--json", "--trajectory", temp.file("t.dojo.jsonl").path] + options,
                                   environment: ["DOJO_EPISODES": episodes])
        #expect(outcome.exitCode == 0, "dojo failed: \(outcome.stderr.text)", sourceLocation: sourceLocation)
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [[String: Any]],
                                 "stdout: \(outcome.stdout.text.prefix(2000))\nstderr: \(outcome.stderr.text)", sourceLocation: sourceLocation)
        try #require(steps.count == 2, sourceLocation: sourceLocation)
        let run = Run(steps: steps, rawStdout: outcome.stdout.text, stderr: outcome.stderr.text)
        #expect(run.execution(0)["sandbox"] as? String == "bwrap", sourceLocation: sourceLocation)
        #expect(run.stdout(1).hasPrefix("NEXT-OK "), "next step: \(run.execution(1))", sourceLocation: sourceLocation)
        #expect(run.execution(1)["exit_code"] as? Int == 0, sourceLocation: sourceLocation)
        if let marker { #expect(try processCount(marker) == 0, "processes named \(marker) outlived the episode", sourceLocation: sourceLocation) }
        // Every process whose command line names this test's episodes folder is this episode's sandbox.
        #expect(processesMentioning(episodes) == [], "the episode's sandbox outlived dojo", sourceLocation: sourceLocation)
        // This test's own leftovers only (other tests run in parallel): any process whose command line
        // or mounts name its episodes folder, and mounts of it left in this process's mount table.
        let leftovers = leftoversOfEpisodes(episodes)
        #expect(leftovers == [], "the episode left processes or mounts behind: \(leftovers)", sourceLocation: sourceLocation)
        return run
    }

    @Test func theAnswersCannotBeFoundBySearchingTheFileSystem() throws {
        let run = try attack("""
        import os
        hits = []
        for top in ["/"]:
            for root, dirs, files in os.walk(top):
                if root.startswith(("/proc", "/sys")):
                    dirs[:] = []
                    continue
                hits += [os.path.join(root, f) for f in files if "answers" in f or "/prepared" in root or "/episodes" in root]
        print("HITS", hits)
        """)
        #expect(run.stdout(0).contains("HITS []"), "\(run.stdout(0))")
    }

    @Test func walkingUpFromTheWorkspaceFindsNoCacheNorAnswers() throws {
        let run = try attack("""
        import os
        seen = set()
        d = os.getcwd()
        for _ in range(12):
            d = os.path.dirname(d)
            seen.update(os.listdir(d))
        for path in ["../private/answers.csv", "../../private/answers.csv", "/root/.cache/dojo/prepared", "../../../prepared"]:
            print(path, os.path.exists(path))
        print("SEEN", sorted(seen))
        """)
        #expect(!run.stdout(0).contains("True"), "\(run.stdout(0))")
        #expect(!run.stdout(0).contains("prepared'"), "\(run.stdout(0))")
    }

    @Test func procRootCwdAndEnvironOnlyShowTheSandbox() throws {
        let run = try attack("""
        import os
        found = []
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            for what in ["root", "cwd"]:
                try:
                    for root, dirs, files in os.walk(f"/proc/{p}/{what}"):
                        if "/proc/" in root[6:] or "/sys" in root:
                            dirs[:] = []
                        found += [f for f in files if "answers" in f]
                except OSError:
                    pass
            try:
                env = open(f"/proc/{p}/environ", "rb").read()
                if b"SSH" in env or b"DOJO_CACHE" in env or b"HOSTNAME" in env or b"XDG" in env:
                    found.append("environ " + p)
            except OSError:
                pass
        print("PIDS", [p for p in os.listdir("/proc") if p.isdigit()])
        print("FOUND", found)
        print("ENV", sorted(os.environ))
        """)
        #expect(run.stdout(0).contains("FOUND []"), "\(run.stdout(0))")
        // Only the sandbox's own processes: its reaper, the warm interpreter, the step.
        let pids = run.stdout(0).split(separator: "\n").first { $0.hasPrefix("PIDS") } ?? ""
        #expect(pids.split(separator: ",").count <= 4, "\(pids)")
        #expect(!run.stdout(0).contains("'DOJO_TASKS'"))
    }

    /// The code cannot read the answers, but could point the submission at them for the grader to read.
    @Test func aSubmissionThatLinksToTheAnswersIsNotGraded() throws {
        let cache = URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache/dojo/prepared")
        let prepared = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        let answers = prepared.filter { $0.hasPrefix("titanic-") }.map { cache.appendingPathComponent("\($0)/private/answers.csv").path }
        let run = try attack("""
        import os
        answers = \(answers.map { "\"\($0)\"" })
        os.symlink(answers[0] if answers else "/root/.cache/dojo/prepared/x/private/answers.csv", "submission/submission.csv")
        os.symlink("/etc/shadow", "working/shadow")
        print("LINKED")
        """)
        #expect(run.stdout(0).contains("LINKED"))
        let submission = run.steps[0]["submission"] as? [String: Any] ?? [:]
        #expect(submission["found"] as? Bool == false, "\(submission)")
        #expect(submission["raw_score"] == nil || submission["raw_score"] is NSNull)
        #expect(run.steps[0]["reward"] as? Double == 0)
        #expect(run.feedback(0).contains("was a symbolic link"))
    }

    @Test func aFifoAsTheSubmissionDoesNotHangTheGrader() throws {
        let run = try attack("""
        import os
        os.mkfifo("submission/submission.csv")
        print("FIFO")
        """)
        #expect(run.stdout(0).contains("FIFO"))
        #expect(run.feedback(0).contains("was a FIFO"))
    }

    @Test func noNetworkNoLoopbackNoDNS() throws {
        // A listener on the host's loopback that the code must not reach.
        let server = try #require(TCPListener())
        defer { server.close() }
        let run = try attack("""
        import socket
        for target in [("1.1.1.1", 80), ("8.8.8.8", 53), ("127.0.0.1", \(server.port))]:
            try:
                socket.create_connection(target, timeout=3).close()
                print("CONNECTED", target)
            except OSError as e:
                print("blocked", target, e)
        try:
            print("RESOLVED", socket.getaddrinfo("example.com", 80))
        except OSError as e:
            print("dns blocked", e)
        """)
        #expect(!run.stdout(0).contains("CONNECTED"), "\(run.stdout(0))")
        #expect(!run.stdout(0).contains("RESOLVED"), "\(run.stdout(0))")
        #expect(run.stdout(0).contains("dns blocked"))
        #expect(server.accepted() == 0)
    }

    @Test func aForkBombHitsTheProcessLimit() throws {
        let marker = "dojo-bomb-\(UUID().uuidString.prefix(8))"
        let run = try attack("""
        import os, time
        n = 0
        while True:
            pid = os.fork()
            if pid == 0:
                try:
                    os.execvp("bash", ["bash", "-c", "exec -a \(marker) sleep 600"])
                finally:
                    os._exit(0)
            n += 1
        """, options: ["--max-processes", "64", "--step-timeout", "60"], marker: marker)
        #expect(run.limit(0) == "process limit 64 exceeded", "\(run.execution(0))")
        #expect(run.feedback(0).contains("process limit 64 exceeded"))
    }

    @Test func allocating64GBHitsTheMemoryLimit() throws {
        let run = try attack("""
        import numpy as np
        blocks = []
        for i in range(64):
            blocks.append(np.ones(2**30 // 8))
            print("GB", i + 1, flush=True)
        """, options: ["--memory-mb", "768"])
        #expect(run.limit(0) == "memory limit 768 MB exceeded", "\(run.execution(0))")
        #expect(!run.stdout(0).contains("GB 64"))
        #expect(run.feedback(0).contains("memory limit 768 MB exceeded"))
    }

    @Test func oneAllocationOf64GBFails() throws {
        let run = try attack("""
        b = bytearray(64 * 2**30)
        for i in range(0, len(b), 4096):
            b[i] = 1
        print("ALLOCATED")
        """, options: ["--memory-mb", "768"])
        #expect(!run.stdout(0).contains("ALLOCATED"))
        #expect(run.execution(0)["exit_code"] as? Int != 0)
    }

    @Test func onlyTheCPUTopologyOfSysIsVisibleAndJoblibCountsCoresQuietly() throws {
        let run = try attack("""
        import os, warnings
        warnings.simplefilter("error")
        from joblib.externals.loky import cpu_count
        print("PHYSICAL", cpu_count(only_physical_cores=True))
        print("SYS", sorted(os.listdir("/sys")), sorted(os.listdir("/sys/devices")))
        """)
        #expect(run.stdout(0).contains("PHYSICAL "), "\(run.stderrText(0))")
        #expect(run.stdout(0).contains("SYS ['devices'] ['system']"), "\(run.stdout(0))")
        #expect(run.stderrText(0).isEmpty, "\(run.stderrText(0))")
    }

    @Test func anInfiniteLoopTimesOut() throws {
        let marker = "dojo-loop-\(UUID().uuidString.prefix(8))"
        let run = try attack("""
        import subprocess
        subprocess.Popen(["bash", "-c", "exec -a \(marker) sleep 600"])
        while True:
            pass
        """, options: ["--step-timeout", "3"], marker: marker)
        #expect(run.execution(0)["timed_out"] as? Bool == true)
        #expect(run.feedback(0).contains("step time limit"))
    }

    @Test func aDoubleForkedChildDoesNotOutliveTheStep() throws {
        let marker = "dojo-daemon-\(UUID().uuidString.prefix(8))"
        let run = try attack("""
        import os
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execvp("bash", ["bash", "-c", "exec -a \(marker) sleep 600"])
            os._exit(0)
        os.wait()
        print("PARENT DONE")
        """, marker: marker)
        #expect(run.stdout(0).contains("PARENT DONE"))
        // Step 2 ran while the episode's sandbox lived on: the daemon was gone by then already.
        #expect(!run.stdout(1).contains(marker))
    }

    @Test func writing20GBToWorkingHitsTheDiskLimit() throws {
        let run = try attack("""
        chunk = b"x" * (1 << 24)
        i = 0
        while i < 20 * 64:
            with open(f"working/big{i // 64}.bin", "ab") as f:
                f.write(chunk)
            i += 1
        print("WROTE 20 GB")
        """, options: ["--disk-mb", "300", "--max-file-mb", "1024"])
        #expect(!run.stdout(0).contains("WROTE"))
        #expect(run.limit(0).hasPrefix("disk limit 300 MB exceeded"), "\(run.execution(0))")
    }

    @Test func oneHugeFileHitsTheFileSizeLimit() throws {
        let run = try attack("""
        with open("working/huge.bin", "wb") as f:
            for _ in range(1024):
                f.write(b"x" * (1 << 20))
        print("WROTE")
        """, options: ["--max-file-mb", "100"])
        #expect(!run.stdout(0).contains("WROTE"))
        #expect(run.limit(0) == "file size limit 100 MB exceeded", "\(run.execution(0))")
    }

    @Test func printing1GBHitsTheOutputLimit() throws {
        let run = try attack("""
        import sys
        line = "y" * 1023 + "\\n"
        for _ in range(1 << 20):
            sys.stdout.write(line)
        """, options: ["--output-mb", "16"])
        #expect(run.limit(0) == "output limit 16 MB exceeded", "\(run.execution(0))")
        #expect(run.rawStdout.utf8.count < 4 << 20)
    }

    @Test func writingOutsideTheWorkspaceAndIntoInputFails() throws {
        let marker = "dojo-escape-\(UUID().uuidString.prefix(8))"
        let run = try attack("""
        import os, shutil
        results = {}
        for path in ["/usr/\(marker)", "/etc/\(marker)", "/\(marker)", "/workspace/\(marker)", "/dojo/code/\(marker)",
                     "/dojo/lib/\(marker)", "input/\(marker)", "input/train.csv"]:
            try:
                with open(path, "a") as f:
                    f.write("x")
                results[path] = "WROTE"
            except OSError as e:
                results[path] = type(e).__name__
        for action in [lambda: os.remove("input/train.csv"), lambda: os.chmod("input/train.csv", 0o666),
                       lambda: os.rename("input/test.csv", "working/test.csv"), lambda: shutil.rmtree("input")]:
            try:
                action()
                results[str(action)] = "DONE"
            except OSError as e:
                results[str(action)] = type(e).__name__
        print(results)
        with open("/tmp/\(marker)-tmp", "w") as f:
            f.write("private")
        """)
        #expect(!run.stdout(0).contains("WROTE"), "\(run.stdout(0))")
        #expect(!run.stdout(0).contains("DONE"), "\(run.stdout(0))")
        // /tmp inside is private: the host's temporary folder got nothing.
        let hostTmp = (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? []
        #expect(!hostTmp.contains { $0.hasPrefix(marker) })
        #expect(!FileManager.default.fileExists(atPath: "/\(marker)"))
    }

    @Test func killingTheParentDoesNotStopTheEpisode() throws {
        let run = try attack("""
        import os, signal
        for pid in [os.getppid(), 1]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError as e:
                print("kill", pid, e)
        import time
        time.sleep(1)
        print("STILL HERE")
        """)
        #expect(run.execution(0)["exit_code"] as? Int != 0)
    }

    @Test func tiocstiCannotInjectInput() throws {
        let run = try attack("""
        import fcntl, os, termios
        for name in ["/dev/tty", 0, 1, 2]:
            try:
                fd = os.open(name, os.O_RDWR) if isinstance(name, str) else name
                fcntl.ioctl(fd, termios.TIOCSTI, b"x")
                print("INJECTED", name)
            except OSError as e:
                print("blocked", name, e.errno)
        """)
        #expect(!run.stdout(0).contains("INJECTED"), "\(run.stdout(0))")
        #expect(run.stdout(0).contains("blocked /dev/tty"))
    }

    /// The same with `dojo` on a real terminal (a pty from `script`), where injection would matter.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func tiocstiCannotInjectIntoDojosTerminal() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let attack = temp.write("attack.py", """
        import fcntl, os, termios
        for name in ["/dev/tty", "/proc/1/fd/0", 0, 1, 2]:
            try:
                fd = os.open(name, os.O_RDWR) if isinstance(name, str) else name
                fcntl.ioctl(fd, termios.TIOCSTI, b"x")
                print("INJECTED", name)
            except OSError as e:
                print("blocked", name, e.errno)
        """).path
        let next = temp.write("next.py", Self.nextStep).path
        let output = temp.file("out.json").path
        let command = "'\(dojo.url.path)' exec titanic '\(attack)' '\(next)' --json --trajectory '\(temp.file("t.dojo.jsonl").path)' > '\(output)' 2>/dev/null"
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: "/usr/bin/script", arguments: ["-qec", command, "/dev/null"],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                          "DOJO_TASKS": DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path,
                          "HOME": NSHomeDirectory(), "TERM": "xterm"],
            timeout: 600))
        #expect(outcome.exitCode == 0, "\(outcome.stdout.text)")
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "\(text)")
        let first = (steps.first?["execution"] as? [String: Any])?["stdout"] as? String ?? ""
        #expect(!first.contains("INJECTED"), "\(first)")
        #expect(first.contains("blocked /dev/tty"))
        #expect(((steps.last?["execution"] as? [String: Any])?["stdout"] as? String ?? "").hasPrefix("NEXT-OK"))
        // Nothing was typed into the terminal: `script` saw no stray input echoed.
        #expect(!outcome.stdout.text.contains("x"), "\(outcome.stdout.text)")
    }

    @Test func escapeSequencesArriveAsData() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let code = "import sys\nprint('\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred')\nraise ValueError('\\x1b[2Jcleared')\n"
        let attack = temp.write("attack.py", code).path
        let next = temp.write("next.py", Self.nextStep).path
        let json = try dojo.run(["exec", "titanic", attack, next, "--json", "--trajectory", temp.file("t.dojo.jsonl").path])
        #expect(json.exitCode == 0)
        #expect(!json.stdout.text.contains("\u{1B}"))
        #expect(json.stdout.text.contains("\\u001b]0;pwned"))
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.text.utf8)) as? [[String: Any]])
        #expect((steps[0]["execution"] as? [String: Any])?["stdout"] as? String == "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mred\n")
        // Printed for a person, the error line shows the sequence instead of clearing the screen.
        let text = try dojo.run(["exec", "titanic", attack, next, "--trajectory", temp.file("u.dojo.jsonl").path])
        #expect(!text.stdout.text.contains("\u{1B}"))
        #expect(text.stdout.text.contains("ValueError: \\x1b[2Jcleared"))
        #expect(text.stdout.text.contains("NEXT-OK") || text.stdout.text.contains("Step 2"))
    }

    @Test func sandboxNoneRunsButWarns() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let next = temp.write("next.py", Self.nextStep).path
        let outcome = try dojo.run(["exec", "titanic", next, "--json", "--sandbox", "none", "--trajectory", temp.file("t.dojo.jsonl").path])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stderr.text.contains("WITHOUT isolation"))
        let step = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [String: Any])
        #expect((step["execution"] as? [String: Any])?["sandbox"] as? String == "none")
        #expect((step["feedback"] as? String ?? "").contains("Warning: no sandbox"))
    }

    @Test func aMissingBwrapIsAClearError() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let next = temp.write("next.py", Self.nextStep).path
        // PATH without bwrap; the interpreter and everything else is found by absolute path.
        let outcome = try dojo.run(["exec", "titanic", next, "--trajectory", temp.file("t.dojo.jsonl").path],
                                   environment: ["PATH": temp.url.path])
        #expect(outcome.exitCode != 0)
        #expect(outcome.stderr.text.contains("apt-get install bubblewrap"), "\(outcome.stderr.text)")
        #expect(outcome.stderr.text.contains("--sandbox none"))
    }
}

/// Living (not zombie) processes whose command line contains `text`, read from /proc (ps truncates).
func processesMentioning(_ text: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> String? in
        guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
              let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else { return nil }
        let state = stat.split(separator: ")").last?.split(separator: " ").first ?? ""
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard state != "Z", arguments.contains(where: { $0.contains(text) }) else { return nil }
        return "\(entry) \(arguments.joined(separator: " ").prefix(100))"
    }
}

/// Living processes whose command line or mount table names `folder`, and mounts below it; waits up to
/// ten seconds for a sandbox being torn down on a loaded machine (a leak stays).
func leftoversOfEpisodes(_ folder: String) -> [String] {
    var found: [String] = []
    for _ in 0..<10 {
        found = processesMentioning(folder)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where Int(entry) != nil {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  stat.split(separator: ")").last?.split(separator: " ").first != "Z",
                  let mounts = try? String(contentsOfFile: "/proc/\(entry)/mountinfo", encoding: .utf8),
                  mounts.contains(folder) else { continue }
            // The host's own mount table (shared by most processes) is checked below, once.
            let own = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
            if mounts != own { found.append("\(entry) mounts \(folder)") }
        }
        let own = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        found += own.split(separator: "\n").filter { $0.contains(folder) }.map { "mount: \($0.prefix(160))" }
        if found.isEmpty { return [] }
        Thread.sleep(forTimeInterval: 1)
    }
    return found
}
