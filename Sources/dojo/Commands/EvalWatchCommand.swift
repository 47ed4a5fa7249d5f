import ArgumentParser
import DojoKit
import Foundation

/// `dojo eval watch RUN_DIR`: the live dashboard of an evaluation another terminal (or machine, on
/// a shared folder) is running, or of a finished one.
struct EvalWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show the live dashboard of an evaluation's run directory (read-only; the evaluation runs elsewhere).",
        discussion: """
        One row per episode (agent, task, seed, status, step, best score, position, medal, time), the totals and an \
        estimate of the time left, read from RUN_DIR every second (status.json files and the growing trajectories).
        Keys: ↑/↓ move, Enter watch the episode live (q comes back), F1 keys, q quit. See docs/eval.md.
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The run directory (`dojo eval --out`).") var runDirectory: String
    @Option(help: "The colour theme (see `dojo themes`).") var theme: String?

    func run() throws {
        let directory = RunDirectory(URL(fileURLWithPath: runDirectory))
        guard directory.exists else {
            throw DojoError(.usage, "no evaluation here (manifest.json is missing)", at: directory.root.path,
                            hint: "give the folder `dojo eval --out` wrote (it holds manifest.json and episodes/)")
        }
        _ = try directory.readManifest()
        let services = try common.services()
        let environment = ProcessInfo.processInfo.environment
        let settings = ThemeFiles(paths: services.paths, environment: environment).settings(theme: theme, environment: environment)
        let outcome = try MainActor.assumeIsolated { () throws -> EvalDashboard.Outcome in
            try EvalDashboard.show(directory, owner: false, services: services, settings: settings)
        }
        if outcome == .signal { throw ExitCode(130) }
    }
}
