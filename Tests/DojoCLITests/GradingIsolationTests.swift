import DojoKit
import DojoTesting
import Foundation
import Testing

/// Issue 11, items 3 and 8: grading runs in a limited child process (`dojo grade-worker`), never on a
/// path the sandbox can still swap, and a Python metric runs in a sandbox of its own. Every case goes
/// through the real `dojo exec` and checks that the attack failed and the next step still scores.
@Suite(.serialized) struct GradingIsolationTests {
    let dojo = DojoBinary()

    /// A 2 GB sparse file, a 600 MB unclosed quoted field and 40 M rows cost `dojo` itself nothing:
    /// the first is refused before it is read, the others stop at the worker's limits.
    @Test func hostileSubmissionsCostDojoNoMemoryAndStopAtTheGradersLimits() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let tasks = try Hardening.tasks(in: temp, limits: "submission_mb = 2000\ngrading_memory_mb = 400\ngrading_cpu_s = 3")
        let sparse = temp.write("sparse.py", """
        with open("submission/submission.csv", "wb") as f:
            f.write(b"PassengerId,Survived\\n")
            f.truncate(2 * 2**30 + 7)
        print("SPARSE")
        """)
        let quote = temp.write("quote.py", """
        with open("submission/submission.csv", "w") as f:
            f.write('PassengerId,Survived\\n1,"')
            chunk = "x" * 2**20
            for _ in range(600):
                f.write(chunk)
        print("QUOTE")
        """)
        let rows = temp.write("rows.py", """
        with open("submission/submission.csv", "w") as f:
            f.write("PassengerId,Survived\\n")
            block = "".join(f"{i},1\\n" for i in range(100000))
            for _ in range(400):
                f.write(block)
        print("ROWS")
        """)
        let solution = temp.write("solution.py", Hardening.solution)
        let run = try Hardening.runMeasured(
            ["exec", "titanic", sparse.path, quote.path, rows.path, solution.path, "--json", "--tasks", tasks.path,
             "--trajectory", temp.file("t.dojo.jsonl").path, "--max-file-mb", "4096", "--disk-mb", "3000"],
            environment: ["DOJO_EPISODES": temp.file("episodes").path], in: temp)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let steps = Hardening.steps(run.stdout)
        try #require(steps.count == 4, "\(run.stdout.prefix(2000)) \(run.stderr)")
        #expect(Hardening.stdout(steps[0]).contains("SPARSE"))
        #expect(Hardening.errorKinds(steps[0]) == ["too_large"], "\(Hardening.submission(steps[0]))")
        #expect(Hardening.stdout(steps[1]).contains("QUOTE"))
        #expect(Hardening.errorKinds(steps[1]) == ["grading_limit"], "\(Hardening.submission(steps[1]))")
        #expect(Hardening.stdout(steps[2]).contains("ROWS"))
        // 40 M rows: stopped by the CPU limit, or (a fast machine) read in time and refused as unknown ids.
        #expect(Hardening.submission(steps[2])["valid"] as? Bool == false, "\(Hardening.submission(steps[2]))")
        #expect(Hardening.submission(steps[3])["valid"] as? Bool == true, "\(Hardening.submission(steps[3]))")
        #expect(Hardening.submission(steps[3])["raw_score"] as? Double != nil)
        // dojo itself never held the submissions: its own peak stays far below the files' sizes.
        #expect(run.peakKB > 0 && run.peakKB < 200 * 1024, "dojo's peak RSS was \(run.peakKB) kB")
    }

    /// A process that outlives its step swaps submission.csv with a link to a host-only file while the
    /// host grades: the host opens without following links, so the file's content never shows.
    @Test func aSubmissionSwappedWithALinkToAHostFileNeverLeaksIt() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let secret = "SECRET-\(UUID().uuidString.prefix(8))"
        let secretFile = temp.write("host-only.csv", "\(secret),x\n1,2\n")
        let marker = "dojo-swapper-\(UUID().uuidString.prefix(8))"
        let swapper = temp.write("swap.py", """
        import ctypes, os, threading, time
        libc = ctypes.CDLL(None, use_errno=True)
        def swap():
            os.makedirs("working/s", exist_ok=True)
            with open("working/s/regular.csv", "w") as f:
                f.write("PassengerId,Survived\\n1,0\\n")
            try:
                os.symlink(\(String(reflecting: secretFile.path)), "working/s/link.csv")
            except FileExistsError:
                pass
            while True:
                for name in ("working/s/regular.csv", "working/s/link.csv"):
                    try:
                        os.rename(name, "submission/submission.csv") if not os.path.lexists("submission/submission.csv") else \\
                            libc.renameat2(-100, name.encode(), -100, b"submission/submission.csv", 2)
                    except OSError:
                        pass
        threading.Thread(target=swap, daemon=False).start()
        time.sleep(0.5)
        print("SWAPPING")
        ctypes.CDLL(None).syscall(60, 0)  # SYS_exit: only the leader ends, the thread runs on
        """)
        let writer = temp.write("writer.py", """
        import time
        with open("submission/submission.csv", "w") as f:
            f.write("PassengerId,Survived\\n1,0\\n")
        time.sleep(0.3)
        print("WROTE")
        """)
        let next = temp.write("next.py", Hardening.solution)
        let outcome = try dojo.run(["exec", "titanic", swapper.path, writer.path, writer.path, writer.path, next.path, "--json",
                                    "--trajectory", temp.file("t.dojo.jsonl").path],
                                   environment: ["DOJO_EPISODES": temp.file("episodes").path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(!outcome.stdout.text.contains(secret), "the host-only file's content reached the feedback")
        #expect(!outcome.stderr.text.contains(secret))
        let trajectory = (try? String(contentsOf: temp.file("t.dojo.jsonl"), encoding: .utf8)) ?? ""
        #expect(!trajectory.contains(secret))
        let steps = Hardening.steps(outcome.stdout.text)
        try #require(steps.count == 5, "\(outcome.stdout.text.prefix(2000))")
        #expect(Hardening.stdout(steps[4]).contains("SOLVED"))
        #expect(processesMentioning(marker) == [])
    }

    /// A task's Python metric runs in a sandbox: no network, no host files, no writes outside; its score
    /// comes back bit for bit (0.1 + 0.2 is 0.30000000000000004, not 0.3).
    @Test func aPythonMetricRunsSandboxedAndItsScoreIsExact() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let server = try #require(TCPListener())
        defer { server.close() }
        let secretFile = temp.write("host-secret.txt", "host only\n")
        let hostMarker = temp.file("metric-was-here")
        let metric = """
        import os, socket
        class Probe:
            higher_is_better = True
            def evaluate(self, y_true, y_pred):
                flags = 0
                try:
                    socket.create_connection(("127.0.0.1", \(server.port)), timeout=3).close()
                    flags += 1
                except OSError:
                    pass
                try:
                    open(\(String(reflecting: secretFile.path))).read()
                    flags += 2
                except OSError:
                    pass
                try:
                    open(\(String(reflecting: hostMarker.path)), "w").write("x")
                    flags += 4
                except OSError:
                    pass
                return 0.1 + 0.2 + flags
        """
        let tasks = try Hardening.tasks(in: temp, replacing: [("name = \"accuracy\"", "python = \"metric.py\"\nhigher_is_better = true")],
                                        files: ["metric.py": metric])
        let solution = temp.write("solution.py", Hardening.solution)
        let outcome = try dojo.run(["exec", "titanic", solution.path, solution.path, "--json", "--tasks", tasks.path,
                                    "--trajectory", temp.file("t.dojo.jsonl").path],
                                   environment: ["DOJO_EPISODES": temp.file("episodes").path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let steps = Hardening.steps(outcome.stdout.text)
        try #require(steps.count == 2, "\(outcome.stdout.text.prefix(2000)) \(outcome.stderr.text)")
        for step in steps { #expect(Hardening.submission(step)["raw_score"] as? Double != nil, "\(Hardening.submission(step))") }
        // The printed numbers, read with the correctly rounding parser (JSONSerialization is off by an ulp here).
        let printed = outcome.stdout.text.components(separatedBy: "\"raw_score\" : ").dropFirst()
            .map { String($0.prefix { !",\n }".contains($0) }) }
        #expect(printed.count >= 2)  // each submission, and the best so far
        for text in printed {
            let score = try #require(DecimalParser.parse(text), "\(text)")
            #expect(score.bitPattern == (0.1 + 0.2).bitPattern, "score \(text): flags say what the metric reached")
        }
        #expect(!FileManager.default.fileExists(atPath: hostMarker.path))
        #expect(server.accepted() == 0)
    }

    /// The warm grading interpreter (issue 13): every grade of an episode is served by one sandboxed
    /// interpreter (the metric's module-level pid is the parent of each grade's child), and the episode's
    /// code, run while that interpreter is up, finds neither it nor the answers.
    @Test func theWarmGradingInterpreterServesTheEpisodeAndTheAnswersStayOutOfReach() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let metric = """
        import os
        LOADED_BY = os.getpid()
        class Warm:
            higher_is_better = True
            def evaluate(self, y_true, y_pred):
                # 1 when this grade was forked from the interpreter that imported metric.py: the warm path.
                return float(os.getppid() == LOADED_BY) + float((y_true["Survived"].to_numpy() == y_pred["Survived"].to_numpy()).mean())
        """
        let tasks = try Hardening.tasks(in: temp, replacing: [("name = \"accuracy\"", "python = \"metric.py\"\nhigher_is_better = true")],
                                        files: ["metric.py": metric])
        let solution = temp.write("solution.py", Hardening.solution)
        let probe = temp.write("probe.py", """
        import os, sys
        found = []
        # Everything but the read-only system and Python (the host's own, bound as they are).
        for root, dirs, files in os.walk("/", onerror=None):
            if root.startswith(("/proc", "/sys", "/dev", "/usr", sys.prefix, sys.base_prefix)):
                dirs[:] = []
                continue
            found += [os.path.join(root, f) for f in files if f == "answers.csv" or f.startswith("dojo_grading")]
        others = []
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    others.append(open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\\0", b" ").decode())
                except OSError:
                    pass
        print("FOUND", found, os.path.exists("/dojo/grading"))
        print("GRADER", [c for c in others if "dojo_grading" in c or "answers.csv" in c or "/dojo/task" in c])
        """)
        let outcome = try dojo.run(["exec", "titanic", solution.path, probe.path, solution.path, "--json", "--tasks", tasks.path,
                                    "--trajectory", temp.file("t.dojo.jsonl").path],
                                   environment: ["DOJO_EPISODES": temp.file("episodes").path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let steps = Hardening.steps(outcome.stdout.text)
        try #require(steps.count == 3, "\(outcome.stdout.text.prefix(2000)) \(outcome.stderr.text)")
        let first = try #require(Hardening.submission(steps[0])["raw_score"] as? Double, "\(Hardening.submission(steps[0]))")
        let last = try #require(Hardening.submission(steps[2])["raw_score"] as? Double, "\(Hardening.submission(steps[2]))")
        #expect(first > 1 && last == first, "both grades forked from the warm interpreter: \(first), \(last)")
        #expect(Hardening.stdout(steps[1]).contains("FOUND [] False"), "\(Hardening.stdout(steps[1]))")
        #expect(Hardening.stdout(steps[1]).contains("GRADER []"), "\(Hardening.stdout(steps[1]))")
        // Nothing of the grading interpreter outlives the episode.
        #expect(processesMentioning("dojo_grading_server") == [])
    }
}
