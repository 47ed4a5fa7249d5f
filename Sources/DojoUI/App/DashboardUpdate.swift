import DojoKit

/// The evaluation dashboard's behaviour. Its keys are named commands in the key map's `dashboard`
/// context (then the panes' movement keys and the global ones): Enter watches the episode under the
/// cursor, F1 help, `q` quits — and in `dojo eval` itself, while episodes are still to run, quitting
/// asks first, since it stops the evaluation (a resume finishes it).
public enum DashboardUpdate: ModeUpdate {
    static func handle(_ key: Key, _ dashboard: inout DashboardState, _ state: inout AppState) -> [Effect]? {
        let rows = listHeight(state)
        if dashboard.confirmingStop {
            dashboard.confirmingStop = false
            guard key.typedCharacter == "y" || key.typedCharacter == "Y" else {
                state.message = .init(text: "the evaluation goes on", isError: false, at: state.now)
                return []
            }
            dashboard.chosen = .stop
            return [.quit]
        }
        if dashboard.showHelp {
            switch state.keyMap.command(for: key, contexts: [.pane, .global]) {
            case .up: dashboard.helpScroll = max(0, dashboard.helpScroll - 1)
            case .down: dashboard.helpScroll += 1
            case .pageUp: dashboard.helpScroll = max(0, dashboard.helpScroll - 10)
            case .pageDown: dashboard.helpScroll += 10
            default: dashboard.showHelp = false
            }
            return []
        }
        switch state.keyMap.command(for: key, contexts: [.dashboard, .global, .pane]) {
        case .dashboardWatch:
            guard let episode = dashboard.selected else { return [] }
            guard episode.state != .pending else {
                state.message = .init(text: "\(episode.key) has not started yet", isError: true, at: state.now)
                return []
            }
            dashboard.chosen = .watch(episode)
            return [.quit]
        case .dashboardStop:
            if dashboard.owner, !dashboard.progress.isFinished { dashboard.chosen = .stop }
            return [.quit]
        case .quit:
            if dashboard.owner, !dashboard.progress.isFinished {
                dashboard.confirmingStop = true
                return []
            }
            return [.quit]
        case .help:
            dashboard.showHelp = true
            dashboard.helpScroll = 0
        case .redraw: return [.redraw]
        case .cycleTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = .init(text: "theme: \(state.theme.name)", isError: false, at: state.now)
        case .up: dashboard.cursor -= 1
        case .down: dashboard.cursor += 1
        case .pageUp: dashboard.cursor -= rows
        case .pageDown: dashboard.cursor += rows
        case .fileStart, .lineStart: dashboard.cursor = 0
        case .fileEnd, .lineEnd: dashboard.cursor = dashboard.progress.episodes.count - 1
        default: break
        }
        keepVisible(&dashboard, rows: rows)
        return []
    }

    /// The dashboard's share of other events: a new reading of the run directory, a resize.
    static func update(_ event: AppEvent, _ dashboard: inout DashboardState, _ state: inout AppState) -> [Effect] {
        switch event {
        case .evalProgress(let progress): apply(progress, &dashboard, &state)
        case .resize: keepVisible(&dashboard, rows: listHeight(state))
        default: break
        }
        return []
    }

    /// The dashboard draws its own status row (`DashboardView`); this is what it shows there.
    static func status(_ dashboard: DashboardState, _ state: AppState) -> ModeStatus {
        let hints = hints(state.keyMap, stops: dashboard.owner && !dashboard.progress.isFinished)
        return ModeStatus(segments: [], hints: hints, shortHints: hints)
    }

    /// A new reading of the run directory: the cursor stays on the same episode.
    static func apply(_ progress: EvalProgress, _ dashboard: inout DashboardState, _ state: inout AppState) {
        let key = dashboard.selected?.key
        let wasFinished = dashboard.progress.isFinished
        dashboard.progress = progress
        if let key, let index = progress.episodes.firstIndex(where: { $0.key == key }) { dashboard.cursor = index }
        keepVisible(&dashboard, rows: listHeight(state))
        if !wasFinished, progress.isFinished, !progress.episodes.isEmpty {
            state.message = .init(text: "every episode has ended", isError: false, at: state.now)
        }
    }

    /// The table's rows: the screen less the title, the column header, the detail line, the totals and the status bar.
    static func listHeight(_ state: AppState) -> Int { max(1, state.height - 5) }

    static func keepVisible(_ dashboard: inout DashboardState, rows: Int) {
        let count = dashboard.progress.episodes.count
        dashboard.cursor = max(0, min(dashboard.cursor, count - 1))
        if dashboard.cursor < dashboard.top { dashboard.top = dashboard.cursor }
        if dashboard.cursor >= dashboard.top + rows { dashboard.top = dashboard.cursor - rows + 1 }
        dashboard.top = max(0, min(dashboard.top, max(0, count - rows)))
    }

    /// The status bar's hints, from the key map.
    /// `stops`: quitting stops the evaluation (this process runs it and it is not over).
    public static func hints(_ keys: KeyMap, stops: Bool) -> String {
        "↑↓ move  \(keys.shortHint(.dashboardWatch, in: .dashboard)) watch  \(keys.hint(.help)) keys  "
            + "\(keys.shortHint(.quit, in: .dashboard)) \(stops ? "stop" : "quit") "
    }
}
