import ArgumentParser
import DojoKit
import Foundation

/// `dojo competitions list|import|download`: MLE-bench's and MLE-Dojo's Kaggle competitions as Dojo
/// tasks with their human boards (docs/competitions.md).
struct CompetitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "competitions",
        abstract: "Import MLE-bench's and MLE-Dojo's Kaggle competitions as tasks with their human leaderboards.",
        discussion: """
        git clone https://github.com/openai/mle-bench && (cd mle-bench && git lfs pull)
        dojo competitions download spaceship-titanic
        dojo competitions import mle-bench spaceship-titanic --raw ~/.local/share/dojo/competitions/downloads/spaceship-titanic.zip
        dojo play spaceship-titanic
        """,
        subcommands: [CompetitionsListCommand.self, CompetitionsImportCommand.self, CompetitionsDownloadCommand.self])
}

struct CompetitionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every competition of a clone: kind, metric, data size, medals, board, imported and prepared.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "A clone of MLE-bench or MLE-Dojo.") var clone: String
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var id: String
        var anchor: String
        var kind: String?
        var complexity: String?
        var metric: String?
        var higherIsBetter: Bool?
        var native: String?
        var dataSize: String?
        var awardsMedals: Bool?
        var board: String?
        var boardEntries: Int?
        var prepare: String?
        var knownIssue: String?
        var imported: String?
        var prepared: Bool?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case id, anchor, kind, complexity, metric, higherIsBetter = "higher_is_better", native, dataSize = "data_size"
            case awardsMedals = "awards_medals", board, boardEntries = "board_entries", prepare, knownIssue = "known_issue"
            case imported, prepared, error
        }
    }

    func run() throws {
        let services = try common.services()
        let source = try CompetitionClone(path: clone)
        let imports = CompetitionsImportCommand.importedTasks(services.paths)
        let cache = PreparationCache(root: services.paths.preparedDirectory, runner: services.processRunner,
                                     python: services.paths.venvDirectory.appendingPathComponent("bin/python"))
        let rows: [Row] = source.entries().map { result in
            switch result {
            case .failure(let error):
                return Row(id: "?", anchor: source.anchor.rawValue, error: error.description)
            case .success(let entry):
                var row = Row(id: entry.id, anchor: entry.anchor.rawValue, kind: entry.guessedKind.rawValue, complexity: entry.complexity,
                              metric: entry.metricName, higherIsBetter: entry.higherIsBetter, native: entry.nativeMetric?.metric,
                              dataSize: entry.dataSize, awardsMedals: entry.awardsMedals, prepare: entry.prepare.rawValue,
                              knownIssue: entry.knownIssue)
                switch entry.board {
                case .present(_, let entries): row.board = "present"; row.boardEntries = entries
                case .lfsPointer: row.board = "lfs-pointer"
                case .missing: row.board = "missing"
                }
                if let folder = imports["\(entry.anchor.rawValue)/\(entry.id)"] {
                    row.imported = folder.lastPathComponent
                    let spec = try? TaskLoader(tasksDirectory: folder.deletingLastPathComponent()).load(directory: folder)
                    row.prepared = spec.map { cache.existing($0, seed: 42) != nil } ?? false
                }
                return row
            }
        }
        if json {
            try Console.printJSON(rows)
            return
        }
        print("\(source.anchor.displayName) at \(source.root.path): \(rows.count) competitions")
        let width = max(12, rows.map(\.id.count).max() ?? 0)
        for row in rows {
            if let error = row.error { print("\(row.id)  [unreadable] \(error)"); continue }
            let direction = row.higherIsBetter.map { $0 ? "↑" : "↓" } ?? ""
            let metric = (row.metric ?? "?") + direction + (row.native.map { " =\($0)" } ?? "")
            let board: String
            switch row.board {
            case "present": board = "board \(row.boardEntries ?? 0)"
            case "lfs-pointer": board = "board: LFS pointer"
            default: board = "no board"
            }
            let state = row.imported.map { "imported as \($0)\(row.prepared == true ? ", prepared" : ", not prepared")" } ?? "not imported"
            var columns = [TasksCommand.pad(row.id, width), TasksCommand.pad(row.kind ?? "", 22),
                           TasksCommand.pad(row.complexity ?? "", 6), TasksCommand.pad(metric, 28),
                           TasksCommand.pad(row.dataSize ?? "size ?", 10), TasksCommand.pad(row.awardsMedals == false ? "no medals" : "medals", 9),
                           TasksCommand.pad(board, 18), TasksCommand.pad(row.prepare == "placeholder" ? "pre-split" : row.prepare ?? "", 9), state]
            if let issue = row.knownIssue { columns.append(KnownIssues.isLeak(issue) ? "⚠ leak" : "⚠ known issue") }
            print(columns.joined(separator: "  "))
        }
        if rows.contains(where: { $0.board == "lfs-pointer" }) {
            print("(LFS pointer: the boards need `git lfs pull` in \(source.root.path))")
        }
    }
}

