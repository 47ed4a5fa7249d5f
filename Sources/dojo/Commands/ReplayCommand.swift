import ArgumentParser
import DojoEffects
import DojoKit
import DojoTerminal
import DojoUI
import Foundation

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a finished trajectory step by step, or compare two (read-only).",
        discussion: """
        The step list shows each step's actor, action, status and score (★ best, ◆ bookmark, ✎ note); the editor \
        shows the step's code, the logs its output, the chart a cursor at the step.
        Keys: n/p or j/k next and previous step, g/G first/last, : go to step, b best, e next error, i next improvement, \
        / search all steps (? and N next and previous match), space play/pause, +/- speed 1×–64×, s steps only, \
        d diff (previous executed step / best step; A against B when comparing), m bookmark, a note, f fork, \
        t step list / task, q quit. F1 lists every key.
        With two files, both score curves share the chart, the steps are side by side (row by row), and the editor \
        shows the diff between the two runs' code at the cursor.
        Notes and bookmarks go to a sidecar beside the trajectory (run.dojo-notes.jsonl); the trajectory is never written.
        Without a file, the runs browser opens (as `dojo runs`): choose the run to replay there.
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The trajectory file (*.dojo.jsonl), and optionally a second one to compare it with (none: the runs browser).")
    var trajectories: [String] = []
    @Option(help: "Open at this step number.") var step: Int?
    @Option(help: "The colour theme (see `dojo themes`).") var theme: String?

    func validate() throws {
        guard trajectories.count <= 2 else {
            throw ValidationError("give one trajectory to replay, or two to compare (got \(trajectories.count))")
        }
        if trajectories.isEmpty, step != nil {
            throw ValidationError("--step needs a trajectory: dojo replay FILE --step N")
        }
    }

    /// Opens the index; a large file shows how far reading it got on stderr (before the screen opens).
    static func open(_ url: URL) throws(DojoError) -> TrajectoryIndex {
        var shown = -1
        let index = try TrajectoryIndex.open(url) { bytes, size in
            guard size > 64 << 20 else { return }
            let percent = Int(Double(bytes) / Double(size) * 100)
            guard percent != shown else { return }
            shown = percent
            FileHandle.standardError.write(Data("\rreading \(url.lastPathComponent): \(percent)%".utf8))
        }
        if shown >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        return index
    }

    func run() throws {
        let services = try common.services()
        let environment = ProcessInfo.processInfo.environment
        let settings = ThemeFiles(paths: services.paths, environment: environment).settings(theme: theme, environment: environment)
        if trajectories.isEmpty {
            try RunsCommand.browse(folders: RunCatalog.defaultFolders(services.paths), services: services, settings: settings)
            return
        }
        let (count, _) = try Self.replay(trajectories, step: step, services: services, settings: settings)
        print("replayed \(count) step\(count == 1 ? "" : "s") of \(trajectories.joined(separator: " and "))")
    }

    /// Replays one trajectory, or compares two, until the person quits; returns how many steps run A has and
    /// why the screen closed.
    /// Everything that can fail is read before the screen opens: a bad file is a plain error.
    static func replay(_ trajectories: [String], step: Int?, services: Services, settings: WorkbenchSettings) throws -> (steps: Int, exit: Program.Exit) {
        var indexes: [TrajectoryIndex] = []
        for path in trajectories {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DojoError(.usage, "no such trajectory file", at: url.path,
                                hint: "give the path `dojo run`, `dojo play` or `dojo import` printed (a *.dojo.jsonl file)")
            }
            indexes.append(try Self.open(url))
        }
        let runs = try indexes.map { index throws(DojoError) in try ReplayStore.run(index) }
        let header = indexes[0].header
        let spec = try? services.loader.load(id: header.task)
        var replay = ReplayState(runs: runs)
        if let step {
            guard let position = indexes[0].position(ofStep: step) else {
                throw DojoError(.usage, "there is no step \(step) in the trajectory", at: indexes[0].url.path,
                                hint: indexes[0].steps.isEmpty ? "it has no steps" : "its steps run from \(indexes[0].steps[0].step) to \(indexes[0].steps[indexes[0].steps.count - 1].step)")
            }
            replay.cursor = position
        }
        var state = ReadOnlyWorkbench.state(header: header, spec: spec, source: indexes[0].url.path, mode: .replay(replay), settings: settings,
                                               paths: services.paths)
        state.bufferName = "replay"
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let options = ["--tasks", services.paths.tasksDirectory.path, "--cache", services.paths.cacheDirectory.path]
        return try MainActor.assumeIsolated { () throws -> (steps: Int, exit: Program.Exit) in
            let handler = ReplayHandler(store: ReplayStore(indexes: indexes), forkCommand: (executable, options),
                                        forkFolder: services.paths.trajectoriesDirectory)
            let program = Program(state: state, mode: .replay(handler), settings: settings)
            let exit = try program.run()
            return (program.state.mode.replay?.stepCount ?? 0, exit)
        }
    }
}
