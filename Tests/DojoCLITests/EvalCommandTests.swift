import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `dojo eval` end to end with the shipped baseline agent on titanic: episodes run two at a time, a
/// killed episode is re-run alone on resume, the report's numbers match a recomputation from the
/// trajectories, Ctrl-C leaves every episode interrupted and nothing running.
@Suite(.serialized) struct EvalCommandTests {
    let agent = "base=python3 \(DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path)"

    func evalArguments(_ out: URL, seeds: Int = 2) -> [String] {
        ["eval", "--agent", agent, "--tasks", "titanic", "--seeds", "\(seeds)", "--parallel", "2", "--max-steps", "3",
         "--out", out.path, "--no-tui"]
    }

    /// Starts `dojo eval` without waiting for it.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = DojoBinary().url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits (up to 10 minutes, polling) until `condition` holds.
    func wait(_ what: String, _ condition: () -> Bool) throws {
        for _ in 0..<6000 {
            if condition() { return }
            usleep(100_000)
        }
        throw DojoError(.process, "timed out waiting for \(what)")
    }

    func stepsWritten(_ trajectory: URL) -> Int {
        ((try? String(contentsOf: trajectory, encoding: .utf8)) ?? "").components(separatedBy: "\"type\":\"step\"").count - 1
    }

    @Test func aKilledEpisodeIsRerunAloneOnResumeAndTheReportMatchesTheTrajectories() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let out = temp.file("run")
        let run = RunDirectory(out)
        let seed1 = EpisodeKey(agent: "base", task: "titanic", seed: 1)
        let seed2 = EpisodeKey(agent: "base", task: "titanic", seed: 2)

        // First run: kill seed 1's `dojo run` once it has taken a step.
        let first = try start(evalArguments(out))
        defer { first.stopForTest() }
        try wait("seed 1 to take a step") { (try? run.readStatus(seed1))??.pid != nil && stepsWritten(run.files(for: seed1).trajectory) >= 1 }
        let pid = try #require(try run.readStatus(seed1)?.pid)
        kill(pid, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationStatus == 1)
        #expect(try run.readStatus(seed1)?.state == .interrupted)
        #expect(try run.readStatus(seed2)?.state == .done)
        let seed2Trajectory = try Data(contentsOf: run.files(for: seed2).trajectory)

        // A different command on the same directory is refused, naming the difference.
        let different = try DojoBinary().run(evalArguments(out, seeds: 3))
        #expect(different.exitCode != 0)
        #expect(different.stderr.text.contains("--seeds: 2 → 3"), "\(different.stderr.text)")

        // The same command resumes: only seed 1 runs again, its partial attempt kept aside.
        let resumed = try DojoBinary().run(evalArguments(out))
        #expect(resumed.exitCode == 0, "\(resumed.stderr.text)")
        #expect(resumed.stdout.text.contains("1 already finished, 1 to run"), "\(resumed.stdout.text)")
        #expect(resumed.stdout.text.contains("done         base/titanic/seed-1"))
        #expect(!resumed.stdout.text.contains("seed-2  steps"))
        #expect(try run.readStatus(seed1)?.state == .done)
        #expect(try run.readStatus(seed1)?.attempt == 2)
        #expect(run.interruptedAttempts(seed1).map(\.lastPathComponent) == ["interrupted-1"])
        #expect(try Data(contentsOf: run.files(for: seed2).trajectory) == seed2Trajectory)
        let header = try TrajectoryReader.read(run.files(for: seed1).trajectory).header
        #expect(header.agent["name"] == .string("base"))
        #expect(header.agent["seed"] == .number(1))

