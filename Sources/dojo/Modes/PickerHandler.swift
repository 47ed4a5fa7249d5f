import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// The task picker's side of the `Program`: it has no effects to carry out (the list is read before
/// the screen opens, and the choice is read from the final state). `entries` builds the list.
@MainActor
final class PickerHandler: EffectHandler {
    func perform(_ effect: Effect, state: AppState, terminal: Terminal) -> [AppEvent] { [] }

    /// Every task folder's entry: kind, title, the prepared data's size, the metric, and the best
    /// graded step of the trajectories in the default folder.
    nonisolated static func entries(loader: TaskLoader, paths: DojoPaths) throws(DojoError) -> [PickerState.Entry] {
        let history = TrajectoryHistory.read(paths.trajectoriesDirectory)
        let prepared = (try? FileManager.default.contentsOfDirectory(atPath: paths.preparedDirectory.path)) ?? []
        var entries: [PickerState.Entry] = []
        for directory in try loader.taskDirectories() {
            let spec: TaskSpec
            do { spec = try loader.load(directory: directory) } catch {
                entries.append(PickerState.Entry(id: directory.lastPathComponent, title: "", kind: "", size: nil, metric: "", best: nil,
                                                 problem: error.message))
                continue
            }
            let metric = spec.metric.metric.rawValue + (spec.metric.metric.higherIsBetter ? " ↑" : " ↓")
            let folder = prepared.sorted().last { $0.hasPrefix("\(spec.id)-") && $0.hasSuffix("-seed42") }
            let dataSize = folder.map { Self.size(of: paths.preparedDirectory.appendingPathComponent($0).appendingPathComponent("public")) }
            entries.append(PickerState.Entry(id: spec.id, title: spec.title, kind: spec.category, size: dataSize, metric: metric,
                                             best: history.tasks[spec.id].map { Self.describe($0) }))
        }
        return entries
    }

    /// `0.8123 · gold · 3 runs`, or `3 runs, none graded`.
    nonisolated static func describe(_ best: TrajectoryHistory.Best) -> String {
        let runs = "\(best.runs) run\(best.runs == 1 ? "" : "s")"
        guard let step = best.best, let score = step.rawScore else { return "\(runs), none graded" }
        return [AppUpdate.format(score), step.medal?.rawValue, runs].compactMap { $0 }.joined(separator: " · ")
    }

    /// The bytes of the files under a folder, as `2.1 MB`.
    nonisolated static func size(of folder: URL) -> String {
        var total: Int64 = 0
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) {
            for case let url as URL in walker {
                total += Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
            }
        }
        return ByteCountFormatter.string(fromByteCount: total, countStyle: .file)
    }
}
