import DojoKit
import DojoUI
import Foundation

/// A small workbench state for screen and update tests.
enum Fixtures {
    static let board = ScoreState.Board(median: 0.78, gold: 0.82, silver: 0.80, bronze: 0.79, higherIsBetter: true,
                                        metric: "accuracy", rankLabel: "reference rank")

    static func theme() -> Theme {
        // Colourless, so screen text is all that matters.
        Theme(name: "test", styles: [:])
    }

    static func state(width: Int = 80, height: Int = 24, code: String = "import pandas as pd\nprint(1)\n") -> AppState {
        var state = AppState(taskID: "demo", taskTitle: "Demo", descriptionMarkdown: "# Demo task\n\nPredict **y** from `x`.\n\n- rows: 10\n",
                             code: code, codePath: nil, defaultSavePath: "demo-solution.py", board: board,
                             themes: [theme(), Theme(name: "second", styles: [:])], width: width, height: height)
        _ = AppUpdate.update(&state, .tick(now: 100))
        _ = AppUpdate.update(&state, .episodeStarted(EpisodeStart(
            budget: Budget(stepsUsed: 0, stepsLeft: 50, secondsLeft: 7200), dataStructure: "input/train.csv (10 rows)",
            sampleSubmission: "id,y\n1,0", sandbox: "none", trajectoryPath: "/tmp/t.dojo.jsonl", at: 100)))
        return state
    }

    /// An execute_code observation with a score, or a failing one.
    static func observation(step: Int, score: Double?, rank: Double = 0.5, stderr: String = "", exitCode: Int = 0,
                            medal: String? = nil) -> Observation {
        let submission = score.map { s in """
            , "submission": {"found": true, "valid": true, "errors": [], "warnings": [], "rows": 10, "metric": "accuracy",
              "higher_is_better": true, "raw_score": \(s), "human_rank": \(rank), "medal": \(medal.map { "\"\($0)\"" } ?? "null"),
              "above_median": false, "board_kind": "reference"}
            , "best": {"raw_score": \(s), "human_rank": \(rank), "step": \(step)}
            """ } ?? ""
        let json = """
        {"step": \(step), "action": "execute_code", "status": "\(score == nil ? "error" : "ok")", "feedback": "Step \(step) done.",
         "execution": {"exit_code": \(exitCode), "timed_out": false, "duration_ms": 1500, "stdout": "", "stderr": \(String(reflecting: stderr)),
                       "truncated_bytes": 0, "sandbox": "none"},
         "reward": \(rank), "budget": {"steps_used": \(step), "steps_left": \(50 - step), "seconds_left": 7000},
         "terminated": false, "truncated": false \(submission)}
        """
        do {
            return try JSONDecoder().decode(Observation.self, from: Data(json.utf8))
        } catch {
            fatalError("fixture observation does not decode: \(error)\n\(json)")
        }
    }
}
