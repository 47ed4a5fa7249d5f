import ArgumentParser
import DojoKit
import Foundation

struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "List the tasks: kind, metric, data size and story; filter them, list the suites.",
        discussion: """
        Sizes count the rows of train.csv + test.csv of the seed-42 preparation when it is in the cache, \
        else the [data] train_rows/test_rows hint of task.toml: small < \(TaskSize.mediumFrom), \
        medium < \(TaskSize.largeFrom), large otherwise. Filters combine (all must match).
        """)

    @OptionGroup var common: CommonOptions
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Only tasks of this kind (repeatable): \(TaskKind.names).") var kind: [String] = []
    @Option(help: "Only tasks graded by this metric (repeatable), e.g. accuracy.") var metric: [String] = []
    @Option(help: "Only tasks of this size (repeatable): small, medium or large.") var size: [String] = []
    @Option(help: "Only the tasks of this suite of Tasks/suites.toml.") var suite: String?
    @Flag(help: "List the suites of Tasks/suites.toml instead of the tasks.") var suites = false

    struct Row: Encodable {
        var id: String
        var title: String?
        var category: String?
        var kind: String?
        var summary: String?
        var metric: String?
        var higherIsBetter: Bool?
        var boardKind: String?
        var boardSize: Int?
        var trainRows: Int?
        var testRows: Int?
        var rowsFrom: String?
        var size: String?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case id, title, category, kind, summary, metric, higherIsBetter = "higher_is_better", boardKind = "board_kind"
            case boardSize = "board_size", trainRows = "train_rows", testRows = "test_rows", rowsFrom = "rows_from", size, error
        }
    }

    struct SuiteRow: Encodable {
        var name: String
        var description: String
        var tasks: [String]
    }

    func run() throws {
        let services = try common.services()
        let loader = services.loader
        if suites {
            try listSuites(try TaskSuites.load(loader: loader))
            return
        }
        let kinds = try kind.map { name throws(DojoError) -> TaskKind in
            guard let kind = TaskKind(rawValue: name) else {
                throw DojoError(.usage, "--kind \(name): not a kind of task", hint: "use one of: \(TaskKind.names)")
            }
            return kind
        }
        let sizes = try size.map { name throws(DojoError) -> TaskSize in
            guard let size = TaskSize(rawValue: name) else {
                throw DojoError(.usage, "--size \(name): not a size", hint: "use small, medium or large")
            }
            return size
        }
        let members = try suite.map { name throws(DojoError) in Set(try TaskSuites.load(loader: loader).taskIds(in: name)) }
        let filtering = !kinds.isEmpty || !metric.isEmpty || !sizes.isEmpty || members != nil
        let rows: [Row] = try loader.taskDirectories().compactMap { directory in
            if let members, !members.contains(directory.lastPathComponent) { return nil }
            let task: TaskSpec
            do { task = try loader.load(directory: directory) } catch {
                // A broken task cannot match a kind, metric or size; a suite that lists it shows it.
                if !kinds.isEmpty || !metric.isEmpty || !sizes.isEmpty { return nil }
                return Row(id: directory.lastPathComponent, error: "\(error)")
            }
            let data = TaskDataSize.of(task, preparedRoot: services.paths.preparedDirectory)
            if !kinds.isEmpty && !kinds.contains(task.kind) { return nil }
            if !metric.isEmpty && !metric.contains(task.metric.metric.rawValue) { return nil }
            if !sizes.isEmpty && !(data.size.map(sizes.contains) ?? false) { return nil }
            return Row(id: task.id, title: task.title, category: task.category, kind: task.kind.rawValue,
                       summary: task.warning.map { "⚠ \($0.count > 90 ? String($0.prefix(89)) + "…" : $0) — " + task.summary } ?? task.summary,
                       metric: task.metric.metric.rawValue, higherIsBetter: task.metric.metric.higherIsBetter,
                       boardKind: task.boards.kind.rawValue, boardSize: task.boards.size, trainRows: data.trainRows,
                       testRows: data.testRows, rowsFrom: data.origin.rawValue, size: data.size?.rawValue)
        }
        if json {
            try Console.printJSON(rows)
            return
        }
        if rows.isEmpty {
            print(filtering ? "no task matches" : "no tasks in \(services.paths.tasksDirectory.path)")
        }
        for line in Self.table(rows) { print(line) }
        if !rows.isEmpty && rows.contains(where: { $0.rowsFrom == "hint" }) {
            print("(* rows from the task's [data] hint: run `dojo prepare ID` to count them; ? not known yet)")
        }
    }

    /// The rows as aligned columns under a header: id, kind, metric (↑ higher / ↓ lower is better),
    /// train and test rows right-aligned, size, summary. Widths come from the widest cell of each
    /// column, so a long metric name (`concordance_index`) does not push the rest out of line.
    static func table(_ rows: [Row]) -> [String] {
        let good = rows.filter { $0.error == nil }
        func metric(_ row: Row) -> String { (row.metric ?? "") + (row.higherIsBetter == true ? " ↑" : " ↓") }
        func train(_ row: Row) -> String { row.trainRows.map(grouped) ?? "?" }
        func test(_ row: Row) -> String { (row.testRows.map(grouped) ?? "?") + (row.rowsFrom == "hint" ? "*" : " ") }
        let header = ["TASK", "KIND", "METRIC", "TRAIN", "TEST", "SIZE", "SUMMARY"]
        let cells = good.map { [$0.id, $0.kind ?? "", metric($0), train($0), test($0), $0.size ?? "?", $0.summary ?? ""] }
        var widths = header.map(\.count)
        for row in cells { for (index, cell) in row.enumerated() where index < 6 { widths[index] = max(widths[index], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                switch index {
                case 3: leftPad(cell, widths[3])
                case 4: leftPad(cell, widths[4])
                case 6: cell
                default: pad(cell, widths[index])
                }
            }.joined(separator: "  ")
        }
        var lines = good.isEmpty ? [] : [line(header)]
        lines += cells.map(line)
        lines += rows.compactMap { row in row.error.map { "\(row.id)  [broken] \($0)" } }
        return lines
    }

    static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    private func listSuites(_ suites: TaskSuites) throws {
        let rows = try suites.suites.map { suite throws(DojoError) in
            SuiteRow(name: suite.name, description: suite.description, tasks: try suites.taskIds(in: suite.name))
        }
        if json {
            try Console.printJSON(rows)
            return
        }
        if rows.isEmpty { print("no suites (define them in \(TaskSuites.fileName) in the tasks folder)") }
        for row in rows {
            print("\(Self.pad(row.name, 10))  \(row.tasks.count) task\(row.tasks.count == 1 ? "" : "s")  —  \(row.description)")
            print("            \(row.tasks.joined(separator: " "))")
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
