import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// The play loop: terminal input and the environment's news become events, `AppUpdate` turns them
/// into state and effects, effects are carried out here, and each frame is flushed as a diff.
@MainActor
final class PlaySession {
    struct Outcome {
        var trajectoryPath: String?
        var savedPath: String?
        var unsavedEdits: Bool
        var error: DojoError?
    }

    private var state: AppState
    private let setup: StepWorker.Setup
    private let noColor: Bool
    private let notes: [String]
    private let clock: SystemClock
    private let signals = TerminationSignals()
    /// Co-pilot mode: the agent to run beside the person.
    private let agent: CopilotDriver.Setup?

    init(state: AppState, setup: StepWorker.Setup, noColor: Bool, notes: [String], agent: CopilotDriver.Setup? = nil) {
        self.state = state
        self.setup = setup
        self.agent = agent
        self.noColor = noColor
        self.notes = notes
        clock = setup.clock
    }

    func run() throws -> Outcome {
        signals.install()
        let terminal: Terminal
        do { terminal = try Terminal(noColor: noColor) } catch {
            throw DojoError(.usage, error.message, hint: error.hint)
        }
        defer { terminal.end() }
        let worker = StepWorker(setup: setup)
        let copilot = agent.map { CopilotDriver(setup: $0) }
        let size = terminal.size
        state.width = size.width
        state.height = size.height
        state.now = clock.seconds()
        for note in notes {
            state.logs.append(Sanitizer.line(note), "log.error")
            state.message = .init(text: Sanitizer.line(note), isError: true, at: state.now)
        }
        _ = AppUpdate.update(&state, .tick(now: state.now))
        var frame = AppView.render(state)
        terminal.flush(frame)
        var quit = false
        var savedPath: String?
        var lastSecond = Int(state.now)
        var stats = FrameStats()
        while !quit {
            var events: [AppEvent] = []
            let inputs = terminal.read(timeoutMilliseconds: 40)
            let inputAt = clock.seconds()
            for input in inputs {
                switch input {
                case .key(let key): events.append(.key(key))
                case .paste(let text): events.append(.paste(text))
                case .resize:
                    let size = terminal.size
                    events.append(.resize(width: size.width, height: size.height))
                }
            }
            events += worker.drain()
            events += copilot?.drain() ?? []
            if signals.arrived || terminal.isLost {
                // SIGTERM / SIGHUP / SIGINT: leave cleanly, recording why.
                worker.cancel()
                break
            }
            let now = clock.seconds()
            let needsFrame = !events.isEmpty || state.running != nil || state.isRebuilding || Int(now) != lastSecond
            lastSecond = Int(now)
            events.append(.tick(now: now))
            for event in events {
                for effect in AppUpdate.update(&state, event) {
                    switch effect {
                    case .runStep(let action): worker.send(.step(action))
                    case .cancelStep: worker.cancel()
                    case .quit: quit = true
                    case .redraw: terminal.invalidate()
                    case .save(let path, let text, let revision):
                        if let event = save(path: path, text: text, revision: revision) {
                            if case .fileSaved = event { savedPath = path }
                            _ = AppUpdate.update(&state, event)
                        }
                    case .open(let path):
                        _ = AppUpdate.update(&state, open(path: path))
                    case .externalEditor(let text):
                        _ = AppUpdate.update(&state, edit(text, terminal: terminal))
                    case .copilot(let effect): copilot?.perform(effect, worker: worker)
                    case .replay: break  // replay mode only
                    }
                }
                if quit { break }
            }
            if quit { break }
            if needsFrame {
                AppView.render(state, into: &frame)
                terminal.flush(frame)
                if stats.isOn, !inputs.isEmpty { stats.record((clock.seconds() - inputAt) * 1000) }
            }
        }
        stats.write()
        // Close the episode: stop the agent (it never outlives the workbench), cancel a running step, record the end.
        copilot?.stopAndWait(timeout: 10)
        worker.cancel()
        worker.send(.close(signals.arrived ? "signal" : terminal.isLost ? "terminal lost" : "quit"))
        _ = worker.waitUntilClosed(timeout: 10)
        terminal.end()
        return Outcome(trajectoryPath: worker.trajectoryPath, savedPath: savedPath, unsavedEdits: state.editor.isModified, error: nil)
    }

    private func save(path: String, text: String, revision: Int) -> AppEvent? {
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
