import DojoKit

/// The evaluation dashboard's screen, drawn from its own data: a title with the counts by state, a
/// column header, one row per episode (the state in its colour, the medal in the medal's), a detail
/// line for the episode under the cursor (its trajectory, why it ended), the totals (medals, valid
/// submissions, time left), and a status row with the key hints, a message or the stop question.
public struct DashboardView {
    public var dashboard: DashboardState
    public var theme: Theme
    public var keyMap: KeyMap
    public var message: AppState.Message?
    public var now: Double

    public init(dashboard: DashboardState, theme: Theme, keyMap: KeyMap, message: AppState.Message? = nil, now: Double = 0) {
        self.dashboard = dashboard
        self.theme = theme
        self.keyMap = keyMap
        self.message = message
        self.now = now
    }

    static let headers = ["agent", "task", "seed", "status", "step", "best", "position", "medal", "time"]

    /// `0:42`, `12:05`, `1:02:09`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    static func status(_ episode: EvalProgress.Episode) -> String {
        var text = episode.orphaned ? "stopped" : episode.state.rawValue
        if episode.attempt > 1 { text += " #\(episode.attempt)" }
        return text
    }

    /// The cells of one row, in the headers' order.
    static func cells(_ episode: EvalProgress.Episode) -> [String] {
        let started = episode.state != .pending
        let position = episode.position.map { "\($0)/\(episode.boardSize.map(String.init) ?? "?")" }
            ?? episode.humanRank.map { AppUpdate.format($0, digits: 3) } ?? "–"
        return [episode.key.agent, episode.key.task, String(episode.key.seed), status(episode), started ? String(episode.steps) : "–",
                episode.bestScore.map { AppUpdate.format($0) } ?? "–", position, episode.medal?.rawValue ?? "–",
                episode.seconds.map(duration) ?? "–"]
    }

    func widths(total: Int) -> [Int] {
        let rows = dashboard.progress.episodes.map(Self.cells)
        let caps = [18, 24, 5, 14, 5, 10, 10, 6, 8]
        var widths = Self.headers.indices.map { column in
            min(caps[column], max(CharWidth.of(Self.headers[column]), rows.map { CharWidth.of($0[column]) }.max() ?? 0))
        }
        // The task column gives way first on a narrow screen.
        let used = widths.reduce(0, +) + 2 * (widths.count - 1) + 2
        if used > total { widths[1] = max(6, widths[1] - (used - total)) }
        return widths
    }

    static func cell(_ text: String, _ width: Int, right: Bool) -> String {
        let cut = Sanitizer.line(text).truncated(to: width)
        let pad = String(repeating: " ", count: max(0, width - CharWidth.of(cut)))
        return right ? pad + cut : cut + pad
    }

    /// Columns aligned right: seed, step, best, position, time.
    static let rightAligned: Set<Int> = [2, 4, 5, 6, 8]

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard rect.height >= 6, rect.width >= 40 else {
            buffer.write("enlarge the terminal", x: rect.x, y: rect.y, style: theme.style("ui.text"), maxX: rect.maxX)
            return
        }
        let progress = dashboard.progress
        let titleStyle = theme.style("ui.pane.title.focus")
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: titleStyle)
        let name = progress.runDirectory.lastPathComponent
        var title = " Dojo · eval \(Sanitizer.line(name)) · \(progress.episodes.count) episodes"
        for state in [EpisodeStatus.State.done, .running, .pending, .failed, .interrupted] {
            let count = progress.count(state)
            if count > 0 || state == .done { title += " · \(count) \(state.rawValue)" }
        }
        buffer.write(title, x: rect.x, y: rect.y, style: titleStyle, maxX: rect.maxX)
        let widths = widths(total: rect.width)
        let header = Self.headers.indices.map { Self.cell(Self.headers[$0], widths[$0], right: Self.rightAligned.contains($0)) }
        buffer.write("  " + header.joined(separator: "  "), x: rect.x, y: rect.y + 1, style: theme.style("ui.pane.title"), maxX: rect.maxX)
        let list = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 5)
        if progress.episodes.isEmpty {
            buffer.write(" no episodes yet" + (progress.problem.map { " (\(Sanitizer.line($0)))" } ?? ""), x: list.x, y: list.y,
                         style: theme.style("ui.text.dim"), maxX: list.maxX)
        }
        for (offset, episode) in progress.episodes.dropFirst(dashboard.top).prefix(list.height).enumerated() {
            drawRow(episode, selected: dashboard.top + offset == dashboard.cursor, y: list.y + offset, in: list, widths: widths, &buffer)
        }
        drawDetail(y: rect.maxY - 3, rect: rect, &buffer)
        drawTotals(y: rect.maxY - 2, rect: rect, &buffer)
        drawStatus(y: rect.maxY - 1, rect: rect, &buffer)
        if dashboard.showHelp {
            let lines = [StyledLine("Evaluation dashboard: every episode of the run, read from its folder every second", "ui.popup.title"),
                         StyledLine("  ↑↓ PageUp PageDown Home End move; in the watch, q comes back here", "ui.popup"),
                         StyledLine()] + keyMap.helpLines(contexts: [.dashboard])
            PopupView.draw(title: " Keys — \(keyMap.hint(.help)) or Esc closes ", lines: lines, scroll: dashboard.helpScroll, theme: theme,
                           in: rect, &buffer)
        }
    }

    func drawRow(_ episode: EvalProgress.Episode, selected: Bool, y: Int, in list: Rect, widths: [Int], _ buffer: inout ScreenBuffer) {
        let base = theme.style(selected ? "ui.selection" : episode.state == .pending ? "ui.text.dim" : "ui.text")
        if selected { buffer.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: base) }
        var x = buffer.write(selected ? "▸ " : "  ", x: list.x, y: y, style: base, maxX: list.maxX)
        for (column, text) in Self.cells(episode).enumerated() {
            var scope: String?
            if column == 3 {
                switch episode.state {
                case .running: scope = episode.orphaned ? "ui.text.dim" : "ui.statusline.running"
                case .failed: scope = "log.error"
                case .done: scope = "log.success"
                case .interrupted, .pending: scope = "ui.text.dim"
                }
            }
            if column == 7, let medal = episode.medal { scope = "medal.\(medal.rawValue)" }
            let style = selected || scope == nil ? base : theme.style(scope ?? "ui.text")
            x = buffer.write(Self.cell(text, widths[column], right: Self.rightAligned.contains(column)) + "  ", x: x, y: y, style: style,
                             maxX: list.maxX)
        }
    }

    func drawDetail(y: Int, rect: Rect, _ buffer: inout ScreenBuffer) {
        guard let episode = dashboard.selected else { return }
        var text = " \(episode.key)"
        if episode.state != .pending { text += " · \(Sanitizer.line(episode.trajectory.path))" }
        if episode.orphaned { text += " · its dojo eval is gone: a resume runs it again" }
        if let reason = episode.reason, episode.state != .running { text += " · \(Sanitizer.line(reason))" }
        buffer.write(text, x: rect.x, y: y, style: theme.style("ui.text.dim"), maxX: rect.maxX)
    }

    func drawTotals(y: Int, rect: Rect, _ buffer: inout ScreenBuffer) {
        let episodes = dashboard.progress.episodes
        let medals = [Medal.gold, .silver, .bronze].map { medal in "\(episodes.filter { $0.state == .done && $0.medal == medal }.count) \(medal.rawValue)" }
        let valid = episodes.filter { $0.state == .done && $0.bestScore != nil }.count
        var text = " medals: " + medals.joined(separator: " · ") + " · valid submissions: \(valid) of \(dashboard.progress.count(.done)) done"
        if dashboard.progress.isFinished {
            text += episodes.isEmpty ? "" : " · finished"
        } else {
            text += " · ETA " + (dashboard.progress.etaSeconds.map(Self.duration) ?? "– (after the first episode)")
        }
        if let problem = dashboard.progress.problem, !episodes.isEmpty { text += " · \(Sanitizer.line(problem))" }
        buffer.write(text, x: rect.x, y: y, style: theme.style("ui.text"), maxX: rect.maxX)
    }

    func drawStatus(y: Int, rect: Rect, _ buffer: inout ScreenBuffer) {
        let status = Rect(x: rect.x, y: y, width: rect.width, height: 1)
        let base = theme.style("ui.statusline")
        buffer.fill(status, style: base)
        if dashboard.confirmingStop {
            buffer.write(" Stop the evaluation? Running episodes end as interrupted; `dojo eval --resume` finishes it. (y)es, any other key goes on ",
                         x: status.x, y: y, style: theme.style("ui.statusline.error").over(base), maxX: status.maxX)
            return
        }
        let left = dashboard.owner ? " eval (this process runs it)" : " eval watch"
        let end = buffer.write(left, x: status.x, y: y, style: base, maxX: status.maxX)
        var right = DashboardUpdate.hints(keyMap, stops: dashboard.owner && !dashboard.progress.isFinished)
        var scope = "ui.statusline.hint"
        if let message, now - message.at < 5 {
            right = message.text + " "
            scope = message.isError ? "ui.statusline.error" : "ui.message"
        }
        buffer.write(right, x: max(end + 1, status.maxX - CharWidth.of(right)), y: y, style: theme.style(scope).over(base), maxX: status.maxX)
    }
}
