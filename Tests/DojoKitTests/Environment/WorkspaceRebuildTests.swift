import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing

/// A fork's rebuild in the real sandbox: the source's earlier steps re-run in the new episode's
/// workspace, outside its steps, and recorded in its trajectory.
@Suite(.serialized) struct WorkspaceRebuildTests {
    static let readBack = """
    import os
    print(open("working/a.txt").read() if os.path.exists("working/a.txt") else "no a.txt", end="")
    """

    func environment(_ harness: EnvironmentTests.Harness, trajectory: URL, forkedFrom: [String: JSONValue]? = nil) throws -> Environment {
        let runner = BubblewrapRunner(configuration: SandboxConfiguration(
            python: BubblewrapRunnerTests.venvPython, limits: harness.task.limits, preload: []))
        return try Environment(
            task: harness.task, prepared: harness.prepared, runner: runner, clock: harness.clock,
            episodesDirectory: harness.temp.file("episodes"),
            configuration: .init(seed: 7, limits: harness.task.limits, forkedFrom: forkedFrom),
            trajectoryPlacer: { number in number == 1 ? trajectory : nil })
    }

    /// The source: step 1 writes working/a.txt, step 2 (a validate_code, which runs code too) appends, step 3 reads it.
    func sourceEpisode(_ harness: EnvironmentTests.Harness) throws -> URL {
        let url = harness.temp.file("source.dojo.jsonl")
        let env = try environment(harness, trajectory: url)
        try env.reset()
        #expect(try env.step(.executeCode("open('working/a.txt', 'w').write('one\\n')\nprint('wrote')\n")).execution?.exitCode == 0)
        #expect(try env.step(.validateCode("open('working/a.txt', 'a').write('two\\n')\n")).execution?.exitCode == 0)
        let third = try env.step(.executeCode(Self.readBack))
        #expect(third.execution?.stdout == "one\ntwo\n")
        env.close(reason: "done")
        return url
    }

