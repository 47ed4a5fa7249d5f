import Foundation

/// Writes a Dojo task folder for one competition of an MLE-bench or MLE-Dojo clone
/// (`dojo competitions import`, docs/competitions.md): task.toml with the human board(s), the
/// description (with MLE-bench's known issue on top), the anchor's modules under `anchor/`, a prepare.py
/// that runs the anchor's own prepare, and — unless a catalogue metric equals the anchor's grader — a
/// metric.py that runs the anchor's own grading code through the Python-metric bridge.
public struct CompetitionImporter: Sendable {
    public struct Options: Sendable, Equatable {
        /// The task id (default: the competition id).
        public var taskId: String?
        /// The kind of task (default: guessed from the tags and the metric).
        public var kind: TaskKind?
        /// Grade with the anchor's Python even when a catalogue metric equals it.
        public var forcePython: Bool
        /// The unpacked raw data the task's prepare.py reads (`[data] raw`).
        public var rawData: URL?

        public init(taskId: String? = nil, kind: TaskKind? = nil, forcePython: Bool = false, rawData: URL? = nil) {
            self.taskId = taskId
            self.kind = kind
            self.forcePython = forcePython
            self.rawData = rawData
        }
    }

    /// What an import wrote.
    public struct Result: Sendable, Equatable {
        public var taskId: String
        public var folder: URL
        public var metric: String
        public var notes: [String]
    }

    public let clone: CompetitionClone
    /// The user's task folder (`$XDG_DATA_HOME/dojo/tasks`).
    public let userTasks: URL
    /// The built-in tasks, whose ids an import may not take.
    public let builtInTasks: URL?

    public init(clone: CompetitionClone, userTasks: URL, builtInTasks: URL?) {
        self.clone = clone
        self.userTasks = userTasks
        self.builtInTasks = builtInTasks
    }

