import ArgumentParser
import DojoKit
import Foundation

/// How fast a large trajectory opens for replay, and how little of it stays in memory, against
/// reading the whole file the way `TrajectoryReader` does.
struct BenchReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open time, step read time, search time and memory of a large generated trajectory, against a full read.",
        discussion: """
            Writes a trajectory with the real writer (default 10,000 steps of ~20 KB output each, one damaged line in the \
            middle), then opens it with TrajectoryIndex as `dojo replay` does and reads it whole with TrajectoryReader for \
            reference, in this process. The file is in the page cache (just written), as for a trajectory just recorded.
            """)

    @Option(help: "Steps to generate.") var steps = 10_000
    @Option(name: .customLong("output-kb"), help: "About how many KB of stdout and stderr each executed step has.") var outputKB = 20
    @Option(help: "Keep the generated trajectory at this path (it must not exist) instead of deleting it.") var keep: String?
    @Option(help: "Random step reads to time.") var reads = 500
    @Flag(help: "Skip the full-read reference (it holds the whole file in memory).") var noReference = false

    func validate() throws {
        guard steps >= 2 else { throw ValidationError("--steps must be at least 2") }
        guard outputKB >= 0 else { throw ValidationError("--output-kb must not be negative") }
        guard reads >= 1 else { throw ValidationError("--reads must be at least 1") }
        if let keep, FileManager.default.fileExists(atPath: keep) {
            throw ValidationError("--keep \(keep) exists; give a new path (trajectories are never overwritten)")
        }
    }

    func run() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-bench-replay-\(UUID().uuidString.prefix(8))")
        let url = keep.map { URL(fileURLWithPath: $0) } ?? temp.appendingPathComponent("bench.dojo.jsonl")
        defer { try? FileManager.default.removeItem(at: temp) }
        #if DEBUG
        let build = "debug build"
        #else
        let build = "release build"
        #endif
        print("dojo bench replay (\(build)): \(steps) steps, ~\(outputKB) KB of output each")

        var started = Stopwatch()
        let written = try ReplayBenchTrajectory(steps: steps, outputBytes: outputKB * 1024).write(to: url)
        print(String(format: "wrote %@ in %.1f s: %@, %d lines, damaged line %d", url.path, started.wall,
                     Self.megabytes(written.bytes), written.lines, written.damagedLine))
        let fileSize = Double(written.bytes)

        ProcessMemory.resetPeak()
        let baseline = ProcessMemory.current()
        started = Stopwatch()
        let index = try TrajectoryIndex.open(url)
        let openSeconds = started.wall, openCPU = started.cpu
        let first = try index.record(at: 0)
        let scores = index.steps.map(\.rawScore)
        let best = index.bestPosition
        let improvements = index.improvementPositions
        let firstScreenSeconds = started.wall, firstScreenCPU = started.cpu
        guard index.steps.count == steps, first.observation.step == 1, scores.count == steps else {
            throw DojoError(.trajectory, "the index has \(index.steps.count) steps, expected \(steps)", at: url.path)
        }
        print(String(format: "index: %d steps, %d notes, %d control events, end %@, damaged lines %@, best step %d, %d improvements",
                     index.steps.count, index.notes.count, index.controls.count, index.end?.reason ?? "none",
                     index.damaged.map { "\($0.line) (\($0.reason))" }.joined(separator: ", "),
                     best.map { index.steps[$0].step } ?? 0, improvements.count))

        var generator = SplitMix64(seed: 42)
        var latencies: [Double] = []
        for _ in 0..<reads {
            let position = Int(generator.next() % UInt64(index.steps.count))
            let readStart = Stopwatch()
            let record = try index.record(at: position)
            latencies.append(readStart.wall * 1000)
            guard record.observation.step == index.steps[position].step else {
                throw DojoError(.trajectory, "step at position \(position) read back as \(record.observation.step)", at: url.path)
            }
        }
        latencies.sort()

        started = Stopwatch()
        let found = try index.search(ReplayBenchTrajectory.needle, from: 0)
        let searchSeconds = started.wall, searchCPU = started.cpu
        started = Stopwatch()
        let nowhere = try index.search("no step has this text", from: 0)
        let missSeconds = started.wall, missCPU = started.cpu
        guard found == steps - 1, nowhere == nil else {
            throw DojoError(.trajectory, "search found \(found.map(String.init) ?? "nothing"), expected position \(steps - 1)")
        }
        let indexMemory = ProcessMemory.current()

        print(String(repeating: "-", count: 78))
        print("file size                      " + Self.megabytes(written.bytes))
        print(String(format: "index open                     %.3f s (CPU %.3f s)", openSeconds, openCPU))
        print(String(format: "first screen (open + step 1 + chart summaries)  %.3f s (CPU %.3f s)", firstScreenSeconds, firstScreenCPU))
        print(String(format: "record(at:) random, %d reads  p50 %.2f ms  p95 %.2f ms  max %.2f ms", reads,
                     Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.95), latencies.last ?? 0))
        print(String(format: "search, text only in the last step  %.3f s (CPU %.3f s);  text in no step  %.3f s (CPU %.3f s)",
                     searchSeconds, searchCPU, missSeconds, missCPU))
        print("RSS before open " + Self.megabytes(baseline.resident) + ", peak " + Self.megabytes(indexMemory.peak)
              + String(format: " = %.2f× file", Double(indexMemory.peak) / fileSize) + ", now " + Self.megabytes(indexMemory.resident)
              + String(format: " = %.2f× file", Double(indexMemory.resident) / fileSize))

        guard !noReference else { return }
        ProcessMemory.resetPeak()
        started = Stopwatch()
        let full = try TrajectoryReader.read(url)
        let fullSeconds = started.wall, fullCPU = started.cpu
        let fullMemory = ProcessMemory.current()
        guard full.steps.count == steps else {
            throw DojoError(.trajectory, "the full read has \(full.steps.count) steps, expected \(steps)", at: url.path)
        }
        print(String(format: "reference: TrajectoryReader.read  %.3f s (CPU %.3f s), peak RSS %@ = %.2f× file", fullSeconds, fullCPU,
                     Self.megabytes(fullMemory.peak), Double(fullMemory.peak) / fileSize))
        print(String(repeating: "-", count: 78))
        print(String(format: "index open %.2f s vs full read %.2f s = %.0f× (CPU %.0f×); first screen %.2f s; step move p95 %.1f ms; "
                     + "peak RSS %@ = %.2f× file vs %@ = %.2f× file for the full read",
                     openSeconds, fullSeconds, fullSeconds / max(openSeconds, 1e-6), fullCPU / max(openCPU, 1e-6), firstScreenSeconds,
                     Self.percentile(latencies, 0.95),
                     Self.megabytes(indexMemory.peak), Double(indexMemory.peak) / fileSize,
                     Self.megabytes(fullMemory.peak), Double(fullMemory.peak) / fileSize))
        withExtendedLifetime(full) {}
    }

    /// Wall time and this thread's CPU time since it was made: on a busy machine the CPU time shows
    /// the work itself, the wall time what a person waits.
    struct Stopwatch {
        let start = ContinuousClock.now
        let startCPU = Stopwatch.threadCPU()

        var wall: Double {
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }

        var cpu: Double { Stopwatch.threadCPU() - startCPU }

        static func threadCPU() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    static func megabytes(_ bytes: UInt64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
