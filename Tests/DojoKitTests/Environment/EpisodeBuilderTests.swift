import DojoKit
import DojoTesting
import Foundation
import Testing

/// Every command's environments come from one `EpisodeBuilder`: the options' limits, the seed and
/// agent in the header, and numbered trajectories after the first.
@Suite struct EpisodeBuilderTests {
    @Test func theBuilderRunsEpisodesWithTheOptionsLimitsAndNumbersTheirTrajectories() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = FixtureTask(in: temp.file("tasks"), limits: "step_timeout_s = 20\nmax_steps = 5\nepisode_time_s = 3600")
        let task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
        let cache = PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(), python: FixtureTask.systemPython)
        let prepared = try cache.prepare(task, seed: 7).0
        var options = RunnerOptions(sandbox: .none)
        options.maxSteps = 2
        var warnings: [String] = []
        let limits = options.apply(to: task.limits)
        let runner = try options.runner(python: FixtureTask.systemPython, limits: limits) { warnings.append($0) }
        #expect(warnings.count == 1 && warnings[0].contains("WITHOUT isolation"))
        let builder = EpisodeBuilder(task: task, prepared: prepared, runner: runner, limits: limits, clock: FakeClock(),
                                     episodesDirectory: temp.file("episodes"))
        let url = temp.file("run.dojo.jsonl")
        let environment = try builder.environment(seed: 7, agent: ["name": .string("test")], trajectory: url)
        let first = try environment.reset()
        #expect(first.budget.stepsLeft == 2)
        let observation = try environment.step(.executeCode(FixtureTask.perfectSolution))
        #expect(observation.submission?.valid == true)
        _ = try environment.reset()
        environment.close(reason: "done")
        let recorded = try TrajectoryReader.read(url)
        #expect(recorded.header.seed == 7 && recorded.header.limits.maxSteps == 2)
        #expect(recorded.header.agent["name"] == .string("test"))
        #expect(FileManager.default.fileExists(atPath: TrajectoryNaming.numbered(url, 2).path))
    }

    @Test func badOverridesAreNamed() {
        var options = RunnerOptions()
        #expect(options.problem == nil)
        options.memoryMB = 0
        #expect(options.problem == "--memory-mb must be positive")
        options.memoryMB = nil
        options.stepTimeout = -1
        #expect(options.problem == "--step-timeout must be positive")
    }
}
