import ArgumentParser
import DojoKit
import DojoTerminal
import DojoUI
import Foundation

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a trajectory another process is writing (dojo run, serve or play), live and read-only.",
        discussion: """
        New steps appear within 200 ms: the editor shows the code of the step in view, the logs its output, \
        the scores pane grows, and the status bar says live or ended (and why).
        Keys: n / p next and previous step, f or End follow the newest step, q or Ctrl-Q quit \
        (rebind them in the config's [keys]: watch_next, watch_previous, watch_follow, quit).
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The trajectory file (*.dojo.jsonl).") var trajectory: String
    @Option(help: "The colour theme (see `dojo themes`).") var theme: String?
    @Option(help: "Seconds to wait for the file to appear, so watch can start before the run (0: do not wait).") var wait: Double = 30

    func run() throws {
        let url = URL(fileURLWithPath: trajectory)
        // A run started a moment later creates the file; a folder that does not exist is a typo, said at once.
        let folderExists = FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path)
        if !FileManager.default.fileExists(atPath: url.path), folderExists, wait > 0 {
            FileHandle.standardError.write(Data("dojo: waiting up to \(String(format: "%g", wait)) s for \(url.path) to appear (Ctrl-C stops)\n".utf8))
            let until = Date().addingTimeInterval(wait)
            while !FileManager.default.fileExists(atPath: url.path), Date() < until { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DojoError(.usage, "no such trajectory file" + (folderExists && wait > 0 ? " after waiting \(String(format: "%g", wait)) s" : ""), at: url.path,
                            hint: "give the path `dojo run`, `dojo serve` or `dojo play` prints (or passes with --trajectory)")
        }
        // Read the header before the screen opens: a file that is not a trajectory is a plain error here.
        var follower = TrajectoryFollower(url: url)
        var initial = try follower.poll()
        let deadline = Date().addingTimeInterval(10)
        while follower.header == nil {
            guard Date() < deadline else {
                throw DojoError(.trajectory, "no complete header line after 10 s", at: url.path,
                                hint: "is this a *.dojo.jsonl file written by dojo?")
            }
            Thread.sleep(forTimeInterval: 0.05)
            let more = try follower.poll()
            initial.header = initial.header ?? more.header
            initial.events += more.events
            initial.damaged += more.damaged
        }
        guard let header = follower.header else { return }
        let services = try common.services()
        let spec = try? services.loader.load(id: header.task)
        let settings = ThemeFiles(paths: services.paths, environment: ProcessInfo.processInfo.environment)
            .settings(theme: theme, environment: ProcessInfo.processInfo.environment)
        let state = ReadOnlyWorkbench.state(header: header, spec: spec, source: url.path, mode: .watch(WatchState(source: url.path)), settings: settings,
                                             paths: services.paths)
        let seen = try MainActor.assumeIsolated { () throws -> Int in
            let program = Program(state: state, mode: .watch(WatchHandler(follower: follower, initial: initial)), settings: settings)
            try program.run()
            return program.state.mode.watch?.steps.count ?? 0
        }
        print("watched \(seen) step\(seen == 1 ? "" : "s") of \(url.path)")
    }
}
