import DojoKit
import DojoUI
import Foundation

extension EvalReport {
    /// report.json, report.csv and report.md into `folder`, each written atomically.
    func write(into folder: URL) throws(DojoError) {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw DojoError(.io, "cannot create the folder: \(error.localizedDescription)", at: folder.path)
        }
        try RunDirectory.writeJSON(self, to: folder.appendingPathComponent("report.json"))
        try RunDirectory.writeAtomically(Data(EvalReportText.csv(self).utf8), to: folder.appendingPathComponent("report.csv"))
        try RunDirectory.writeAtomically(Data(EvalReportText.markdown(self).utf8), to: folder.appendingPathComponent("report.md"))
    }

    func write(to run: RunDirectory) throws(DojoError) { try write(into: run.root) }
}

/// The report as text: terminal tables, CSV and Markdown, and a Braille score-over-time chart per task.
enum EvalReportText {
    static func number(_ value: Double?, digits: Int = 4) -> String {
        guard let value else { return "–" }
        return String(format: "%.\(digits)g", value)
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.0f%%", $0 * 100) } ?? "–"
    }

    static func rankLabel(_ boardKind: String?) -> String { boardKind == "human" ? "HumanRank" : "reference rank" }

    /// The per agent × task rows.
    static func cellRows(_ report: EvalReport) -> [[String]] {
        report.cells.map { cell in
            let medals = [(cell.gold, "gold"), (cell.silver, "silver"), (cell.bronze, "bronze")].filter { $0.0 > 0 }
                .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            let medalText = (medals.isEmpty ? "none" : medals) + (cell.boardKind == "reference" ? " (reference)" : "")
            return [cell.agent, cell.task, "\(cell.scored)/\(cell.episodes)",
                    "\(cell.metric ?? "?") \(number(cell.scoreMean)) ± \(number(cell.scoreStd, digits: 2))",
                    cell.positionMean.map { String(format: "%.1f", $0) + (cell.boardSize.map { "/\($0)" } ?? "") } ?? "–",
                    "\(number(cell.humanRankMean, digits: 3)) ± \(number(cell.humanRankStd, digits: 2)) \(rankLabel(cell.boardKind))",
                    medalText]
        }
    }

    static let cellHeader = ["agent", "task", "scored", "best score (mean ± std)", "position", "rank (mean ± std)", "medals"]

    static func summaryRows(_ report: EvalReport) -> [[String]] {
        report.summaries.map { summary in
            let failures = summary.failures.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { "\($0.value)× \($0.key)" }.joined(separator: "; ")
            return [summary.agent, "\(summary.done)/\(summary.episodes)", percent(summary.anyMedalRate), number(summary.meanHumanRank, digits: 3),
                    percent(summary.validRate), summary.meanSteps.map { String(format: "%.1f", $0) } ?? "–",
                    summary.meanSeconds.map { String(format: "%.1f s", $0) } ?? "–", summary.tokens.map(String.init) ?? "–",
                    failures.isEmpty ? "none" : failures]
        }
    }

    static let summaryHeader = ["agent", "done", "any medal", "mean rank", "valid", "steps", "time", "tokens", "failures"]

    static func comparisonRows(_ report: EvalReport) -> [[String]] {
        report.comparisons.map { c in
            [c.task, "\(c.agent) vs \(c.baseline)", number(c.agentMean), number(c.baselineMean),
             (c.difference >= 0 ? "+" : "") + number(c.difference), number(c.spread, digits: 2),
             c.exceedsSpread.map { $0 ? (c.better ? "yes, better" : "yes, worse") : "no (within seed spread)" } ?? "n/a (< 2 seeds)"]
        }
    }

    static let comparisonHeader = ["task", "agents", "mean", "baseline mean", "difference", "seed spread", "exceeds spread"]

    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return [line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }

    static func terminal(_ report: EvalReport, colour: Bool) -> String {
        var lines: [String] = ["Per agent and task (best score over seeds)", ""]
        lines += table(cellHeader, cellRows(report))
        lines += ["", "Per agent", ""] + table(summaryHeader, summaryRows(report))
        if !report.comparisons.isEmpty {
            lines += ["", "Compared with \(report.agents.first ?? "")", ""] + table(comparisonHeader, comparisonRows(report))
        }
        for task in report.tasks {
            lines += ["", "\(task): best score over time (mean over seeds)"] + chart(report, task: task, colour: colour)
        }
        return lines.joined(separator: "\n")
    }

