import DojoKit

/// Replay's step list: one row per recorded step (step, marks, actor, action, status, score), the
/// cursor's row highlighted; comparing two runs, their steps side by side, row by row (by position).
/// Marks: ★ the best step, ◆ bookmarked, ✎ has a note of yours.
/// It takes its own data: replay's state, whether the list has the focus, the theme.
public struct StepListView {
    public var replay: ReplayState
    public var focused: Bool
    public var theme: Theme

    public init(replay: ReplayState, focused: Bool, theme: Theme) {
        self.replay = replay
        self.focused = focused
        self.theme = theme
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
            let header = Self.row(nil, run: replay.runs[0], width: inner.width)
            buffer.write(header, x: inner.x, y: inner.y, style: heading, maxX: inner.maxX)
        }
        guard replay.stepCount > 0 else {
            buffer.write("no steps recorded", x: inner.x, y: inner.y + 1, style: theme.style("ui.text.dim"), maxX: inner.maxX)
            return
        }
        // The cursor's row stays visible even before update has seen a resize.
        let top = min(max(replay.listTop, replay.cursor - rows + 1), replay.cursor)
        for offset in 0..<rows {
            let position = top + offset
            guard position < replay.stepCount else { break }
            let y = inner.y + 1 + offset
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
                buffer.write(Self.row(summary, run: replay.runs[0], width: inner.width), x: inner.x, y: y,
                             style: Self.style(summary, theme).over(base), maxX: inner.maxX)
            }
        }
        if replay.isComparing {
            let x = inner.x + (inner.width - 1) / 2
            for y in inner.y..<inner.maxY { buffer.put("│", x: x, y: y, style: theme.style("ui.window")) }
        }
        // The position, where the rows leave room for it: written over the last row it hid that
        // row's score (the status bar says the position anyway).
        let label = " \(replay.cursor + 1)/\(replay.stepCount) "
        if replay.stepCount > rows, rows > 2, Self.lastRowWidth(replay, position: top + rows - 1, width: inner.width) + CharWidth.of(label) <= inner.width {
            buffer.write(label, x: rect.maxX - CharWidth.of(label), y: rect.maxY - 1, style: theme.style("ui.text.dim"))
        }
    }

    /// How far the text of the row at `position` reaches (comparing: B's side, or A's where B has ended).
    static func lastRowWidth(_ replay: ReplayState, position: Int, width: Int) -> Int {
        guard replay.isComparing else {
            return replay.runs[0].steps.indices.contains(position) ? CharWidth.of(row(replay.runs[0].steps[position], run: replay.runs[0], width: width)) : 0
        }
        if replay.runs[1].steps.indices.contains(position) {
            return (width - 1) / 2 + 1 + CharWidth.of(compactRow(replay.runs[1].steps[position], run: replay.runs[1]))
        }
        return (width - 1) / 2 + 1
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
}
