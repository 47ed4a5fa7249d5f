@testable import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing

/// The runner keeps each running episode's `status.json` current: after every step of its trajectory
/// the status holds the steps, best score, position, medal, last action and time so far.
@Suite struct EvalRunnerTests {
    /// A backend that writes a trajectory one line at a time, as `dojo run` does, and after each step
    /// waits until the status file shows it (a condition, not a time), keeping what it saw.
    final class SteppingBackend: EpisodeBackend, Sendable {
        var kind: String { "stepping" }
        let lines: [Data]
        let directory: RunDirectory
        let seen = Mutex<[EpisodeStatus]>([])

        init(lines: [Data], directory: RunDirectory) {
            self.lines = lines
            self.directory = directory
        }

        func run(_ spec: EpisodeSpec, files: EpisodeFiles,
                 started: @escaping @Sendable (_ host: String, _ pid: Int32?) -> Void) async throws -> EpisodeOutcome {
            try FileManager.default.createDirectory(at: files.directory, withIntermediateDirectories: true)
            started("node-1", 4242)
            try lines[0].write(to: files.trajectory)
            for (index, line) in lines.dropFirst().dropLast().enumerated() {
                try TrajectoryLines.append(line, to: files.trajectory)
                let status = try await waitForStatus(spec.key) { $0.steps == index + 1 && $0.updatedAt != nil }
                seen.withLock { $0.append(status) }
            }
            try TrajectoryLines.append(try #require(lines.last), to: files.trajectory)
            return EpisodeOutcome(exitCode: 0, interrupted: false, host: "node-1")
        }

        func waitForStatus(_ key: EpisodeKey, _ condition: (EpisodeStatus) -> Bool) async throws -> EpisodeStatus {
            for _ in 0..<30_000 {
                if let status = try? directory.readStatus(key), condition(status) { return status }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw DojoError(.io, "the status never showed the step", at: directory.files(for: key).status.path)
        }
    }

    @Test func theStatusIsRewrittenAfterEveryStepWithTheBestSoFar() async throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let directory = RunDirectory(temp.file("run"))
        try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
        let key = EpisodeKey(agent: "base", task: "diamonds", seed: 1)
        let run = SyntheticRun(task: "diamonds", agent: "base", seed: 1, scores: [0.5, nil, 0.05, 0.3])
        // Board positions on the graded steps (the synthetic run has none): 40/60 for 0.5, 2/60 for 0.05, 9/60 for 0.3.
        let positions = [1: 40, 3: 2, 4: 9]
        let events = run.events.map { event -> TrajectoryEvent in
            guard case .step(var record) = event, let position = positions[record.observation.step] else { return event }
            record.observation.submission?.position = .init(private: BoardPosition(position: position, total: 60, score: 0), public: nil)
            return .step(record)
        }
        let lines = try TrajectoryLines.make(events, header: run.header, temp: temp)
        let backend = SteppingBackend(lines: lines, directory: directory)
        let request = EvalManifest.Request(agents: [.init(name: "base", command: "agent")], tasks: ["diamonds"], seeds: 1,
                                           options: EvalEpisodeOptions())
        let runner = EvalRunner(directory: directory, request: request, backend: backend, parallel: 1,
                                resources: .init(cpus: 1, memoryMB: 100), followEvery: .milliseconds(10), events: { _ in })
        let finished = try await runner.run()

        let seen = backend.seen.withLock { $0 }
        #expect(seen.map(\.steps) == [1, 2, 3, 4])
        #expect(seen.allSatisfy { $0.state == .running && $0.lastAction == "execute_code" && $0.host == "node-1" && $0.pid == 4242 })
        #expect(seen.map(\.bestScore) == [0.5, 0.5, 0.05, 0.05])
        #expect(seen.map(\.position) == [40, 40, 2, 2])
        #expect(seen.map(\.boardSize) == [60, 60, 60, 60])
        #expect(seen.map(\.medal) == ["none", "none", "gold", "gold"] as [String?])
        #expect(seen.map(\.valid) == [true, true, true, true])
        #expect(seen.allSatisfy { ($0.seconds ?? -1) >= 0 && $0.updatedAt != nil && $0.endedAt == nil })

        // The end: done, with the same figures and the trajectory's end reason.
        let final = try #require(try directory.readStatus(key))
        #expect(finished == [final])
        #expect(final.state == .done)
        #expect(final.steps == 4 && final.bestScore == 0.05 && final.position == 2 && final.medal == "gold")
        #expect(final.reason == "closed by the agent")
        #expect(final.exitCode == 0 && final.endedAt != nil)
    }
}
