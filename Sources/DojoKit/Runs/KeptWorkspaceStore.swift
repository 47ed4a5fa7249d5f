import Foundation

/// The kept workspaces under `<state>/dojo/workspaces/` (`KeptWorkspace`): written by `dojo play` on
/// quit, listed, exported, cleaned and removed by `dojo workspaces`, resumed by `dojo play --resume`.
public struct KeptWorkspaceStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// A new, empty folder for the episode `id` (an older one of that name is replaced).
    public func folder(for id: String) throws(DojoError) -> URL {
        let folder = directory.appendingPathComponent(id)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectoryIfNeeded(folder)
        return folder
    }

    public func write(_ workspace: KeptWorkspace) throws(DojoError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = workspace.directory.appendingPathComponent(KeptWorkspace.manifestName)
        do {
            try encoder.encode(workspace).write(to: url, options: .atomic)
        } catch {
            throw DojoError(.io, "cannot write the kept workspace's manifest: \(error.localizedDescription)", at: url.path)
        }
    }

    /// Every kept workspace, newest first; folders without a readable manifest are left out.
    public func list(task: String? = nil) -> [KeptWorkspace] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let all = names.compactMap { read(directory.appendingPathComponent($0)) }
        return all.filter { task == nil || $0.task == task }.sorted { ($0.keptAt, $0.id) > ($1.keptAt, $1.id) }
    }

    /// The newest kept workspace of a task.
    public func latest(task: String) -> KeptWorkspace? { list(task: task).first }

    /// The workspace named `id`, or the only one whose id starts with it.
    public func find(_ id: String) throws(DojoError) -> KeptWorkspace {
        let all = list()
        if let exact = all.first(where: { $0.id == id }) { return exact }
        let matches = all.filter { $0.id.hasPrefix(id) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw DojoError(.usage, "no kept workspace `\(id)`", at: directory.path, hint: "`dojo workspaces list` shows them")
        }
        throw DojoError(.usage, "`\(id)` names \(matches.count) kept workspaces: \(matches.prefix(4).map(\.id).joined(separator: ", "))",
                        hint: "give more of the id")
    }

    public func remove(_ workspace: KeptWorkspace) throws(DojoError) {
        do { try FileManager.default.removeItem(at: workspace.directory) } catch {
            throw DojoError(.io, "cannot remove the kept workspace: \(error.localizedDescription)", at: workspace.directory.path)
        }
    }

    /// The workspaces kept before `now - age` (by their manifest's time).
    public func older(than age: TimeInterval, now: Date) -> [KeptWorkspace] {
        list().filter { ($0.keptDate ?? .distantPast) < now.addingTimeInterval(-age) }
    }

    func read(_ folder: URL) -> KeptWorkspace? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(KeptWorkspace.manifestName).path),
              var workspace = try? JSONDecoder().decode(KeptWorkspace.self, from: data) else { return nil }
        workspace.directory = folder
        return workspace
    }

    /// "7d", "12h", "30m", "90s", "2w" as seconds.
    public static func parseAge(_ text: String) throws(DojoError) -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let factor = units[unit], let number = Double(text.dropLast()), number >= 0, number.isFinite else {
            throw DojoError(.usage, "`\(text)` is not an age", hint: "a number and a unit: 90s, 30m, 12h, 7d, 2w")
        }
        return number * factor
    }
}
