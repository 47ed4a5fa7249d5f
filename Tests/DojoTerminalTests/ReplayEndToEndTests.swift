import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real `dojo replay` under tmux, on trajectories `dojo exec` records on the fixture task, on the
/// imported MLE-Dojo history, and on a generated 10,000-step file.
@Suite(.serialized) struct ReplayEndToEndTests {
    let dojo = DojoBinary()

    static let failing = "raise ValueError('boom in step two')\n"
    /// Off by one everywhere: RMSE 1.
    static let close = FixtureTask.perfectSolution.replacingOccurrences(of: "2 * int(r['x']) + 1", with: "2 * int(r['x']) + 2")

    /// A temporary home (no user config, a fresh cache and state) with the fixture task's folder.
    func environment(_ temp: TemporaryDirectory) -> [String: String] {
        TestHome(temp).environment(["DOJO_TASKS": temp.file("tasks").path, "DOJO_EPISODES": temp.file("episodes").path])
    }

    /// `dojo exec` on the fixture task, one step per solution; returns the trajectory.
    func record(_ solutions: [String], name: String, temp: TemporaryDirectory) throws -> URL {
        _ = FixtureTask(in: temp.file("tasks"))
        // The repository's requirements, so the shared Python environment counts as current.
        let requirements = temp.file("tasks/requirements.txt")
        if !FileManager.default.fileExists(atPath: requirements.path) {
            try FileManager.default.copyItem(at: DojoBinary.repositoryRoot().appendingPathComponent("Tasks/requirements.txt"), to: requirements)
        }
        let files = solutions.enumerated().map { temp.write("\(name)-\($0.offset + 1).py", $0.element).path }
        let trajectory = temp.file("\(name).dojo.jsonl")
        let result = try dojo.run(["exec", "fixture"] + files + ["--trajectory", trajectory.path], environment: environment(temp))
        try #require(result.exitCode == 0, "dojo exec failed: \(result.stderr.text)")
        return trajectory
    }

    func replay(_ arguments: String, temp: TemporaryDirectory, width: Int = 120, height: Int = 36) throws -> TmuxSession {
        try TmuxSession(command: "\(dojo.url.path) \(arguments)", width: width, height: height, environment: environment(temp))
    }

    /// Four steps recorded by `dojo exec` (a constant, a crash, the perfect solution, off by one), replayed.
    func replayFourSteps(temp: TemporaryDirectory) throws -> (URL, TmuxSession) {
        let trajectory = try record([FixtureTask.constantSolution, Self.failing, FixtureTask.perfectSolution, Self.close],
                                    name: "run", temp: temp)
        return (trajectory, try replay("replay \(trajectory.path)", temp: temp))
    }

    /// `q`, and the summary line naming how many steps were replayed.
    func quit(_ session: TmuxSession, steps: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try session.keys("q")
        let wait = session.waitFor("replayed \(steps) steps")
        #expect(wait.ok, "\(wait.screen)", sourceLocation: sourceLocation)
    }

