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
