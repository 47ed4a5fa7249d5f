import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// Play mode's effects (a person's episode, a fork, or co-pilot with an agent): steps go to the
/// `StepWorker`'s thread, the agent's work to the `CopilotDriver`, files to disk, the buffer to
/// `$EDITOR`. The `Program` runs the loop.
@MainActor
final class PlayHandler: EffectHandler {
    private let setup: StepWorker.Setup
    /// Co-pilot mode: the agent to run beside the person.
    private let agent: CopilotDriver.Setup?
    private var worker: StepWorker?
    private var copilot: CopilotDriver?
    /// The last file the buffer was saved to.
    private(set) var savedPath: String?

    init(setup: StepWorker.Setup, agent: CopilotDriver.Setup? = nil) {
        self.setup = setup
        self.agent = agent
    }

    /// The trajectory the worker wrote (once the episode started).
    var trajectoryPath: String? { worker?.trajectoryPath }

    /// What the worker kept of the episode when it closed.
    var kept: StepWorker.Kept? { worker?.kept }

    func start(_ state: inout AppState) -> [Effect] {
        worker = StepWorker(setup: setup)
        copilot = agent.map { CopilotDriver(setup: $0) }
        return []
    }

    func poll() -> [AppEvent] { (worker?.drain() ?? []) + (copilot?.drain() ?? []) }

    func animates(_ state: AppState) -> Bool { state.running != nil || state.isRebuilding || state.warmUp.isWarming }

    func perform(_ effect: Effect, state: AppState, terminal: Terminal) -> [AppEvent] {
        switch effect {
        case .runStep(let action): worker?.send(.step(action))
        case .cancelStep: worker?.cancel()
        case .save(let path, let text, let revision):
            let event = save(path: path, text: text, revision: revision)
            if case .fileSaved = event { savedPath = path }
            return [event]
        case .saveNew(let path, let text, let revision):
            // Save as never overwrites a file unasked: the person answers the question, then `.save` overwrites.
            if FileManager.default.fileExists(atPath: path) { return [.fileExists(path: path)] }
            let event = save(path: path, text: text, revision: revision)
            if case .fileSaved = event { savedPath = path }
            return [event]
        case .open(let path): return [open(path: path)]
        case .externalEditor(let text): return [edit(text, terminal: terminal)]
        case .copilot(let effect): if let worker { copilot?.perform(effect, worker: worker) }
        case .replay, .runs, .quit, .redraw: break
        case .profileData, .setMouse: break  // the program's own (every mode)
        }
        return []
    }

    /// Closes the episode: stops the agent (it never outlives the workbench), cancels a running step, records the end.
    func finish(_ state: AppState, exit: Program.Exit) {
        _ = copilot?.stopAndWait(timeout: 10)
        worker?.prepareToClose()
        worker?.send(.close(exit.rawValue))
        guard let worker else { return }
        // A large working/ being kept may take longer than the close itself: its copy is waited for.
        var waited = 0
        while !worker.waitUntilClosed(timeout: 10), worker.isKeeping, waited < 60 { waited += 1 }
    }

    private func save(path: String, text: String, revision: Int) -> AppEvent {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (text.hasSuffix("\n") ? text : text + "\n").write(to: url, atomically: true, encoding: .utf8)
            return .fileSaved(path: path, revision: revision)
        } catch {
            return .fileError("cannot save \(path): \(error.localizedDescription)")
        }
    }

    private func open(path: String) -> AppEvent {
        guard let data = FileManager.default.contents(atPath: path) else { return .fileError("cannot read \(path)") }
        guard data.count < 4 << 20 else { return .fileError("\(path) is larger than 4 MB") }
        return .fileOpened(path: path, text: String(decoding: data, as: UTF8.self))
    }

    /// Hands the buffer to $EDITOR (curses suspended) and takes it back.
    private func edit(_ text: String, terminal: Terminal) -> AppEvent {
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-\(UUID().uuidString.prefix(8)).py")
        do { try text.write(to: file, atomically: true, encoding: .utf8) } catch {
            return .fileError("cannot write a temporary file for the editor: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        terminal.suspend()
        var failure: String?
        do {
            // In our process group, the terminal's foreground one: Foundation's Process would leave the editor unable to read keys.
            let status = try ForegroundProcess.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "\(editor) \"$1\"", "dojo-editor", file.path])
            if status != 0 { failure = "\(editor) exited with status \(status); buffer unchanged" }
        } catch {
            failure = "cannot start \(editor): \(error.message)"
        }
        terminal.resume()
        if let failure { return .fileError(failure) }
        guard let data = FileManager.default.contents(atPath: file.path) else { return .fileError("the editor's file is gone; buffer unchanged") }
        return .editorReturned(String(decoding: data, as: UTF8.self))
    }
}
