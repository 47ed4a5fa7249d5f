import DojoKit

/// Replay mode's behaviour (`dojo replay A [B]`): moving through recorded steps, timed playback,
/// diffs, search, notes, bookmarks and fork. Read-only: nothing here changes a trajectory. Records are
/// loaded through `ReplayEffect.load` and arrive as `ReplayEvent.loaded`, so update stays pure.
public enum ReplayUpdate: ModeUpdate {
    /// The status bar's hints, from the key map: `space play  d diff  b best  / search  F1 help  q quit `.
    public static func hints(_ keys: KeyMap) -> String {
        keys.hintLine([(.replayPlay, "play"), (.replayDiff, "diff"), (.replayBest, "best"), (.replaySearch, "search"),
                       (.help, "help"), (.quit, "quit")], in: .replay)
    }

    /// Replay's part of the status bar: the position, playback, the runs and how they ended.
    static func status(_ replay: ReplayState, _ state: AppState) -> ModeStatus {
        let keys = state.keyMap
        var segments = [StatusSegment("replay", priority: 4), StatusSegment(replay.position, priority: 0),
                        StatusSegment(replay.playbackLabel, replay.playback.playing ? "ui.statusline.running" : "ui.statusline", priority: 0),
                        StatusSegment(Sanitizer.line(replay.runs.map(\.name).joined(separator: " vs ")), priority: 1)]
        let ends = replay.runs.map { $0.endReason.map { "ended (\($0))" } ?? "no end record" }
        segments.append(StatusSegment(Sanitizer.line(ends.joined(separator: " / ")), priority: replay.isComparing ? 3 : 1))
        if replay.searching { segments.append(StatusSegment("searching…", "ui.statusline.running", priority: 0)) }
        var status = ModeStatus(segments: segments, hints: hints(keys), shortHints: keys.hintLine([(.quit, "quit")], in: .replay))
        status.readOnly = true
        status.bestPriority = 5
        status.showsSandbox = false
        status.prompt = replay.prompt.map { ($0.label, $0.text) }
        return status
    }

    /// The help overlay's lines in replay: the replay keys first.
    static func help(_ keys: KeyMap) -> [StyledLine] {
        [StyledLine("Replay (read-only): only these keys work; \(keys.shortHint(.replayFork, in: .replay)) forks a new episode", "ui.popup.title"),
         StyledLine()]
            + keys.helpLines(contexts: [.replay, .global, .pane], refused: Command.readOnlyRefused, summaries: Command.readOnlySummaries)
    }

    /// Replay's share of an event: the answers to its effects, and playback on the clock.
    static func update(_ event: AppEvent, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        switch event {
        case .replay(let news): apply(news, &replay, &state)
        case .tick: tick(&replay, &state)
        default: []
        }
    }

    /// The opening, for the program that runs a replay: see `start(_:_:)`.
    public static func start(_ state: inout AppState) -> [Effect] {
        guard case .replay(var replay) = state.mode else { return [] }
        defer { state.mode = .replay(replay) }
        return start(&replay, &state)
    }

    /// The opening: the chart, the log's summary of the file(s), and the first step's records.
    static func start(_ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        state.scores.points = points(replay.runs[0].steps)
        if replay.isComparing {
            state.scores.overlay = .init(name: "B: \(replay.runs[1].name)", points: points(replay.runs[1].steps))
            state.scores.seriesName = "A: \(replay.runs[0].name)"
        }
        if let best = replay.runs[0].bestPosition {
            let summary = replay.runs[0].steps[best]
            state.best = BestSoFar(rawScore: summary.rawScore ?? 0, humanRank: summary.rankScore ?? 0, step: summary.step)
            state.bestMedal = summary.medal
        }
        state.episodeOver = true
        state.episodeProblem = "this is a replay: f forks a new episode from the step in view"
        state.focus = .task
        var notices: [StyledLine] = []
        for (i, run) in replay.runs.enumerated() {
            let label = replay.isComparing ? (i == 0 ? "A: " : "B: ") : ""
            say("replaying \(label)\(run.steps.count) steps by \(run.agent) on \(run.task)", error: false, &state)
            if run.damagedLines > 0 {
                notices.append(StyledLine("\(label)\(run.damagedLines) damaged line\(run.damagedLines == 1 ? "" : "s") in \(Sanitizer.line(run.name)) skipped"
                                          + lineList(run.damagedLineNumbers), "log.error"))
            }
            if !run.annotations.damaged.isEmpty {
                let count = run.annotations.damaged.count
                notices.append(StyledLine("\(label)\(count) damaged line\(count == 1 ? "" : "s") in \(Sanitizer.line(run.annotations.sidecar.lastPathComponent)) skipped"
                                          + lineList(run.annotations.damaged.map(\.line)), "log.error"))
            }
        }
        if replay.isComparing, replay.runs[0].task != replay.runs[1].task {
            notices.append(StyledLine("warning: the runs are on different tasks (\(Sanitizer.line(replay.runs[0].task)) and \(Sanitizer.line(replay.runs[1].task))); their scores are not comparable", "log.warning"))
        }
        if let first = notices.first { say(first.text, error: true, &state) }
        replay.notices = notices
        return refresh(&replay, &state)
    }

