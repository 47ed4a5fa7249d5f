import DojoKit
import Foundation

/// The workbench's behaviour: `update(&state, event)` changes the state and returns the effects
/// the outside world must carry out. Pure, so every interaction is testable without a terminal.
public enum AppUpdate {
    public static func update(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
        var effects: [Effect] = []
        switch event {
        case .key(let key):
            // The picker, the runs browser and the dashboard are the whole screen: no panes, prompts or help under them.
            if state.mode.isWholeScreen { return route(event, &state) ?? [] }
            effects = handle(key, &state)
        case .paste(let text): paste(text, &state)
        case .resize(let width, let height):
            state.width = max(1, width)
            state.height = max(1, height)
        case .tick(let now): state.now = now
        case .episodeStarted(let start):
            state.budget = start.budget
            state.budgetAt = start.at
            state.dataStructure = start.dataStructure
            state.sampleSubmission = start.sampleSubmission
            state.sandbox = start.sandbox
            state.trajectoryPath = start.trajectoryPath
            state.episodeOver = false
            state.taskLines = nil
            state.logs.append("Episode started on \(state.taskID). \(state.keyMap.spoken(.execute)) executes the buffer, \(state.keyMap.spoken(.validate)) validates it, \(state.keyMap.spoken(.help)) shows all keys.", "log.info")
            if let path = start.trajectoryPath { state.logs.append("Trajectory: \(Sanitizer.line(path))", "log.info") }
            if state.history.startedAt == nil { state.history.startedAt = start.at }
        case .stepOutput(let channel, let bytes):
            state.streamed = true
            if channel == .stdout {
                for line in state.stdoutSanitizer.feed(bytes) { state.logs.append(line, "log.stdout") }
            } else {
                for line in state.stderrSanitizer.feed(bytes) { state.logs.append(line, "log.stderr") }
            }
        case .stepFinished(let result):
            finish(result, &state)
            StepHistoryUpdate.record(result, &state)
        case .episodeFailed(let text):
            state.running = nil
            state.episodeOver = true
            state.episodeProblem = "the episode did not start"
            for line in Sanitizer.lines(of: "dojo could not start the episode: \(text)") { state.logs.append(line, "log.error") }
            state.message = .init(text: "the episode did not start (see Logs)", isError: true, at: state.now)
        case .stepFailed(let text):
            state.running = nil
            state.logs.append("dojo could not take the step: \(Sanitizer.line(text))", "log.error")
            state.message = .init(text: "step failed: \(Sanitizer.line(text))", isError: true, at: state.now)
        case .fileOpened(let path, let text):
            state.editor.load(text: text, path: path)
            state.message = .init(text: "opened \(Sanitizer.line(path))", isError: false, at: state.now)
        case .fileSaved(let path, let revision):
            state.editor.path = path
            state.editor.savedRevision = revision
            state.message = .init(text: "saved \(Sanitizer.line(path))", isError: false, at: state.now)
            effects = continueAfterSave(revision: revision, &state)
        case .fileError(let text):
            state.afterSave = nil
            state.message = .init(text: Sanitizer.line(text), isError: true, at: state.now)
        case .editorReturned(let text):
            if text != state.editor.text { state.editor.replaceAll(with: text) }
            state.message = .init(text: "took the buffer back from the editor", isError: false, at: state.now)
        case .fileExists(let path): state.prompt = .init(kind: .confirmOverwrite(path), text: "")
        case .trajectory, .trajectoryFailed, .replay, .agent, .rebuild, .rebuildFinished, .runs, .evalProgress:
            break  // a mode's own news: `route` below
        case .mouse(let mouse): effects = MouseUpdate.handle(mouse, &state)
        case .dataProfile(let answer): DataExplorerUpdate.take(answer, &state)
        case .warmUp(let news): WarmUpUpdate.apply(news, &state)
        }
        switch event {
        case .key, .paste, .mouse, .dataProfile: break  // a mode's keys are routed in `handle`, the picker's paste in `paste`
        default: effects += route(event, &state) ?? []
        }
        keepCursorVisible(&state)
        return effects
    }

