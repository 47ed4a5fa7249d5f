import DojoKit
import Foundation
import Synchronization

/// How `dojo eval` shows its progress. Today: one line per finished episode and the totals
/// (`--no-tui`, and whenever stdout is not a terminal). The live dashboard plugs in at `make`.
protocol EvalPresenter: Sendable {
    func handle(_ event: EvalRunner.Event)
    func finish(statuses: [EpisodeStatus], request: EvalManifest.Request, ranNow: [EpisodeStatus])
}

enum EvalPresentation {
    /// The presenter for this run. Hook for the dashboard: when `noTUI` is false and stdout is a
    /// terminal, return the dashboard presenter here (it reads the same events and the run directory).
    static func make(directory: RunDirectory, manifest: EvalManifest, noTUI: Bool) -> any EvalPresenter {
        EvalLines(write: { line in
            print(line)
            fflush(nil)
        })
    }
}

/// `--no-tui`: a line per finished episode, the totals at the end.
final class EvalLines: EvalPresenter {
    private struct Counts {
        var total = 0
        var toRun = 0
        var finished = 0
    }

    private let write: @Sendable (String) -> Void
    private let counts = Mutex(Counts())
    private let started = ContinuousClock.now

    init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    func handle(_ event: EvalRunner.Event) {
        switch event {
        case .planned(let all, let toRun):
            counts.withLock { $0.total = all.count; $0.toRun = toRun.count }
            let already = all.count - toRun.count
            write("eval: \(all.count) episode\(all.count == 1 ? "" : "s")" + (already > 0 ? ", \(already) already finished" : "")
                  + ", \(toRun.count) to run")
        case .movedAside(let key, let url):
            write("eval: \(key) was interrupted earlier; kept in \(url.lastPathComponent)/ and run again")
        case .started:
            break
        case .finished(let status):
            let (done, total) = counts.withLock { counts -> (Int, Int) in
                counts.finished += 1
                return (counts.finished, counts.toRun)
            }
            write("[\(done)/\(total)] " + Self.line(status))
        }
    }

    static func line(_ status: EpisodeStatus) -> String {
        var parts = [status.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0), status.key.description]
        parts.append("steps \(status.steps)")
        if let score = status.bestScore {
            parts.append("best \(String(format: "%.6g", score))")
            if let rank = status.humanRank {
                let label = status.boardKind == "human" ? "HumanRank" : "reference rank"
                parts.append("\(label) \(String(format: "%.3f", rank))"
                             + (status.position.map { p in " (\(p)/\(status.boardSize.map(String.init) ?? "?"))" } ?? ""))
            }
            parts.append("medal \(status.medal ?? "none")")
        } else {
            parts.append("no valid submission")
        }
        if let seconds = status.seconds { parts.append(String(format: "%.1f s", seconds)) }
        if status.state != .done || status.bestScore == nil, let reason = status.reason { parts.append("(\(reason))") }
        return parts.joined(separator: "  ")
    }

    func finish(statuses: [EpisodeStatus], request: EvalManifest.Request, ranNow: [EpisodeStatus]) {
        let wanted = Set(request.episodes)
        let relevant = statuses.filter { wanted.contains($0.key) }
        func count(_ state: EpisodeStatus.State) -> Int { relevant.filter { $0.state == state }.count }
        let missing = wanted.count - relevant.count
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var line = "eval: \(wanted.count) episodes: \(count(.done)) done, \(count(.failed)) failed, \(count(.interrupted)) interrupted"
        if count(.running) > 0 { line += ", \(count(.running)) running" }
        if missing > 0 { line += ", \(missing) not started" }
        line += String(format: "; %d ran in this session in %.1f s", ranNow.count, seconds)
        let medals = relevant.filter { $0.state == .done && ($0.medal ?? "none") != "none" }.count
        let valid = relevant.filter { $0.valid == true }.count
        line += "; \(valid) with a valid submission, \(medals) with a medal"
        write(line)
    }
}