    static func points(_ steps: [StepSummary]) -> [ScoreState.Point] {
        steps.compactMap { summary in
            summary.rawScore.map { ScoreState.Point(step: summary.step, rawScore: $0, rankScore: summary.rankScore ?? 0, medal: summary.medal) }
        }
    }

    // MARK: events

    static func apply(_ event: ReplayEvent, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        switch event {
        case .loaded(let records, let failures):
            for (key, record) in records { replay.loaded[key] = record }
            for (key, why) in failures { replay.loadErrors[key] = why }
            if let why = failures.values.first { say("cannot read the step: \(why)", error: true, &state) }
            return refresh(&replay, &state)
        case .searched(let query, let position):
            replay.searching = false
            guard let position else {
                say("no step's code or output contains \"\(query)\"", error: true, &state)
                return []
            }
            let effects = go(to: position, &replay, &state)
            say("\"\(query)\" found at step \(replay.summary(.a)?.step ?? position + 1)", error: false, &state)
            return effects
        case .searchFailed(let why):
            replay.searching = false
            say("search failed: \(why)", error: true, &state)
        case .annotated(let annotations, let what):
            replay.runs[0].annotations = annotations
            switch what {
            case .note(let step, _): say("note on step \(step) saved to \(annotations.sidecar.lastPathComponent)", error: false, &state)
            case .bookmark(let step, let on): say("\(on ? "bookmarked" : "removed the bookmark of") step \(step)", error: false, &state)
            }
            show(&replay, &state)
        case .annotationFailed(let why): say(why, error: true, &state)
        case .forkEnded(let text, let isError):
            say(text, error: isError, &state)
            state.logs.append(Sanitizer.line(text), isError ? "log.error" : "log.info")
            return [.redraw]
        case .forkSaved(let outcome):
            forkSaved(outcome, &replay, &state)
            return [.redraw]
        }
        return []
    }

    /// Playback: moves on when the next step is due on the state's clock.
    static func tick(_ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        guard replay.playback.playing, var due = replay.playback.nextAt, state.now >= due else { return [] }
        // Far behind (the terminal was with a fork, the machine slept): one step, then on from now, no racing.
        let stalled = state.now - due > 1
        if stalled { due = state.now }
        var cursor = replay.cursor
        while state.now >= due {
            cursor += 1
            guard cursor + 1 < replay.stepCount, let wait = wait(after: cursor, replay) else {
                replay.playback.playing = false
                replay.playback.nextAt = nil
                say("played to the last step", error: false, &state)
                break
            }
            due += wait
        }
        if replay.playback.playing == true { replay.playback.nextAt = due }
        return move(to: min(cursor, replay.stepCount - 1), &replay, &state)
    }

    /// How long the step after `position` waits: the recorded gap (capped) divided by the speed.
    static func wait(after position: Int, _ replay: ReplayState) -> Double? {
        let playback = replay.playback
        guard position + 1 < replay.stepCount else { return nil }
        if playback.stepsOnly { return ReplayState.Playback.stepsOnlyInterval / Double(playback.speed) }
        let steps = replay.runs.first { $0.steps.count > position + 1 }?.steps ?? []
        guard steps.count > position + 1 else { return nil }
        let gap = max(0, steps[position + 1].t - steps[position].t)
        return min(gap, ReplayState.Playback.longestGap) / Double(playback.speed)
    }

