import Foundation

/// What earlier trajectories in a folder say about each task: how many runs, and the best graded
/// step among them (for the task picker's "your best" column).
public struct TrajectoryHistory: Sendable, Equatable {
    public struct Best: Sendable, Equatable {
        public var task: String
        public var runs: Int
        /// The best graded step over every run, nil when no run has one.
        public var best: StepSummary?
        /// The trajectory the best step is in.
        public var file: URL?
    }

    public var tasks: [String: Best]
    /// Files that are not readable trajectories (skipped).
    public var skipped: [URL]

    /// Reads every `*.dojo.jsonl` directly in `directory` (a missing folder is an empty history).
    public static func read(_ directory: URL) -> TrajectoryHistory {
        var history = TrajectoryHistory(tasks: [:], skipped: [])
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.hasSuffix(TrajectoryNaming.suffix) {
            let url = directory.appendingPathComponent(name)
            guard let index = try? TrajectoryIndex.open(url) else {
                history.skipped.append(url)
                continue
            }
            let task = index.header.task
            var entry = history.tasks[task] ?? Best(task: task, runs: 0, best: nil, file: nil)
            entry.runs += 1
            if let position = index.bestPosition, let score = index.steps[position].rawScore {
                let candidate = index.steps[position]
                let better: Bool
                if let current = entry.best, let currentScore = current.rawScore {
                    better = candidate.higherIsBetter ?? true ? score > currentScore : score < currentScore
                } else {
                    better = true
                }
                if better {
                    entry.best = candidate
                    entry.file = url
                }
            }
            history.tasks[task] = entry
        }
        return history
    }
}