    /// The task id a competition gets, checked: no clash with a built-in task nor with another anchor's import.
    public func taskId(for entry: CompetitionEntry, options: Options) throws(DojoError) -> String {
        let id = options.taskId ?? entry.id
        let allowed = id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard !id.isEmpty, allowed, !id.hasPrefix(".") else {
            throw DojoError(.usage, "`\(id)` is not a task id (letters, digits, -, _ and .)")
        }
        if let builtInTasks, FileManager.default.fileExists(atPath: builtInTasks.appendingPathComponent("\(id)/task.toml").path) {
            throw DojoError(.competition, "`\(id)` is already a built-in task", hint: "import it under another id: --as \(id)-\(entry.anchor.rawValue)")
        }
        let existing = userTasks.appendingPathComponent(id)
        if FileManager.default.fileExists(atPath: existing.path) {
            guard let data = try? Data(contentsOf: existing.appendingPathComponent("competition.json")),
                  let meta = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw DojoError(.competition, "\(existing.path) exists and was not written by `dojo competitions import`",
                                hint: "import under another id with --as NAME, or move that folder away")
            }
            if meta["anchor"] as? String != entry.anchor.rawValue || meta["id"] as? String != entry.id {
                throw DojoError(.competition, "`\(id)` is already imported from \(meta["anchor"] as? String ?? "?") (\(meta["id"] as? String ?? "?"))",
                                hint: "import this one under another id: --as \(entry.id)-\(entry.anchor.rawValue)")
            }
        }
        return id
    }

    /// Checks what the task needs from the clone: the board (not an LFS pointer) and the code.
    public static func checkImportable(_ entry: CompetitionEntry, root: URL) throws(DojoError) {
        switch entry.board {
        case .lfsPointer(let url):
            throw DojoError(.competition, "\(url.lastPathComponent) of \(entry.id) is a Git LFS pointer, not the leaderboard", at: url.path,
                            hint: "fetch the real boards in the clone: cd \(root.path) && git lfs install && git lfs pull")
        case .missing:
            throw DojoError(.competition, "\(entry.anchor.displayName)'s \(entry.id) has no leaderboard file", at: entry.folder.path,
                            hint: entry.anchor == .mleBench ? "leaderboard.csv comes with `git lfs pull`" : "info/private_leaderboard.csv is missing from the clone")
        case .present: break
        }
        if entry.prepare == .missing {
            throw DojoError(.competition, "\(entry.id) has no prepare.py in the clone", at: entry.folder.path)
        }
        if entry.anchor == .mleBench, entry.gradeFunction == nil {
            throw DojoError(.competition, "config.yaml of \(entry.id) names no grader.grade_fn", at: entry.folder.path)
        }
    }

    /// Writes the task folder (replacing an earlier import of the same competition) and returns it.
    public func write(_ entry: CompetitionEntry, options: Options, columns: (id: String, targets: [String])? = nil,
                      answerColumns: [String]? = nil) throws(DojoError) -> Result {
        try Self.checkImportable(entry, root: clone.root)
        let taskId = try taskId(for: entry, options: options)
        let manager = FileManager.default
        try manager.createDirectoryIfNeeded(userTasks)
        let staging = userTasks.appendingPathComponent(".import-\(taskId)-\(UUID().uuidString.prefix(8))")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? manager.removeItem(at: staging) }
            var notes: [String] = []
            try copyAnchorCode(entry, into: staging.appendingPathComponent("anchor"))
            let higherIsBetter = try direction(entry)
            let boards = try writeBoards(entry, into: staging, higherIsBetter: higherIsBetter, notes: &notes)
            let native = options.forcePython ? nil : entry.nativeMetric
            let metric: String
            var meta: [String: Any] = [
                "anchor": entry.anchor.rawValue, "id": entry.id, "answers": entry.answersFile,
                "sample_submission": entry.sampleSubmissionFile,
                "prepare": entry.prepare == .placeholder ? "presplit" : "anchor", "clone": clone.root.path,
            ]
            if let commit = Self.gitHead(clone.root) { meta["commit"] = commit }
            switch entry.anchor {
            case .mleBench:
                meta["prepare_module"] = "mlebench.competitions.\(entry.id).prepare"
                meta["grade_fn"] = entry.gradeFunction ?? ""
                if !entry.checksums.isEmpty { meta["checksums"] = entry.checksums }
                if let zip = entry.zipChecksum { meta["zip_md5"] = zip }
            case .mleDojo:
                meta["prepare_module"] = "mledojo._loaded_competitions.\(entry.id.replacingOccurrences(of: "-", with: "_")).utils.prepare"
                meta["prepare_file"] = "anchor/mledojo/competitions/\(entry.id)/utils/prepare.py"
                meta["metric_module"] = "mledojo._loaded_competitions.\(entry.id.replacingOccurrences(of: "-", with: "_")).utils.metric"
                meta["metric_file"] = "anchor/mledojo/competitions/\(entry.id)/utils/metric.py"
            }
            let idColumn: String
            let targets: [String]
            if let native {
                metric = native.metric
                idColumn = columns?.id ?? native.idColumn
                targets = columns?.targets ?? [native.targetColumn]
                meta["answer_columns"] = [idColumn] + targets
            } else {
                metric = "python"
                let guessed = guessedColumns(entry)
                idColumn = columns?.id ?? guessed.id
                targets = columns?.targets ?? guessed.targets
                let script = entry.anchor == .mleBench ? CompetitionScripts.mleBenchMetric(higherIsBetter: higherIsBetter)
                    : CompetitionScripts.mleDojoMetric(higherIsBetter: higherIsBetter)
                try write(script, to: staging.appendingPathComponent("metric.py"))
            }
            try write(CompetitionScripts.prepare, to: staging.appendingPathComponent("prepare.py"))
            let json: Data
            do { json = try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) } catch {
                throw DojoError(.io, "cannot encode competition.json: \(error.localizedDescription)")
            }
            try write(String(decoding: json, as: UTF8.self) + "\n", to: staging.appendingPathComponent("competition.json"))
            let warning = entry.knownIssue.map { "\(entry.anchor == .mleBench ? "MLE-bench" : "MLE-bench (same competition)") known issue: \($0)" }
            try write(description(entry, warning: warning), to: staging.appendingPathComponent("description.md"))
            try write(taskToml(entry, taskId: taskId, kind: options.kind ?? entry.guessedKind, metric: metric, higherIsBetter: higherIsBetter,
                               idColumn: idColumn, targets: targets, answerColumns: native == nil ? answerColumns : nil, boards: boards,
                               warning: warning, raw: options.rawData),
                      to: staging.appendingPathComponent("task.toml"))
            if let warning { notes.append("warning: \(warning)") }
            if entry.prepare == .placeholder {
                notes.append("MLE-Dojo's utils/prepare.py for \(entry.id) is a placeholder: its data comes pre-split (DSBench), not from the Kaggle zip; --raw must be that pre-split folder (docs/competitions.md)")
            }
            if !entry.awardsMedals { notes.append("\(entry.id) awards no medals (awards_medals: false): the task shows none") }
            let target = userTasks.appendingPathComponent(taskId)
            try? manager.removeItem(at: target)
            try manager.moveItem(at: staging, to: target)
            return Result(taskId: taskId, folder: target, metric: native.map { "\($0.metric) (catalogue; equals \(entry.anchor.displayName)'s grader)" }
                            ?? "\(entry.anchor.displayName)'s own grading code (python bridge)", notes: notes)
        } catch let error as DojoError {
            throw error
        } catch {
            throw DojoError(.io, "cannot write the task folder: \(error.localizedDescription)", at: staging.path)
        }
    }

    /// Best guesses for the submission's columns before the data is prepared (the import rewrites them
    /// from the prepared sample submission).
    func guessedColumns(_ entry: CompetitionEntry) -> (id: String, targets: [String]) {
        let file = entry.anchor == .mleBench ? "grade.py" : "utils/metric.py"
        let source = (try? String(contentsOf: entry.folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
        func first(_ pattern: String) -> String? {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let found = regex.firstMatch(in: source, range: NSRange(source.startIndex..., in: source)),
                  let range = Range(found.range(at: 1), in: source) else { return nil }
            return String(source[range])
        }
        let id = first(#"id_col(?:umn)?\s*=\s*"([^"]+)""#) ?? "id"
        let target = first(#"target_col(?:umn)?\s*=\s*"([^"]+)""#) ?? first(#"value:\s*str\s*=\s*"([^"]+)""#) ?? "target"
        return (id, [target])
    }

    private func direction(_ entry: CompetitionEntry) throws(DojoError) -> Bool {
        if entry.anchor == .mleDojo, let declared = entry.higherIsBetter { return declared }
        guard case .present(let files, _) = entry.board, let first = files.first else {
            throw DojoError(.competition, "\(entry.id) has no leaderboard to tell the metric's direction from", at: entry.folder.path)
        }
        // MLE-bench's Grader.is_lower_better: the board's first score against its last (KaggleLeaderboard infers it so).
        let main = files.first { !$0.lastPathComponent.hasPrefix("public_") } ?? first
        return try KaggleLeaderboard.load(main, higherIsBetter: nil).higherIsBetter
    }

    /// Each board through the one Kaggle-board loader (`KaggleLeaderboard`): any case and column order, rows
    /// without a usable score dropped, best first; what was dropped or reordered becomes a note.
    private func writeBoards(_ entry: CompetitionEntry, into folder: URL, higherIsBetter: Bool,
                             notes: inout [String]) throws(DojoError) -> [URL] {
        guard case .present(let files, _) = entry.board else { return [] }
        var written: [URL] = []
        for file in files {
            let board = try KaggleLeaderboard.load(file, higherIsBetter: higherIsBetter)
            let name = entry.anchor == .mleBench ? "leaderboard.csv" : file.lastPathComponent
            if !board.dropped.isEmpty || board.reordered { notes.append(board.summary) }
            let url = folder.appendingPathComponent(name)
            try board.write(to: url)
            written.append(url)
        }
        return written
    }

    /// The anchor's package modules, this competition's folder and the licence, under `anchor/`.
    private func copyAnchorCode(_ entry: CompetitionEntry, into anchor: URL) throws {
        let manager = FileManager.default
        let package = clone.packageDirectory
        let destination = anchor.appendingPathComponent(entry.anchor.package)
        func copyModules(_ from: URL, _ to: URL) throws {
            try manager.createDirectory(at: to, withIntermediateDirectories: true)
            for name in try manager.contentsOfDirectory(atPath: from.path).sorted() where name.hasSuffix(".py") {
                try manager.copyItem(at: from.appendingPathComponent(name), to: to.appendingPathComponent(name))
            }
        }
        try copyModules(package, destination)
        try copyModules(package.appendingPathComponent("competitions"), destination.appendingPathComponent("competitions"))
        if entry.anchor == .mleDojo {
            try copyModules(package.appendingPathComponent("metrics"), destination.appendingPathComponent("metrics"))
        }
        let competition = destination.appendingPathComponent("competitions/\(entry.id)")
        try manager.createDirectory(at: competition, withIntermediateDirectories: true)
        for relative in FileDigest.files(under: entry.folder) where !relative.hasSuffix("leaderboard.csv") {
            let target = competition.appendingPathComponent(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: entry.folder.appendingPathComponent(relative), to: target)
        }
        let license = clone.root.appendingPathComponent("LICENSE")
        if manager.fileExists(atPath: license.path) {
            try manager.copyItem(at: license, to: anchor.appendingPathComponent("LICENSE"))
        }
    }

    private func description(_ entry: CompetitionEntry, warning: String?) -> String {
        let file = entry.anchor == .mleBench ? "description.md" : "info/description.txt"
        let body = (try? String(contentsOf: entry.folder.appendingPathComponent(file), encoding: .utf8)) ?? "(no description in the clone)"
        var header = ""
        if let warning {
            header += "> **Warning — \(warning)**\n"
            if KnownIssues.isLeak(warning) { header += "> Scores on this competition are not comparable with the board's.\n" }
            header += "\n"
        }
        header += "*Imported from \(entry.anchor.displayName) (`\(entry.id)`) by `dojo competitions import`; graded as \(entry.anchor.displayName) grades it. "
        header += "Your files are in `input/`; write `submission/submission.csv` in the format of `input/sample_submission.csv`.*\n\n"
        return header + body + (body.hasSuffix("\n") ? "" : "\n")
    }

    private func taskToml(_ entry: CompetitionEntry, taskId: String, kind: TaskKind, metric: String, higherIsBetter: Bool,
                          idColumn: String, targets: [String], answerColumns: [String]?, boards: [URL], warning: String?, raw: URL?) -> String {
        // TOML basic strings take JSON's escapes.
        let quoted = JSONValue.quoted
        var lines = [
            "# Written by `dojo competitions import` from \(entry.anchor.displayName) (docs/competitions.md); importing again replaces it.",
            "id = \(quoted(taskId))",
            "title = \(quoted(entry.name))",
            "category = \(quoted(kind.rawValue))",
            "summary = \(quoted("\(entry.anchor.displayName)'s \(entry.id) (Kaggle), graded by its own grader on its human board"))",
        ]
        if let warning { lines.append("warning = \(quoted(warning))") }
        lines += ["", "[data]"]
        if let raw { lines.append("raw = \(quoted(raw.path))") }
        lines += ["", "[source]",
                  "dataset = \(quoted("Kaggle competition \(entry.id)"))",
                  "origin = \(quoted("\(entry.anchor.displayName) clone \(clone.root.path)\(Self.gitHead(clone.root).map { " at \($0)" } ?? "")"))",
                  "license = \(quoted("Kaggle competition rules (data); \(entry.anchor.displayName) code MIT (anchor/LICENSE)"))",
                  "citation = \(quoted("https://www.kaggle.com/competitions/\(entry.id)"))",
                  "", "[metric]"]
        if metric == "python" {
            lines += ["python = \"metric.py\"", "higher_is_better = \(higherIsBetter)", "", "[metric.args]", "timeout_s = 600"]
        } else {
            lines.append("name = \(quoted(metric))")
        }
        lines += ["", "[submission]", "id_column = \(quoted(idColumn))",
                  "target_columns = [\(targets.map(quoted).joined(separator: ", "))]"]
        if let answerColumns { lines.append("answer_columns = [\(answerColumns.map(quoted).joined(separator: ", "))]") }
        lines += ["", "[limits]", "step_timeout_s = 1800", "episode_time_s = 86400",
                  "", "[leaderboard]", "kind = \"human\"",
                  "files = [\(boards.map { quoted($0.lastPathComponent) }.joined(separator: ", "))]",
                  "ranking = \(quoted(entry.anchor.ranking))"]
        if !entry.awardsMedals { lines.append("medals = false") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func write(_ text: String, to url: URL) throws(DojoError) {
        do { try text.write(to: url, atomically: true, encoding: .utf8) } catch {
            throw DojoError(.io, "cannot write \(url.lastPathComponent): \(error.localizedDescription)", at: url.path)
        }
    }

    /// The clone's HEAD commit, read from `.git` without running git (nil when not a git clone).
    static func gitHead(_ root: URL) -> String? {
        let git = root.appendingPathComponent(".git")
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return head }
        let ref = String(head.dropFirst(5))
        if let direct = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
            return direct.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(40)) }
    }
}
