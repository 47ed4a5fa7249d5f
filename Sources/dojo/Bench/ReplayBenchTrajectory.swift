import DojoKit
import Foundation

/// A large, realistic trajectory for `dojo bench replay`, written with the real `TrajectoryWriter`:
/// every kind of action, code of a few KB and outputs with newlines, quotes, backslashes, tabs, ANSI
/// escapes and unicode, failures of every kind, graded scores that improve with noise, notes, a
/// hand-over to a person and back, one damaged line in the middle and a word only the last step has.
struct ReplayBenchTrajectory {
    var steps: Int
    /// About how many bytes of stdout and stderr each executed step has.
    var outputBytes: Int

    /// Appears in the last step's stdout and nowhere else.
    static let needle = "needle-only-in-the-last-step-7f3a"

    struct Written {
        var bytes: UInt64
        var damagedLine: Int
        var lines: Int
    }

    func write(to url: URL) throws -> Written {
        let header = TrajectoryHeader(
            task: "bench-replay", taskDigest: "sha256:bench", seed: 7, agent: ["name": .string("bench"), "model": .string("synthetic")],
            startedAt: "2026-11-26T00:00:00Z", limits: TaskSpec.Limits(stepTimeoutSeconds: 600, memoryMB: 4096, maxSteps: steps,
                                                                       episodeTimeSeconds: 86_400),
            dojoVersion: "bench")
        let writer = try TrajectoryWriter(url: url, header: header)
        defer { writer.close() }
        let codes = (0..<8).map(Self.code)
        let outputs = (0..<8).map { Self.output(variant: $0, bytes: outputBytes * 17 / 20) }
        let warnings = (0..<4).map { Self.warnings(variant: $0, bytes: outputBytes * 3 / 20) }
        var line = 1
        var damagedLine = 0
        var best: BestSoFar?
        let handOver = max(2, steps / 3)
        for number in 1...max(1, steps) {
            let actor: Actor = number > handOver && number <= handOver + 20 ? .human : .agent
            let t = Double(number) * 3.7 + Double(number % 7) * 0.013
            if number == handOver + 1 || number == handOver + 21 {
                try writer.append(.control(ControlRecord(t: t - 0.5, to: actor, reason: actor == .human ? "take over" : "hand back")))
                line += 1
            }
            let event = stepEvent(number, actor: actor, t: t, best: &best, codes: codes, outputs: outputs, warnings: warnings)
            try writer.append(event)
            line += 1
            if number % 25 == 0 {
                let text = "reasoning for step \(number): the \"validation\" fold says \\ lower lr — try 0.0\(number % 9 + 1) ✓"
                try writer.append(.note(NoteRecord(t: t + 0.1, step: number, actor: .agent, text: text,
                                                   data: ["tokens": .number(Double(1000 + number % 977)), "cost_usd": .number(0.0123)])))
                line += 1
            }
            if number == steps / 2 {
                // A line cut short and followed by more steps, as a crashed copy or a bad edit leaves it.
                let handle = try FileHandle(forWritingTo: url)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(#"{"type":"step","index":\#(number),"t":1.5,"actor":"agent","action":{"type":"execute_code","code":"import pandas as pd\n"#.utf8 + [0x0A]))
                try handle.close()
                line += 1
                damagedLine = line
            }
        }
        try writer.append(.end(EndRecord(t: Double(steps) * 3.7 + 1, reason: "budget")))
        line += 1
        writer.close()
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value ?? 0
        return Written(bytes: size, damagedLine: damagedLine, lines: line)
    }

    private func stepEvent(_ number: Int, actor: Actor, t: Double, best: inout BestSoFar?, codes: [String], outputs: [String],
                           warnings: [String]) -> TrajectoryEvent {
        let budget = Budget(stepsUsed: number, stepsLeft: steps - number, secondsLeft: 86_400 - t)
        let info: [String: JSONValue]?
        let action: Action
        switch number {
        case 1: action = .requestInfo(.overview)
        case _ where number == steps: action = .executeCode("# the last step\nprint(\"\(Self.needle)\")\n" + codes[0])
        case _ where number % 211 == 0: action = .requestInfo(.dataStructure)
        case _ where number % 97 == 0: action = .getHistory
        case _ where number % 101 == 0: action = .validateCode(codes[number % codes.count])
        case _ where number == steps * 3 / 4: action = .reset
        default:
            // The header line of each step's code differs, so no two steps hold the same code.
            action = .executeCode("# step \(number): learning_rate=0.0\(number % 9 + 1), seed=\(number)\n" + codes[number % codes.count])
        }
        if case .requestInfo = action {
            info = ["overview": .string("# Task\n\nPredict `y` from \"features\"; metric: AUC ↑.\n" + String(repeating: "Details… ", count: 80))]
        } else {
            info = nil
        }
        var execution: ExecutionReport?
        var submission: SubmissionReport?
        var status = Observation.Status.ok
        var feedback = "\(action.name.rawValue) done"
        var reward = 0.0
        if case .executeCode = action {
            var stdout = "step \(number) starting\n" + outputs[number % outputs.count]
            if number == steps { stdout += "found: \(Self.needle)\n" }
            var stderr = warnings[number % warnings.count]
            var exitCode: Int32? = 0
            var signal: Int32?
            var timedOut = false
            var limit: String?
            if number % 13 == 0 {
                exitCode = 1
                stderr += "Traceback (most recent call last):\n  File \"/work/solution.py\", line 42, in <module>\n    model.fit(X, y)\nValueError: Input contains NaN, infinity or a value too large for dtype('float32').\n"
            } else if number % 157 == 0 {
                exitCode = nil
                signal = 9
                limit = "memory limit 4096 MB exceeded"
            } else if number % 331 == 0 {
                exitCode = nil
                signal = 9
                timedOut = true
                limit = "step timeout 600 s exceeded"
            }
            let ran = exitCode == 0
            execution = ExecutionReport(exitCode: exitCode, signal: signal, timedOut: timedOut, cancelled: nil,
                                        durationMs: 1_000 + number % 5_000, stdout: stdout, stderr: stderr,
                                        truncatedBytes: number % 89 == 0 ? 1_048_576 : 0, sandbox: "bwrap", limitExceeded: limit,
                                        limits: "memory 4096 MB (cgroup), time 600 s (polling)")
            if !ran {
                status = .error
                feedback = "the code failed (\(limit ?? "exit code 1"))"
            } else if number % 17 == 0 {
                submission = Self.submission(valid: false, score: nil, medal: nil)
                status = .error
                feedback = "submission.csv is invalid: 417 rows, expected 418"
            } else if number % 19 != 0 {
                // Improves with noise, so the chart has a trend, plateaus and dips.
                let trend = 0.70 + 0.2 * (1 - exp(-Double(number) / Double(max(steps, 1) / 4)))
                let noise = Double((number &* 2_654_435_761) % 1_000) / 1_000 * 0.03 - 0.015
                let score = trend + noise
                let medal: Medal? = score > 0.88 ? .gold : score > 0.86 ? .silver : score > 0.84 ? .bronze : nil
                submission = Self.submission(valid: true, score: score, medal: medal)
                if best.map({ score > $0.rawScore }) ?? true {
                    reward = score - (best?.rawScore ?? 0)
                    best = BestSoFar(rawScore: score, humanRank: score * 0.9, step: number)
                }
                feedback = String(format: "scored %.5f", score)
            }
        }
        let observation = Observation(
            step: number, action: action.name, status: status, feedback: feedback, info: info, execution: execution,
            submission: submission, history: action == .getHistory ? [] : nil, reward: reward, best: best, budget: budget,
            terminated: number == steps, truncated: false)
        return .step(StepRecord(index: number, t: t, actor: actor, action: action, observation: observation))
    }

    private static func submission(valid: Bool, score: Double?, medal: Medal?) -> SubmissionReport {
        let errors = valid ? [] : [SubmissionIssue(kind: .rowCount, message: "417 rows, expected 418", rows: [])]
        let warnings = valid ? [SubmissionIssue(kind: .outOfRange, message: "3 values outside [0, 1] were clipped", rows: [2, 9, 77])] : []
        return SubmissionReport(
            found: true, valid: valid, errors: errors, warnings: warnings, rows: valid ? 418 : 417, metric: "auc", higherIsBetter: true,
            rawScore: score, position: nil, humanRank: score.map { $0 * 0.9 },
            medal: medal, aboveMedian: score.map { $0 > 0.8 }, boardKind: .human, medalThresholds: nil)
    }

    /// Python of about 3 KB with string escapes, regexes, tabs and unicode comments.
    private static func code(variant: Int) -> String {
        var lines = [
            "import re, json, sys",
            "import pandas as pd",
            "import numpy as np",
            "from sklearn.model_selection import StratifiedKFold",
            "# variant \(variant): naïve features — “quoted” ✓ 日本語 🚀",
            "PATTERN = re.compile(r\"(\\d+)\\.(\\d*)\\s+\\\"quoted\\\"\")",
            "WINDOWS = \"C:\\\\data\\\\train.csv\"",
            "train = pd.read_csv('/work/data/train.csv')",
            "test = pd.read_csv(\"/work/data/test.csv\")",
        ]
        for index in 0..<40 {
            lines.append("\tfeature_\(index) = train[\"col_\(index)\"].fillna(-1) * \(variant + index) / 3.5  # \"f\(index)\"\t\\n")
        }
        lines += [
            "print(json.dumps({\"rows\": len(train), \"note\": \"tab\\there\"}))",
            "pd.DataFrame({'id': test.id, 'y': 0.5}).to_csv('/work/output/submission.csv', index=False)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A training log of about `bytes` bytes.
    private static func output(variant: Int, bytes: Int) -> String {
        var text = ""
        var epoch = 0
        while text.utf8.count < bytes {
            epoch += 1
            text += "epoch \(epoch)/500\tloss=0.\(48_213 + epoch * 7 + variant)\tval_auc=0.8\(variant)\(epoch % 10)  lr=1.0e-03  "
                + "✓ café — “best” so far \"\(epoch)\" path C:\\runs\\\(variant)\n"
            if epoch % 10 == 0 { text += "\u{1b}[32mINFO\u{1b}[0m  checkpoint saved to /work/output/model_\(epoch).bin … 訓練\n" }
            if epoch % 25 == 0 { text += "[LightGBM] [Warning] No further splits with positive gain, best gain: -inf\n" }
        }
        return text
    }

    private static func warnings(variant: Int, bytes: Int) -> String {
        var text = ""
        while text.utf8.count < bytes {
            text += "/usr/lib/python3/site-packages/sklearn/utils/validation.py:\(600 + variant): UserWarning: X has feature names, "
                + "but \"StandardScaler\" was fitted without feature names\n  warnings.warn(\n"
        }
        return text
    }
}
