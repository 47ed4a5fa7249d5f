import DojoEffects
import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// Replay mode's effects: the `ReplayStore` carries out the file ones (records, search, notes) at
/// once, so a step move is one read of one line and one frame. Fork hands the terminal to
/// `dojo play --fork` and takes it back.
@MainActor
final class ReplayHandler: EffectHandler {
    private let store: ReplayStore
    /// What the forked `dojo play` is started with: this executable and the folders this replay resolved.
    private let forkCommand: (executable: URL, options: [String])

    init(store: ReplayStore, forkCommand: (executable: URL, options: [String])) {
        self.store = store
        self.forkCommand = forkCommand
    }

    func start(_ state: inout AppState) -> [Effect] { ReplayUpdate.start(&state) }

    /// Playback moves the cursor on a tick.
    func changed(from old: AppState, to new: AppState) -> Bool { old.mode.replay?.cursor != new.mode.replay?.cursor }

    func perform(_ effect: Effect, state: AppState, terminal: Terminal) -> [AppEvent] {
        guard case .replay(let replayEffect) = effect else { return [] }
        let event: ReplayEvent?
        if case .fork(let path, let step, let clean) = replayEffect {
            event = fork(path: path, step: step, clean: clean, terminal: terminal)
        } else {
            event = store.perform(replayEffect)
        }
        return event.map { [.replay($0)] } ?? []
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
