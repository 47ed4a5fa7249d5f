import Foundation

/// Reads task folders (docs/task-format.md) into `TaskSpec`s, with errors that name the file and key.
public struct TaskLoader: Sendable {
    public let tasksDirectory: URL
    /// The user's task folders (imported competitions), listed after the built-in ones; a folder whose
    /// name is also a built-in task is shadowed by it.
    public let userTasksDirectory: URL?

    public init(tasksDirectory: URL, userTasksDirectory: URL? = nil) {
        self.tasksDirectory = tasksDirectory
        self.userTasksDirectory = userTasksDirectory
    }

    /// Every folder under the tasks directory (then the user's) that has a `task.toml`, sorted by id.
    public func taskDirectories() throws(DojoError) -> [URL] {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(
                at: tasksDirectory, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        } catch {
            throw DojoError(.taskNotFound, "cannot list the tasks directory", at: tasksDirectory.path,
                            hint: "pass --tasks DIR or set DOJO_TASKS to a folder of task folders")
        }
        let builtIn = entries.filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("task.toml").path) }
        let names = Set(builtIn.map(\.lastPathComponent))
        return (builtIn + userTaskDirectories().filter { !names.contains($0.lastPathComponent) })
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The folders with a `task.toml` in the user's task directory (none when it does not exist).
    public func userTaskDirectories() -> [URL] {
        guard let userTasksDirectory, userTasksDirectory.standardizedFileURL != tasksDirectory.standardizedFileURL,
              let entries = try? FileManager.default.contentsOfDirectory(
                at: userTasksDirectory, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]) else { return [] }
        return entries.filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("task.toml").path) }
    }

    /// All tasks; a folder that fails to load is reported, not skipped silently.
    public func loadAll() throws(DojoError) -> [Result<TaskSpec, DojoError>] {
        try taskDirectories().map { url in Result { () throws(DojoError) in try load(directory: url) } }
    }

    /// The task with this id (its folder name), or a path to a task folder.
    public func load(id: String) throws(DojoError) -> TaskSpec {
        let direct = URL(fileURLWithPath: id)
        if id.contains("/"), FileManager.default.fileExists(atPath: direct.appendingPathComponent("task.toml").path) {
            return try load(directory: direct)
        }
        var folder = tasksDirectory.appendingPathComponent(id)
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("task.toml").path), let userTasksDirectory,
           !id.contains("/"), FileManager.default.fileExists(atPath: userTasksDirectory.appendingPathComponent(id).appendingPathComponent("task.toml").path) {
            folder = userTasksDirectory.appendingPathComponent(id)
        }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("task.toml").path) else {
            let known = (try? taskDirectories().map(\.lastPathComponent).joined(separator: ", ")) ?? ""
            throw DojoError(.taskNotFound, "no task `\(id)` in \(tasksDirectory.path)",
                            hint: known.isEmpty ? "pass --tasks DIR to point at the task folders" : "known tasks: \(known)")
        }
        return try load(directory: folder)
    }

    /// The task with this id from the registry (the tasks folder) only, never a path: what a protocol
    /// client may ask for (a path would let it run a task folder it wrote itself).
    public func loadRegistered(id: String) throws(DojoError) -> TaskSpec {
        let allowed = id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard !id.isEmpty, id.utf8.count <= 128, allowed, !id.hasPrefix(".") else {
            throw DojoError(.usage, "`\(id.prefix(200))` is not a task id: a reset names a task of the registry (letters, digits, -, _ and .), never a path",
                            hint: "run `dojo tasks` on the server's machine for the ids")
        }
        return try load(id: id)
    }

    public func load(directory: URL) throws(DojoError) -> TaskSpec {
        let tomlURL = directory.appendingPathComponent("task.toml")
        let file = "\(directory.lastPathComponent)/task.toml"
        let text: String
        do { text = try String(contentsOf: tomlURL, encoding: .utf8) } catch {
            throw DojoError(.taskFormat, "cannot read task.toml as UTF-8 text", at: tomlURL.path)
        }
        let doc = try TOMLDocument(text: text, file: file)

        let id = try doc.string("id")
        guard id == directory.lastPathComponent else {
            throw DojoError(.taskFormat, "key `id`: expected \"\(directory.lastPathComponent)\" (the folder's name), found \"\(id)\"",
                            at: file, hint: "make the id and the folder name the same")
        }
        let submission = TaskSpec.SubmissionSpec(
            idColumn: try doc.string("submission.id_column"),
            targetColumns: try doc.strings("submission.target_columns"),
            answerColumns: doc.value("submission.answer_columns") == nil ? nil : try doc.strings("submission.answer_columns"),
            closedLabels: try closedLabels(doc: doc, file: file))
        guard !submission.targetColumns.isEmpty else {
            throw DojoError(.taskFormat, "key `submission.target_columns`: expected at least one column", at: file)
        }
        let metric = try loadMetric(doc: doc, directory: directory, file: file)
        try metric.checkColumns(submission.targetColumns.count, location: file)
        if metric.kind != .python {
            try metric.checkAnswerColumns(submission.answerColumns ?? submission.targetColumns, targets: submission.targetColumns,
                                          location: file)
        }
        let defaults = TaskSpec.Limits.defaults
        let limits = TaskSpec.Limits(
            stepTimeoutSeconds: try doc.positiveNumber("limits.step_timeout_s", default: defaults.stepTimeoutSeconds),
            memoryMB: try doc.positiveInteger("limits.memory_mb", default: defaults.memoryMB),
            maxSteps: try doc.positiveInteger("limits.max_steps", default: defaults.maxSteps),
            episodeTimeSeconds: try doc.positiveNumber("limits.episode_time_s", default: defaults.episodeTimeSeconds),
            maxProcesses: try doc.positiveInteger("limits.max_processes", default: defaults.maxProcesses),
            maxFileMB: try doc.positiveInteger("limits.max_file_mb", default: defaults.maxFileMB),
            diskMB: try doc.positiveInteger("limits.disk_mb", default: defaults.diskMB),
            outputMB: try doc.positiveInteger("limits.output_mb", default: defaults.outputMB))

        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("prepare.py").path) else {
            throw DojoError(.taskFormat, "the task has no prepare.py", at: directory.path,
                            hint: "add prepare.py (--public DIR --private DIR --seed N) that writes the data")
        }
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("description.md").path) else {
            throw DojoError(.taskFormat, "the task has no description.md", at: directory.path,
                            hint: "add a Kaggle-style description.md")
        }

        let category = try doc.string("category")
        guard let kind = TaskKind(rawValue: category) else {
            throw DojoError(.taskFormat, "key `category`: \"\(category)\" is not a kind of task", at: file,
                            hint: "use one of: \(TaskKind.names)")
        }
        let data = TaskSpec.DataHint(trainRows: try doc.optionalPositiveInteger("data.train_rows"),
                                     testRows: try doc.optionalPositiveInteger("data.test_rows"))
        let boards = try loadBoards(doc: doc, directory: directory, file: file, metric: metric)
        var rawData: URL?
        if let raw = try doc.optionalString("data.raw") {
            rawData = URL(fileURLWithPath: raw, relativeTo: directory).standardizedFileURL
        }
        let warning = try doc.optionalString("warning")
        var spec = TaskSpec(
            id: id,
            title: try doc.string("title"),
            category: category,
            kind: kind,
            data: data,
            summary: try doc.string("summary"),
            source: TaskSpec.Source(
                dataset: try doc.string("source.dataset"),
                origin: try doc.string("source.origin"),
                license: try doc.string("source.license"),
                citation: try doc.string("source.citation")),
            metric: TaskSpec.MetricSpec(metric: metric, arguments: metric.arguments),
            submission: submission,
            limits: limits,
            boards: boards,
            grading: TaskSpec.GradingLimits(
                memoryMB: try doc.positiveInteger("limits.grading_memory_mb", default: TaskSpec.GradingLimits.defaults.memoryMB),
                cpuSeconds: try doc.positiveInteger("limits.grading_cpu_s", default: TaskSpec.GradingLimits.defaults.cpuSeconds),
                submissionMB: doc.value("limits.submission_mb") == nil ? nil : try doc.positiveInteger("limits.submission_mb", default: 1)),
            resources: TaskSpec.Resources(
                cpus: try doc.positiveNumber("limits.cpus", default: TaskSpec.Resources.defaults.cpus),
                gpus: try Self.gpus(doc)),
            directory: directory,
            hiddenData: try loadHidden(doc: doc, file: file))
        spec.rawData = rawData
        spec.warning = warning
        return spec
    }

    /// `[sandbox] hide`: absolute paths or `python:<relative path>`, with no `..` and no empty part.
    private func loadHidden(doc: TOMLDocument, file: String) throws(DojoError) -> [String] {
        guard doc.value("sandbox.hide") != nil else { return [] }
        let entries = try doc.strings("sandbox.hide")
        for entry in entries {
            let path = entry.hasPrefix(SandboxConfiguration.sitePackagesPrefix)
                ? String(entry.dropFirst(SandboxConfiguration.sitePackagesPrefix.count)) : entry
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(path.hasPrefix("/") ? 1 : 0)
            let absolute = path.hasPrefix("/") != entry.hasPrefix(SandboxConfiguration.sitePackagesPrefix)
            guard absolute, !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." }) else {
                throw DojoError(.taskFormat, "key `sandbox.hide`: \"\(entry)\" is neither an absolute path nor python:<path in site-packages>",
                                at: file, hint: "write e.g. \"/usr/share/datasets/mine\" or \"python:mypackage/data\" (no `..`, no empty part)")
            }
        }
        return entries
    }

    /// `[limits] gpus`: a positive integer, or 0 (the default: no GPU).
    private static func gpus(_ doc: TOMLDocument) throws(DojoError) -> Int {
        if case .integer(0)? = doc.value("limits.gpus") { return 0 }
        return try doc.positiveInteger("limits.gpus", default: TaskSpec.Resources.defaults.gpus)
    }

    /// `[submission] closed_labels`, a boolean (default false).
    private func closedLabels(doc: TOMLDocument, file: String) throws(DojoError) -> Bool {
        switch doc.value("submission.closed_labels") {
        case nil: return false
        case .bool(let closed)?: return closed
        default:
            throw DojoError(.taskFormat, "key `submission.closed_labels`: expected true or false", at: file,
                            hint: "true refuses predicted labels the answers lack (invalid_label); false (the default) scores them as wrong")
        }
    }

    /// `[metric] name` (a catalogue metric) or `[metric] python` (the task's metric.py), with `[metric.args]`.
    private func loadMetric(doc: TOMLDocument, directory: URL, file: String) throws(DojoError) -> Metric {
        let arguments = try doc.scalarTable("metric.args")
        if let script = try doc.optionalString("metric.python") {
            let url = directory.appendingPathComponent(script)
            guard let source = try? String(contentsOf: url, encoding: .utf8) else {
                throw DojoError(.taskFormat, "key `metric.python`: \(script) does not exist or is not UTF-8 text", at: file,
                                hint: "add the metric file beside task.toml: a class with evaluate(y_true, y_pred) and higher_is_better")
            }
            let higherIsBetter: Bool
            if case .bool(let declared)? = doc.value("metric.higher_is_better") {
                higherIsBetter = declared
            } else if let found = PythonMetric.declaredDirection(in: source) {
                higherIsBetter = found
            } else {
                throw DojoError(.taskFormat, "cannot tell whether higher is better for \(script)", at: file,
                                hint: "add higher_is_better = true or false to [metric]")
            }
            return try Metric(pythonFile: url, higherIsBetter: higherIsBetter, arguments: arguments, location: file)
        }
        let name = try doc.string("metric.name")
        do {
            return try Metric(name: name, arguments: arguments, location: file)
        } catch {
            let key = error.message.hasPrefix("unknown metric") ? "metric.name" : "metric.args"
            throw DojoError(error.kind, "key `\(key)`: \(error.message)", at: file, hint: error.hint)
        }
    }

    private func loadBoards(doc: TOMLDocument, directory: URL, file: String, metric: Metric) throws(DojoError) -> LeaderboardSet {
        let kindText = try doc.optionalString("leaderboard.kind") ?? "human"
        guard let kind = BoardKind(rawValue: kindText) else {
            throw DojoError(.taskFormat, "key `leaderboard.kind`: expected \"human\" or \"reference\", found \"\(kindText)\"", at: file)
        }
        let files = doc.value("leaderboard.files") == nil ? ["leaderboard.csv"] : try doc.strings("leaderboard.files")
        var boards: [Leaderboard] = []
        for name in files {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DojoError(.taskFormat, "key `leaderboard.files`: \(name) does not exist", at: file,
                                hint: "create it (rank,score rows, best first) or remove it from the list")
            }
            // Files named public_* are the public board; anything else is the private (final) board.
            let split: Leaderboard.Split = name.hasPrefix("public_") ? .public : .private
            if boards.contains(where: { $0.split == split }) {
                throw DojoError(.taskFormat, "key `leaderboard.files`: two \(split.rawValue) boards", at: file,
                                hint: "list at most one private and one public_ board")
            }
            boards.append(try Leaderboard.load(url, split: split, kind: kind, higherIsBetter: metric.higherIsBetter))
        }
        guard !boards.isEmpty else {
            throw DojoError(.taskFormat, "key `leaderboard.files`: expected at least one board", at: file)
        }
        let rankingText = try doc.optionalString("leaderboard.ranking") ?? RankingMode.dojo.rawValue
        guard let ranking = RankingMode(rawValue: rankingText) else {
            throw DojoError(.taskFormat, "key `leaderboard.ranking`: expected one of \(RankingMode.names), found \"\(rankingText)\"", at: file,
                            hint: "\"mle-bench\" rounds scores to 5 decimals before ranking, as MLE-bench does; \"mle-dojo\" and \"dojo\" rank them as computed")
        }
        var awardsMedals = true
        if let found = doc.value("leaderboard.medals") {
            guard case .bool(let flag) = found else {
                throw DojoError(.taskFormat, "key `leaderboard.medals`: expected true or false, found \(found.typeName)", at: file)
            }
            awardsMedals = flag
        }
        return LeaderboardSet(kind: kind, boards: boards, ranking: ranking, awardsMedals: awardsMedals)
    }
}
