import DojoKit
import DojoTesting
import Foundation
import Testing

/// The loop end to end on the fixture task, with the host's python3 and a fake clock.
@Suite struct EnvironmentTests {
    struct Harness {
        let temp = TemporaryDirectory()
        let clock = FakeClock()
        let task: TaskSpec
        let prepared: PreparedTask
        let trajectoryURL: URL

        init(limits: String = "step_timeout_s = 20\nmax_steps = 5\nepisode_time_s = 3600") throws {
            _ = FixtureTask(in: temp.file("tasks"), limits: limits)
            task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
            let cache = PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(), python: FixtureTask.systemPython)
            prepared = try cache.prepare(task, seed: 7).0
            trajectoryURL = temp.file("run.dojo.jsonl")
        }

        func environment() throws -> Environment {
            let url = trajectoryURL
            return try Environment(
                task: task, prepared: prepared, runner: LocalCodeRunner(python: FixtureTask.systemPython), clock: clock,
                episodesDirectory: temp.file("episodes"), configuration: .init(seed: 7, limits: task.limits),
                trajectoryPlacer: { number in number == 1 ? url : url.deletingLastPathComponent().appendingPathComponent("run.\(number).dojo.jsonl") })
        }
    }

    /// Issue 17, friction 2: the best executed step's submission and working/ (regular files only) are
    /// kept before the workspace goes; a resumed episode gets working/ back.
    @Test func keepingAWorkspaceCopiesWorkingAndTheBestSubmissionAndResumingRestoresWorking() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let perfect = try env.step(.executeCode(FixtureTask.perfectSolution + "\nopen('working/model.txt', 'w').write('weights')\n"))
        #expect(perfect.best?.step == 1)
        // A worse later step, and a link to a host file left in working/: neither is kept.
        _ = try env.step(.executeCode(FixtureTask.constantSolution + "\nimport os\nos.symlink('/etc/hostname', 'working/host')\n"))
        let folder = harness.temp.file("kept")
        let kept = try env.keepWorkspace(in: folder)
        #expect(kept.working == WorkspaceCopy.Summary(files: 1, bytes: 7, skipped: 1))
        #expect(kept.bestSubmission)
        let best = try String(contentsOf: folder.appendingPathComponent(KeptWorkspace.bestSubmissionName), encoding: .utf8)
        // The perfect step's (2x + 1, never 0), not the later constant one's (all 0).
        let rows = best.split(separator: "\n").dropFirst()
        #expect(best.hasPrefix("id,y\n") && !rows.isEmpty && !rows.contains { $0.hasSuffix(",0") }, "\(best)")
        #expect(try String(contentsOf: folder.appendingPathComponent("working/model.txt"), encoding: .utf8) == "weights")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("working/host").path))
        env.close(reason: "done")

        // The next episode (its own trajectory, run.2) is the resumed one.
        let resumed = env
        try resumed.reset()
        let restored = try resumed.restoreWorking(from: folder.appendingPathComponent("working"))
        #expect(restored.files == 1)
        let read = try resumed.step(.executeCode("print(open('working/model.txt').read())"))
        #expect(read.execution?.stdout == "weights\n")
        resumed.close(reason: "done")
    }

    @Test func aPerfectSolutionScoresBestAndIsRecorded() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        let first = try env.reset()
        #expect(first.step == 0)
        #expect(first.budget.stepsLeft == 5)

        let observation = try env.step(.executeCode(FixtureTask.perfectSolution))
        #expect(observation.status == .ok)
        #expect(observation.execution?.exitCode == 0)
        #expect(observation.submission?.valid == true)
        #expect(observation.submission?.rawScore == 0)
        #expect(observation.submission?.position?.private == BoardPosition(position: 1, total: 10, score: 1, shareBeaten: 0.9))
        #expect(observation.submission?.medal == .gold)
        #expect(observation.reward == 1)
        #expect(observation.best?.step == 1)
        #expect(observation.feedback.contains("Score: rmse = 0"))
        env.close(reason: "done")

        let trajectory = try TrajectoryReader.read(harness.trajectoryURL)
        #expect(trajectory.steps.count == 1)
        #expect(trajectory.steps[0].observation == observation)
        #expect(trajectory.steps[0].action.code == FixtureTask.perfectSolution)
        #expect(trajectory.end?.reason == "done")
        #expect(trajectory.header.seed == 7)
    }

    @Test func validateNeverScoresAndBestTracksImprovement() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let validated = try env.step(.validateCode(FixtureTask.perfectSolution))
        #expect(validated.submission?.valid == true)
        #expect(validated.submission?.rawScore == nil)
        #expect(validated.reward == 0)
        #expect(validated.best == nil)

        let constant = try env.step(.executeCode(FixtureTask.constantSolution))
        #expect(constant.best?.step == 2)
        let perfect = try env.step(.executeCode(FixtureTask.perfectSolution))
        #expect(perfect.best?.step == 3)
        let again = try env.step(.executeCode(FixtureTask.constantSolution))
        #expect(again.best?.step == 3)
        #expect(again.reward < perfect.reward)
    }

    @Test func aRaisingScriptIsAnErrorNamingTheException() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let observation = try env.step(.executeCode("import pandas_not_here\n"))
        #expect(observation.status == .error)
        #expect(observation.execution?.exitCode == 1)
        #expect(observation.execution?.stderr.contains("Traceback") == true)
        #expect(observation.feedback.contains("ModuleNotFoundError: No module named 'pandas_not_here' (line 1 of your code)"))
        #expect(observation.feedback.contains("Likely cause: the package is not installed"))
        #expect(observation.submission == nil)
        #expect(observation.reward == 0)
    }

    @Test func aMissingSubmissionSaysWhereToWriteIt() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let observation = try env.step(.executeCode("print('hello')\n"))
        #expect(observation.status == .error)
        #expect(observation.execution?.stdout == "hello\n")
        #expect(observation.submission?.found == false)
        #expect(observation.feedback.contains("write your predictions to submission/submission.csv") ||
                observation.feedback.contains("Write your predictions to submission/submission.csv"))
    }

    @Test func aStepPastTheTimeoutIsStoppedAndTheNextStepWorks() throws {
        let harness = try Harness(limits: "step_timeout_s = 1\nmax_steps = 5")
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let stuck = try env.step(.executeCode("while True:\n    pass\n"))
        #expect(stuck.execution?.timedOut == true)
        #expect(stuck.status == .error)
        #expect(stuck.feedback.contains("exceeded the step time limit"))
        let next = try env.step(.executeCode(FixtureTask.perfectSolution))
        #expect(next.status == .ok)
    }

    @Test func workingFilesPersistButVariablesDoNot() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        _ = try env.step(.validateCode("open('working/note.txt', 'w').write('kept')\nx = 1\n"))
        let second = try env.step(.validateCode("print(open('working/note.txt').read())\nprint('x' in globals())\n"))
        #expect(second.execution?.stdout == "kept\nFalse\n")
    }

    @Test func exhaustingMaxStepsTruncatesTheEpisode() throws {
        let harness = try Harness(limits: "max_steps = 2")
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let one = try env.step(.requestInfo(.name))
        #expect(!one.truncated)
        #expect(one.info?["name"] == .string("fixture"))
        let two = try env.step(.requestInfo(.dataPath))
        #expect(two.truncated)
        #expect(two.budget.stepsLeft == 0)
        let after = try env.step(.requestInfo(.name))
        #expect(after.status == .error)
        #expect(after.truncated)
        #expect(after.feedback.contains("call reset"))
        env.close(reason: "done")
        let trajectory = try TrajectoryReader.read(harness.trajectoryURL)
        #expect(trajectory.steps.count == 2)
        #expect(trajectory.end?.reason == "max_steps reached")
    }

    @Test func exhaustingEpisodeTimeTruncates() throws {
        let harness = try Harness(limits: "episode_time_s = 60")
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        harness.clock.advance(by: 30)
        #expect(try env.step(.getHistory).budget.secondsLeft == 30)
        harness.clock.advance(by: 31)
        let late = try env.step(.requestInfo(.name))
        #expect(late.truncated)
        #expect(late.budget.secondsLeft == 0)
    }

    @Test func requestInfoAndHistory() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let all = try env.step(.requestInfo(.all))
        #expect(all.info?["overview"]?.stringValue?.contains("# Fixture") == true)
        #expect(all.info?["data_structure"]?.stringValue?.contains("input/train.csv") == true)
        #expect(all.info?["sample_submission"]?.stringValue?.hasPrefix("id,y") == true)
        #expect(all.info?["output_path"] == .string("submission/submission.csv"))
        _ = try env.step(.executeCode(FixtureTask.perfectSolution))
        let history = try env.step(.getHistory)
        #expect(history.history?.map(\.action) == [.requestInfo, .executeCode])
        #expect(history.history?.last?.rawScore == 0)
        #expect(history.budget.stepsUsed == 2)
    }

    @Test func resetStartsAFreshEpisodeWithItsOwnTrajectory() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        _ = try env.step(.validateCode("open('working/a.txt','w').write('1')\n"))
        let fresh = try env.step(.reset)
        #expect(fresh.step == 0)
        #expect(fresh.budget.stepsUsed == 0)
        let check = try env.step(.validateCode("import os\nprint(os.path.exists('working/a.txt'))\n"))
        #expect(check.execution?.stdout == "False\n")
        env.close(reason: "done")
        #expect(try TrajectoryReader.read(harness.trajectoryURL).end?.reason == "reset")
        let second = harness.temp.file("run.2.dojo.jsonl")
        #expect(try TrajectoryReader.read(second).steps.count == 1)
    }

    @Test func observationJSONUsesTheContractFieldNames() throws {
        let harness = try Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        try env.reset()
        let observation = try env.step(.executeCode(FixtureTask.perfectSolution))
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(observation)) as? [String: Any])
        func keys(_ value: Any?) -> Set<String> { Set((value as? [String: Any])?.keys.map { $0 } ?? []) }
        let top = keys(object)
        #expect(top.isSuperset(of: ["step", "action", "status", "feedback", "execution", "submission", "reward", "best",
                                    "budget", "terminated", "truncated"]))
        let execution = keys(object["execution"])
        #expect(execution.isSuperset(of: ["exit_code", "signal", "timed_out", "duration_ms", "stdout", "stderr", "truncated_bytes"]))
        let submission = keys(object["submission"])
        #expect(submission.isSuperset(of: ["found", "valid", "errors", "raw_score", "position", "human_rank", "medal", "above_median"]))
        let budget = keys(object["budget"])
        #expect(budget == ["steps_used", "steps_left", "seconds_left"])
    }
}
