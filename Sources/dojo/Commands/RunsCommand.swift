import ArgumentParser
import DojoKit
import DojoTerminal
import DojoUI
import Foundation

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Browse every trajectory Dojo knows: filter, sort by score, replay, compare two, delete.",
        discussion: """
        Lists the trajectories `dojo play` and `dojo run` wrote (the state folder's trajectories/), the evaluation \
        run directories under the state folder's evals/, and the folders given with --dir (sub-folders included): \
        task, agent, date, steps, best score and how each run ended.
        Keys: ↑/↓ move, / filter (words match task, agent, date, outcome; task:… agent:… date:… outcome:… one column), \
        s sort (newest first / best score first), Enter replay (the two marked runs: compare), space mark, \
        d delete the run's files (asks first), r read again, F1 keys, q quit. Quitting a replay comes back here.
        Only what changed since the last listing is read (digests in the cache folder's runs-index.json).
        """)

    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("dir"), help: "Also list the trajectories in this folder (an evaluation run directory, any folder); repeatable.")
    var folders: [String] = []
    @Flag(help: "Print the list (tab-separated: date, task, agent, seed, steps, best, medal, outcome, path) instead of opening the browser.")
    var list = false
    @Option(help: "The colour theme (see `dojo themes`).") var theme: String?

    func run() throws {
        let services = try common.services()
        var extra: [URL] = []
        for folder in folders {
            let url = URL(fileURLWithPath: folder).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DojoError(.usage, "no such folder", at: url.path, hint: "give a folder holding *.dojo.jsonl files, e.g. a `dojo eval` run directory")
            }
            extra.append(url)
        }
        let all = RunCatalog.defaultFolders(services.paths) + extra
        if list || isatty(STDOUT_FILENO) != 1 {
            try printList(all, services: services)
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let settings = ThemeFiles(paths: services.paths, environment: environment).settings(theme: theme, environment: environment)
        try Self.browse(folders: all, services: services, settings: settings)
    }

    func printList(_ folders: [URL], services: Services) throws {
        var cache = RunIndexCache(url: RunIndexCache.file(in: services.paths.cacheDirectory))
        let listing = RunCatalog.list(folders, cache: &cache)
        if let problem = cache.save() { Console.progress(problem) }
        for run in listing.runs {
            let digest = run.digest
            let fields = [RunsState.Entry.displayDate(digest.header.startedAt), digest.header.task, digest.agentLabel, String(digest.header.seed),
                          String(digest.steps), digest.best.map { AppUpdate.format($0.rawScore) } ?? "-", digest.best?.medal?.rawValue ?? "-",
                          run.outcome.label, run.url.path]
            print(fields.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t"))
        }
        for problem in listing.problems { Console.progress("skipped \(problem)") }
    }

    /// The browser, until the person quits: Enter ends its program with a choice, the replay (or
    /// comparison) opens, and quitting it comes back to the browser with its filter, sort and cursor.
    static func browse(folders: [URL], services: Services, settings: WorkbenchSettings) throws {
        var cache = RunIndexCache(url: RunIndexCache.file(in: services.paths.cacheDirectory))
        var kept: RunsState?
        var message: AppState.Message?
        defer { cache.save() }
        while true {
            let listing = RunsHandler.listing(folders, cache: &cache)
            var runs = kept ?? RunsState(entries: [], sources: folders.map(\.path))
            runs.replace(listing.entries, problems: listing.problems)
            runs.chosen = nil
            var state = AppState(taskID: "", taskTitle: "", descriptionMarkdown: "", code: "", codePath: nil, defaultSavePath: "",
                                 board: nil, themes: settings.themes, themeIndex: settings.themeIndex, keyMap: settings.keyMap,
                                 width: 80, height: 24)
            state.mode = .runs(runs)
            state.message = message
            let (exit, final, handlerCache) = try MainActor.assumeIsolated { () throws -> (Program.Exit, RunsState?, RunIndexCache) in
                let handler = RunsHandler(folders: folders, cache: cache)
                let program = Program(state: state, mode: .runs(handler), settings: settings)
                let exit = try program.run()
                return (exit, program.state.mode.runs, handler.cache)
            }
            cache = handlerCache
            kept = final
            guard exit == .quit, let choice = final?.chosen else { return }
            let paths: [String]
            switch choice {
            case .replay(let path): paths = [path]
            case .compare(let a, let b): paths = [a, b]
            }
            do {
                let (_, replayExit) = try ReplayCommand.replay(paths, step: nil, services: services, settings: settings)
                guard replayExit == .quit else { return }
                kept?.marked = []
                message = nil
            } catch {
                // A file that cannot be replayed (damaged header, gone): said in the browser, which stays.
                message = .init(text: "cannot replay: \((error as? DojoError)?.message ?? "\(error)")", isError: true, at: SystemClock().seconds())
            }
        }
    }
}
