import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// The replay loop: keys and the clock become events, `AppUpdate` answers with effects, and the
/// `ReplayStore` carries out the file ones (records, search, notes) at once, so a step move is one
/// read of one line and one frame. Fork hands the terminal to `dojo play --fork` and takes it back.
@MainActor
final class ReplaySession {
    private var state: AppState
    private let store: ReplayStore
    private let noColor: Bool
    /// What the forked `dojo play` is started with: this executable and the folders this replay resolved.
    private let forkCommand: (executable: URL, options: [String])
    private let signals = TerminationSignals()

    init(state: AppState, store: ReplayStore, noColor: Bool, forkCommand: (executable: URL, options: [String])) {
        self.state = state
        self.store = store
        self.noColor = noColor
        self.forkCommand = forkCommand
    }

    /// Runs until the person quits (or a signal); returns the number of steps seen (the cursor's furthest).
    func run() throws -> Int {
        signals.install()
        defer { signals.restore() }
        let terminal = try Terminal.forSession(noColor: noColor)
        defer { terminal.end() }
        let clock = SystemClock()
        terminal.fit(&state, now: clock.seconds())
        var quit = false
        perform(ReplayUpdate.start(&state), terminal: terminal, quit: &quit)
        var frame = AppView.render(state)
        terminal.flush(frame)
        var lastSecond = Int(state.now)
        var stats = FrameStats()
        while !quit {
            var events = terminal.events(timeoutMilliseconds: 40)
            let inputAt = clock.seconds()
            if signals.arrived || terminal.isLost { break }
            let now = clock.seconds()
            let before = state.replay?.cursor
            let needsFrame = !events.isEmpty || Int(now) != lastSecond
            lastSecond = Int(now)
            events.append(.tick(now: now))
            for event in events {
                perform(AppUpdate.update(&state, event), terminal: terminal, quit: &quit)
                if quit { break }
            }
            if quit { break }
            if needsFrame || state.replay?.cursor != before {
                AppView.render(state, into: &frame)
                terminal.flush(frame)
                if stats.isOn, events.count > 1 { stats.record((clock.seconds() - inputAt) * 1000) }
            }
        }
        stats.write()
        terminal.end()
        return state.replay?.stepCount ?? 0
    }

    /// Carries out effects; the events they produce go straight back through `update` (and their effects too).
    private func perform(_ effects: [Effect], terminal: Terminal, quit: inout Bool) {
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            switch effect {
            case .quit: quit = true
            case .redraw: terminal.invalidate()
            case .replay(let replayEffect):
                let event: ReplayEvent?
                if case .fork(let path, let step, let clean) = replayEffect {
                    event = fork(path: path, step: step, clean: clean, terminal: terminal)
                } else {
                    event = store.perform(replayEffect)
                }
                if let event { pending += AppUpdate.update(&state, .replay(event)) }
            case .runStep, .cancelStep, .save, .open, .externalEditor, .copilot: break  // read-only
            }
        }
    }

    /// `dojo play --fork PATH --step N [--clean]` with the terminal handed over; back to the replay after.
    private func fork(path: String, step: Int, clean: Bool, terminal: Terminal) -> ReplayEvent {
        terminal.suspend()
        defer { terminal.resume() }
        let arguments = ["play", "--fork", path, "--step", String(step)] + (clean ? ["--clean"] : []) + forkCommand.options
        let status: Int32
        do { status = try ForegroundProcess.run(forkCommand.executable, arguments: arguments) } catch {
            return .forkEnded("cannot start dojo play --fork: \(error.message)", isError: true)
        }
        if status != 0 {
            // Its error is on the screen now; leave it there until the person has read it.
            FileHandle.standardOutput.write(Data("\ndojo play --fork exited with status \(status). Press Enter to return to the replay.".utf8))
            _ = readLine()
            return .forkEnded("the fork from step \(step) exited with status \(status)", isError: true)
        }
        return .forkEnded("back from the fork of step \(step)\(clean ? " (clean start)" : "")", isError: false)
    }
}