    // MARK: keys

    /// Keys replay mode handles; nil lets the usual key map handle the rest (panes, zoom, help, theme, scrolling).
    static func handle(_ key: Key, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect]? {
        if replay.prompt != nil { return promptKey(key, &replay, &state) }
        let command = state.keyMap.command(for: key, contexts: [.replay, state.focus == .editor ? .editor : .pane, .global])
        if let command, let effects = run(command, &replay, &state) { return effects }
        if let command, Command.editing.contains(command) {
            say("replay is read-only: f forks a new episode from this step", error: true, &state)
            return []
        }
        if command == .cycleTaskView { replay.showSteps = false }
        if command == nil, key.typedCharacter != nil {
            say("replay is read-only (F1 lists the keys)", error: true, &state)
            return []
        }
        return nil
    }

    /// Runs a replay command, or a movement the step list or diff handles; nil for the rest.
    static func run(_ command: Command, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect]? {
        let count = replay.stepCount
        let page = max(1, (state.contentRect(state.focus)?.height ?? 10) - 1)
        let onList = state.focus == .task && replay.showSteps
        switch command {
        case .replayNext: return go(to: replay.cursor + 1, &replay, &state)
        case .replayPrevious: return go(to: replay.cursor - 1, &replay, &state)
        case .replayFirst: return go(to: 0, &replay, &state)
        case .replayLast: return go(to: count - 1, &replay, &state)
        case .up where onList: return go(to: replay.cursor - 1, &replay, &state)
        case .down where onList: return go(to: replay.cursor + 1, &replay, &state)
        case .pageUp where onList: return go(to: replay.cursor - page, &replay, &state)
        case .pageDown where onList: return go(to: replay.cursor + page, &replay, &state)
        case .fileStart where onList: return go(to: 0, &replay, &state)
        case .fileEnd where onList: return go(to: count - 1, &replay, &state)
        case .up, .down, .pageUp, .pageDown, .fileStart, .fileEnd:
            guard state.focus == .editor, let lines = replay.diffLines else { return nil }
            let height = state.contentRect(.editor)?.height ?? 10
            let bottom = max(0, lines.count - height)
            let scroll: Int = switch command {
            case .up: replay.diffScroll - 1
            case .down: replay.diffScroll + 1
            case .pageUp: replay.diffScroll - height
            case .pageDown: replay.diffScroll + height
            case .fileStart: 0
            default: bottom
            }
            replay.diffScroll = max(0, min(bottom, scroll))
            return []
        case .replayGoto:
            replay.prompt = .init(kind: .gotoStep, step: 0)
        case .replayBest:
            guard let best = replay.runs[0].bestPosition else {
                say("no step has a score", error: true, &state)
                return []
            }
            let effects = go(to: best, &replay, &state)
            say("★ the best step", error: false, &state)
            return effects
        case .replayNextError:
            guard let next = replay.runs[0].steps.first(where: { $0.position > replay.cursor && $0.isError })?.position else {
                let step = replay.summary(.a)?.step.description ?? "\(replay.cursor + 1)"
                say("no further error after step \(step)", error: false, &state)
                return []
            }
            return go(to: next, &replay, &state)
        case .replayNextImprovement:
            guard let next = replay.runs[0].improvementPositions.first(where: { $0 > replay.cursor }) else {
                say("no later step improved on the best score", error: true, &state)
                return []
            }
            let effects = go(to: next, &replay, &state)
            say("an improvement: better than every earlier step", error: false, &state)
            return effects
        case .replaySearch:
            // Empty, as in less and vim: typing starts a new query; Enter alone repeats the last one.
            replay.prompt = .init(kind: .search, text: "", step: 0, previous: replay.lastSearch)
        case .replaySearchNext, .replaySearchPrevious:
            guard !replay.lastSearch.isEmpty else {
                say("no search yet: / searches every step", error: true, &state)
                return []
            }
            return search(replay.lastSearch, forward: command == .replaySearchNext, &replay, &state)
        case .replayPlay:
            if replay.playback.playing {
                replay.playback.playing = false
                replay.playback.nextAt = nil
                say("paused", error: false, &state)
                return []
            }
            var effects: [Effect] = []
            if replay.cursor + 1 >= count { effects = go(to: 0, &replay, &state) }
            replay.playback.playing = true
            schedule(&replay, &state)
            say("playing at \(replay.playback.speed)×\(replay.playback.stepsOnly ? ", steps only" : "")", error: false, &state)
            return effects
        case .replayFaster, .replaySlower:
            let speeds = ReplayState.Playback.speeds
            let index = speeds.firstIndex(of: replay.playback.speed) ?? 0
            let next = speeds[max(0, min(speeds.count - 1, index + (command == .replayFaster ? 1 : -1)))]
            replay.playback.speed = next
            schedule(&replay, &state)
            say("speed \(next)×", error: false, &state)
        case .replayStepsOnly:
            replay.playback.stepsOnly.toggle()
            schedule(&replay, &state)
            let on = replay.playback.stepsOnly == true
            say(on ? "steps only: every step shows for \(ReplayState.Playback.stepsOnlyInterval) s ÷ speed, no waiting"
                   : "timed by the recorded timestamps (gaps over \(Int(ReplayState.Playback.longestGap)) s shortened)", error: false, &state)
        case .replayDiff:
            let cycle: [ReplayState.DiffMode] = replay.isComparing ? [.otherRun, .off, .previous, .best] : [.off, .previous, .best]
            let next = cycle[((cycle.firstIndex(of: replay.diff) ?? 0) + 1) % cycle.count]
            replay.diff = next
            replay.diffScroll = 0
            say("diff: \(next.title)", error: false, &state)
            return refresh(&replay, &state)
        case .replayBookmark:
            guard let step = replay.summary(.a)?.step else { return noStep("to bookmark", &state) }
            let on = !replay.runs[0].annotations.bookmarks.contains(step)
            return [.replay(.annotate(replay.runs[0].annotations, .bookmark(step: step, on: on)))]
        case .replayNote:
            guard let step = replay.summary(.a)?.step else { return noStep("to note", &state) }
            replay.prompt = .init(kind: .note, step: step)
        case .replayFork:
            guard let step = replay.summary(.a)?.step else { return noStep("to fork from", &state) }
            replay.playback.playing = false
            replay.playback.nextAt = nil
            replay.prompt = .init(kind: .fork, step: step)
        case .replayToggleSteps:
            replay.showSteps.toggle()
            state.focus = .task
        case .quit: return [.quit]
        default: return nil
        }
        return []
    }