    // MARK: modes

    /// The mode's share of an event (its keys, before the workbench's; the rest after): the mode's
    /// state is taken out of `state.mode`, handed to the mode's `ModeUpdate` with the shared
    /// workbench, and put back, so a mode's update never sees another's state. Nil: the mode leaves
    /// the key to the workbench. The one place (with `modeStatus`) that switches on the mode.
    static func route(_ event: AppEvent, _ state: inout AppState) -> [Effect]? {
        switch state.mode {
        case .play: return nil
        case .fork(var fork):
            defer { state.mode = .fork(fork) }
            return ForkUpdate.route(event, &fork, &state)
        case .copilot(var copilot):
            defer { state.mode = .copilot(copilot) }
            return CopilotUpdate.route(event, &copilot, &state)
        case .watch(var watch):
            defer { state.mode = .watch(watch) }
            return WatchUpdate.route(event, &watch, &state)
        case .replay(var replay):
            defer { state.mode = .replay(replay) }
            return ReplayUpdate.route(event, &replay, &state)
        case .picker(var picker):
            defer { state.mode = .picker(picker) }
            return PickerUpdate.route(event, &picker, &state)
        case .runs(var runs):
            defer { state.mode = .runs(runs) }
            return RunsUpdate.route(event, &runs, &state)
        case .dashboard(var dashboard):
            defer { state.mode = .dashboard(dashboard) }
            return DashboardUpdate.route(event, &dashboard, &state)
        }
    }

    /// The mode's part of the status bar: its segments and its hints, from the key map.
    public static func modeStatus(_ state: AppState) -> ModeStatus {
        switch state.mode {
        case .play: playStatus(state.keyMap)
        case .fork(let fork): ForkUpdate.status(fork, state)
        case .copilot(let copilot): CopilotUpdate.status(copilot, state)
        case .watch(let watch): WatchUpdate.status(watch, state)
        case .replay(let replay): ReplayUpdate.status(replay, state)
        case .picker(let picker): PickerUpdate.status(picker, state)
        case .runs(let runs): RunsUpdate.status(runs, state)
        case .dashboard(let dashboard): DashboardUpdate.status(dashboard, state)
        }
    }

    /// A person's episode (play, fork): `human`, and the play keys.
    static func playStatus(_ keys: KeyMap) -> ModeStatus {
        ModeStatus(segments: [StatusSegment("human", priority: 4)],
                   hints: keys.hintLine([(.help, "help"), (.execute, "run"), (.validate, "validate"), (.quit, "quit")]),
                   shortHints: keys.hintLine([(.help, "help")]))
    }

