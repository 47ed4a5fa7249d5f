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
    /// Where the fork's trajectory goes (the folder `dojo play` writes to by default): the handler names
    /// the file, so it can say where it went when the fork's session ends.
    private let forkFolder: URL

    init(store: ReplayStore, forkCommand: (executable: URL, options: [String]), forkFolder: URL) {
        self.store = store
        self.forkCommand = forkCommand
        self.forkFolder = forkFolder
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

    /// `dojo play --fork PATH --step N [--clean] --trajectory NEW` with the terminal handed over; back to
    /// the replay after, saying where the fork's trajectory went.
    private func fork(path: String, step: Int, clean: Bool, terminal: Terminal) -> ReplayEvent {
        let task = store.indexes.first?.header.task ?? "fork"
        let target = TrajectoryNaming.defaultURL(in: forkFolder, task: task)
        terminal.suspend()
        defer { terminal.resume() }
        let arguments = ["play", "--fork", path, "--step", String(step)] + (clean ? ["--clean"] : [])
            + ["--trajectory", target.path] + forkCommand.options
        let status: Int32
        do { status = try ForegroundProcess.run(forkCommand.executable, arguments: arguments) } catch {
            return .forkEnded("cannot start dojo play --fork: \(error.message)", isError: true)
        }
        let written = FileManager.default.fileExists(atPath: target.path)
        if status != 0 {
            // Its error is on the screen now; leave it there until the person has read it.
            FileHandle.standardOutput.write(Data("\ndojo play --fork exited with status \(status). Press Enter to return to the replay.".utf8))
            _ = readLine()
            if !written { return .forkEnded("the fork from step \(step) exited with status \(status)", isError: true) }
        }
        guard written else { return .forkEnded("back from the fork of step \(step): it recorded no trajectory (the episode did not start)", isError: true) }
        return .forkSaved(ForkOutcome(step: step, clean: clean, path: target.path, laterEpisodes: Self.laterEpisodes(of: target),
                                      status: status))
    }

    /// How many episodes after a reset went to `STEM.2.dojo.jsonl`, `STEM.3.dojo.jsonl`, ….
    static func laterEpisodes(of url: URL) -> Int {
        var count = 0
        while FileManager.default.fileExists(atPath: TrajectoryNaming.numbered(url, count + 2).path) { count += 1 }
        return count
    }
}