        // The report, recomputed here from the trajectories' JSON without Dojo's types.
        let report = try DojoBinary().run(["eval", "report", out.path])
        #expect(report.exitCode == 0, "\(report.stderr.text)")
        #expect(report.stdout.text.contains("Per agent and task"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: run.reportJSON)) as? [String: Any])
        let cell = try #require((json["cells"] as? [[String: Any]])?.first)
        var bests: [Double] = [], ranks: [Double] = [], medals = 0, valid = 0, steps: [Double] = []
        for seed in [1, 2] {
            let text = try String(contentsOf: run.files(for: EpisodeKey(agent: "base", task: "titanic", seed: seed)).trajectory, encoding: .utf8)
            var best: (Double, Double, String)?
            var lastStep = 0
            var anyValid = false
            for line in text.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], object["type"] as? String == "step",
                      let observation = object["observation"] as? [String: Any] else { continue }
                lastStep = observation["step"] as? Int ?? lastStep
                guard let submission = observation["submission"] as? [String: Any], submission["valid"] as? Bool == true else { continue }
                anyValid = true
                guard let score = submission["raw_score"] as? Double else { continue }
                let higher = submission["higher_is_better"] as? Bool ?? true
                if let current = best?.0, higher ? score <= current : score >= current { continue }
                best = (score, submission["human_rank"] as? Double ?? 0, submission["medal"] as? String ?? "none")
            }
            let found = try #require(best)
            bests.append(found.0)
            ranks.append(found.1)
            if found.2 != "none" { medals += 1 }
            if anyValid { valid += 1 }
            steps.append(Double(lastStep))
        }
        let mean = bests.reduce(0, +) / 2
        let std = ((bests[0] - mean) * (bests[0] - mean) + (bests[1] - mean) * (bests[1] - mean)).squareRoot()  // n − 1 = 1
        #expect(abs((cell["score_mean"] as? Double ?? -1) - mean) < 1e-12)
        #expect(abs((cell["score_std"] as? Double ?? -1) - std) < 1e-12)
        #expect(abs((cell["human_rank_mean"] as? Double ?? -1) - ranks.reduce(0, +) / 2) < 1e-12)
        #expect(cell["scored"] as? Int == 2)
        let summary = try #require((json["agent_summaries"] as? [[String: Any]])?.first)
        #expect(abs((summary["any_medal_rate"] as? Double ?? -1) - Double(medals) / 2) < 1e-12)
        #expect(abs((summary["valid_rate"] as? Double ?? -1) - Double(valid) / 2) < 1e-12)
        #expect(abs((summary["mean_steps"] as? Double ?? -1) - steps.reduce(0, +) / 2) < 1e-12)
        #expect(FileManager.default.fileExists(atPath: run.reportCSV.path))
        #expect(try String(contentsOf: run.reportMarkdown, encoding: .utf8).contains("| base | titanic | 2/2 |"))
    }

    /// Where the cgroups cannot be written (here a cgroup v1 layout whose control files refuse
    /// writes, given with `--cgroup-root`), the episodes run without their share and the manifest says why.
    /// Each status was rewritten per step (`updated_at`, the last action).
    @Test func whereCgroupsCannotBeWrittenTheEpisodesRunWithoutTheShareAndTheManifestSaysWhy() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let root = temp.file("cgroup")
        for controller in ["cpu", "memory"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(controller), withIntermediateDirectories: true)
            try Data().write(to: root.appendingPathComponent("\(controller)/cgroup.procs"))
        }
        let out = temp.file("run")
        let result = try DojoBinary().run(["eval", "--agent", agent, "--tasks", "titanic", "--seeds", "1", "--max-steps", "2",
                                           "--out", out.path, "--no-tui", "--cgroup-root", root.path])
        #expect(result.exitCode == 0, "\(result.stderr.text)")
        #expect(result.stderr.text.contains("warning: each episode's CPU and memory share is not enforced: cannot write 100000 to \(root.path)/cpu/"),
                "\(result.stderr.text)")
        let run = RunDirectory(out)
        let manifest = try #require(try run.readManifest())
        let resources = try #require(manifest.resources)
        #expect(resources.enforcement == nil)
        let note = try #require(resources.note)
        #expect(note.hasPrefix("not enforced: cannot write 100000 to \(root.path)/cpu/dojo-eval-probe-"), "\(note)")
        #expect(note.hasSuffix("/cpu.cfs_period_us: No such file or directory"), "\(note)")
        #expect(manifest.sessions.last?.resources == manifest.resources)
        let status = try #require(try run.readStatus(EpisodeKey(agent: "base", task: "titanic", seed: 1)))
        #expect(status.state == .done)
        #expect(status.steps >= 1 && status.lastAction != nil && status.updatedAt != nil)
        // Nothing was left in the stand-in hierarchy.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("cpu").path) == ["cgroup.procs"])
    }

    /// An agent that cannot start: its `dojo run` exits 3, and the episode is failed with the agent's own words as the reason.
    @Test func anAgentThatCannotStartLeavesItsEpisodeFailedWithTheReason() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let out = temp.file("run")
        let missing = temp.file("nonexistent.py").path
        let outcome = try DojoBinary().run(["eval", "--agent", "bad=python3 \(missing)", "--tasks", "titanic", "--seeds", "1",
                                            "--parallel", "1", "--max-steps", "1", "--out", out.path, "--no-tui"])
        #expect(outcome.exitCode == 0, "\(outcome.stdout.text)\n\(outcome.stderr.text)")
        let status = try #require(try RunDirectory(out).readStatus(EpisodeKey(agent: "bad", task: "titanic", seed: 1)))
        #expect(status.state == .failed)
        #expect(status.exitCode == 3)
        let reason = status.reason ?? ""
        #expect(reason.contains("the agent never started an episode (agent exited with code 2)") && reason.contains("can't open file '\(missing)'"),
                "\(reason)")
    }

    @Test func ctrlCLeavesEveryEpisodeInterruptedAndNothingRunning() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let out = temp.file("run")
        let run = RunDirectory(out)
        let process = try start(evalArguments(out))
        defer { process.stopForTest() }
        let keys = [1, 2].map { EpisodeKey(agent: "base", task: "titanic", seed: $0) }
        try wait("both episodes to take a step") {
            keys.allSatisfy { (try? run.readStatus($0))??.pid != nil && stepsWritten(run.files(for: $0).trajectory) >= 1 }
        }
        // A second evaluation cannot run on the directory meanwhile.
        let second = try DojoBinary().run(evalArguments(out))
        #expect(second.exitCode != 0)
        #expect(second.stderr.text.contains("another dojo eval"), "\(second.stderr.text)")
        let pids = try keys.map { try #require(try run.readStatus($0)?.pid) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        for key in keys {
            #expect(try run.readStatus(key)?.state == .interrupted)
            #expect(try TrajectoryReader.read(run.files(for: key).trajectory).end != nil)
        }
        for pid in pids { #expect(kill(pid, 0) != 0, "dojo run \(pid) outlived the evaluation") }
        #expect(try run.readManifest()?.request.seeds == 2)
    }

    @Test func afterKill9OfTheEvaluationItsEpisodesStopAndTheResumeRerunsThem() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let out = temp.file("run")
        let run = RunDirectory(out)
        let process = try start(evalArguments(out))
        defer { process.stopForTest() }
        let keys = [1, 2].map { EpisodeKey(agent: "base", task: "titanic", seed: $0) }
        try wait("both episodes to take a step") {
            keys.allSatisfy { (try? run.readStatus($0))??.pid != nil && stepsWritten(run.files(for: $0).trajectory) >= 1 }
        }
        let pids = try keys.map { try #require(try run.readStatus($0)?.pid) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Each `dojo run` notices its parent is gone and ends its episode.
        try wait("the orphaned episodes to stop") { pids.allSatisfy { kill($0, 0) != 0 } }
        for key in keys {
            #expect(try run.readStatus(key)?.state == .running)
            #expect(try TrajectoryReader.read(run.files(for: key).trajectory).end?.reason == "interrupted: the process that started it is gone")
        }
        let resumed = try DojoBinary().run(["eval", "--resume", out.path, "--no-tui"])
        #expect(resumed.exitCode == 0, "\(resumed.stderr.text)")
        #expect(resumed.stdout.text.contains("2 to run"), "\(resumed.stdout.text)")
        for key in keys {
            let status = try #require(try run.readStatus(key))
            #expect(status.state == .done)
            #expect(status.attempt == 2)
            #expect(run.interruptedAttempts(key).map(\.lastPathComponent) == ["interrupted-1"])
        }
    }
}
