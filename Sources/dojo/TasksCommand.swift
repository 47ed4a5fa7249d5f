import ArgumentParser
import DojoKit
import Foundation

struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tasks", abstract: "List the tasks.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var id: String
        var title: String?
        var category: String?
        var metric: String?
        var higherIsBetter: Bool?
        var boardKind: String?
        var boardSize: Int?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case id, title, category, metric, higherIsBetter = "higher_is_better", boardKind = "board_kind"
            case boardSize = "board_size", error
        }
    }

    func run() throws {
        let services = try common.services()
        let loader = services.loader
        let rows: [Row] = try loader.taskDirectories().map { directory in
            do {
                let task = try loader.load(directory: directory)
                return Row(id: task.id, title: task.title, category: task.category, metric: task.metric.metric.rawValue,
                           higherIsBetter: task.metric.metric.higherIsBetter, boardKind: task.boards.kind.rawValue,
                           boardSize: task.boards.size)
            } catch {
                return Row(id: directory.lastPathComponent, error: "\(error)")
            }
        }
        if json {
            try Console.printJSON(rows)
            return
        }
        if rows.isEmpty { print("no tasks in \(services.paths.tasksDirectory.path)") }
        for row in rows {
            if let error = row.error {
                print("\(row.id)  [broken] \(error)")
            } else {
                let direction = row.higherIsBetter == true ? "↑" : "↓"
                print("\(row.id.padding(toLength: 10, withPad: " ", startingAt: 0))  \((row.category ?? "").padding(toLength: 26, withPad: " ", startingAt: 0))  \((row.metric ?? "") + direction)  \(row.boardKind ?? "") board of \(row.boardSize ?? 0)  —  \(row.title ?? "")")
            }
        }
    }
}

struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup", abstract: "Create (or update) the Python environment from Tasks/requirements.txt.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Rebuild even when the environment is up to date.") var force = false

    func run() throws {
        let services = try common.services()
        let python = services.python
        let before = try python.state()
        let interpreter = try python.ensure(force: force, progress: Console.progress)
        print(before == .ready && !force ? "Python environment up to date: \(interpreter.path)" : "Python environment ready: \(interpreter.path)")
    }
}

struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare", abstract: "Prepare a task's data into the cache (instant when cached and intact).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id (or a path to a task folder).") var task: String
    @Option(help: "The split seed.") var seed = 42

    func run() throws {
        let services = try common.services()
        let spec = try services.loader.load(id: task)
        let cache = try services.preparationCache()
        let (prepared, outcome) = try cache.prepare(spec, seed: seed, progress: Console.progress)
        let state: String
        switch outcome {
        case .cached: state = "cached, checksums verified"
        case .prepared: state = "prepared"
        case .rebuilt(let reason): state = "rebuilt (\(reason))"
        }
        print("\(spec.id) (seed \(seed)): \(state), \(prepared.checksums.count) files in \(prepared.directory.path)")
    }
}
