import DojoKit
import DojoUI
import Foundation

// The render benchmark (issue 5, "Speed"): a full 200×60 frame with all panes, a 500-line
// highlighted buffer and 10,000 log lines; and a keystroke-to-frame cycle (update, render, diff).
// Run with `swift run -c release dojo-bench`. Prints medians.

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
}

func measure(_ iterations: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<iterations {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    return median(samples)
}

var code: [String] = []
for i in 0..<100 {
    code.append("@decorator")
    code.append("def feature_\(i)(df, column=\"x\", scale=1.5e-3):  # feature \(i)")
    code.append("    \"\"\"Docstring for feature \(i)")
    code.append("    spanning lines.\"\"\"")
    code.append("    return df[column].fillna(0) * scale + len(f\"{column}_\(i)\") if df is not None else None")
}
let description = (1...40).map { "## Section \($0)\n\nSome *text* with `code` and **bold** words that wrap over the width of the pane.\n\n- a list item\n- another one\n" }.joined(separator: "\n")
let board = ScoreState.Board(median: 0.78, gold: 0.82, silver: 0.80, bronze: 0.79, higherIsBetter: true, metric: "accuracy", rankLabel: "reference rank")
let theme: Theme
do {
    theme = try ThemeLoader { _ in (BuiltinThemes.defaultSource, "dojo-dark.toml") }.load("dojo-dark")
} catch {
    print("cannot load the default theme: \(error)")
    exit(1)
}
var state = AppState(taskID: "bench", taskTitle: "Bench", descriptionMarkdown: description, code: code.joined(separator: "\n"),
                     codePath: nil, defaultSavePath: "bench.py", board: board, themes: [theme], width: 200, height: 60)
_ = AppUpdate.update(&state, .tick(now: 1))
for i in 0..<10_000 {
    let channel: OutputChannel = i % 7 == 0 ? .stderr : .stdout
    _ = AppUpdate.update(&state, .stepOutput(channel, Array("log line \(i): loss=\(Double(i) / 1000) accuracy=0.\(i % 1000) epoch \(i / 100)\n".utf8)))
}
_ = AppUpdate.update(&state, .key(Key(.down, ctrl: false)))
for _ in 0..<250 { _ = AppUpdate.update(&state, .key(Key(.down))) }
print("buffer: \(state.editor.lineCount) lines, logs: \(state.logs.lines.count) lines, frame: \(state.width)×\(state.height)")

var frame = AppView.render(state)
let full = measure(300) { AppView.render(state, into: &frame) }
print(String(format: "full frame render (200×60, all panes): median %.3f ms", full))

var previous = AppView.render(state)
var changed = 0
let keystroke = measure(300) {
    _ = AppUpdate.update(&state, .key(.char("x")))
    AppView.render(state, into: &frame)
    let diff = ScreenDiff.between(previous, frame)
    changed = diff.changedCells
    swap(&previous, &frame)
}
print(String(format: "keystroke to frame (update + render + diff): median %.3f ms, %d cells changed per key", keystroke, changed))
let fullDiff = measure(300) { _ = ScreenDiff.between(nil, frame) }
print(String(format: "full-screen diff (first frame): median %.3f ms", fullDiff))
