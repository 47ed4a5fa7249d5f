import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// The watch loop: the play mode's panes and frame loop, fed by a `TrajectoryFollower` instead of
/// a step worker. The file is polled every frame (at most ~50 ms apart); only new bytes are read.
@MainActor
final class WatchSession {
    private var state: AppState
    private var follower: TrajectoryFollower
    private let noColor: Bool
    /// The file may not exist yet (`dojo run --watch` starts the UI before the agent's `reset`).
    private let waitForFile: Bool
    private let signals = TerminationSignals()

    init(state: AppState, follower: TrajectoryFollower, noColor: Bool, waitForFile: Bool) {
        self.state = state
        self.follower = follower
        self.noColor = noColor
        self.waitForFile = waitForFile
    }

    /// Runs until the person quits (or a signal); returns the number of steps seen.
    func run(initial: TrajectoryFollower.Update? = nil) throws -> Int {
        signals.install()
        defer { signals.restore() }
        let terminal = try Terminal.forSession(noColor: noColor)
        defer { terminal.end() }
        let clock = SystemClock()
        terminal.fit(&state, now: clock.seconds())
        if let initial { _ = AppUpdate.update(&state, .trajectory(initial)) }
        var frame = AppView.render(state)
        terminal.flush(frame)
        var quit = false
        var failed = false
        var lastSecond = Int(state.now)
        while !quit {
            var events = terminal.events(timeoutMilliseconds: 40)
            if !failed, !waitForFile || FileManager.default.fileExists(atPath: follower.url.path) {
                do {
                    let update = try follower.poll()
                    if !update.isEmpty { events.append(.trajectory(update)) }
                } catch {
                    failed = true
                    events.append(.trajectoryFailed("\(error)"))
                }
            }
            if signals.arrived || terminal.isLost { break }
            let now = clock.seconds()
            let needsFrame = !events.isEmpty || Int(now) != lastSecond
            lastSecond = Int(now)
            events.append(.tick(now: now))
            for event in events {
                for effect in AppUpdate.update(&state, event) {
                    switch effect {
                    case .quit: quit = true
                    case .redraw: terminal.invalidate()
                    case .runStep, .cancelStep, .save, .open, .externalEditor, .replay, .copilot: break  // read-only
                    }
                }
                if quit { break }
            }
            if quit { break }
            if needsFrame {
                AppView.render(state, into: &frame)
                terminal.flush(frame)
            }
        }
        terminal.end()
        return state.watch?.steps.count ?? 0
    }
}
