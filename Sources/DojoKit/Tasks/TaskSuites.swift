import Foundation

/// One named set of tasks from `Tasks/suites.toml`: listed ids, every task of some kinds, or every task.
public struct TaskSuite: Sendable, Equatable {
    public var name: String
    public var description: String
    /// Ids listed by name, in the file's order.
    public var taskIds: [String]
    /// Every task of these kinds belongs too.
    public var kinds: [TaskKind]
    /// `tasks = ["*"]`: every task, so the suite never goes stale as tasks are added.
    public var everyTask: Bool

    public init(name: String, description: String, taskIds: [String] = [], kinds: [TaskKind] = [], everyTask: Bool = false) {
        self.name = name
        self.description = description
        self.taskIds = taskIds
        self.kinds = kinds
        self.everyTask = everyTask
    }
}

/// The named task sets of `Tasks/suites.toml`, checked against the tasks that exist, for batch
/// evaluation (`dojo tasks --suite NAME`).
///
/// ```toml
/// [lite]
/// description = "One quick task per kind."
/// tasks = ["titanic", "diamonds"]
///
/// [tabular]
/// description = "Every tabular task."
/// kinds = ["tabular-classification", "tabular-regression"]
///
/// [full]
/// description = "Every task."
/// tasks = ["*"]
/// ```
public struct TaskSuites: Sendable, Equatable {
    public static let fileName = "suites.toml"

    /// In the file's order of names (sorted: TOML tables have no order once parsed).
    public var suites: [TaskSuite]
    /// Every task id and its kind (nil for a task folder that does not load), as given at load time.
    public var tasks: [String: TaskKind?]

    public init(suites: [TaskSuite], tasks: [String: TaskKind?]) {
        self.suites = suites
        self.tasks = tasks
    }

    /// Reads `suites.toml` in the loader's tasks folder (no file: no suites) and checks every listed id
    /// and kind against the tasks there.
    public static func load(loader: TaskLoader) throws(DojoError) -> TaskSuites {
        var tasks: [String: TaskKind?] = [:]
        for directory in try loader.taskDirectories() {
            tasks.updateValue((try? loader.load(directory: directory))?.kind, forKey: directory.lastPathComponent)
        }
        let url = loader.tasksDirectory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return TaskSuites(suites: [], tasks: tasks) }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DojoError(.taskFormat, "cannot read \(fileName) as UTF-8 text", at: url.path)
        }
        return try parse(text, file: fileName, tasks: tasks)
    }

    /// Parses the text of a suites file and checks it against `tasks` (id → kind).
    public static func parse(_ text: String, file: String, tasks: [String: TaskKind?]) throws(DojoError) -> TaskSuites {
        let doc = try TOMLDocument(text: text, file: file)
        var suites: [TaskSuite] = []
        for name in doc.root.keys.sorted() {
            guard case .table(let table)? = doc.root[name] else {
                throw DojoError(.taskFormat, "`\(name)` is not a suite: expected a table [\(name)]", at: file,
                                hint: "write each suite as a table: [\(name)] with description and tasks or kinds")
            }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw DojoError(.taskFormat, "suite name `\(name)`: use letters, digits, - and _ only", at: file)
            }
            if let unknown = table.keys.sorted().first(where: { !["description", "tasks", "kinds"].contains($0) }) {
                throw DojoError(.taskFormat, "suite `\(name)`: unknown key `\(unknown)`", at: file,
                                hint: "a suite has description, tasks (ids, or \"*\" for every task) and kinds")
            }
            let description = try doc.string("\(name).description")
            let listed = doc.value("\(name).tasks") == nil ? [] : try doc.strings("\(name).tasks")
            let kindNames = doc.value("\(name).kinds") == nil ? [] : try doc.strings("\(name).kinds")
            guard !listed.isEmpty || !kindNames.isEmpty else {
                throw DojoError(.taskFormat, "suite `\(name)` names no tasks", at: file,
                                hint: "give it tasks = [\"id\", …] (or [\"*\"] for every task) or kinds = [\"text\", …]")
            }
            var kinds: [TaskKind] = []
            for kindName in kindNames {
                guard let kind = TaskKind(rawValue: kindName) else {
                    throw DojoError(.taskFormat, "suite `\(name)`: unknown kind `\(kindName)`", at: file,
                                    hint: "use one of: \(TaskKind.names)")
                }
                kinds.append(kind)
            }
            let everyTask = listed.contains("*")
            let ids = listed.filter { $0 != "*" }
            var seen: Set<String> = []
            for id in ids {
                guard tasks.keys.contains(id) else {
                    throw DojoError(.taskFormat, "suite `\(name)`: no task `\(id)`", at: file,
                                    hint: "remove `\(id)` from the suite or add the task folder Tasks/\(id)")
                }
                guard seen.insert(id).inserted else {
                    throw DojoError(.taskFormat, "suite `\(name)`: task `\(id)` is listed twice", at: file)
                }
            }
            suites.append(TaskSuite(name: name, description: description, taskIds: ids, kinds: kinds, everyTask: everyTask))
        }
        return TaskSuites(suites: suites, tasks: tasks)
    }

    public var names: [String] { suites.map(\.name) }

    public func suite(named name: String) throws(DojoError) -> TaskSuite {
        guard let suite = suites.first(where: { $0.name == name }) else {
            throw DojoError(.usage, "no suite `\(name)`",
                            hint: suites.isEmpty ? "define suites in Tasks/\(Self.fileName)" : "known suites: \(names.joined(separator: ", "))")
        }
        return suite
    }

    /// The task ids of a suite, sorted: listed ids, then every task of its kinds, or every task.
    public func taskIds(in name: String) throws(DojoError) -> [String] {
        let suite = try suite(named: name)
        if suite.everyTask { return tasks.keys.sorted() }
        var ids = Set(suite.taskIds)
        for (id, kind) in tasks {
            if let kind, suite.kinds.contains(kind) { ids.insert(id) }
        }
        return ids.sorted()
    }
}