    @Test(.enabled(if: BubblewrapRunnerTests.available)) func aForkAtStep3ReRunsSteps1And2AndRecordsItsOrigin() throws {
        let harness = try EnvironmentTests.Harness()
        defer { harness.temp.remove() }
        let source = try sourceEpisode(harness)
        let plan = try ForkPlan.read(source, step: 3)
        #expect(plan.rebuild.map(\.step) == [1, 2])
        #expect(plan.code == Self.readBack)

        let forkURL = harness.temp.file("fork.dojo.jsonl")
        let env = try environment(harness, trajectory: forkURL, forkedFrom: plan.forkedFrom)
        try env.reset()
        let progress = Mutex<[WorkspaceRebuild.Progress]>([])
        let report = try WorkspaceRebuild.run(plan.rebuild, in: env, forkedFrom: plan.source.path, at: plan.step, progress: { event in
            progress.withLock { $0.append(event) }
        }, onOutput: { _, _ in
            // Time spent re-running is not charged to the episode.
            harness.clock.advance(by: 100)
        })
        #expect(report.isComplete)
        #expect(report.results.map(\.exitCode) == [0, 0])
        #expect(progress.withLock { $0 }.map { event -> String in
            switch event {
            case .stepStarted(let step, let position, let total): "start \(step) \(position)/\(total)"
            case .stepFinished(let result, let position, let total): "end \(result.step) \(result.summary) \(position)/\(total)"
            }
        } == ["start 1 1/2", "end 1 exit 0 1/2", "start 2 2/2", "end 2 exit 0 2/2"])
        #expect(env.budget() == Budget(stepsUsed: 0, stepsLeft: 5, secondsLeft: 3600))

        let first = try env.step(.executeCode(plan.code ?? ""))
        #expect(first.step == 1)
        #expect(first.execution?.stdout == "one\ntwo\n")
        #expect(first.budget.stepsUsed == 1)
        env.close(reason: "done")

        let trajectory = try TrajectoryReader.read(forkURL)
        #expect(trajectory.header.forkedFrom == ["file": .string(source.path), "step": .number(3)])
        #expect(trajectory.steps.map(\.index) == [1])
        let notes = trajectory.events.compactMap { if case .note(let note) = $0 { note } else { nil } }
        #expect(notes.count == 1)
        #expect(notes.first?.text == "forked from \(source.path) at step 3; rebuilt the workspace: re-ran steps 1 (exit 0), 2 (exit 0)")
        #expect(notes.first?.data?["rebuild"]?["complete"] == .bool(true))
        #expect(notes.first?.data?["rebuild"]?["planned"] == .array([.number(1), .number(2)]))
    }

    @Test(.enabled(if: BubblewrapRunnerTests.available)) func aCleanForkSeesNoneOfIt() throws {
        let harness = try EnvironmentTests.Harness()
        defer { harness.temp.remove() }
        let source = try sourceEpisode(harness)
        let plan = try ForkPlan.read(source, step: 3, clean: true)
        #expect(plan.rebuild.isEmpty)
        let forkURL = harness.temp.file("clean.dojo.jsonl")
        let env = try environment(harness, trajectory: forkURL, forkedFrom: plan.forkedFrom)
        try env.reset()
        try WorkspaceRebuild.recordClean(in: env, forkedFrom: plan.source.path, at: plan.step)
        #expect(try env.step(.executeCode(plan.code ?? "")).execution?.stdout == "no a.txt")
        env.close(reason: "done")
        let trajectory = try TrajectoryReader.read(forkURL)
        #expect(trajectory.header.forkedFrom?["step"] == .number(3))
        #expect(trajectory.events.contains { if case .note(let note) = $0 { note.data?["rebuild"]?["clean"] == .bool(true) } else { false } })
    }

    @Test(.enabled(if: BubblewrapRunnerTests.available)) func cancellingStopsTheRebuildAndKeepsWhatRan() throws {
        let harness = try EnvironmentTests.Harness()
        defer { harness.temp.remove() }
        let env = try environment(harness, trajectory: harness.temp.file("cancel.dojo.jsonl"))
        try env.reset()
        let cancellation = Cancellation()
        let steps = [
            WorkspaceRebuild.Step(step: 1, code: "open('working/a.txt', 'w').write('one\\n')\n"),
            WorkspaceRebuild.Step(step: 2, code: "import time\nprint('go', flush=True)\ntime.sleep(600)\n"),
            WorkspaceRebuild.Step(step: 3, code: "open('working/a.txt', 'a').write('three\\n')\n"),
        ]
        let report = try WorkspaceRebuild.run(steps, in: env, forkedFrom: "/x.dojo.jsonl", at: 4, onOutput: { _, bytes in
            if String(decoding: bytes, as: UTF8.self).contains("go") { cancellation.cancel() }
        }, cancellation: cancellation)
        #expect(report.cancelled)
        #expect(!report.isComplete)
        #expect(report.results.map(\.step) == [1, 2])
        #expect(report.results.last?.cancelled == true)
        #expect(report.summary == "cancelled after 1 of 3 steps; ran 1 (exit 0), 2 (cancelled)")
        #expect(try env.step(.executeCode(Self.readBack)).execution?.stdout == "one\n")
        env.close(reason: "done")
    }

    @Test func codeRunsOutsideStepsOnlyInARunningEpisode() throws {
        let harness = try EnvironmentTests.Harness()
        defer { harness.temp.remove() }
        let env = try harness.environment()
        #expect(throws: DojoError(.episode, "no episode is running", hint: "call reset first")) { try env.runOutsideSteps("print(1)", scriptNumber: 1) }
        try env.reset()
        #expect(try env.runOutsideSteps("print(1)", scriptNumber: 1).stdout.text == "1\n")
        #expect(env.budget().stepsUsed == 0)
        #expect(env.history.isEmpty)
        env.close(reason: "done")
        #expect(throws: DojoError.self) { try env.runOutsideSteps("print(1)", scriptNumber: 2) }
    }
}
