import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing

/// The loop with the bubblewrap runner: a graded step, a cancelled step, a limit, and the sandbox
/// ending with the episode.
@Suite(.serialized) struct SandboxedEnvironmentTests {
    func environment(_ harness: EnvironmentTests.Harness, limits: TaskSpec.Limits) throws -> Environment {
        let runner = BubblewrapRunner(configuration: SandboxConfiguration(
            python: BubblewrapRunnerTests.venvPython, limits: limits, preload: []))
        return try Environment(
            task: harness.task, prepared: harness.prepared, runner: runner, clock: harness.clock,
            episodesDirectory: harness.temp.file("episodes"), configuration: .init(seed: 7, limits: limits),
            trajectoryPlacer: { _ in nil })
    }

    @Test(.enabled(if: BubblewrapRunnerTests.available)) func stepsAreGradedCancelledAndLimitedInTheSandbox() throws {
        let harness = try EnvironmentTests.Harness()
        defer { harness.temp.remove() }
        var limits = harness.task.limits
        limits.outputMB = 1
        let env = try environment(harness, limits: limits)
        try env.reset()
        let paths = try env.step(.requestInfo(.dataPath))
        #expect(paths.info?["data_path_absolute"] == .string("/workspace/input"))

        let graded = try env.step(.executeCode(FixtureTask.perfectSolution))
        #expect(graded.status == .ok, "\(graded.feedback)")
        #expect(graded.execution?.sandbox == "bwrap")
        #expect(graded.reward == 1)
        #expect(graded.execution?.limits?.contains("no network") == true)

        let cancellation = Cancellation()
        let cancelled = try env.step(.executeCode("import time\nprint('go', flush=True)\ntime.sleep(600)\n"), onOutput: { _, bytes in
            if String(decoding: bytes, as: UTF8.self).contains("go") { cancellation.cancel() }
        }, cancellation: cancellation)
        #expect(cancelled.execution?.cancelled == true)
        #expect(cancelled.status == .error)
        #expect(cancelled.feedback.contains("the step was cancelled"))

        let chatty = try env.step(.executeCode("while True:\n    print('x' * 1000)\n"))
        #expect(chatty.execution?.limitExceeded == "output limit 1 MB exceeded")
        #expect(chatty.feedback.contains("output limit 1 MB exceeded"))

        let after = try env.step(.executeCode(FixtureTask.perfectSolution))
        #expect(after.status == .ok)
        env.close(reason: "done")
    }
}
