import DojoKit

/// Watch mode's behaviour: the trajectory's events fill the panes, and a few keys move between
/// steps. Everything that would change the buffer or take a step is refused: the mode is read-only.
public enum WatchUpdate {
    /// The commands watch mode refuses.
    static let editing: Set<Command> = [
        .execute, .validate, .cancelStep, .save, .saveAs, .open, .externalEditor, .cut, .paste, .undo, .redo,
        .newline, .backspace, .deleteForward, .deleteWordBackward, .indent, .dedent, .jumpToError,
    ]

    static func apply(_ update: TrajectoryFollower.Update, _ state: inout AppState) {
        guard state.watch != nil else { return }
        if let header = update.header {
            state.taskID = header.task
            state.logs.append("Watching \(Sanitizer.line(state.watch?.source ?? "")) (task \(Sanitizer.line(header.task)), seed \(header.seed))", "log.info")
        }
        for damaged in update.damaged {
            state.watch?.damagedLines += 1
            state.message = .init(text: "line \(damaged.line) of the trajectory is damaged: \(Sanitizer.line(damaged.reason))", isError: true, at: state.now)
        }
        for event in update.events {
            switch event {
            case .step(let record):
                state.watch?.steps.append(record)
                let observation = record.observation
                state.budget = observation.budget
                state.budgetAt = state.now
                state.best = observation.best
                if observation.action == .executeCode, let submission = observation.submission, submission.valid,
                   let raw = submission.rawScore, let rank = submission.humanRank {
                    state.scores.points.append(.init(step: observation.step, rawScore: raw, rankScore: rank, medal: submission.medal))
                    if let best = observation.best, best.step == observation.step { state.bestMedal = submission.medal }
                }
                if state.watch?.following == true, let count = state.watch?.steps.count { show(count - 1, &state) }
            case .note(let note):
                state.watch?.notes.append(note)
                let shown = state.watch?.viewed.flatMap { state.watch?.steps[$0].observation.step } ?? 0
                if (note.step ?? 0) == shown { logNote(note, &state) }
            case .control(let record):
                // Co-pilot hand-overs: said where the person watching looks, since the step list does not show them.
                let text = "control passed to the \(record.to == .human ? "person" : "agent")"
                    + (record.reason.map { " (\(Sanitizer.line($0)))" } ?? "")
                state.logs.append(text, "log.info")
                state.message = .init(text: text, isError: false, at: state.now)
            case .end(let record):
                state.watch?.endReason = record.reason
                state.episodeOver = true
                state.episodeProblem = "the episode ended (\(record.reason))"
                state.message = .init(text: "the episode ended: \(Sanitizer.line(record.reason))", isError: false, at: state.now)
            }
        }
    }

    /// Keys watch mode handles itself, through the key map's watch context (so `[keys]` in the config
    /// rebinds them); nil lets the usual key map handle the rest (moving, panes, help).
    static func handle(_ key: Key, _ state: inout AppState) -> [Effect]? {
        if state.isTooSmall { return nil }
        let count = state.watch?.steps.count ?? 0
        let viewed = state.watch?.viewed
        let command = state.keyMap.command(for: key, contexts: [.watch, state.focus == .editor ? .editor : .pane, .global])
        switch command {
        case .quit: return [.quit]
        case .watchNext:
            if let viewed, viewed + 1 < count {
                show(viewed + 1, &state)
                if viewed + 2 == count { state.watch?.following = true }
            } else {
                state.watch?.following = true
                state.message = .init(text: "no later step yet; following", isError: false, at: state.now)
            }
            return []
        case .watchPrevious:
            if let viewed, viewed > 0 {
                state.watch?.following = false
                show(viewed - 1, &state)
            } else {
                state.message = .init(text: "this is the first step", isError: false, at: state.now)
            }
            return []
        case .watchFollow:
            follow(&state)
            return []
        default: break
        }
        if let command, editing.contains(command) {
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

    static func follow(_ state: inout AppState) {
        state.watch?.following = true
        if let count = state.watch?.steps.count, count > 0 { show(count - 1, &state) }
        state.message = .init(text: "following the newest step", isError: false, at: state.now)
    }

    /// Puts step `index` in view: its code in the editor, its output in the logs.
    static func show(_ index: Int, _ state: inout AppState) {
        guard let watch = state.watch, watch.steps.indices.contains(index) else { return }
        state.watch?.viewed = index
        StepDisplay.putCode(watch.steps[index], &state)
        state.logs.clear()
        StepDisplay.log(watch.steps[index], notes: watch.notes, &state)
        state.logs.follow = true
    }

    static func logNote(_ note: NoteRecord, _ state: inout AppState) { StepDisplay.logNote(note, &state) }
}
