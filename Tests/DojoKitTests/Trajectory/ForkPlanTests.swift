@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// Which code a fork's editor starts with and which steps it re-runs, from a trajectory's lines.
@Suite struct ForkPlanTests {
    func step(_ index: Int, _ action: Action, cancelled: Bool = false, ran: Bool = true) -> TrajectoryEvent {
        let execution = action.code != nil && ran
            ? ExecutionReport(exitCode: cancelled ? nil : 0, signal: nil, timedOut: false, cancelled: cancelled ? true : nil,
                              durationMs: 10, stdout: "", stderr: "", truncatedBytes: 0, sandbox: "bwrap")
            : nil
        let observation = Observation(
            step: index, action: action.name, status: .ok, feedback: "", info: nil, execution: execution, submission: nil,
            history: nil, reward: 0, best: nil, budget: Budget(stepsUsed: index, stepsLeft: 10, secondsLeft: 100),
            terminated: false, truncated: false)
        return .step(StepRecord(index: index, t: Double(index), actor: .human, action: action, observation: observation))
    }

    func trajectory(_ events: [TrajectoryEvent], damaged: [Trajectory.DamagedLine] = []) -> Trajectory {
        Trajectory(header: TrajectoryHeader(task: "fixture", taskDigest: "d", seed: 9, agent: [:], startedAt: "2026-11-26T00:00:00Z",
                                            limits: .defaults, dojoVersion: "0.1.0"),
                   events: events, damaged: damaged, tornTail: false)
    }

    let source = URL(fileURLWithPath: "/runs/a.dojo.jsonl")

    @Test func aCodeStepStartsTheEditorWithItsCodeAfterTheEarlierCodeStepsRerun() throws {
        let t = trajectory([
            step(1, .requestInfo(.overview)), step(2, .executeCode("a")), step(3, .validateCode("b")),
            step(4, .executeCode("slow"), cancelled: true), step(5, .getHistory), step(6, .executeCode("c")), step(7, .executeCode("d")),
        ])
        let plan = try ForkPlan.plan(t, source: source, step: 6)
        #expect(plan.code == "c")
        #expect(plan.codeStep == 6)
        // validate_code ran its code too; the cancelled step 4 only partly ran and is left out.
        #expect(plan.rebuild == [.init(step: 2, code: "a"), .init(step: 3, code: "b")])
        #expect(plan.task == "fixture")
        #expect(plan.seed == 9)
        #expect(plan.forkedFrom == ["file": .string("/runs/a.dojo.jsonl"), "step": .number(6)])
    }

    @Test func aStepWithoutCodeTakesTheLatestCodeBeforeIt() throws {
        let t = trajectory([step(1, .executeCode("a")), step(2, .executeCode("b")), step(3, .requestInfo(.all))])
        let plan = try ForkPlan.plan(t, source: source, step: 3)
        #expect(plan.code == "b")
        #expect(plan.codeStep == 2)
        #expect(plan.rebuild.map(\.step) == [1, 2])
        // Before any code: the starter, nothing to re-run.
        let early = try ForkPlan.plan(trajectory([step(1, .requestInfo(.all)), step(2, .executeCode("a"))]), source: source, step: 1)
        #expect(early.code == nil)
        #expect(early.codeStep == nil)
        #expect(early.rebuild.isEmpty)
    }

    @Test func aMissingStepOrADamagedLineIsAnError() throws {
        let t = trajectory([step(1, .executeCode("a")), step(2, .executeCode("b"))])
        #expect(throws: DojoError(.usage, "step 5 is not in the trajectory (it has steps 1–2)", at: "/runs/a.dojo.jsonl",
                                  hint: "pass --step with one of its step numbers")) {
            try ForkPlan.plan(t, source: source, step: 5)
        }
        #expect(throws: DojoError.self) { try ForkPlan.plan(trajectory([]), source: source, step: 1) }
        let damaged = trajectory([step(1, .executeCode("a")), step(3, .executeCode("c"))], damaged: [.init(line: 3, reason: "bad JSON")])
        do {
            _ = try ForkPlan.plan(damaged, source: source, step: 3)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("line 3 is damaged"))
            #expect(error.hint?.contains("--clean") == true)
        }
        // Clean forks need no rebuild, so a damaged line does not stop them.
        #expect(try ForkPlan.plan(damaged, source: source, step: 3, clean: true).code == "c")
    }

    @Test func readingChecksTheFile() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        #expect(throws: DojoError.self) { try ForkPlan.read(temp.file("missing.dojo.jsonl"), step: 1) }
        #expect(throws: DojoError.self) { try ForkPlan.read(temp.url, step: 1) }
        let bad = temp.write("bad.dojo.jsonl", "{\"type\":\"step\"}\n")
        do {
            _ = try ForkPlan.read(bad, step: 1)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("line 1 is not a trajectory header"))
        }
    }
}