    static func markdown(_ report: EvalReport) -> String {
        func mdTable(_ header: [String], _ rows: [[String]]) -> [String] {
            func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
            return ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
                + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        }
        var lines = ["# Evaluation report", "", "Runs: " + report.runs.map { "`\($0)`" }.joined(separator: ", "), "",
                     "## Per agent and task", "", "Best score per episode, mean ± sample standard deviation over seeds; "
                     + "rank is MLE-Dojo's position score (HumanRank on human boards, reference rank on reference boards; "
                     + "0 for an episode without a valid submission); medals by MLE-bench's rules (on reference boards only a reference).", ""]
        lines += mdTable(cellHeader, cellRows(report))
        lines += ["", "## Per agent", ""] + mdTable(summaryHeader, summaryRows(report))
        if !report.comparisons.isEmpty {
            lines += ["", "## Compared with \(report.agents.first ?? "")", "",
                      "The difference of mean best scores exceeds the seed spread when it is larger than √(std₁² + std₂²).", ""]
            lines += mdTable(comparisonHeader, comparisonRows(report))
        }
        lines += ["", "## Best score over time", ""]
        for task in report.tasks {
            lines += ["### \(task)", "", "```"] + chart(report, task: task, colour: false) + ["```", ""]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csv(_ report: EvalReport) -> String {
        let header = ["agent", "task", "metric", "higher_is_better", "board", "episodes", "scored", "score_mean", "score_std", "position_mean",
                      "board_size", "rank_mean", "rank_std", "gold", "silver", "bronze", "any_medal_rate"]
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func value(_ number: Double?) -> String { number.map { "\($0)" } ?? "" }
        var lines = [header.joined(separator: ",")]
        for cell in report.cells {
            lines.append([cell.agent, cell.task, cell.metric ?? "", cell.higherIsBetter.map { "\($0)" } ?? "", cell.boardKind ?? "",
                          "\(cell.episodes)", "\(cell.scored)", value(cell.scoreMean), value(cell.scoreStd), value(cell.positionMean),
                          cell.boardSize.map(String.init) ?? "", value(cell.humanRankMean), value(cell.humanRankStd),
                          "\(cell.gold)", "\(cell.silver)", "\(cell.bronze)", value(cell.anyMedalRate)].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each agent's best score so far, averaged over the seeds that have one, against seconds since the
    /// episode started: one Braille curve per agent (a letter at its end; colours on a terminal).
    static func chart(_ report: EvalReport, task: String, colour: Bool, width: Int = 60, height: Int = 10) -> [String] {
        let agents = report.agents.filter { agent in report.episodes.contains { $0.agent == agent && $0.task == task && !$0.curve.isEmpty } }
        guard !agents.isEmpty else { return ["(no valid scores)"] }
        let episodes = report.episodes.filter { $0.task == task && $0.state == "done" && !$0.curve.isEmpty }
        let horizon = max(1, episodes.compactMap { $0.curve.last?[0] }.max() ?? 1, episodes.compactMap(\.seconds).max() ?? 1)
        var curves: [(String, [(Double, Double)])] = []
        for agent in agents {
            let mine = episodes.filter { $0.agent == agent }
            var points: [(Double, Double)] = []
            for column in 0..<(width * 2) {
                let t = horizon * Double(column) / Double(width * 2 - 1)
                let values: [Double] = mine.compactMap { (episode: EvalReport.Episode) -> Double? in
                    episode.curve.last(where: { $0[0] <= t }).map { $0[1] }
                }
                if !values.isEmpty { points.append((t, values.reduce(0.0, +) / Double(values.count))) }
            }
            curves.append((agent, points))
        }
        let all = curves.flatMap { $0.1.map(\.1) }
        guard var low = all.min(), var high = all.max() else { return ["(no valid scores)"] }
        if high - low < 1e-12 {
            let pad = max(abs(high) * 0.01, 1e-6)
            low -= pad
            high += pad
        }
        var canvas = BrailleCanvas(width: width, height: height)
        func dotY(_ v: Double) -> Int { Int(((high - v) / (high - low) * Double(height * 4 - 1)).rounded()) }
        func dotX(_ t: Double) -> Int { Int((t / horizon * Double(width * 2 - 1)).rounded()) }
        var ends: [(Int, Int, Character)] = []
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for (index, (agent, points)) in curves.enumerated() {
            let scope = "agent\(index)"
            for (a, b) in zip(points, points.dropFirst()) { canvas.line(from: (dotX(a.0), dotY(a.1)), to: (dotX(b.0), dotY(b.1)), scope: scope) }
            if points.count == 1, let only = points.first { canvas.set(dotX(only.0), dotY(only.1), scope: scope) }
            if let last = points.last { ends.append((min(width - 1, dotX(last.0) / 2), dotY(last.1) / 4, letters[index % letters.count])) }
            _ = agent
        }
        let palette = ["\u{1B}[36m", "\u{1B}[33m", "\u{1B}[35m", "\u{1B}[32m", "\u{1B}[31m", "\u{1B}[34m"]
        let labelWidth = max(number(high).count, number(low).count)
        var lines: [String] = []
        for y in 0..<height {
            var row = ""
            for x in 0..<width {
                if let end = ends.last(where: { $0.0 == x && $0.1 == y }) {
                    row += String(end.2)
                } else if let (character, scope) = canvas.character(x: x, y: y) {
                    if colour, let scope, let index = Int(scope.dropFirst(5)) {
                        row += palette[index % palette.count] + String(character) + "\u{1B}[0m"
                    } else {
                        row += String(character)
                    }
                } else {
                    row += " "
                }
            }
            let label = y == 0 ? number(high) : (y == height - 1 ? number(low) : "")
            lines.append(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " ┤" + row)
        }
        lines.append(String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: width))
        let axis = "0 s".padding(toLength: width - 8, withPad: " ", startingAt: 0) + String(format: "%6.0f s", horizon)
        lines.append(String(repeating: " ", count: labelWidth + 2) + axis)
        lines.append(curves.enumerated().map { "\(letters[$0.offset % letters.count]) = \($0.element.0)" }.joined(separator: "   "))
        return lines
    }
}
