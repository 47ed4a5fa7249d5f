import ArgumentParser
import DojoKit
import Foundation

/// `dojo workspaces`: the workspaces `dojo play` kept on quit (issue 17, friction 2).
struct WorkspacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspaces",
        abstract: "The workspaces `dojo play` kept on quit (working/, the best submission, the editor's buffer): list, export, clean, remove.",
        discussion: """
        Kept under $XDG_STATE_HOME/dojo/workspaces/ID, one per quit episode that took a step, wrote a file or \
        had an edited buffer. `dojo play TASK --resume` continues the newest of a task. IDs may be shortened to \
        any unique prefix.
        """,
        subcommands: [WorkspacesListCommand.self, WorkspacesExportCommand.self, WorkspacesCleanCommand.self, WorkspacesRemoveCommand.self],
        defaultSubcommand: WorkspacesListCommand.self)

    static func store(_ common: CommonOptions) throws -> KeptWorkspaceStore {
        KeptWorkspaceStore(directory: try common.services().paths.workspacesDirectory)
    }

    /// 1.2 MB, 340 KB, 12 B.
    static func size(_ bytes: Int64) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KB" }
        return "\(bytes) B"
    }
}

struct WorkspacesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the kept workspaces, newest first.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Only this task's.") var task: String?
    @Flag(help: "Print JSON (the manifests, each with its `directory`).") var json = false

    struct Row: Encodable {
        var workspace: KeptWorkspace
        var directory: String
        func encode(to encoder: Encoder) throws {
            try workspace.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(directory, forKey: Key(stringValue: "directory"))
        }
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    func run() throws {
        let store = try WorkspacesCommand.store(common)
        let all = store.list(task: task)
        if json {
            try Console.printJSON(all.map { Row(workspace: $0, directory: $0.directory.path) })
            return
        }
        if all.isEmpty {
            print(task.map { "no kept workspace of \($0)" } ?? "no kept workspaces (in \(store.directory.path))")
            return
        }
        let idWidth = max(2, all.map(\.id.count).max() ?? 0)
        print(["ID".padding(toLength: idWidth, withPad: " ", startingAt: 0), "KEPT            ", "STEPS", "BEST        ", "FILES"].joined(separator: "  "))
        for kept in all {
            let when = String(kept.keptAt.prefix(16)).replacingOccurrences(of: "T", with: " ")
            let best = kept.best.map { ScoreText.short($0.rawScore) + (kept.hasBestSubmission ? " *" : "") } ?? "–"
            print([kept.id.padding(toLength: idWidth, withPad: " ", startingAt: 0), when.padding(toLength: 16, withPad: " ", startingAt: 0),
                   TasksCommand.leftPad(String(kept.steps), 5), best.padding(toLength: 12, withPad: " ", startingAt: 0),
                   "\(kept.workingFiles) in working/, \(WorkspacesCommand.size(kept.workingBytes))"].joined(separator: "  "))
        }
        print("(* the best submission is kept: dojo workspaces export ID -o FILE; folder: \(store.directory.path))")
    }
}

struct WorkspacesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a kept workspace's best submission to a file (for upload to Kaggle, or `dojo grade`).",
        discussion: "WORKSPACE is an id (or a unique prefix of one) or a task id: then the newest kept workspace of that task that has a best submission.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "A kept workspace's id, or a task id.") var workspace: String
    @Option(name: [.customShort("o"), .customLong("output")], help: "The file to write.") var output: String
    @Flag(help: "Replace the file if it exists.") var force = false

    func run() throws {
        let store = try WorkspacesCommand.store(common)
        let kept: KeptWorkspace
        if let newest = store.list(task: workspace).first(where: \.hasBestSubmission) {
            kept = newest
        } else {
            kept = try store.find(workspace)
        }
        guard kept.hasBestSubmission, FileManager.default.fileExists(atPath: kept.bestSubmission.path) else {
            throw DojoError(.usage, "the kept workspace \(kept.id) has no best submission (no executed step scored)", at: kept.directory.path)
        }
        let target = URL(fileURLWithPath: output)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) {
            if isFolder.boolValue { throw DojoError(.usage, "the output is a folder, not a file", at: target.path, hint: "name the file: -o DIR/submission.csv") }
            if !force { throw DojoError(.usage, "the file exists", at: target.path, hint: "add --force to replace it") }
            try? FileManager.default.removeItem(at: target)
        }
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: kept.bestSubmission, to: target)
        } catch {
            throw DojoError(.io, "cannot write the submission: \(error.localizedDescription)", at: target.path)
        }
        let score = kept.best.map { " (step \($0.step), \(kept.metric ?? "score") \(ScoreText.short($0.rawScore)))" } ?? ""
        print("wrote \(target.path): the best submission of \(kept.id)\(score)")
    }
}

struct WorkspacesCleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Remove the kept workspaces older than an age.")

    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("older-than"), help: "An age: 90s, 30m, 12h, 7d, 2w.") var olderThan: String
    @Flag(name: .customLong("dry-run"), help: "Only list what would be removed.") var dryRun = false

    func run() throws {
        let store = try WorkspacesCommand.store(common)
        let age = try KeptWorkspaceStore.parseAge(olderThan)
        let old = store.older(than: age, now: Date())
        for kept in old {
            if !dryRun { try store.remove(kept) }
            print("\(dryRun ? "would remove" : "removed") \(kept.id)")
        }
        print("\(old.count) kept workspace\(old.count == 1 ? "" : "s") older than \(olderThan) \(dryRun ? "would be" : "") removed"
            .replacingOccurrences(of: "  ", with: " "))
    }
}

struct WorkspacesRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove kept workspaces by id.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "Ids (or unique prefixes).") var ids: [String]

    func run() throws {
        let store = try WorkspacesCommand.store(common)
        let chosen = try ids.map { id throws(DojoError) in try store.find(id) }
        for kept in chosen {
            try store.remove(kept)
            print("removed \(kept.id)")
        }
    }
}
