import DojoKit
import Foundation

/// The status bar: task, mode, step and budget, time left, best score with rank and medal, the
/// sandbox, the running step, and key hints; a prompt takes its place while one is open.
enum StatusBarView {
    static func draw(_ state: AppState, in rect: Rect, _ buffer: inout ScreenBuffer) {
        let theme = state.theme
        let base = theme.style("ui.statusline")
        buffer.fill(rect, style: base)
        if let (label, text) = state.prompt.map({ ($0.label, $0.text) }) ?? state.replay?.prompt.map({ ($0.label, $0.text) }) {
            let style = theme.style("ui.prompt")
            buffer.fill(rect, style: style)
            let x = buffer.write(label, x: rect.x + 1, y: rect.y, style: style.adding(.bold))
            let visible = String(text.suffix(max(0, rect.maxX - x - 2)))
            let end = buffer.write(visible, x: x, y: rect.y, style: style)
            buffer.cursor = (min(end, rect.maxX - 1), rect.y)
            return
        }
        var segments: [(text: String, scope: String, priority: Int)] = []
        segments.append((" \(state.taskID) ", "ui.statusline.mode", 0))
        if let watch = state.watch {
            segments.append(("watch", "ui.statusline", 4))
            segments.append((watch.status, watch.endReason == nil && watch.problem == nil ? "ui.statusline.running" : "ui.statusline.error", 0))
            let shown = watch.viewed.map { "step \(watch.steps[$0].observation.step)" } ?? "no step yet"
            segments.append(("\(shown) of \(watch.steps.count)\(watch.following ? "" : " · paused")", "ui.statusline", 1))
        } else if let replay = state.replay {
            segments.append(("replay", "ui.statusline", 4))
            segments.append((replay.position, "ui.statusline", 0))
            segments.append((replay.playbackLabel, replay.playback.playing ? "ui.statusline.running" : "ui.statusline", 0))
            let names = replay.runs.map(\.name).joined(separator: " vs ")
            segments.append((Sanitizer.line(names), "ui.statusline", 1))
            let ends = replay.runs.map { $0.endReason.map { "ended (\($0))" } ?? "no end record" }
            segments.append((Sanitizer.line(ends.joined(separator: " / ")), "ui.statusline", replay.isComparing ? 3 : 1))
            if replay.searching { segments.append(("searching…", "ui.statusline.running", 0)) }
        } else if let copilot = state.copilot {
            segments += CopilotStatus.segments(copilot)
        } else {
            segments.append(("human", "ui.statusline", 4))
        }
        let readOnly = state.isWatching || state.replay != nil
        if !readOnly, let budget = state.budget {
            segments.append(("step \(budget.stepsUsed) · \(budget.stepsLeft) left", "ui.statusline", 1))
        }
        if !readOnly, let seconds = state.secondsLeft { segments.append((clock(seconds) + " left", "ui.statusline", 2)) }
        if let best = state.best {
            var text = "best \(AppUpdate.format(best.rawScore)) · \(state.scores.board?.rankLabel ?? "rank") \(String(format: "%.3f", best.humanRank))"
            if let medal = state.bestMedal { text += " · \(medal.rawValue)" }
            // Replay shows the best in the step list and the chart: here it gives way first.
            segments.append((text, state.bestMedal.map { "medal.\($0.rawValue)" } ?? "ui.statusline", state.replay == nil ? 3 : 5))
        } else {
            segments.append(("best –", "ui.statusline", 4))
        }
        if state.replay == nil { segments.append(("sandbox \(state.sandbox)", "ui.statusline", 5)) }
        if let running = state.running {
            let frame = AppView.spinner[Int(max(0, state.now - running.startedAt) * 10) % AppView.spinner.count]
            segments.append(("\(frame) \(running.action == .executeCode ? "executing" : "validating") \(String(format: "%.1f", max(0, state.now - running.startedAt)))s",
                             "ui.statusline.running", 0))
        }
        if let fork = state.fork, fork.rebuilding {
            let frame = AppView.spinner[Int(max(0, state.now - (fork.startedAt ?? state.now)) * 10) % AppView.spinner.count]
            segments.append(("\(frame) \(fork.cancelling ? "stopping the rebuild" : fork.progressText)", "ui.statusline.running", 0))
        }
        if state.episodeOver, !readOnly { segments.append(("episode over", "ui.statusline.error", 0)) }
        let keys = state.keyMap
        var hints = "\(keys.hint(.help)) help  \(keys.hint(.execute)) run  \(keys.hint(.validate)) validate  \(keys.hint(.quit)) quit "
        if state.isWatching { hints = WatchUpdate.hints(keys) }
        if state.replay != nil { hints = ReplayUpdate.hints(keys) }
        if let copilot = state.copilot { hints = CopilotStatus.hints(copilot, keys: keys) }
        var hintScope = "ui.statusline.hint"
        if let message = state.message, state.now - message.at < 5 {
            let cap = max(24, rect.width / 3)
            hints = message.text.count > cap ? String(message.text.prefix(cap - 1)) + "… " : message.text + " "
            hintScope = message.isError ? "ui.statusline.error" : "ui.message"
        }
        // Drop the least important segments until everything fits; on a narrow screen, hint only help.
        func width(_ list: [(text: String, scope: String, priority: Int)]) -> Int { list.reduce(0) { $0 + CharWidth.of($1.text) + 3 } - 2 }
        let essential = segments.filter { $0.priority <= 3 }
        if hintScope == "ui.statusline.hint", width(essential) + CharWidth.of(hints) > rect.width {
            hints = readOnly ? "\(keys.shortHint(.quit, in: state.replay != nil ? .replay : .watch)) quit " : state.copilot.map { CopilotStatus.hints($0, keys: keys, short: true) } ?? "\(keys.hint(.help)) help "
        }
        var kept = segments
        func dropWorst(above floor: Int) -> Bool {
            guard let worst = kept.indices.filter({ kept[$0].priority > floor }).max(by: { kept[$0].priority < kept[$1].priority }) else { return false }
            kept.remove(at: worst)
            return true
        }
        while width(kept) + CharWidth.of(hints) > rect.width, dropWorst(above: 3) {}
        // A message gives way to the essentials: it is cut to what is left (but kept readable).
        let room = rect.width - width(kept) - 1
        if CharWidth.of(hints) > room, hintScope != "ui.statusline.hint" {
            let keep = max(16, room) - 2
            if hints.count > keep { hints = String(hints.prefix(keep)) + "… " }
        }
        while width(kept) + CharWidth.of(hints) > rect.width, dropWorst(above: 0) {}
        let hintWidth = CharWidth.of(hints)
        var x = rect.x
        for (i, segment) in kept.enumerated() {
            if i > 0 { x = buffer.write(" │ ", x: x, y: rect.y, style: base) }
            x = buffer.write(segment.text, x: x, y: rect.y, style: theme.style(segment.scope).over(base))
        }
        let hintX = max(x + 1, rect.maxX - hintWidth)
        buffer.write(hints, x: hintX, y: rect.y, style: theme.style(hintScope).over(base), maxX: rect.maxX)
    }

    static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = total % 3600 / 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