    /// " (line 3)", " (lines 3, 7, 12, …)": where to look for damaged lines; empty without numbers.
    static func lineList(_ lines: [Int]) -> String {
        guard !lines.isEmpty else { return "" }
        let shown = lines.prefix(3).map(String.init).joined(separator: ", ") + (lines.count > 3 ? ", …" : "")
        return " (line\(lines.count == 1 ? "" : "s") \(shown))"
    }

    static func schedule(_ replay: inout ReplayState, _ state: inout AppState) {
        guard replay.playback.playing else { return }
        guard let wait = wait(after: replay.cursor, replay) else {
            replay.playback.playing = false
            replay.playback.nextAt = nil
            return
        }
        replay.playback.nextAt = state.now + wait
    }

    static func search(_ query: String, forward: Bool, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        replay.lastSearch = query
        replay.searching = true
        state.lastQuery = query
        return [.replay(.search(query: query, from: replay.cursor, forward: forward))]
    }

    /// Said instead of doing nothing, so the keys typed next are not taken for a note's text.
    static func noStep(_ purpose: String, _ state: inout AppState) -> [Effect] {
        say("no step \(purpose): the trajectory has no steps", error: true, &state)
        return []
    }

    // MARK: prompt

    static func promptKey(_ key: Key, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        guard var prompt = replay.prompt else { return [] }
        if key.base == .escape || (key.ctrl && (key.base == .character("c") || key.base == .character("q"))) {
            replay.prompt = nil
            return []
        }
        if prompt.kind == .fork {
            guard let answer = key.typedCharacter?.lowercased(), answer == "r" || answer == "c" else { return [] }
            replay.prompt = nil
            let path = replay.runs[0].path
            return [.replay(.fork(path: path, step: prompt.step, clean: answer == "c"))]
        }
        if PromptLine.clearOrRecall(key, &prompt.text, previous: prompt.previous) { replay.prompt = prompt; return [] }
        switch key.base {
        case .enter:
            replay.prompt = nil
            return submit(prompt, &replay, &state)
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
        default:
            if let c = key.typedCharacter { prompt.text.append(c) }
        }
        replay.prompt = prompt
        return []
    }

