import ArgumentParser
import DojoKit
import Foundation

struct TaskNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Make Tasks/ID/ from Tasks/template/: a working task to rewrite (every TODO marks a part).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The new task's id (lowercase letters, digits, - and _), also its folder's name.") var id: String
    @Option(help: "Its kind: \(TaskKind.names).") var kind = TaskKind.tabularClassification.rawValue
    @Option(help: "Its title (a TODO placeholder otherwise).") var title: String?

    func run() throws {
        let services = try common.services()
        guard let taskKind = TaskKind(rawValue: kind) else {
            throw DojoError(.usage, "--kind \(kind): not a kind of task", hint: "use one of: \(TaskKind.names)")
        }
        let (folder, files) = try TaskScaffold(tasksDirectory: services.paths.tasksDirectory).create(id: id, title: title, kind: taskKind)
        print("created \(folder.path): \(files.joined(separator: ", "))")
        let python = services.paths.venvDirectory.appendingPathComponent("bin/python").path
        let dojo = Bundle.main.executableURL?.path ?? "dojo"
        print("""
        It is a working task on carData/Mroz; rewrite each part marked TODO (docs/task-format.md, "Add a task in ten minutes"):
          1. prepare.py           your data, through taskkit; try it with: dojo prepare \(id)
          2. task.toml            title, kind, summary, source and licence, metric, columns, [data] rows
          3. description.md       the story, every file and column, the metric's formula, an example
          4. starter.py           a short first solution
          5. make_leaderboard.py  at least 20 solutions; run: \(python) \(folder.path)/make_leaderboard.py --dojo \(dojo)
          6. dojo task check \(id)
        """)
    }
}
