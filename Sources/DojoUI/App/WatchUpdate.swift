import DojoKit

/// Watch mode's behaviour: the trajectory's events fill the panes, and a few keys move between
/// steps. Everything that would change the buffer or take a step is refused: the mode is read-only.
public enum WatchUpdate: ModeUpdate {
    /// Watch's share of an event: what the follower read, or that the file can no longer be read.
    static func update(_ event: AppEvent, _ watch: inout WatchState, _ state: inout AppState) -> [Effect] {
        switch event {
        case .trajectory(let update): apply(update, &watch, &state)
        case .trajectoryFailed(let text):
            watch.problem = text
            state.message = .init(text: Sanitizer.line(text), isError: true, at: state.now)
        default: break
        }
        return []
    }

    static func apply(_ update: TrajectoryFollower.Update, _ watch: inout WatchState, _ state: inout AppState) {
        if let header = update.header {
            state.taskID = header.task
            state.logs.append("Watching \(Sanitizer.line(watch.source)) (task \(Sanitizer.line(header.task)), seed \(header.seed))", "log.info")
        }
        for damaged in update.damaged {
            watch.damagedLines += 1
            state.message = .init(text: "line \(damaged.line) of the trajectory is damaged: \(Sanitizer.line(damaged.reason))", isError: true, at: state.now)
        }
        for event in update.events {
            switch event {
            case .step(let record):
                watch.steps.append(record)
                state.take(record.observation, at: state.now)
                if watch.following { show(watch.steps.count - 1, &watch, &state) }
            case .note(let note):
                watch.notes.append(note)
                let shown = watch.viewed.map { watch.steps[$0].observation.step } ?? 0
                if (note.step ?? 0) == shown { StepDisplay.logNote(note, &state) }
            case .control(let record):
                // Co-pilot hand-overs: said where the person watching looks, since the step list does not show them.
                let text = "control passed to the \(record.to == .human ? "person" : "agent")"
                    + (record.reason.map { " (\(Sanitizer.line($0)))" } ?? "")
                state.logs.append(text, "log.info")
                state.message = .init(text: text, isError: false, at: state.now)
            case .end(let record):
                watch.endReason = record.reason
                state.episodeOver = true
                state.episodeProblem = "the episode ended (\(record.reason))"
                state.message = .init(text: "the episode ended: \(Sanitizer.line(record.reason))", isError: false, at: state.now)
            }
        }
    }

    /// Keys watch mode handles itself, through the key map's watch context (so `[keys]` in the config
    /// rebinds them); nil lets the usual key map handle the rest (moving, panes, help).
    static func handle(_ key: Key, _ watch: inout WatchState, _ state: inout AppState) -> [Effect]? {
        if state.isTooSmall { return nil }
        let count = watch.steps.count
        let viewed = watch.viewed
        let command = state.keyMap.command(for: key, contexts: [.watch, state.focus == .editor ? .editor : .pane, .global])
        switch command {
        case .quit: return [.quit]
        case .watchNext:
            if let viewed, viewed + 1 < count {
                show(viewed + 1, &watch, &state)
                if viewed + 2 == count { watch.following = true }
            } else {
                watch.following = true
                state.message = .init(text: "no later step yet; following", isError: false, at: state.now)
            }
            return []
        case .watchPrevious:
            if let viewed, viewed > 0 {
                watch.following = false
                show(viewed - 1, &watch, &state)
            } else {
                state.message = .init(text: "this is the first step", isError: false, at: state.now)
            }
            return []
        case .watchFollow:
            follow(&watch, &state)
            return []
        default: break
        }
        if let command, Command.editing.contains(command) {
            state.message = .init(text: "watch mode is read-only (\(hints(state.keyMap, separator: ", ").dropLast()))", isError: true, at: state.now)
            return []
        }
        if command == nil, key.typedCharacter != nil { return [] }
        return nil
    }

    /// The status bar's hints, from the key map: `n/p step  f follow  q quit `.
    public static func hints(_ keys: KeyMap, separator: String = "  ") -> String {
        let step = "\(keys.shortHint(.watchNext, in: .watch))/\(keys.shortHint(.watchPrevious, in: .watch)) step"
        return [step, "\(keys.shortHint(.watchFollow, in: .watch)) follow", "\(keys.shortHint(.quit, in: .watch)) quit"]
            .joined(separator: separator) + " "
    }

    /// Watch's part of the status bar: live or ended, the step in view, following or paused.
    static func status(_ watch: WatchState, _ state: AppState) -> ModeStatus {
        let keys = state.keyMap
        let shown = watch.viewed.map { "step \(watch.steps[$0].observation.step)" } ?? "no step yet"
        var status = ModeStatus(segments: [
            StatusSegment("watch", priority: 4),
            StatusSegment(watch.status, watch.endReason == nil && watch.problem == nil ? "ui.statusline.running" : "ui.statusline.error", priority: 0),
            StatusSegment("\(shown) of \(watch.steps.count)\(watch.following ? "" : " · paused")", priority: 1),
        ], hints: hints(keys), shortHints: keys.hintLine([(.quit, "quit")], in: .watch))
        status.readOnly = true
        return status
    }

    /// The help overlay's lines in watch mode: the watch keys first.
    static func help(_ keys: KeyMap) -> [StyledLine] {
        [
            StyledLine("Watch mode (read-only)", "ui.popup.title"),
            StyledLine("  Only the keys below work: nothing here edits the buffer or takes a step.", "ui.popup"),
            StyledLine(),
        ] + keys.helpLines(contexts: [.watch, .global, .pane], refused: Command.readOnlyRefused, summaries: Command.readOnlySummaries)
    }

    static func follow(_ watch: inout WatchState, _ state: inout AppState) {
        watch.following = true
        if !watch.steps.isEmpty { show(watch.steps.count - 1, &watch, &state) }
        state.message = .init(text: "following the newest step", isError: false, at: state.now)
    }

    /// Puts step `index` in view: its code in the editor, its output in the logs.
    static func show(_ index: Int, _ watch: inout WatchState, _ state: inout AppState) {
        guard watch.steps.indices.contains(index) else { return }
        watch.viewed = index
        StepDisplay.putCode(watch.steps[index], &state)
        state.logs.clear()
        StepDisplay.log(watch.steps[index], notes: watch.notes, &state)
        state.logs.follow = true
    }
}
