import DojoKit

/// Replay's step list: one row per recorded step (step, marks, actor, action, status, score), the
/// cursor's row highlighted; comparing two runs, their steps side by side, row by row (by position).
/// Marks: ★ the best step, ◆ bookmarked, ✎ has a note of yours.
/// It takes its own data: replay's state, whether the list has the focus, the theme.
public struct StepListView {
    public var replay: ReplayState
    public var focused: Bool
    public var theme: Theme
    /// Play's run history: each step's duration and board place, by position (their columns replace
    /// the actor's, with the time since the start); nil in replay.
    public var details: [Detail]?
    /// Play's run history: the step the diff is against (◆).
    public var base: Int?

    /// What play knows of its own steps beyond their summaries.
    public struct Detail: Sendable, Equatable {
        public var durationMs: Int?
        public var boardPosition: BoardPosition?

        public init(durationMs: Int?, boardPosition: BoardPosition?) {
            self.durationMs = durationMs
            self.boardPosition = boardPosition
        }
    }

    public init(replay: ReplayState, focused: Bool, theme: Theme, details: [Detail]? = nil, base: Int? = nil) {
        self.replay = replay
        self.focused = focused
        self.theme = theme
        self.details = details
        self.base = base
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard rect.height >= 2, rect.width >= 10 else { return }
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let heading = theme.style("markup.bold")
        let rows = inner.height - 1
        if replay.isComparing {
            let half = (inner.width - 1) / 2
            let right = inner.x + half + 1
            buffer.write(Sanitizer.line("A: \(replay.runs[0].name)"), x: inner.x, y: inner.y, style: heading, maxX: inner.x + half)
            buffer.write(Sanitizer.line("B: \(replay.runs[1].name)"), x: right, y: inner.y, style: heading, maxX: inner.maxX)
        } else {
            let header = details != nil ? Self.historyHeader(width: inner.width) : Self.row(nil, run: replay.runs[0], width: inner.width)
            buffer.write(header, x: inner.x, y: inner.y, style: heading, maxX: inner.maxX)
        }
        guard replay.stepCount > 0 else {
            buffer.write("no steps recorded", x: inner.x, y: inner.y + 1, style: theme.style("ui.text.dim"), maxX: inner.maxX)
            return
        }
        // The cursor's row stays visible even before update has seen a resize.
        let cursorRow = replay.listRow(ofPosition: replay.cursor)
        let top = min(max(replay.listTop, cursorRow - rows + 1), cursorRow)
        for offset in 0..<rows {
            guard top + offset < replay.listRowCount else { break }
            let y = inner.y + 1 + offset
            let position: Int
            switch replay.listItem(atRow: top + offset) {
            case .step(let at): position = at
            case .event(let index):
                // Between the steps: a hand-over or a skipped proposal, under the step columns' text.
                let event = replay.runs[0].events[index]
                buffer.write(Self.eventRow(event), x: inner.x, y: y, style: theme.style(event.scope), maxX: inner.maxX)
                continue
            }
            let isCursor = position == replay.cursor
            let base = isCursor ? theme.style(focused ? "ui.selection" : "ui.cursorline") : theme.base
            if isCursor { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base) }
            if isCursor { buffer.put("▶", x: rect.x, y: y, style: theme.style("chart.best").over(base)) }
            if replay.isComparing {
                let half = (inner.width - 1) / 2
                for (side, x, maxX) in [(0, inner.x, inner.x + half), (1, inner.x + half + 1, inner.maxX)] {
                    let steps = replay.runs[side].steps
                    guard position < steps.count else { continue }
                    let text = Self.compactRow(steps[position], run: replay.runs[side])
                    buffer.write(text, x: x, y: y, style: Self.style(steps[position], theme).over(base), maxX: maxX)
                }
            } else {
                let summary = replay.runs[0].steps[position]
                let text = details.map { Self.historyRow(summary, detail: $0.indices.contains(position) ? $0[position] : nil,
                                                         best: position == replay.runs[0].bestPosition, marked: position == self.base,
                                                         width: inner.width) }
                    ?? Self.row(summary, run: replay.runs[0], width: inner.width)
                buffer.write(text, x: inner.x, y: y, style: Self.style(summary, theme).over(base), maxX: inner.maxX)
            }
        }
        if replay.isComparing {
            let x = inner.x + (inner.width - 1) / 2
            for y in inner.y..<inner.maxY { buffer.put("│", x: x, y: y, style: theme.style("ui.window")) }
        }
        // The position, where the rows leave room for it: written over the last row it hid that
        // row's score (the status bar says the position anyway).
        let label = " \(replay.cursor + 1)/\(replay.stepCount) "
        if details == nil, replay.listRowCount > rows, rows > 2, Self.lastRowWidth(replay, row: top + rows - 1, width: inner.width) + CharWidth.of(label) <= inner.width {
            buffer.write(label, x: rect.maxX - CharWidth.of(label), y: rect.maxY - 1, style: theme.style("ui.text.dim"))
        }
    }

    /// How far the text of the list's row `row` reaches (comparing: B's side, or A's where B has ended).
    static func lastRowWidth(_ replay: ReplayState, row: Int, width: Int) -> Int {
        let position: Int
        switch replay.listItem(atRow: row) {
        case .step(let at): position = at
        case .event(let index): return CharWidth.of(eventRow(replay.runs[0].events[index]))
        }
        guard replay.isComparing else {
            return replay.runs[0].steps.indices.contains(position) ? CharWidth.of(Self.row(replay.runs[0].steps[position], run: replay.runs[0], width: width)) : 0
        }
        if replay.runs[1].steps.indices.contains(position) {
            return (width - 1) / 2 + 1 + CharWidth.of(compactRow(replay.runs[1].steps[position], run: replay.runs[1]))
        }
        return (width - 1) / 2 + 1
    }

    /// An event's row: indented to the actor column, `⇄ control → person: the person took over`.
    static func eventRow(_ event: ReplayState.RunEvent) -> String {
        String(repeating: " ", count: 6) + event.mark + " " + event.text
    }

    static func style(_ summary: StepSummary, _ theme: Theme) -> Style {
        if summary.isError { return theme.style("log.error") }
        if let medal = summary.medal { return theme.style("medal.\(medal.rawValue)") }
        return theme.base
    }

    static func marks(_ summary: StepSummary, run: ReplayState.Run) -> String {
        (summary.position == run.bestPosition ? "★" : " ")
            + (run.annotations.bookmarks.contains(summary.step) ? "◆" : " ")
            + (run.annotations.notes.contains { $0.step == summary.step } ? "✎" : " ")
    }

    static func action(_ name: ActionName) -> String {
        switch name {
        case .executeCode: "execute"
        case .validateCode: "validate"
        case .requestInfo: "info"
        case .getHistory: "history"
        case .reset: "reset"
        }
    }

    static func score(_ summary: StepSummary) -> String {
        summary.rawScore.map(ScoresView.fmt) ?? (summary.isError ? "failed" : "–")
    }

    /// A full row (or the header, for nil); the actor column goes when the pane is narrow.
    static func row(_ summary: StepSummary?, run: ReplayState.Run, width: Int) -> String {
        let wide = width >= 40
        guard let summary else {
            return "step".leftPadded(5) + "     " + (wide ? "actor " : "") + "action   " + "status" + "score".leftPadded(8)
        }
        return String(summary.step).leftPadded(5) + " " + marks(summary, run: run) + " " + (wide ? summary.actor.rawValue.padding(to: 6) : "")
            + action(summary.action).padding(to: 9) + summary.status.rawValue.padding(to: 6) + score(summary).leftPadded(8)
    }

    static func compactRow(_ summary: StepSummary, run: ReplayState.Run) -> String {
        String(summary.step).leftPadded(4) + marks(summary, run: run) + String(action(summary.action).prefix(4)).padding(to: 5)
            + score(summary).leftPadded(6)
    }

    // MARK: play's run history

    /// Which of the history's optional columns fit a width (the time goes first, then the duration,
    /// then the board place).
    static func historyColumns(width: Int) -> (time: Bool, duration: Bool, place: Bool) {
        let base = 5 + 4 + 9 + 6 + 8
        let place = base + 8 <= width
        let duration = place && base + 8 + 7 <= width
        let time = duration && base + 8 + 7 + 7 <= width
        return (time, duration, place)
    }

    static func historyHeader(width: Int) -> String {
        let columns = historyColumns(width: width)
        return "step".leftPadded(5) + "    " + (columns.time ? "time".leftPadded(6) + " " : "") + "action   " + "status"
            + (columns.duration ? "took".leftPadded(7) : "") + "score".leftPadded(8) + (columns.place ? "place".leftPadded(8) : "")
    }

    /// `    3 ★   0:42 execute  ok      1.50s  0.8100   15/28`.
    static func historyRow(_ summary: StepSummary, detail: Detail?, best: Bool, marked: Bool, width: Int) -> String {
        let columns = historyColumns(width: width)
        let marks = (best ? "★" : " ") + (marked ? "◆" : " ")
        let time = columns.time ? clock(summary.t).leftPadded(6) + " " : ""
        let took = columns.duration ? (detail?.durationMs.map { String(format: "%.2fs", Double($0) / 1000) } ?? "–").leftPadded(7) : ""
        let place = columns.place ? (detail?.boardPosition.map { "\($0.position)/\($0.total)" } ?? "–").leftPadded(8) : ""
        return String(summary.step).leftPadded(5) + " " + marks + " " + time + action(summary.action).padding(to: 9)
            + summary.status.rawValue.padding(to: 6) + took + score(summary).leftPadded(8) + place
    }

    /// `0:42`, `12:03`, `1:02:03`: seconds since the episode started.
    static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
