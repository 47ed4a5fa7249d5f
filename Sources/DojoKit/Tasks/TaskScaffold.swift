import Foundation

/// Makes a new task folder from the template folder (`Tasks/template/`): every file copied, `.in`
/// dropped from the names, and `__ID__`, `__TITLE__`, `__KIND__` replaced. The template is a complete,
/// working task on a small packaged data set, so the new folder passes `dojo task check` before it is
/// edited, and every TODO marks what to rewrite.
public struct TaskScaffold: Sendable {
    public static let templateFolder = "template"

    public let tasksDirectory: URL

    public init(tasksDirectory: URL) {
        self.tasksDirectory = tasksDirectory
    }

    public var templateDirectory: URL { tasksDirectory.appendingPathComponent(Self.templateFolder) }

    /// A task id: lowercase letters, digits, `-` and `_`, starting with a letter, at most 40 characters.
    public static func checkId(_ id: String) throws(DojoError) {
        let allowed = id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
        guard allowed, let first = id.first, first.isLetter, id.count <= 40, id != templateFolder else {
            throw DojoError(.usage, "`\(id)` is not a valid task id",
                            hint: "use lowercase letters, digits, - and _, starting with a letter (e.g. bike-demand), at most 40 characters; not `\(templateFolder)`")
        }
    }

    /// Writes `<tasks>/<id>/` and returns it with the files written (sorted).
    public func create(id: String, title: String?, kind: TaskKind) throws(DojoError) -> (URL, [String]) {
        try Self.checkId(id)
        let target = tasksDirectory.appendingPathComponent(id)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw DojoError(.usage, "a folder for `\(id)` already exists", at: target.path,
                            hint: "choose another id, or remove the folder first")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: templateDirectory.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw DojoError(.taskNotFound, "there is no task template", at: templateDirectory.path,
                            hint: "the template ships in the Dojo repository as Tasks/\(Self.templateFolder)/; pass --tasks to a folder that has it")
        }
        let replacements = [("__ID__", id), ("__TITLE__", title ?? "TODO: a title that tells the story"), ("__KIND__", kind.rawValue)]
        let staging = tasksDirectory.appendingPathComponent(".new-\(id)-\(UUID().uuidString.prefix(8))")
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            for name in names {
                let source = templateDirectory.appendingPathComponent(name)
                let outName = name.hasSuffix(".in") ? String(name.dropLast(3)) : name
                var text = try String(contentsOf: source, encoding: .utf8)
                for (marker, value) in replacements { text = text.replacingOccurrences(of: marker, with: value) }
                let destination = staging.appendingPathComponent(outName)
                try text.write(to: destination, atomically: true, encoding: .utf8)
                let mode = (try? FileManager.default.attributesOfItem(atPath: source.path)[.posixPermissions]) ?? 0o644
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: destination.path)
                written.append(outName)
            }
            try FileManager.default.moveItem(at: staging, to: target)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw DojoError(.io, "cannot write the new task: \(error.localizedDescription)", at: target.path)
        }
        return (target, written.sorted())
    }
}
