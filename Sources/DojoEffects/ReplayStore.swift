import DojoKit
import DojoUI
import Foundation

/// The one place replay touches files: it carries out `ReplayEffect`s that read records, search, and
/// write the notes sidecar, against the opened trajectories. The session and the tests share it; it
/// lives outside the pure DojoUI, which only asks for these as effects.
public struct ReplayStore: Sendable {
    public let indexes: [TrajectoryIndex]
    /// The timestamp a note or bookmark is saved with (injected: tests pin it).
    public let stamp: @Sendable () -> String

    public init(indexes: [TrajectoryIndex], stamp: @escaping @Sendable () -> String = ReplayStore.isoNow) {
        self.indexes = indexes
        self.stamp = stamp
    }

    @Sendable public static func isoNow() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// The run's part of the replay state: summaries, best, improvements, end, damage, and the sidecar.
    public static func run(_ index: TrajectoryIndex) throws(DojoError) -> ReplayState.Run {
        let agent = index.header.agent["name"].flatMap { value -> String? in
            if case .string(let name) = value { return name }
            return nil
        } ?? (index.header.agent.isEmpty ? "human" : "an agent")
        var run = ReplayState.Run(
            name: index.url.lastPathComponent, path: index.url.path, agent: agent, task: index.header.task, steps: index.steps,
            annotations: try TrajectoryAnnotations.load(for: index.url), notes: index.notes, bestPosition: index.bestPosition,
            improvementPositions: index.improvementPositions, endReason: index.end?.reason,
            damagedLines: index.damaged.count + (index.tornTail ? 1 : 0), damagedLineNumbers: index.damaged.map(\.line))
        run.events = ReplayState.RunEvent.of(controls: index.controls, notes: index.noteMarks)
        return run
    }

    /// Carries out an effect that needs only files; nil for the ones the session must do itself (fork).
    public func perform(_ effect: ReplayEffect) -> ReplayEvent? {
        switch effect {
        case .load(let keys):
            var records: [ReplayState.RecordKey: StepRecord] = [:]
            var failures: [ReplayState.RecordKey: String] = [:]
            for key in keys {
                guard indexes.indices.contains(key.side.rawValue) else {
                    failures[key] = "no run \(key.side)"
                    continue
                }
                do { records[key] = try indexes[key.side.rawValue].record(at: key.position) } catch { failures[key] = error.description }
            }
            return .loaded(records: records, failures: failures)
        case .search(let query, let from, let forward):
            guard let index = indexes.first else { return .searchFailed("no trajectory is open") }
            do { return .searched(query: query, position: try index.search(query, from: from, forward: forward)) } catch {
                return .searchFailed(error.description)
            }
        case .annotate(var annotations, let what):
            do {
                switch what {
                case .note(let step, let text): try annotations.add(.init(step: step, text: text, at: stamp()))
                case .bookmark(let step, let on): try annotations.setBookmark(.init(step: step, on: on, at: stamp()))
                }
                return .annotated(annotations, what)
            } catch {
                return .annotationFailed(error.description)
            }
        case .fork: return nil
        }
    }
}