    @Test func seekPlayAtEightTimesJumpToTheBestDiffBookmarkAndVerify() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (trajectory, session) = try replayFourSteps(temp: temp)
        defer { session.kill() }
        var wait = session.waitFor("step 1 · 1/4")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("Steps · 4"))
        #expect(wait.screen.contains("shutil.copy"))
        #expect(wait.screen.contains("ended (closed)") || wait.screen.contains("ended ("), "\(wait.screen)")

        // Seek: next, last, go to step 2, the next error.
        try session.keys("n")
        wait = session.waitFor("step 2 · 2/4")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("boom in step two"))
        try session.keys("G")
        wait = session.waitFor("step 4 · 4/4")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys(":")
        try session.type("1")
        try session.keys("Enter")
        wait = session.waitFor("step 1 · 1/4")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("e")
        wait = session.waitFor("step 2 · 2/4")
        #expect(wait.ok, "\(wait.screen)")

        // Play at 8× from the first step to the end.
        try session.keys("g", "+", "+", "+")
        wait = session.waitFor("❚❚ 8×")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Space")
        wait = session.waitFor("step 4 · 4/4", timeout: 30)
        #expect(wait.ok, "\(wait.screen)")
        wait = session.waitFor("❚❚ 8×", timeout: 30)
        #expect(wait.ok, "\(wait.screen)")

        // The best step, and its diff against the previous executed step.
        try session.keys("b")
        wait = session.waitFor("step 3 · 3/4")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("▶    3 ★"), "\(wait.screen)")
        try session.keys("d")
        wait = session.waitFor("diff step 2 → 3 (previous)")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("-raise ValueError('boom in step two')"), "\(wait.screen)")
        #expect(wait.screen.contains("+import csv"), "\(wait.screen)")
        try session.keys("d")
        wait = session.waitFor("this is the best step")
        #expect(wait.ok, "\(wait.screen)")

        // A bookmark and a note land in the sidecar; search finds a step by its output.
        try session.keys("m")
        wait = session.waitFor("bookmarked step 3")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("a")
        try session.type("the perfect one")
        try session.keys("Enter")
        wait = session.waitFor("▶    3 ★◆✎")
        #expect(wait.ok, "\(wait.screen)")
        let sidecar = try String(contentsOf: TrajectoryAnnotations.sidecarURL(for: trajectory), encoding: .utf8)
        #expect(sidecar.contains("\"type\":\"bookmark\""), "\(sidecar)")
        #expect(sidecar.contains("the perfect one"), "\(sidecar)")
        try session.keys("/")
        try session.type("boom in step")
        try session.keys("Enter")
        wait = session.waitFor("step 2 · 2/4")
        #expect(wait.ok, "\(wait.screen)")
        // Read-only.
        try session.keys("F5")
        wait = session.waitFor("read-only")
        #expect(wait.ok, "\(wait.screen)")
        try quit(session, steps: 4)

        // The trajectory was never rewritten: dojo verify re-runs it and every step matches.
        let verify = try replay("verify \(trajectory.path)", temp: temp)
        defer { verify.kill() }
        wait = verify.waitFor("EXITED=", timeout: 300)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("All 4 code steps match."), "\(wait.screen)")
        #expect(wait.screen.contains("EXITED=0"), "\(wait.screen)")
    }

    /// The check: fork from step 3 with the workspace rebuilt, execute, quit back to the replay.
    @Test func forksFromAStepExecutesAndComesBackToTheReplay() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (trajectory, session) = try replayFourSteps(temp: temp)
        defer { session.kill() }
        var wait = session.waitFor("step 1 · 1/4")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys(":")
        try session.type("3")
        try session.keys("Enter", "f")
        wait = session.waitFor("Fork from step 3: (r)ebuild workspace, (c)lean start, (Esc) cancel")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("r")
        // dojo play --fork has the terminal: the workspace is rebuilt from steps 1 and 2, the editor has step 3's code.
        wait = session.waitFor("workspace rebuilt", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("step 3 (fork)"), "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor("step 1: rmse 0", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-q")
        wait = session.waitFor { $0.contains("step 3 · 3/4") && $0.contains("❚❚ 1×") && $0.contains("Steps · 4") }
        #expect(wait.ok, "\(wait.screen)")
        // The forked episode's trajectory says where it came from; the replayed one is untouched.
        let folder = TestHome(temp).trajectories
        let forked = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".dojo.jsonl") }
        try #require(forked.count == 1, "\(forked)")
        // Issue 17, bug 10: back in the replay, the message line and the logs say where the fork went.
        wait = session.waitFor { $0.contains("fork of step 3 saved (dojo replay FILE replays it)") }
        #expect(wait.ok, "\(wait.screen)")
        // The file's id (its name's end), which a narrow Logs pane does not break.
        let id = String(TrajectoryNaming.stem(of: URL(fileURLWithPath: forked[0])).suffix(6))
        #expect(wait.screen.contains(id), "\(forked[0])\n\(wait.screen)")
        // The message said it too: the message log keeps it after the message line has moved on.
        try session.keys("M-m")
        wait = session.waitFor("the fork of step 3 is saved")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Escape")
        wait = session.waitFor { !$0.contains("the fork of step 3 is saved") }
        #expect(wait.ok, "\(wait.screen)")
        let read = try TrajectoryReader.read(folder.appendingPathComponent(forked[0]))
        #expect(read.header.forkedFrom?["step"] == .number(3), "\(String(describing: read.header.forkedFrom))")
        #expect(read.steps.count == 1)
        #expect(try TrajectoryIndex.open(trajectory).steps.count == 4)
        try quit(session, steps: 4)
    }

    @Test func comparesTwoRunsSideBySide() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let a = try record([FixtureTask.constantSolution, FixtureTask.perfectSolution], name: "agent", temp: temp)
        let b = try record([Self.close, Self.failing, FixtureTask.perfectSolution], name: "person", temp: temp)
        let session = try replay("replay \(a.path) \(b.path)", temp: temp)
        defer { session.kill() }
        // The frame reaches tmux in pieces: wait for every part this screen is checked for.
        var wait = session.waitFor {
            $0.contains("diff A → B · step 1") && $0.contains("-shutil.copy(") && $0.contains("━A: agent.dojo.jsonl ━B: person.dojo.jsonl")
        }
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("A: agent.dojo.jsonl"), "\(wait.screen)")
        #expect(wait.screen.contains("B: person.dojo.jsonl"), "\(wait.screen)")
        #expect(wait.screen.contains("━A: agent.dojo.jsonl ━B: person.dojo.jsonl"), "\(wait.screen)")
        #expect(wait.screen.contains("-shutil.copy(\"input/sample_submission.csv\""), "\(wait.screen)")
        try session.keys("n")
        // The frame reaches tmux in pieces: wait for the title and the body it names, not the title alone.
        wait = session.waitFor { $0.contains("diff A → B · step 2") && $0.contains("+raise ValueError('boom in step two')") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("n")
        wait = session.waitFor("only one run has a step at this position")
        #expect(wait.ok, "\(wait.screen)")
        try quit(session, steps: 3)
    }

    @Test func replaysTheImportedMLEDojoHistory() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixtures = DojoBinary.repositoryRoot().appendingPathComponent("Tests/DojoKitTests/Fixtures/mle-dojo")
        let imported = temp.file("mle.dojo.jsonl")
        let result = try dojo.run(["import", "mle-dojo", fixtures.appendingPathComponent("env_history.json").path,
                                   "--agent-trajectory", fixtures.appendingPathComponent("agent_trajectory.json").path,
                                   "-o", imported.path], environment: environment(temp))
        try #require(result.exitCode == 0, "\(result.stderr.text)")
        let index = try TrajectoryIndex.open(imported)
        let best = try #require(index.bestPosition)
        let session = try replay("replay \(imported.path)", temp: temp)
        defer { session.kill() }
        var wait = session.waitFor("step \(index.steps[0].step) · 1/\(index.steps.count)")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("b")
        wait = session.waitFor("step \(index.steps[best].step) · \(best + 1)/\(index.steps.count)")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("★"), "\(wait.screen)")
        try session.keys("G")
        wait = session.waitFor("\(index.steps.count)/\(index.steps.count)")
        #expect(wait.ok, "\(wait.screen)")
        // Issue 17, bug 12: `e` with no failed step left says so.
        try session.keys("e")
        wait = session.waitFor("no further err")
        #expect(wait.ok, "\(wait.screen)")
        // Bug 5: the task is not installed, so the Task pane shows the header, in plain values.
        try session.keys("t")
        wait = session.waitFor("agent kind: mle-dojo")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("agent total_reward: 1.4199"), "\(wait.screen)")
        #expect(!wait.screen.contains("string(") && !wait.screen.contains("number("), "\(wait.screen)")
        // Bug 9: step 1 is a request_info; its answer is in the logs.
        try session.keys("g")
        wait = session.waitFor { $0.contains("step 1 · request_info") && $0.contains("  overview:") }
        #expect(wait.ok, "\(wait.screen)")
        // Bug 12: the help lists only what works in replay.
        try session.keys("F1")
        wait = session.waitFor("Replay (read-only): only these keys work")
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("execute the buffer") && !wait.screen.contains("unsaved edits"), "\(wait.screen)")
        try session.keys("F1")
        wait = session.waitFor { !$0.contains("only these keys work") }
        #expect(wait.ok, "\(wait.screen)")
        try quit(session, steps: index.steps.count)
    }

    @Test func movesThroughAGeneratedTenThousandStepTrajectory() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = temp.file("long.dojo.jsonl")
        let header = TrajectoryHeader(task: "fixture", taskDigest: "abc", seed: 1, agent: ["name": .string("generator")],
                                      startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0")
        let writer = try TrajectoryWriter(url: url, header: header)
        for n in 1...10_000 {
            let execution = ExecutionReport(exitCode: 0, signal: nil, timedOut: false, cancelled: nil, durationMs: 5,
                                            stdout: "output of step \(n)\n", stderr: "", truncatedBytes: 0, sandbox: "bwrap",
                                            limitExceeded: nil, limits: nil)
            let submission = SubmissionReport(found: true, valid: true, errors: [], warnings: [], rows: 10, metric: "rmse",
                                              higherIsBetter: false, rawScore: Double((n * 7919) % 1000) / 100, position: nil,
                                              humanRank: 0.5, medal: nil, aboveMedian: nil, boardKind: .reference, medalThresholds: nil)
            let observation = Observation(step: n, action: .executeCode, status: .ok, feedback: "ran", info: nil, execution: execution,
                                          submission: submission, history: nil, reward: 0, best: nil,
                                          budget: Budget(stepsUsed: n, stepsLeft: 10_000 - n, secondsLeft: 100),
                                          terminated: false, truncated: false)
            try writer.append(.step(StepRecord(index: n, t: Double(n), actor: .agent, action: .executeCode("print('code of step \(n)')\n"),
                                               observation: observation)))
        }
        try writer.append(.end(EndRecord(t: 10_001, reason: "max_steps reached")))
        writer.close()
        let session = try replay("replay \(url.path)", temp: temp)
        defer { session.kill() }
        var wait = session.waitFor("step 1 · 1/10000", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("G")
        wait = session.waitFor("step 10000 · 10000/10000")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("code of step 10000"), "\(wait.screen)")
        try session.keys(":")
        try session.type("5000")
        try session.keys("Enter")
        wait = session.waitFor("code of step 5000")
        #expect(wait.ok, "\(wait.screen)")
        for _ in 0..<20 { try session.keys("n") }
        wait = session.waitFor("code of step 5020")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("PageDown")
        wait = session.waitFor { !$0.contains("code of step 5020") && $0.contains("step 50") }
        #expect(wait.ok, "\(wait.screen)")
        try quit(session, steps: 10000)
    }

    @Test func aMissingOrBrokenFileIsAnErrorBeforeTheScreenOpens() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let missing = try dojo.run(["replay", temp.file("nope.dojo.jsonl").path], timeout: 60)
        #expect(missing.exitCode != 0)
        #expect(missing.stderr.text.contains("no such trajectory file"), "\(missing.stderr.text)")
        let file = temp.write("notes.txt", "hello\n")
        let broken = try dojo.run(["replay", file.path], timeout: 60)
        #expect(broken.exitCode != 0)
        #expect(broken.stderr.text.contains("not a trajectory header"), "\(broken.stderr.text)")
        let three = try dojo.run(["replay", file.path, file.path, file.path], timeout: 60)
        #expect(three.exitCode != 0)
        #expect(three.stderr.text.contains("give one trajectory to replay, or two to compare"), "\(three.stderr.text)")
    }
}