    static func submit(_ prompt: ReplayState.Prompt, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        let text = prompt.text.trimmingLeadingSpaces().trimmingTrailingSpaces()
        switch prompt.kind {
        case .gotoStep:
            let steps = replay.runs[0].steps
            guard let number = Int(text) else {
                say("not a step number: \(Sanitizer.line(text))", error: true, &state)
                return []
            }
            guard let position = steps.firstIndex(where: { $0.step == number }) else {
                let range = steps.isEmpty ? "the run has no steps" : "steps run from \(steps[0].step) to \(steps[steps.count - 1].step)"
                say("no step \(number): \(range)", error: true, &state)
                return []
            }
            return go(to: position, &replay, &state)
        case .search:
            let query = text.isEmpty ? replay.lastSearch : text
            guard !query.isEmpty else { return [] }
            return search(query, forward: true, &replay, &state)
        case .note:
            guard !text.isEmpty else { return [] }
            return [.replay(.annotate(replay.runs[0].annotations, .note(step: prompt.step, text: text)))]
        case .fork: return []
        }
    }

    // MARK: view

    /// Moves the cursor (clamped) and keeps playback's schedule from the new step.
    static func go(to position: Int, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        let effects = move(to: position, &replay, &state)
        schedule(&replay, &state)
        return effects
    }

    static func move(to position: Int, _ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        guard replay.stepCount > 0 else { return [] }
        let clamped = max(0, min(replay.stepCount - 1, position))
        if clamped != position { say(position < 0 ? "this is the first step" : "this is the last step", error: false, &state) }
        guard clamped != replay.cursor else { return [] }
        replay.cursor = clamped
        replay.diffScroll = 0
        return refresh(&replay, &state)
    }

    /// Loads what the view lacks, or shows it when everything is there.
    static func refresh(_ replay: inout ReplayState, _ state: inout AppState) -> [Effect] {
        let needed = replay.needed
        replay.loaded = replay.loaded.filter { needed.contains($0.key) }
        replay.loadErrors = replay.loadErrors.filter { needed.contains($0.key) }
        let missing = needed.filter { replay.loaded[$0] == nil && replay.loadErrors[$0] == nil }
        keepListVisible(&replay, &state)
        if !missing.isEmpty { return [.replay(.load(missing))] }
        show(&replay, &state)
        return []
    }

    static func keepListVisible(_ replay: inout ReplayState, _ state: inout AppState) {
        let rows = max(1, (state.contentRect(.task)?.height ?? 10) - 1)
        // In rows of the list: events between steps take rows too.
        let cursor = replay.listRow(ofPosition: replay.cursor)
        var top = replay.listTop
        if cursor < top { top = cursor }
        if cursor >= top + rows { top = cursor - rows + 1 }
        replay.listTop = max(0, min(top, max(0, replay.listRowCount - rows)))
    }

