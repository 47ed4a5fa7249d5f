import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// Watch mode's news: a `TrajectoryFollower` polled every turn of the `Program` (at most ~50 ms
/// apart; only new bytes are read). Watch is read-only: it has no effects to carry out.
@MainActor
final class WatchHandler: EffectHandler {
    private var follower: TrajectoryFollower
    /// What was read before the screen opened (the header, maybe steps).
    private let initial: TrajectoryFollower.Update?
    /// The file may not exist yet (`dojo run --watch` starts the screen before the agent's `reset`).
    private let waitForFile: Bool
    private var failed = false

    init(follower: TrajectoryFollower, initial: TrajectoryFollower.Update? = nil, waitForFile: Bool = false) {
        self.follower = follower
        self.initial = initial
        self.waitForFile = waitForFile
    }

    func start(_ state: inout AppState) -> [Effect] {
        guard let initial else { return [] }
        return AppUpdate.update(&state, .trajectory(initial))
    }

    func poll() -> [AppEvent] {
        guard !failed, !waitForFile || FileManager.default.fileExists(atPath: follower.url.path) else { return [] }
        do {
            let update = try follower.poll()
            return update.isEmpty ? [] : [.trajectory(update)]
        } catch {
            failed = true
            return [.trajectoryFailed("\(error)")]
        }
    }

    func perform(_ effect: Effect, state: AppState, terminal: Terminal) -> [AppEvent] { [] }
}
