import DojoKit
import Foundation

/// The status bar: task, mode, step and budget, time left, best score with rank and medal, the
/// sandbox, the running step, and key hints; a prompt takes its place while one is open.
public struct StatusBarView {
    public var taskID: String
    /// The mode's segments and hints (`AppUpdate.modeStatus`).
    public var mode: ModeStatus
    /// An open prompt (the workbench's or the mode's): it takes the bar's place.
    public var prompt: (label: String, text: String)?
    public var budget: Budget?
    public var secondsLeft: Double?
    public var best: BestSoFar?
    public var bestMedal: Medal?
    /// What the board calls its rank score (`rank`, `percentile`).
    public var rankLabel: String
    public var sandbox: String
    public var running: AppState.Running?
    public var episodeOver: Bool
    /// A message younger than five seconds takes the hints' place, covering the segments that are not
    /// essential if it must; a longer one is shown whole on the row above (cut past the screen's
    /// width with "… (A-m more)": the message log shows it whole).
    public var message: AppState.Message?
    public var now: Double
    public var theme: Theme
    /// The key of the message log (`A-m`), named after a message too long for the bar.
    public var messagesKey: String

    public init(taskID: String, mode: ModeStatus, prompt: (label: String, text: String)? = nil, budget: Budget? = nil, secondsLeft: Double? = nil,
                best: BestSoFar? = nil, bestMedal: Medal? = nil, rankLabel: String = "rank", sandbox: String, running: AppState.Running? = nil,
                episodeOver: Bool = false, message: AppState.Message? = nil, now: Double, theme: Theme, messagesKey: String = "A-m") {
        self.taskID = taskID
        self.mode = mode
        self.prompt = prompt
        self.budget = budget
        self.secondsLeft = secondsLeft
        self.best = best
        self.bestMedal = bestMedal
        self.rankLabel = rankLabel
        self.sandbox = sandbox
        self.running = running
        self.episodeOver = episodeOver
        self.message = message
        self.now = now
        self.theme = theme
        self.messagesKey = messagesKey
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let base = theme.style("ui.statusline")
        buffer.fill(rect, style: base)
        if let (label, text) = prompt {
            let style = theme.style("ui.prompt")
            buffer.fill(rect, style: style)
            let x = buffer.write(label, x: rect.x + 1, y: rect.y, style: style.adding(.bold))
            let visible = String(text.suffix(max(0, rect.maxX - x - 2)))
            let end = buffer.write(visible, x: x, y: rect.y, style: style)
            buffer.cursor = (min(end, rect.maxX - 1), rect.y)
            return
        }
        let readOnly = mode.readOnly
        var segments = [StatusSegment(" \(taskID) ", "ui.statusline.mode", priority: 0)] + mode.segments
        if !readOnly, let budget { segments.append(StatusSegment("step \(budget.stepsUsed) · \(budget.stepsLeft) left", priority: 1)) }
        if !readOnly, let secondsLeft { segments.append(StatusSegment(Self.clock(secondsLeft) + " left", priority: 2)) }
        if let best {
            var text = "best \(AppUpdate.format(best.rawScore)) · \(rankLabel) \(String(format: "%.3f", best.humanRank))"
            if let bestMedal { text += " · \(bestMedal.rawValue)" }
            segments.append(StatusSegment(text, bestMedal.map { "medal.\($0.rawValue)" } ?? "ui.statusline", priority: mode.bestPriority))
        } else {
            segments.append(StatusSegment("best –", priority: 4))
        }
        if mode.showsSandbox { segments.append(StatusSegment("sandbox \(sandbox)", priority: 5)) }
        segments += mode.trailing
        if episodeOver, !readOnly { segments.append(StatusSegment("episode over", "ui.statusline.error", priority: 0)) }
        // The segments kept are chosen from the width and the hints alone, never from a message or a
        // running step, so they stay put as those come and go (a long message covers the rightmost
        // ones for its five seconds instead of reshuffling the bar).
        var hints = mode.hints
        func width(_ list: [StatusSegment]) -> Int { list.reduce(0) { $0 + CharWidth.of($1.text) + 3 } - 2 }
        let essential = segments.filter { $0.priority <= 3 }
        if width(essential) + CharWidth.of(hints) > rect.width { hints = mode.shortHints }
        var kept = segments
        func dropWorst(above floor: Int) -> Bool {
            guard let worst = kept.indices.filter({ kept[$0].priority > floor }).max(by: { kept[$0].priority < kept[$1].priority }) else { return false }
            kept.remove(at: worst)
            return true
        }
        while width(kept) + CharWidth.of(hints) > rect.width, dropWorst(above: 3) {}
        while width(kept) + CharWidth.of(hints) > rect.width, dropWorst(above: 0) {}
        // The right end: the running step, else the hints; a message younger than five seconds in
        // their place, or on its own row above the bar when it is longer.
        var right = hints
        var rightScope = "ui.statusline.hint"
        if let running {
            let frame = AppView.spinner[Int(max(0, now - running.startedAt) * 10) % AppView.spinner.count]
            right = "\(frame) \(running.action == .executeCode ? "executing" : "validating") \(String(format: "%.1f", max(0, now - running.startedAt)))s "
            rightScope = "ui.statusline.running"
        }
        // Where each kept segment starts; a message may cover whole segments from the right, up to the
        // first essential one (priority 0: the task id, a rebuild's progress, a pending proposal).
        var starts: [Int] = []
        var x = rect.x
        for (i, segment) in kept.enumerated() {
            if i > 0 { x += 3 }
            starts.append(x)
            x += CharWidth.of(segment.text)
        }
        func end(_ count: Int) -> Int { count == 0 ? rect.x : starts[count - 1] + CharWidth.of(kept[count - 1].text) }
        var shown = kept.count
        var above: String?
        var aboveScope = "ui.message"
        if let message, now - message.at < 5 {
            let text = message.text + " "
            let scope = message.isError ? "ui.statusline.error" : "ui.message"
            var covered = kept.count
            while covered > 1, kept[covered - 1].priority > 0, end(covered) + 1 + CharWidth.of(text) > rect.maxX { covered -= 1 }
            if end(covered) + 1 + CharWidth.of(text) <= rect.maxX || rect.y == 0 {
                (right, rightScope, shown) = (text, scope, covered)
            } else {
                (above, aboveScope) = (text, scope)
            }
        }
        let room = rect.maxX - end(shown) - 1
        if CharWidth.of(right) > room {
            right = Self.cut(right, to: room, more: rightScope == "ui.statusline.hint" || rightScope == "ui.statusline.running" ? nil : messagesKey)
        }
        for i in 0..<shown {
            if i > 0 { buffer.write(" │ ", x: starts[i] - 3, y: rect.y, style: base) }
            buffer.write(kept[i].text, x: starts[i], y: rect.y, style: theme.style(kept[i].scope).over(base))
        }
        let rightX = max(end(shown) + 1, rect.maxX - CharWidth.of(right))
        buffer.write(right, x: rightX, y: rect.y, style: theme.style(rightScope).over(base), maxX: rect.maxX)
        if var above {
            // A message longer than the bar's room: whole on the row above (over the panes' last row
            // for its five seconds), cut only past the screen's width.
            let row = Rect(x: rect.x, y: rect.y - 1, width: rect.width, height: 1)
            if CharWidth.of(above) + 1 > row.width { above = Self.cut(above, to: row.width - 1, more: messagesKey) }
            buffer.fill(row, style: base)
            buffer.write(" " + above, x: row.x, y: row.y, style: theme.style(aboveScope).over(base), maxX: row.maxX)
        }
    }

    /// Text cut to `room` columns with "…", and where to read it whole (`… (A-m more) `) for a message.
    static func cut(_ text: String, to room: Int, more key: String?) -> String {
        let more = key.map { "… (\($0) more) " } ?? "… "
        var cut = text.trimmingTrailingSpaces().truncated(to: max(1, room - CharWidth.of(more) + 1))
        if cut.hasSuffix("…") { cut.removeLast() }
        return cut + more
    }

    static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = total % 3600 / 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
