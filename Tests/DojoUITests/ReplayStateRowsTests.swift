import DojoEffects
import DojoKit
@testable import DojoUI
import DojoTesting
import Foundation
import Testing

/// Issue 17, friction 10: co-pilot's hand-overs and skipped proposals are rows of replay's step list,
/// from the `control` and `note` lines the trajectory already holds.
@Suite struct ReplayStateRowsTests {
    static func copilotRun(temp: TemporaryDirectory) throws -> URL {
        let skipped = NoteRecord(t: 15, step: 2, actor: .human, text: "skipped the agent's proposal",
                                 data: ["copilot": .string("skipped"), "proposal": .object(["type": .string("execute_code"), "code": .string("x")])])
        let reasoning = NoteRecord(t: 16, step: 2, actor: .agent, text: "try a forest")
        return try ReplayUpdateTests.write([
            .control(ControlRecord(t: 0, to: .agent, reason: "co-pilot: the agent proposes, the person decides")),
            ReplayUpdateTests.step(1, t: 1, score: 0.78, code: "a = 1\n"),
            .control(ControlRecord(t: 5, to: .human, reason: "the person took over")),
            ReplayUpdateTests.step(2, t: 10, score: 0.80, code: "a = 2\n"),
            .note(skipped),
            .note(reasoning),
            .control(ControlRecord(t: 20, to: .agent, reason: "the person handed control back")),
            ReplayUpdateTests.step(3, t: 30, score: 0.81, code: "a = 3\n"),
            .note(NoteRecord(t: 31, step: 3, actor: .human, text: "auto-approve on", data: ["copilot": .string("auto_approve"), "on": .bool(true)])),
        ], temp: temp)
    }

    @Test func handOversAndSkipsAreRowsBetweenTheSteps() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([Self.copilotRun(temp: temp)], width: 100, height: 20)
        #expect(replay.replay.runs[0].events.map(\.text) == [
            "control → agent: co-pilot: the agent proposes, the person decides", "control → person: the person took over",
            "skipped the agent's proposal (execute_code)", "control → agent: the person handed control back", "auto-approve on",
        ])
        replay.keys(.char("n"))
        let rows = replay.screen.split(separator: "\n").map(String.init).prefix(10).map { String($0.prefix(49)) }
        #expect(rows == [
            "▍Steps · 3                         t task │ Edito",
            "  step     actor action   status   score  │   1 a",
            "       ⇄ control → agent: co-pilot: the ag│   2",
            "     1     agent execute  ok      0.7800  │   ~",
            "       ⇄ control → person: the person took│   ~",
            "▶    2     agent execute  ok      0.8000  │   ~",
            "       ⤼ skipped the agent's proposal (exe│   ~",
            "       ⇄ control → agent: the person hande│   ~",
            "     3 ★   agent execute  ok      0.8100  │   ~",
            "       ⇄ auto-approve on                  │   ~",
        ], "\(replay.screen)")
        // The cursor moves over the steps only.
        replay.keys(.char("n"))
        #expect(replay.shownStep == 3)
        replay.keys(.char("p"), .char("p"))
        #expect(replay.shownStep == 1)
    }

    @Test func rowsAndPositionsMapBothWays() {
        let summary = { (p: Int) in StepSummary(position: p, line: p + 2, offset: 0, length: 0, step: p + 1, t: 0, actor: .agent,
                                                 action: .executeCode, status: .ok, rawScore: nil, rankScore: nil, medal: nil,
                                                 higherIsBetter: nil, isError: false) }
        var run = ReplayState.Run(name: "r", path: "/r", agent: "a", task: "t", steps: (0..<4).map(summary),
                                  annotations: TrajectoryAnnotations(sidecar: URL(fileURLWithPath: "/dev/null")),
                                  bestPosition: nil, improvementPositions: [], endReason: nil)
        let event = { (after: Int) in ReplayState.RunEvent(afterSteps: after, t: 0, mark: "⇄", text: "e", scope: "") }
        run.events = [event(0), event(2), event(2), event(4)]
        let replay = ReplayState(runs: [run])
        // Rows: e, s0, s1, e, e, s2, s3, e
        #expect(replay.listRowCount == 8)
        #expect((0..<8).map { replay.listItem(atRow: $0) } == [.event(0), .step(0), .step(1), .event(1), .event(2), .step(2), .step(3), .event(3)])
        #expect((0..<4).map { replay.listRow(ofPosition: $0) } == [1, 2, 5, 6])
    }

    /// A long list keeps the cursor's row in view, counting the event rows.
    @Test func theCursorStaysInViewPastManyEvents() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var events: [TrajectoryEvent] = []
        for n in 1...20 {
            events.append(ReplayUpdateTests.step(n, t: Double(n), score: 0.5, code: "a = \(n)\n"))
            events.append(.control(ControlRecord(t: Double(n), to: n % 2 == 0 ? .agent : .human, reason: nil)))
        }
        var replay = try ReplayHarness([ReplayUpdateTests.write(events, temp: temp)], width: 80, height: 16)
        replay.keys(.char("G"))
        #expect(replay.shownStep == 20)
        #expect(replay.screen.contains("▶   20"), "\(replay.screen)")
        replay.keys(.char("g"))
        #expect(replay.screen.contains("▶    1"), "\(replay.screen)")
    }

    /// The mouse counts the event rows: a click on a step's row picks that step, one on an event's moves nothing.
    @Test func aClickPicksTheStepUnderItPastTheEventRows() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([Self.copilotRun(temp: temp)], width: 100, height: 20)
        let task = try #require(replay.state.frame.panes[.task])
        // Title, header, then: event, step 1, event, step 2, event, event, step 3.
        replay.send(.mouse(MouseEvent(.press(.left), x: task.x + 4, y: task.y + 2 + 6)))
        #expect(replay.shownStep == 3)
        replay.send(.mouse(MouseEvent(.press(.left), x: task.x + 4, y: task.y + 2 + 2)))
        #expect(replay.shownStep == 3)
        replay.send(.mouse(MouseEvent(.press(.left), x: task.x + 4, y: task.y + 2 + 1)))
        #expect(replay.shownStep == 1)
    }
}
