import DojoKit
import Foundation

/// `dojo play`'s side of kept workspaces (issue 17, friction 2): what `--resume` starts from, and
/// what is written and said on quit.
struct PlayWorkspace {
    let store: KeptWorkspaceStore

    /// The newest kept workspace of the task, for `--resume`.
    func resumable(task: String) throws(DojoError) -> KeptWorkspace {
        guard let kept = store.latest(task: task) else {
            throw DojoError(.usage, "no kept workspace of `\(task)` to resume", at: store.directory.path,
                            hint: "`dojo play \(task)` starts a new episode; quitting it keeps its workspace for --resume")
        }
        return kept
    }

    /// The Logs' first lines when resuming: where things came from and the previous episode's result.
    static func resumeNotes(_ kept: KeptWorkspace) -> [String] {
        var notes = ["resumed workspace \(kept.id): working/ (\(kept.workingFiles) file\(kept.workingFiles == 1 ? "" : "s"))"
            + (kept.hasSolution ? " and the editor's buffer are back" : " is back")]
        var previous = "the previous episode: \(kept.steps) step\(kept.steps == 1 ? "" : "s")"
        if let best = kept.best { previous += ", best \(kept.metric ?? "score") \(ScoreText.short(best.rawScore)) at step \(best.step)" }
        if let trajectory = kept.trajectory { previous += "; its steps: dojo replay \(trajectory)" }
        notes.append(previous)
        notes.append("a new episode with a fresh budget; the best submission so far stays in the kept workspace (dojo workspaces export \(kept.id) -o FILE)")
        return notes
    }

    /// Writes the editor's buffer and the manifest beside what the worker copied, or removes the
    /// folder when there is nothing worth keeping (no step, no file in working/, an untouched buffer).
    /// Returns the lines `dojo play` prints on exit.
    func finish(_ kept: StepWorker.Kept?, task: TaskSpec, seed: Int, trajectory: String?, buffer: String, edited: Bool,
                savedAs: String?, resumedFrom: String?, now: Date) -> [String] {
        guard let kept else { return [] }
        if let problem = kept.problem { return ["the workspace could not be kept: \(problem)"] }
        if kept.steps == 0 && kept.working.files == 0 && !edited && resumedFrom == nil {
            try? FileManager.default.removeItem(at: kept.folder)
            return []
        }
        var lines: [String] = []
        let solution = kept.folder.appendingPathComponent(KeptWorkspace.solutionName)
        let hasSolution = (try? (buffer.hasSuffix("\n") || buffer.isEmpty ? buffer : buffer + "\n").write(to: solution, atomically: true, encoding: .utf8)) != nil
        let manifest = KeptWorkspace(
            id: kept.id, task: task.id, seed: seed, trajectory: trajectory, keptAt: ISO8601DateFormatter().string(from: now),
            steps: kept.steps, best: kept.best, metric: task.metric.metric.rawValue, hasBestSubmission: kept.bestSubmission,
            hasSolution: hasSolution, savedAs: savedAs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, workingFiles: kept.working.files,
            workingBytes: kept.working.bytes, skipped: kept.working.skipped, resumedFrom: resumedFrom, directory: kept.folder)
        do { try store.write(manifest) } catch { return ["the workspace could not be kept: \(error.message)"] }
        var what = ["working/ (\(kept.working.files) file\(kept.working.files == 1 ? "" : "s"))"]
        if kept.bestSubmission { what.append("the best submission") }
        if hasSolution { what.append("the editor's buffer") }
        lines.append("workspace kept: \(kept.folder.path) (\(what.joined(separator: ", ")))")
        if kept.working.skipped > 0 {
            lines.append("  \(kept.working.skipped) link\(kept.working.skipped == 1 ? "" : "s") or special file\(kept.working.skipped == 1 ? "" : "s") in working/ not kept")
        }
        if kept.bestSubmission, let best = kept.best {
            lines.append("best submission (step \(best.step), \(task.metric.metric.rawValue) \(ScoreText.short(best.rawScore))): "
                + "\(manifest.bestSubmission.path)")
        }
        lines.append("continue with: dojo play \(task.id) --resume   (list and clean: dojo workspaces)")
        return lines
    }
}