struct CompetitionsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Write a task for one competition of a clone into your task folder; with --raw, prepare its data.",
        discussion: """
        The task goes to $XDG_DATA_HOME/dojo/tasks/ID (or $DOJO_USER_TASKS), beside the built-in tasks in `dojo tasks`. \
        --raw takes the Kaggle zip (unpacked into $XDG_DATA_HOME/dojo/competitions/ANCHOR/ID/raw; MLE-bench's md5 checked) \
        or a folder; the anchor's own prepare() then runs in a sandbox (no network, the raw data read-only).
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "A clone of MLE-bench or MLE-Dojo.") var clone: String
    @Argument(help: "The competition id (a folder of its competitions/).") var competition: String
    @Option(help: "The Kaggle zip of the competition, or the folder it unpacks to (MLE-Dojo's pre-split ones: the DSBench folder).")
    var raw: String?
    @Option(name: .customLong("as"), help: "The task id (default: the competition id).") var taskId: String?
    @Option(help: "The kind of task (default: guessed): \(TaskKind.names).") var kind: String?
    @Flag(name: .customLong("python-metric"), help: "Grade with the anchor's own Python even where a catalogue metric equals it.")
    var pythonMetric = false
    @Flag(name: .customLong("no-prepare"), help: "With --raw: record the data but do not prepare it now.") var noPrepare = false

    /// Imported tasks by `anchor/competition id`.
    static func importedTasks(_ paths: DojoPaths) -> [String: URL] {
        guard let user = paths.userTasksDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: user.path) else { return [:] }
        var out: [String: URL] = [:]
        for name in names where !name.hasPrefix(".") {
            let folder = user.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: folder.appendingPathComponent("competition.json")),
                  let meta = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let anchor = meta["anchor"] as? String, let id = meta["id"] as? String else { continue }
            out["\(anchor)/\(id)"] = folder
        }
        return out
    }

    func run() throws {
        let services = try common.services()
        let source = try CompetitionClone(path: clone)
        let entry = try source.entry(id: competition)
        try CompetitionImporter.checkImportable(entry, root: source.root)
        guard let userTasks = services.paths.userTasksDirectory, let data = services.paths.competitionsDataDirectory else {
            throw DojoError(.usage, "no user task folder", hint: "set XDG_DATA_HOME or DOJO_USER_TASKS")
        }
        let taskKind = try kind.map { name throws(DojoError) -> TaskKind in
            guard let kind = TaskKind(rawValue: name) else {
                throw DojoError(.usage, "--kind \(name): not a kind of task", hint: "use one of: \(TaskKind.names)")
            }
            return kind
        }
        let importer = CompetitionImporter(clone: source, userTasks: userTasks, builtInTasks: services.paths.tasksDirectory)
        var options = CompetitionImporter.Options(taskId: taskId, kind: taskKind, forcePython: pythonMetric)
        let id = try importer.taskId(for: entry, options: options)

        var warnings: [String] = []
        if let raw {
            let url = URL(fileURLWithPath: raw, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw DojoError(.competition, "--raw \(raw): no such file or folder",
                                hint: "pass the Kaggle zip (dojo competitions download \(entry.id)) or the folder it unpacks to")
            }
            if isFolder.boolValue {
                options.rawData = url
            } else {
                let python = try services.interpreter()
                let unpacker = CompetitionRawData(python: python, runner: services.processRunner, sandbox: ToolSandbox.find(python: python))
                let unpacked = try unpacker.unpack(zip: url, into: data.appendingPathComponent("\(entry.anchor.rawValue)/\(id)/raw"),
                                                   expectedMD5: entry.zipChecksum, progress: Console.progress)
                switch unpacked.checksumMatches {
                case true?: Console.progress("md5 of \(url.lastPathComponent) matches MLE-bench's checksums.yaml (\(unpacked.md5))")
                case false?:
                    let warning = "the md5 of \(url.lastPathComponent) is \(unpacked.md5), not \(entry.zipChecksum ?? "") as in MLE-bench's checksums.yaml: this is not the data MLE-bench prepared (synthetic, or Kaggle changed it); scores may not be comparable"
                    warnings.append(warning)
                    Console.progress("warning: " + warning)
                case nil: break
                }
                Console.progress("unpacked \(unpacked.files) files into \(unpacked.folder.path)")
                options.rawData = unpacked.folder
            }
        }
        var result = try importer.write(entry, options: options)
        for note in result.notes { Console.progress(note) }
        print("imported \(source.anchor.displayName)'s \(entry.id) as task `\(result.taskId)` in \(result.folder.path)")
        print("  metric: \(result.metric)")
        guard options.rawData != nil, !noPrepare else {
            if options.rawData == nil {
                print("  no data yet: import again with --raw ZIP|DIR (dojo competitions download \(entry.id) fetches the zip)")
            }
            return
        }
        let loader = TaskLoader(tasksDirectory: userTasks)
        var spec = try loader.load(directory: result.folder)
        let cache = try services.preparationCache()
        var (prepared, _) = try cache.prepare(spec, seed: 42, progress: Console.progress)
        // The submission's columns are the prepared sample submission's: the id first, the targets after it.
        let header = try SubmissionValidator.header(of: prepared.sampleSubmissionFile)
        // The anchor's code reads answers of any shape; Dojo's check needs the id and the answers' columns.
        let answers = try SubmissionValidator.header(of: prepared.answersFile)
        let answerColumns = header.count >= 2 && answers.contains(header[0]) && !header.dropFirst().allSatisfy(answers.contains)
            ? answers.filter { $0 != header[0] } : nil
        if header.count >= 2, header[0] != spec.submission.idColumn || Array(header.dropFirst()) != spec.submission.targetColumns
            || answerColumns != spec.submission.answerColumns {
            result = try importer.write(entry, options: options, columns: (header[0], Array(header.dropFirst())), answerColumns: answerColumns)
            spec = try loader.load(directory: result.folder)
            prepared = try cache.adopt(prepared, for: spec)
        }
        print("  prepared: \(prepared.checksums.count) files in \(prepared.directory.path)")
        let targets = spec.submission.targetColumns
        print("  submission: \(spec.submission.idColumn), " + (targets.count > 6
            ? "\(targets.count) target columns (\(targets[0]) … \(targets[targets.count - 1]))" : targets.joined(separator: ", ")))
        for warning in warnings { print("  warning: \(warning)") }
        print("play it: dojo play \(result.taskId)")
    }
}

struct CompetitionsDownloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Download a competition's zip with your `kaggle` CLI (accept its rules on kaggle.com first).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The Kaggle competition id.") var competition: String
    @Option(name: .customLong("to"), help: "The folder for the zip (default: $XDG_DATA_HOME/dojo/competitions/downloads).")
    var folder: String?

    func run() throws {
        let services = try common.services()
        let target = folder.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL }
            ?? services.paths.competitionsDataDirectory?.appendingPathComponent("downloads")
        guard let target else { throw DojoError(.usage, "no download folder", hint: "pass --to DIR") }
        let downloader = KaggleDownloader(runner: services.processRunner, environment: ProcessInfo.processInfo.environment)
        let zip = try downloader.download(competition: competition, into: target, progress: Console.progress)
        print(zip.path)
        Console.progress("next: dojo competitions import CLONE \(competition) --raw \(zip.path)")
    }
}