    /// Fills the editor, the logs, the diff and the chart's cursor from the loaded records.
    static func show(_ replay: inout ReplayState, _ state: inout AppState) {
        let a = replay.summary(.a) == nil ? nil : replay.loaded[.init(.a, replay.cursor)]
        let b = replay.summary(.b) == nil ? nil : replay.loaded[.init(.b, replay.cursor)]
        replay.shown = replay.cursor
        state.scores.cursorStep = replay.summary(.a)?.step ?? replay.summary(.b)?.step
        state.logs.clear()
        // What went wrong opening the files stays on top of every step's logs.
        for notice in replay.notices { state.logs.append(notice.text, notice.spans.first?.scope ?? "log.error") }
        if let a {
            StepDisplay.putCode(a, name: replay.isComparing ? "A · step \(a.observation.step)" : nil, &state)
            // Your own notes first: the step's output can be long.
            for note in replay.runs[0].annotations.notes(forStep: a.observation.step) {
                state.logs.append("✎ your note (\(note.at)): \(Sanitizer.line(note.text))", "log.warning")
            }
            StepDisplay.log(a, notes: replay.runs[0].notes, label: replay.isComparing ? "A: " : "", &state)
        } else {
            let why = replay.loadErrors[.init(.a, replay.cursor)] ?? (replay.isComparing ? "run A has no step at this position" : "no step")
            state.editor.replaceAll(with: "# \(why)")
            state.editor.savedRevision = state.editor.revision
            state.logs.append(Sanitizer.line(why), replay.loadErrors.isEmpty ? "log.info" : "log.error")
        }
        if replay.isComparing {
            state.logs.append("", "")
            if let b {
                StepDisplay.log(b, notes: replay.runs[1].notes, label: "B: ", &state)
            } else {
                state.logs.append(replay.loadErrors[.init(.b, replay.cursor)] ?? "run B has no step at this position", "log.info")
            }
        }
        state.logs.follow = false
        state.logs.scrollToTop()
        showDiff(a: a, b: b, &replay, &state)
    }

    static func showDiff(a: StepRecord?, b: StepRecord?, _ replay: inout ReplayState, _ state: inout AppState) {
        let runs = replay.runs
        func name(_ record: StepRecord?, _ run: String) -> String { "\(run)step \(record?.observation.step ?? 0)" }
        var base: (record: StepRecord, name: String)?
        var new: (record: StepRecord, name: String)?
        var missing = ""
        switch replay.diff {
        case .off:
            replay.diffLines = nil
            return
        case .previous:
            if let a { new = (a, name(a, "")) }
            if let previous = runs[0].previousExecuted(before: replay.cursor), let record = replay.loaded[.init(.a, previous)] {
                base = (record, name(record, "") + " (previous executed)")
            } else { missing = "no executed step before this one to diff against" }
        case .best:
            if let a { new = (a, name(a, "")) }
            if let best = runs[0].bestPosition, let record = replay.loaded[.init(.a, best)] {
                base = (record, name(record, "") + " (best)")
                if best == replay.cursor { missing = "this is the best step (★): nothing to diff against" }
            } else { missing = "no step has a score: there is no best step" }
        case .otherRun:
            if let a { base = (a, name(a, "A: \(runs[0].name) ")) }
            if let b { new = (b, name(b, "B: \(runs[1].name) ")) }
            if a == nil || b == nil { missing = "only one run has a step at this position" }
        }
        let step = (replay.summary(.a) ?? replay.summary(.b)).map { String($0.step) } ?? "–"
        switch replay.diff {
        case .previous: replay.diffTitle = "diff step \(base?.record.observation.step.description ?? "–") → \(step) (previous)"
        case .best: replay.diffTitle = "diff step \(base?.record.observation.step.description ?? "–") (best) → \(step)"
        default: replay.diffTitle = "diff A → B · step \(step)"
        }
        if !missing.isEmpty && (base == nil || new == nil || replay.diff == .best) {
            replay.diffLines = [StyledLine(missing, "ui.text.dim")]
            return
        }
        guard let base, let new else {
            replay.diffLines = [StyledLine("nothing to diff", "ui.text.dim")]
            return
        }
        let lines = LineDiff.unified(old: StepDisplay.code(of: base.record), new: StepDisplay.code(of: new.record),
                                     oldName: base.name, newName: new.name)
        if !lines.contains(where: { $0.kind == .added || $0.kind == .removed }) {
            replay.diffLines = [StyledLine("--- \(base.name)", "diff.minus"), StyledLine("+++ \(new.name)", "diff.plus"),
                                       StyledLine("(the code is the same)", "ui.text.dim")]
            return
        }
        replay.diffLines = LineDiff.styledLines(lines)
    }

    static func say(_ text: String, error: Bool, _ state: inout AppState) {
        state.message = .init(text: Sanitizer.line(text), isError: error, at: state.now)
    }
}
