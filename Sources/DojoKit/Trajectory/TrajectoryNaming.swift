import Foundation

/// How trajectory files and the files beside them are named, in one place: `*.dojo.jsonl`, the
/// default `TASK-STAMP-ID.dojo.jsonl`, the numbered files of later episodes, and the siblings
/// (`STEM.agent.log`, `STEM.dojo.log`, `STEM.dojo-notes.jsonl`).
public enum TrajectoryNaming {
    public static let suffix = ".dojo.jsonl"

    /// The file name without `.dojo.jsonl` (the whole name when it has another ending).
    public static func stem(of url: URL) -> String {
        let name = url.lastPathComponent
        return name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
    }

    /// A new trajectory's default path: `TASK-20261203T091500Z-ab12cd.dojo.jsonl` in `folder`.
    public static func defaultURL(in folder: URL, task: String, date: Date = Date(),
                                  id: String = String(UUID().uuidString.prefix(6)).lowercased()) -> URL {
        let stamp = ISO8601DateFormatter().string(from: date).replacingOccurrences(of: ":", with: "")
        return folder.appendingPathComponent("\(task)-\(stamp)-\(id)\(suffix)")
    }

    /// Episode 1 writes to the path itself; later episodes (after a reset) to `STEM.2.dojo.jsonl`, ….
    public static func numbered(_ url: URL, _ number: Int) -> URL {
        guard number > 1 else { return url }
        return sibling(of: url, ending: ".\(number)\(suffix)")
    }

    /// The file beside a trajectory named `STEM` + `ending` (`.agent.log`, `.dojo.log`, `.dojo-notes.jsonl`).
    public static func sibling(of url: URL, ending: String) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(stem(of: url) + ending)
    }
}
