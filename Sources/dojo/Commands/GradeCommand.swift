import ArgumentParser
import DojoKit
import Foundation

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Validate and grade a submission file for a task: score, position, medal.",
        discussion: """
        Exits 0 when every submission is valid and graded, 1 when one is invalid. Several files are graded by one grader \
        (a Python metric's warm interpreter starts once); --json then prints an array of reports, in the files' order.
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id.") var task: String
    @Argument(help: "The submission CSV (or several).") var submissions: [String]
    @Option(help: "The split seed the answers come from.") var seed = 42
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let services = try common.services()
        let spec = try services.loader.load(id: task)
        let prepared = try services.prepared(spec, seed: seed)
        // Graded in a limited child process, as every step's submission is: the file may come from an agent.
        guard !submissions.isEmpty else { throw ValidationError("name the submission file to grade") }
        let grading = services.isolatedGrading(spec, prepared: prepared, sandbox: .bwrap)(try Grader(task: spec, prepared: prepared))
        defer { grading.stop() }
        var reports: [SubmissionReport] = []
        for submission in submissions {
            let report = grading.grade(fileAt: URL(fileURLWithPath: submission))
            reports.append(report)
            if !json { print((submissions.count > 1 ? "\(submission):\n" : "") + GradeText.render(report, path: submission)) }
        }
        if json {
            let values = try reports.map(GradeText.json)
            if values.count == 1 { try Console.printJSON(values[0]) } else { try Console.printJSON(JSONValue.array(values)) }
        }
        if reports.contains(where: { !$0.valid }) { throw ExitCode(1) }
    }
}

enum GradeText {
    /// The report as `dojo grade --json` prints it: the observation's `submission` object, with the
    /// mean position score named for the board kind (`reference_rank` on a reference board,
    /// `human_rank` on a human one). Trajectories keep `human_rank` for both (docs/observation.md).
    static func json(_ report: SubmissionReport) throws -> JSONValue {
        let value = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(report))
        guard case .object(var fields) = value, report.boardKind != .human, let rank = fields.removeValue(forKey: "human_rank") else {
            return value
        }
        fields[report.boardKind.rankLabel.replacingOccurrences(of: " ", with: "_")] = rank
        return .object(fields)
    }

    static func render(_ report: SubmissionReport, path: String) -> String {
        var lines: [String] = []
        if !report.found { return "Submission not found: \(path) does not exist or is not a regular file." }
        lines.append(report.valid ? "Valid submission (\(report.rows) rows)." : "Invalid submission: \(report.errors.count) problem\(report.errors.count == 1 ? "" : "s").")
        for issue in report.errors {
            // The message may already name its line ("on line 3").
            let rows = issue.rows.isEmpty || issue.message.contains("line ") ? ""
                : " (line\(issue.rows.count == 1 ? "" : "s") \(issue.rows.map(String.init).joined(separator: ", ")))"
            lines.append("  error [\(issue.kind.rawValue)] \(issue.message)\(rows)")
        }
        for issue in report.warnings { lines.append("  warning [\(issue.kind.rawValue)] \(issue.message)") }
        if let score = report.rawScore {
            lines.append("Score: \(report.metric) = \(score) (\(report.higherIsBetter ? "higher" : "lower") is better)")
            if let position = report.position?.private {
                lines.append("Private board: position \(position.position) of \(position.total), rank score \(String(format: "%.4f", position.score)), beats \(String(format: "%.1f", position.shareBeaten * 100))% of the board")
            }
            if let position = report.position?.public {
                lines.append("Public board: position \(position.position) of \(position.total), rank score \(String(format: "%.4f", position.score)), beats \(String(format: "%.1f", position.shareBeaten * 100))% of the board")
            }
            // With one board the mean rank score is that board's, already printed above.
            let boards = (report.position?.private == nil ? 0 : 1) + (report.position?.public == nil ? 0 : 1)
            if let rank = report.humanRank, boards > 1 { lines.append("\(report.boardKind.rankLabel.capitalized): \(String(format: "%.4f", rank))") }
            lines.append("Medal: \(report.medal?.rawValue ?? "none"); above median: \(report.aboveMedian == true ? "yes" : "no")")
            if let t = report.medalThresholds {
                lines.append("Thresholds (\(report.boardKind.rawValue) board): gold ≤ #\(t.gold.position) (\(t.gold.score)), silver ≤ #\(t.silver.position) (\(t.silver.score)), bronze ≤ #\(t.bronze.position) (\(t.bronze.score)), median \(t.median)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
