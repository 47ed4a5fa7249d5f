import DojoKit
@testable import DojoUI
import Foundation
import Testing

/// What a recorded step shows besides its code and output (issue 17: bugs 5 and 9).
@Suite struct StepDisplayTests {
    static func watching(width: Int = 100, height: Int = 30, description: String = "# Demo task\n") -> AppState {
        var state = AppState(taskID: "demo", taskTitle: "Demo", descriptionMarkdown: description, code: "# waiting", codePath: nil,
                             defaultSavePath: "watch.py", board: Fixtures.board, themes: [Fixtures.theme()], width: width, height: height)
        state.mode = .watch(WatchState(source: "/tmp/w.dojo.jsonl"))
        _ = AppUpdate.update(&state, .tick(now: 100))
        return state
    }

    static func infoStep(_ n: Int) -> TrajectoryEvent {
        let observation = Observation(
            step: n, action: .requestInfo, status: .ok, feedback: "request_info(data_structure): see info.",
            info: ["data_structure": .string("input/\n  train.csv (891 rows)\n  test.csv (418 rows)"), "rows": .number(891)],
            execution: nil, submission: nil, history: nil, reward: 0, best: nil,
            budget: Budget(stepsUsed: n, stepsLeft: 10, secondsLeft: 100), terminated: false, truncated: false)
        return .step(StepRecord(index: n, t: Double(n), actor: .agent, action: .requestInfo(.dataStructure), observation: observation))
    }

    /// Bug 9: the trajectory held what request_info returned, the logs said only "see info.".
    @Test func whatRequestInfoReturnedIsInTheLogsOfItsStep() {
        var state = Self.watching()
        _ = AppUpdate.update(&state, .trajectory(.init(events: [Self.infoStep(1)])))
        let logs = state.logs.lines.map(\.text)
        #expect(logs.contains("request_info(data_structure): see info."))
        let from = logs.firstIndex(of: "info:") ?? -1
        #expect(Array(logs[(from + 1)...].prefix(5)) == [
            "  data_structure:", "    input/", "      train.csv (891 rows)", "      test.csv (418 rows)", "  rows: 891",
        ], "\(logs)")
        let screen = AppView.render(state).text
        #expect(screen.contains("      train.csv (891 rows)"), "\(screen)")
    }

    @Test func getHistoryListsItsEntries() throws {
        let json = """
        {"step": 2, "action": "get_history", "status": "ok", "feedback": "1 step so far; see history.",
         "history": [{"step": 1, "action": "execute_code", "actor": "agent", "status": "ok", "raw_score": 0.75, "reward": 0.5, "t": 3.25}],
         "reward": 0, "budget": {"steps_used": 1, "steps_left": 9, "seconds_left": 90}, "terminated": false, "truncated": false}
        """
        let observation = try JSONDecoder().decode(Observation.self, from: Data(json.utf8))
        var state = Self.watching()
        _ = AppUpdate.update(&state, .trajectory(.init(events: [.step(StepRecord(index: 2, t: 4, actor: .agent, action: .getHistory,
                                                                                  observation: observation))])))
        let logs = state.logs.lines.map(\.text)
        #expect(logs.contains("history:"))
        #expect(logs.contains("  step 1 · execute_code · agent · ok · score 0.7500 · t 3.2 s"), "\(logs)")
    }

    /// Bug 5: an imported trajectory's header in the Task pane read `agent kind: string("mle-dojo")`.
    @Test func theHeaderOfATaskNotInstalledShowsPlainValues() {
        let header = TrajectoryHeader(task: "spaceship", taskDigest: "d1", seed: 3,
                                      agent: ["kind": .string("mle-dojo"), "total_reward": .number(1.4199), "tools": .array([.string("a")]),
                                              "cost": .null, "greedy": .bool(false)],
                                      startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0",
                                      importedFrom: ["format": .string("mle-dojo")])
        var state = Self.watching(width: 120, height: 40, description: TrajectoryHeaderText.markdown(taskID: "spaceship", header: header))
        _ = AppUpdate.update(&state, .key(.alt("1")))
        let screen = AppView.render(state).text
        for expected in ["agent kind: mle-dojo", "agent total_reward: 1.4199", #"agent tools: ["a"]"#, "agent cost: null",
                         "agent greedy: false", "imported from, format: mle-dojo"] {
            #expect(screen.contains(expected), "\(expected)\n\(screen)")
        }
        #expect(!screen.contains("string("))
        #expect(!screen.contains("number("))
    }
}
