import DojoKit

/// Play's run history (issue 17, friction 6): every step of the episode, recorded as it finishes
/// (so the list grows live while stepping), shown on a key (`step_history`, Alt-Y) as replay's step
/// list in the Task pane; while the list has the focus, the Editor pane shows the diff of the step at
/// the cursor against the marked one (`history_mark`) or the previous executed step. The buffer is
/// never touched: focusing the editor shows it again. Play, fork and co-pilot have it; watch and
/// replay have their own step lists.
public enum StepHistoryUpdate {
    /// A step finished: its row, and the cursor follows it when it was on the newest row.
    static func record(_ result: StepResult, _ state: inout AppState) {
        var history = state.history
        defer { state.history = history }
        let observation = result.observation
        let position = history.entries.count
        let t = history.startedAt.map { result.at - $0 } ?? 0
        let action = result.action ?? Self.codeless(observation.action)
        let record = StepRecord(index: observation.step, t: t, actor: result.actor ?? .human, action: action, observation: observation)
        let summary = StepSummary(record, position: position, line: 0, offset: 0, length: 0)
        let submission = observation.submission
        let place = submission?.position.flatMap { $0.private ?? $0.public }
        history.entries.append(.init(summary: summary, code: result.action?.code, durationMs: observation.execution?.durationMs,
                                     boardPosition: submission?.valid == true && observation.action == .executeCode ? place : nil))
        if history.cursor + 1 >= position { history.cursor = position }
        keepListVisible(&history, state)
    }

    /// A stand-in of the step's kind for its summary when the result did not carry the action (its
    /// name is all the summary reads); the entry then has no code to diff.
    static func codeless(_ name: ActionName) -> Action {
        switch name {
        case .executeCode: .executeCode("")
        case .validateCode: .validateCode("")
        case .requestInfo: .requestInfo(.overview)
        case .getHistory: .getHistory
        case .reset: .reset
        }
    }

    /// `step_history`: the list on or off.
    static func toggle(_ state: inout AppState) -> [Effect] {
        if state.mode.isReadOnly {
            let how = state.mode.replay != nil ? "\(state.keyMap.shortHint(.replayToggleSteps, in: .replay)) shows the step list"
                : "\(state.keyMap.shortHint(.watchNext, in: .watch))/\(state.keyMap.shortHint(.watchPrevious, in: .watch)) move between the steps"
            state.message = .init(text: "the run history is play's: here \(how)", isError: true, at: state.now)
            return []
        }
        if state.history.open { return close(&state) }
        state.history.open = true
        state.focus = .task
        keepListVisible(&state.history, state)
        let keys = state.keyMap
        let count = state.history.entries.count
        state.message = .init(text: "history of \(count) step\(count == 1 ? "" : "s"): ↑↓ move, \(keys.shortHint(.historyMark, in: .history)) marks the diff's base, "
                              + "\(keys.shortHint(.historyClose, in: .history)) closes", isError: false, at: state.now)
        return []
    }

    static func close(_ state: inout AppState) -> [Effect] {
        state.history.open = false
        if state.focus == .task { state.focus = .editor }
        return []
    }

    /// Keys while the list is open and has the focus; nil leaves the key to the workbench.
    static func handle(_ key: Key, _ state: inout AppState) -> [Effect]? {
        guard state.history.open, !state.mode.isReadOnly, state.prompt == nil else { return nil }
        let command = state.keyMap.command(for: key, contexts: [.history, .pane, .global])
        // F2 shows the task's views: the list gives the pane back.
        if command == .cycleTaskView { return close(&state) }
        guard state.focus == .task else { return nil }
        var history = state.history
        defer { state.history = history }
        let count = history.entries.count
        let page = max(1, (state.contentRect(.task)?.height ?? 10) - 1)
        var target: Int?
        switch command {
        case .historyClose:
            history.open = false
            state.focus = .editor
            return []
        case .historyMark:
            guard count > 0 else { return [] }
            history.base = history.base == history.cursor ? nil : history.cursor
            let step = history.entries[history.cursor].summary.step
            state.message = .init(text: history.base == nil ? "unmarked: the diff is against the previous executed step"
                                  : "marked step \(step): the diff is against it", isError: false, at: state.now)
            history.diffScroll = 0
            return []
        case .up: target = history.cursor - 1
        case .down: target = history.cursor + 1
        case .pageUp: target = history.cursor - page
        case .pageDown: target = history.cursor + page
        case .fileStart: target = 0
        case .fileEnd: target = count - 1
        case nil:
            // Typed text does not leak into the hidden buffer.
            return key.typedCharacter != nil ? [] : nil
        default: return nil
        }
        if let target, count > 0 {
            history.cursor = max(0, min(count - 1, target))
            history.diffScroll = 0
            keepListVisible(&history, state)
        }
        return []
    }

    /// The mouse: a click on the list's row `row` (below its header) puts the cursor on that step.
    static func click(row: Int, rows: Int, _ state: inout AppState) {
        let history = state.history
        let top = min(max(history.listTop, history.cursor - rows + 1), history.cursor)
        guard top + row < history.entries.count else { return }
        move(to: top + row, &state)
    }

    /// Puts the cursor on a step (clamped), its diff from the top.
    static func move(to position: Int, _ state: inout AppState) {
        guard !state.history.entries.isEmpty else { return }
        state.history.cursor = max(0, min(state.history.entries.count - 1, position))
        state.history.diffScroll = 0
        keepListVisible(&state.history, state)
    }

    static func keepListVisible(_ history: inout StepHistory, _ state: AppState) {
        let rows = max(1, (state.contentRect(.task)?.height ?? 10) - 1)
        var top = history.listTop
        if history.cursor < top { top = history.cursor }
        if history.cursor >= top + rows { top = history.cursor - rows + 1 }
        history.listTop = max(0, min(top, max(0, history.entries.count - rows)))
    }

    /// The list shows in the Task pane.
    static func showsList(_ state: AppState) -> Bool { state.history.open && !state.mode.isReadOnly }

    /// The diff shows in the Editor pane while the list has the focus.
    static func showsDiff(_ state: AppState) -> Bool { showsList(state) && state.focus == .task }

    /// The titles of the Task and Editor panes while the history is open.
    static func title(_ pane: Pane, _ state: AppState) -> (String, String)? {
        guard showsList(state) else { return nil }
        let keys = state.keyMap
        switch pane {
        case .task:
            return (" History · \(state.history.entries.count) step\(state.history.entries.count == 1 ? "" : "s")",
                    "\(keys.shortHint(.historyClose, in: .history)) close ")
        case .editor where showsDiff(state):
            return (" Editor · \(state.history.diff().title)", "read-only ")
        default: return nil
        }
    }
}
