import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `dojo eval` with its live dashboard under tmux, on a trivial agent (one `execute_code` of a
/// constant submission): Enter on a running episode opens its live watch and `q` comes back; `q`, `y`
/// stops the evaluation from inside the dashboard — every `dojo run`, agent and sandbox gone, the
/// running episodes `interrupted`, the manifest whole — and the resume runs exactly those.
@Suite(.serialized) struct EvalDashboardEndToEndTests {
    let dojo = DojoBinary()

    /// Seed 1 closes at once; the others, after their step, wait for `gate` to exist (so they are
    /// running when the test stops the evaluation). Each writes its pid into `pids/`.
    static func agentScript(gate: URL, pids: URL) -> String {
        let agents = DojoBinary.repositoryRoot().appendingPathComponent("Agents").path
        return """
        import os, sys, time
        sys.path.insert(0, \(String(reflecting: agents)))
        from dojo_client import DojoClient
        seed = int(os.environ.get("DOJO_SEED", "1"))
        open(os.path.join(\(String(reflecting: pids.path)), "agent-%d-%d" % (seed, os.getpid())), "w").close()
        CODE = '''# trivial agent, seed %d
        import csv
        with open("input/test.csv") as f:
            rows = list(csv.reader(f))
        with open("input/sample_submission.csv") as f:
            header = next(csv.reader(f))
        with open("submission/submission.csv", "w") as f:
            f.write(",".join(header) + "\\\\n")
            for row in rows[1:]:
                f.write(row[0] + "," + ",".join("0" for _ in header[1:]) + "\\\\n")
        ''' % seed
        client = DojoClient.stdio()
        client.reset()
        client.execute_code(CODE)
        while seed != 1 and not os.path.exists(\(String(reflecting: gate.path))):
            time.sleep(0.1)
        client.close()
        """
    }

    /// The dashboard's row of `seed` (agent base, task titanic), nil when the screen has none.
    static func row(_ screen: String, seed: Int) -> String? {
        screen.split(separator: "\n").map(String.init).first { line in
            let words = line.split(separator: " ")
            guard let task = words.firstIndex(of: "titanic"), task + 1 < words.count else { return false }
            return words[task - 1] == "base" && words[task + 1] == Substring(String(seed))
        }
    }

    /// Waits (polling, up to 10 minutes: the machine may be loaded) until `condition` holds.
    func wait(_ what: String, _ condition: () -> Bool) throws {
        for _ in 0..<6000 {
            if condition() { return }
            usleep(100_000)
        }
        throw DojoError(.process, "timed out waiting for \(what)")
    }

    /// Whether `pid` is a running process: a zombie has ended (it waits for a parent to reap it; here,
    /// re-parented to a pid 1 that may not).
    static func alive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Every pid in a cgroup folder and the groups nested in it.
    func cgroupProcesses(_ dir: URL) -> Set<Int32> {
        var result = Set<Int32>()
        let text = (try? String(contentsOf: dir.appendingPathComponent("cgroup.procs"), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") { if let pid = Int32(line) { result.insert(pid) } }
        let entries = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        for entry in entries where (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            result.formUnion(cgroupProcesses(entry))
        }
        return result
    }

    @Test func enterWatchesARunningEpisodeAndQYStopsTheEvaluationWhichTheResumeFinishes() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let gate = temp.file("gate")
        let pids = temp.file("pids")
        try FileManager.default.createDirectory(at: pids, withIntermediateDirectories: true)
        let agent = temp.file("agent.py")
        try Self.agentScript(gate: gate, pids: pids).write(to: agent, atomically: true, encoding: .utf8)
        let out = temp.file("eval-stop")
        let run = RunDirectory(out)
        let keys = (1...3).map { EpisodeKey(agent: "base", task: "titanic", seed: $0) }
        let command = "\(dojo.url.path) eval --agent 'base=python3 \(agent.path)' --tasks titanic --seeds 3 --parallel 2 --out \(out.path)"
        let session = try TmuxSession(command: command, width: 120, height: 24, environment: home.environment())
        defer {
            try? Data().write(to: gate)
            session.kill()
        }

        // Seed 1 ends; seeds 2 and 3 run, each past its step (their status files say so, step by step).
        try wait("seed 1 done and seeds 2, 3 past their step") {
            let statuses = keys.map { (try? run.readStatus($0)) ?? nil }
            return statuses[0]?.state == .done
                && statuses[1...].allSatisfy { $0?.state == .running && ($0?.steps ?? 0) >= 1 && $0?.pid != nil && $0?.lastAction == "execute_code" }
        }
        var wait = session.waitFor("3 episodes · 1 done · 2 running", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(Self.row(wait.screen, seed: 2)?.contains("running") == true, "\(wait.screen)")

        // Enter on seed 2 opens its live watch (its step's code shows); q comes back to the dashboard.
        try session.keys("Down", "Enter")
        wait = session.waitFor("# trivial agent, seed 2", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("q")
        wait = session.waitFor("back from base/titanic/seed-2", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(Self.row(wait.screen, seed: 2)?.hasPrefix("▸") == true, "\(wait.screen)")

        // Everything the two running episodes started: their `dojo run`, agents, sandboxes (their
        // share groups, when cgroups are writable, hold all of it).
        var processes = Set<Int32>()
        var groups: [URL] = []
        for key in keys[1...] {
            let status = try #require(try run.readStatus(key))
            processes.insert(try #require(status.pid))
            let runner = try #require(status.runner)
            for controller in ["cpu", "memory"] {
                let group = URL(fileURLWithPath: "/sys/fs/cgroup/\(controller)/dojo-eval-\(runner)-base-titanic-\(key.seed)")
                if FileManager.default.fileExists(atPath: group.path) {
                    groups.append(group)
                    processes.formUnion(cgroupProcesses(group))
                }
            }
        }
        let agentPids = try FileManager.default.contentsOfDirectory(atPath: pids.path).compactMap { $0.split(separator: "-").last.flatMap { Int32($0) } }
        #expect(agentPids.count == 3)
        processes.formUnion(agentPids)
        if !groups.isEmpty { #expect(processes.count >= 6, "dojo run, the agent and the sandbox of each: \(processes.sorted())") }

        // q asks; y stops. The exit code is Ctrl-C's.
        try session.keys("q")
        wait = session.waitFor("Stop the evaluation?", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("y")
        wait = session.waitFor("EXITED=130", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("resume with `dojo eval --resume"), "\(wait.screen)")
        for pid in processes.sorted() {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            #expect(!Self.alive(pid), "process \(pid) outlived the evaluation: \(stat)")
        }
        for group in groups { #expect(!FileManager.default.fileExists(atPath: group.path), "\(group.path) is left") }

        // The run directory is whole: the manifest reads, one session; seed 1 done, 2 and 3 interrupted, each trajectory ended.
        let manifest = try #require(try run.readManifest())
        #expect(manifest.sessions.count == 1)
        #expect(manifest.request.seeds == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(try run.readStatus(keys[0])?.state == .done)
        for key in keys[1...] {
            let status = try #require(try run.readStatus(key))
            #expect(status.state == .interrupted)
            #expect(status.reason == "interrupted: the evaluation was stopped")
            #expect(try TrajectoryReader.read(run.files(for: key).trajectory).end != nil)
        }
        let seed1 = try Data(contentsOf: run.files(for: keys[0]).trajectory)

        // The resume runs exactly seeds 2 and 3 again, from scratch, their stopped attempts kept aside.
        try Data().write(to: gate)
        let resumed = try dojo.run(["eval", "--resume", out.path, "--no-tui"], environment: home.environment())
        #expect(resumed.exitCode == 0, "\(resumed.stderr.text)")
        #expect(resumed.stdout.text.contains("1 already finished, 2 to run"), "\(resumed.stdout.text)")
        #expect(try Data(contentsOf: run.files(for: keys[0]).trajectory) == seed1)
        #expect(run.interruptedAttempts(keys[0]).isEmpty)
        for key in keys[1...] {
            let status = try #require(try run.readStatus(key))
            #expect(status.state == .done && status.attempt == 2 && status.valid == true)
            #expect(run.interruptedAttempts(key).map(\.lastPathComponent) == ["interrupted-1"])
        }
        #expect(try run.readManifest()?.sessions.count == 2)
        #expect(FileManager.default.fileExists(atPath: run.reportJSON.path))
    }

    /// Ctrl-C in the dashboard (a key there: the terminal is in raw mode) stops at once, without the
    /// question, and exits 130 as Ctrl-C does without the dashboard.
    @Test func ctrlCInTheDashboardStopsAtOnceAndExits130() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let gate = temp.file("gate")
        let pids = temp.file("pids")
        try FileManager.default.createDirectory(at: pids, withIntermediateDirectories: true)
        let agent = temp.file("agent.py")
        try Self.agentScript(gate: gate, pids: pids).write(to: agent, atomically: true, encoding: .utf8)
        let out = temp.file("eval-ctrl-c")
        let run = RunDirectory(out)
        let key = EpisodeKey(agent: "base", task: "titanic", seed: 2)
        // Seed 2 only (seeds 1…2, seed 1 closes at once).
        let command = "\(dojo.url.path) eval --agent 'base=python3 \(agent.path)' --tasks titanic --seeds 2 --out \(out.path)"
        let session = try TmuxSession(command: command, width: 100, height: 20, environment: home.environment())
        defer {
            try? Data().write(to: gate)
            session.kill()
        }
        try wait("seed 2 past its step") { ((try? run.readStatus(key)) ?? nil).map { $0.state == .running && $0.steps >= 1 } ?? false }
        var wait = session.waitFor("2 episodes · 1 done · 1 running", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        let pid = try #require(try run.readStatus(key)?.pid)
        try session.keys("C-c")
        wait = session.waitFor("EXITED=130", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("Stop the evaluation?"), "\(wait.screen)")
        #expect(!Self.alive(pid), "dojo run \(pid) outlived the evaluation")
        #expect(try run.readStatus(key)?.state == .interrupted)
        #expect(try run.readManifest()?.sessions.count == 1)
    }
}