    // MARK: keys

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        if state.isTooSmall {
            let command = state.keyMap.command(for: key, contexts: [.running, .global])
            if command == .quit { return quit(&state) }
            if command == .cancelStep, state.running != nil || state.isRebuilding { return cancel(&state) }
            return []
        }
        if state.prompt != nil { return promptKey(key, &state) }
        if state.showMessages { messagesKey(key, &state); return [] }
        if state.showHelp, helpFilterKey(key, &state) { return [] }
        if state.overlay != nil, !state.showHelp { return OverlayUpdate.handle(key, &state) }
        if !state.showHelp, let effects = route(.key(key), &state) { return effects }
        if !state.showHelp, let effects = StepHistoryUpdate.handle(key, &state) { return effects }
        if state.showHelp {
            let command = state.keyMap.command(for: key, contexts: [.pane, .global])
            switch command {
            case .help, .quit: state.showHelp = false
            case .up: state.helpScroll = max(0, state.helpScroll - 1)
            case .down: state.helpScroll += 1
            case .pageUp: state.helpScroll = max(0, state.helpScroll - 10)
            case .pageDown: state.helpScroll += 10
            default: if key.base == .escape || key.typedCharacter == "q" { state.showHelp = false }
            }
            return []
        }
        var contexts: [KeyMap.Context] = state.running != nil || state.isRebuilding ? [.running] : []
        contexts.append(state.focus == .editor ? .editor : .pane)
        contexts.append(.global)
        if let command = state.keyMap.command(for: key, contexts: contexts) {
            return run(command, &state)
        }
        if key.base == .escape {
            state.editor.anchor = nil
            if state.layout.zoomed != nil { state.layout.zoomed = nil }
            return []
        }
        if state.focus == .editor, let c = key.typedCharacter {
            state.editor.type(c)
        }
        return []
    }

    public static func run(_ command: Command, _ state: inout AppState) -> [Effect] {
        let page = state.contentRect(state.focus)?.height ?? 10
        switch command {
        case .execute, .validate:
            if state.running != nil {
                state.message = .init(text: "a step is already running (\(state.keyMap.hint(.cancelStep)) cancels it)", isError: true, at: state.now)
                return []
            }
            if state.episodeOver {
                state.message = .init(text: state.episodeProblem ?? "the episode is over: its budget is used up", isError: true, at: state.now)
                return []
            }
            if state.isRebuilding {
                ForkUpdate.refuseStep(&state)
                return []
            }
            let action: Action = command == .execute ? .executeCode(state.editor.text) : .validateCode(state.editor.text)
            state.running = .init(action: action.name, startedAt: state.now)
            state.stdoutSanitizer = Sanitizer()
            state.stderrSanitizer = Sanitizer()
            state.streamed = false
            let number = (state.budget?.stepsUsed ?? 0) + 1
            state.logs.append("", "")
            state.logs.append("── step \(number) · \(action.name.rawValue) " + String(repeating: "─", count: 30), "log.info")
            state.logs.follow = true
            return [.runStep(action)]
        case .cancelStep: return cancel(&state)
        case .jumpToError:
            guard let line = state.errorLine else {
                state.message = .init(text: "no traceback points into the solution", isError: true, at: state.now)
                return []
            }
            state.editor.goTo(line: line - 1)
            state.editor.move(.lineStart)
            if state.editor.cursor.column == 0 { state.editor.move(.lineStart) }
            focus(.editor, &state)
            state.message = .init(text: "line \(line): where the last step raised", isError: false, at: state.now)
        case .quit: return quit(&state)
        case .help:
            state.showHelp.toggle()
            state.helpScroll = 0
            state.helpFilter = nil
            state.helpFilterEditing = false
        case .messages:
            state.showMessages.toggle()
            state.messagesScroll = 0
            state.showHelp = false
        case .cycleTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = .init(text: "theme: \(state.theme.name)", isError: false, at: state.now)
        case .redraw: return [.redraw]
        case .focusNext: focus(Pane(rawValue: (state.focus.rawValue + 1) % 4) ?? .editor, &state)
        case .focusPrevious: focus(Pane(rawValue: (state.focus.rawValue + 3) % 4) ?? .editor, &state)
        case .focusTask: focus(.task, &state)
        case .focusEditor: focus(.editor, &state)
        case .focusLogs: focus(.logs, &state)
        case .focusScores: focus(.scores, &state)
        case .zoom: state.layout.zoomed = state.layout.zoomed == nil ? state.focus : nil
        case .growLeft: state.layout.moveColumnSplit(by: -0.05)
        case .growRight: state.layout.moveColumnSplit(by: 0.05)
        case .growUp: state.layout.moveRowSplit(of: state.focus, by: -0.05)
        case .growDown: state.layout.moveRowSplit(of: state.focus, by: 0.05)
        case .cycleTaskView:
            let all = AppState.TaskView.allCases
            state.taskView = all[((all.firstIndex(of: state.taskView) ?? 0) + 1) % all.count]
            state.taskScroll = 0
        case .cycleScoresView:
            let all = ScoreState.View.allCases
            state.scores.view = all[((all.firstIndex(of: state.scores.view) ?? 0) + 1) % all.count]
        case .toggleFollow:
            state.logs.follow.toggle()
            if !state.logs.follow { state.logs.scrollTop = state.logs.top(height: page) }
        case .save:
            guard let path = state.editor.path else {
                state.prompt = .init(kind: .saveAs, text: "", previous: state.defaultSavePath)
                return []
            }
            return [.save(path: path, text: state.editor.text, revision: state.editor.revision)]
        case .saveAs: state.prompt = .init(kind: .saveAs, text: "", previous: state.editor.path ?? state.defaultSavePath)
        case .open: state.prompt = .init(kind: .open, text: "")
        case .externalEditor: return [.externalEditor(state.editor.text)]
        case .find: state.prompt = .init(kind: .find, text: "", previous: state.lastQuery)
        case .findNext: find(state.lastQuery, &state)
        case .gotoLine: state.prompt = .init(kind: .gotoLine, text: "")
        case .undo: state.editor.undo()
        case .redo: state.editor.redo()
        case .cut:
            if state.focus == .editor { state.clipboardIsLines = state.editor.copiesWholeLine }
            if state.focus == .editor { state.clipboard = state.editor.cut() }
        case .copy:
            if state.focus == .editor || state.focus == .logs { state.clipboardIsLines = state.focus == .editor && state.editor.copiesWholeLine }
            if state.focus == .editor {
                state.clipboard = state.editor.copy()
                state.message = .init(text: "copied \(state.clipboard.count) characters", isError: false, at: state.now)
            } else if state.focus == .logs {
                let height = state.contentRect(.logs)?.height ?? 10
                let top = state.logs.top(height: height)
                state.clipboard = state.logs.lines[top..<min(state.logs.lines.count, top + height)].map(\.text).joined(separator: "\n")
                state.message = .init(text: "copied the visible log lines", isError: false, at: state.now)
            }
        case .paste:
            if state.focus == .editor { pasteClipboard(&state) }
        case .selectAll: state.editor.selectAll()
        case .newline: state.editor.newline()
        case .backspace: state.editor.backspace()
        case .deleteForward: state.editor.deleteForward()
        case .deleteWordBackward: state.editor.deleteWordBackward()
        case .indent: state.editor.indent()
        case .dedent: state.editor.dedent()
        case .left, .right, .up, .down, .wordLeft, .wordRight, .lineStart, .lineEnd, .pageUp, .pageDown, .fileStart, .fileEnd:
            move(command, extend: false, page: page, &state)
        case .stepHistory: return StepHistoryUpdate.toggle(&state)
        case .showLeaderboard: return LeaderboardUpdate.open(&state)
        case .showData: return DataExplorerUpdate.open(&state)
        case .toggleMouse: return MouseUpdate.toggle(&state)
        default:
            if let movement = command.movement { move(movement, extend: true, page: page, &state) }
        }
        return []
    }

    static func focus(_ pane: Pane, _ state: inout AppState) {
        state.focus = pane
        state.editor.breakUndoGroup()
        if let zoomed = state.layout.zoomed, zoomed != pane { state.layout.zoomed = pane }
    }

    static func move(_ command: Command, extend: Bool, page: Int, _ state: inout AppState) {
        switch state.focus {
        case .editor: state.editor.move(command, extend: extend, pageHeight: page)
        case .logs:
            switch command {
            case .up: state.logs.scroll(by: -1, height: page)
            case .down: state.logs.scroll(by: 1, height: page)
            case .pageUp: state.logs.scroll(by: -page, height: page)
            case .pageDown: state.logs.scroll(by: page, height: page)
            case .fileStart: state.logs.scrollToTop()
            case .fileEnd: state.logs.scrollToBottom()
            default: break
            }
        case .task:
            switch command {
            case .up: state.taskScroll = max(0, state.taskScroll - 1)
            case .down: state.taskScroll += 1
            case .pageUp: state.taskScroll = max(0, state.taskScroll - page)
            case .pageDown: state.taskScroll += page
            case .fileStart: state.taskScroll = 0
            case .fileEnd: state.taskScroll = Int.max / 2
            default: break
            }
        case .scores:
            switch command {
            case .up, .pageUp: state.scores.tableScroll = max(0, state.scores.tableScroll - (command == .up ? 1 : page))
            case .down, .pageDown: state.scores.tableScroll += command == .down ? 1 : page
            default: break
            }
        }
    }

    static func cancel(_ state: inout AppState) -> [Effect] {
        if state.running == nil, case .fork(var fork) = state.mode, fork.rebuilding {
            defer { state.mode = .fork(fork) }
            return ForkUpdate.cancel(&fork, &state)
        }
        guard state.running != nil else { return [] }
        state.running?.cancelling = true
        state.message = .init(text: "cancelling the step…", isError: false, at: state.now)
        return [.cancelStep]
    }

    static func quit(_ state: inout AppState) -> [Effect] {
        if state.editor.isModified {
            state.prompt = .init(kind: .confirmQuit, text: "", subject: Sanitizer.line(bufferTitle(state)))
            return []
        }
        return quitUnlessKeptIsLost(&state)
    }

    static func find(_ query: String, _ state: inout AppState) {
        guard !query.isEmpty else { return }
        let found: Bool
        if state.focus == .logs {
            found = state.logs.find(query, height: state.contentRect(.logs)?.height ?? 10)
        } else {
            focus(.editor, &state)
            found = state.editor.find(query)
        }
        if !found { state.message = .init(text: "not found: \(query)", isError: true, at: state.now) }
    }

    // MARK: prompt

    static func promptKey(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        if let effects = confirm(key, prompt, &state) { return effects }
        switch key.base {
        case .escape:
            state.prompt = nil
            state.afterSave = nil
            return []
        case .enter:
            state.prompt = nil
            return submit(prompt, &state)
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
        default:
            if key.ctrl, case .character("c") = key.base { state.prompt = nil; state.afterSave = nil; return [] }
            if key.ctrl, case .character("q") = key.base { state.prompt = nil; state.afterSave = nil; return [] }
            _ = PromptLine.edit(key, &prompt.text, previous: prompt.previous)
        }
        state.prompt = prompt
        return []
    }

    static func submit(_ prompt: AppState.Prompt, _ state: inout AppState) -> [Effect] {
        let text = prompt.text
        switch prompt.kind {
        case .find:
            state.lastQuery = text.isEmpty ? prompt.previous : text
            find(state.lastQuery, &state)
        case .gotoLine:
            guard let line = Int(text.trimmingTrailingSpaces().trimmingLeadingSpaces()), line >= 1 else {
                state.message = .init(text: "not a line number: \(text)", isError: true, at: state.now)
                return []
            }
            state.editor.goTo(line: line - 1)
            focus(.editor, &state)
        case .open: return openFile(text, &state)
        case .saveAs: return saveAs(text.isEmpty ? prompt.previous : text, &state)
        case .confirmQuit, .confirmOpen, .confirmOverwrite, .confirmQuitKept: break
        }
        return []
    }

    // MARK: paste

    static func paste(_ text: String, _ state: inout AppState) {
        if case .picker(var picker) = state.mode {
            PickerUpdate.paste(text, &picker)
            state.mode = .picker(picker)
            return
        }
        if case .runs(var runs) = state.mode {
            RunsUpdate.paste(text, &runs)
            state.mode = .runs(runs)
            return
        }
        if state.mode.isWholeScreen { return }
        if var prompt = state.prompt {
            prompt.text += Sanitizer.line(String(text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }))
            state.prompt = prompt
            return
        }
        guard !state.isTooSmall, !state.showHelp, !state.mode.isReadOnly, state.overlay == nil else { return }
        if state.focus != .editor { focus(.editor, &state) }
        state.editor.insert(text)
        state.message = .init(text: "pasted \(text.split(separator: "\n", omittingEmptySubsequences: false).count) lines (\(state.keyMap.hint(.undo)) undoes the paste)", isError: false, at: state.now)
    }

    // MARK: step results

    static func finish(_ result: StepResult, _ state: inout AppState) {
        state.running = nil
        let observation = result.observation
        for (sanitizer, scope) in [(\AppState.stdoutSanitizer, "log.stdout"), (\AppState.stderrSanitizer, "log.stderr")] {
            if let rest = state[keyPath: sanitizer].finish() { state.logs.append(rest, scope) }
        }
        logObservation(observation, streamed: state.streamed, &state)
        state.errorLine = result.errorLine
        if let line = result.errorLine {
            state.logs.append("→ the traceback points at line \(line) of the buffer: \(state.keyMap.hint(.jumpToError)) jumps there", "log.warning")
        }
        let graded = state.take(observation, at: result.at)
        if observation.truncated { state.episodeOver = true }
        if let graded {
            let submission = graded.submission
            state.message = .init(text: "step \(observation.step): \(submission.metric) \(format(graded.raw)) · \(submission.boardKind.rankLabel) \(format(graded.rank, digits: 3))",
                                  isError: false, at: state.now)
        } else {
            state.message = .init(text: "step \(observation.step): \(observation.status == .ok ? "ok" : "error")",
                                  isError: observation.status != .ok, at: state.now)
        }
    }

    /// The observation's output in the Logs pane: stdout and stderr (unless streamed), how the run
    /// ended, and the feedback; sanitised. Shared by play and watch modes.
    static func logObservation(_ observation: Observation, streamed: Bool, _ state: inout AppState) {
        if !streamed, let execution = observation.execution {
            for line in Sanitizer.lines(of: execution.stdout) { state.logs.append(line, "log.stdout") }
            for line in Sanitizer.lines(of: execution.stderr) { state.logs.append(line, "log.stderr") }
        }
        if let execution = observation.execution {
            let seconds = String(format: "%.2f", Double(execution.durationMs) / 1000)
            let how = execution.cancelled == true ? "cancelled" : execution.timedOut ? "timed out"
                : execution.exitCode.map { "exit \($0)" } ?? "signal \(execution.signal ?? 0)"
            state.logs.append("\(how) · \(seconds) s", execution.exitCode == 0 && !execution.timedOut ? "log.success" : "log.error")
        }
        for line in Sanitizer.lines(of: observation.feedback) {
            let scope = line.hasPrefix("  - ") || line.hasPrefix("Error:") || line.contains("failed") || line.hasPrefix("Submission: invalid")
                ? "log.error" : line.hasPrefix("Likely cause") ? "log.warning" : "log.info"
            state.logs.append(line, scope)
        }
        StepDisplay.logInfo(observation, &state)
    }

    public static func format(_ value: Double, digits: Int = 4) -> String {
        if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.\(digits)f", value)
    }

    // MARK: view upkeep

    /// Keeps the editor's cursor on screen and its highlighting current for what is shown.
    static func keepCursorVisible(_ state: inout AppState) {
        if let task = state.contentRect(.task) {
            let key = AppState.TaskLinesKey(view: state.taskView, width: task.width - 1)
            if state.taskLines?.key != key { state.taskLines = (key, state.renderTaskLines(width: key.width)) }
            state.taskScroll = min(state.taskScroll, max(0, (state.taskLines?.lines.count ?? 0) - task.height))
        }
        guard let rect = state.editorTextRect else { return }
        state.editor.scrollToCursor(height: rect.height, width: max(1, rect.width - 1))
        state.editor.updateHighlight(through: state.editor.scrollTop + rect.height)
    }
}
