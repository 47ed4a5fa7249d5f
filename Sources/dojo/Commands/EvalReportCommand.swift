import ArgumentParser
import DojoKit
import Foundation

/// `dojo eval report RUN_DIR…`: the table on the terminal, report.json/.csv/.md into the (first) run directory.
struct EvalReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report an evaluation: per agent and task the best score over seeds, rank, medals; several run directories side by side.",
        discussion: """
        Writes report.json, report.csv and report.md into the first RUN_DIR (or --out) and prints the tables \
        and a score-over-time chart per task. Every figure is recomputed from the episodes' trajectories (docs/eval.md).
        """)

    @Argument(help: "Run directories made by `dojo eval`.") var runs: [String]
    @Option(help: "Write the report files into this folder instead of the first run directory.") var out: String?
    @Flag(help: "Print report.json instead of the tables.") var json = false

    func validate() throws {
        if runs.isEmpty { throw ValidationError("give at least one run directory") }
    }

    func run() throws {
        let directories = runs.map { RunDirectory(URL(fileURLWithPath: $0)) }
        let report = try EvalReport.build(runs: directories)
        let target = out.map { URL(fileURLWithPath: $0) } ?? directories[0].root
        try report.write(into: target)
        if json {
            try Console.printJSON(report)
        } else {
            print(EvalReportText.terminal(report, colour: isatty(STDOUT_FILENO) == 1))
        }
        Console.progress("wrote report.json, report.csv and report.md in \(target.path)")
    }
}
