/// The runs browser's behaviour. Its keys are named commands in the key map's `runs` context (then
/// the panes' movement keys and the global ones): Enter replays (or compares the two marked runs),
/// Space marks, `/` starts typing a filter, `s` sorts, `d` asks to delete, `r` lists again, F1 help.
/// While the filter is being typed, letters go to it; Enter keeps it, Esc clears it.
public enum RunsUpdate: ModeUpdate {
    static func handle(_ key: Key, _ runs: inout RunsState, _ state: inout AppState) -> [Effect]? {
        let rows = listHeight(state)
        if let entry = runs.confirmingDelete {
            runs.confirmingDelete = nil
            guard key.typedCharacter == "y" || key.typedCharacter == "Y" else {
                state.message = .init(text: "kept \(Sanitizer.line(entry.name))", isError: false, at: state.now)
                return []
            }
            return [.runs(.delete(path: entry.path))]
        }
        if runs.showHelp {
            switch state.keyMap.command(for: key, contexts: [.pane, .global]) {
            case .up: runs.helpScroll = max(0, runs.helpScroll - 1)
            case .down: runs.helpScroll += 1
            case .pageUp: runs.helpScroll = max(0, runs.helpScroll - 10)
            case .pageDown: runs.helpScroll += 10
            case .quit where key != .char("q"): return [.quit]
            default: runs.showHelp = false
            }
            return []
        }
        if runs.editingFilter, let effects = filterKey(key, &runs) {
            keepVisible(&runs, rows: rows)
            return effects
        }
        switch state.keyMap.command(for: key, contexts: [.runs, .global, .pane]) {
        case .runsOpen:
            if runs.marked.count == 2 {
                runs.chosen = .compare(runs.marked[0], runs.marked[1])
                return [.quit]
            }
            guard let entry = runs.selected else {
                state.message = .init(text: runs.entries.isEmpty ? "no runs to replay" : "no run matches the filter (Esc clears it)",
                                      isError: true, at: state.now)
                return []
            }
            runs.chosen = .replay(entry.path)
            return [.quit]
        case .runsMark:
            guard let entry = runs.selected else { return [] }
            if let index = runs.marked.firstIndex(of: entry.path) {
                runs.marked.remove(at: index)
            } else {
                if runs.marked.count == 2 { runs.marked.removeFirst() }
                runs.marked.append(entry.path)
            }
            runs.cursor += 1
            state.message = .init(text: runs.marked.count == 2 ? "two runs marked: Enter compares them (A against B)"
                                  : "\(runs.marked.count) run marked: mark another to compare", isError: false, at: state.now)
        case .runsFilter:
            runs.editingFilter = true
        case .runsSort:
            let all = RunsState.Sort.allCases
            runs.sort = all[((all.firstIndex(of: runs.sort) ?? 0) + 1) % all.count]
            runs.cursor = 0
            state.message = .init(text: "sorted: \(runs.sort.label)", isError: false, at: state.now)
        case .runsDelete:
            guard let entry = runs.selected else { return [] }
            runs.confirmingDelete = entry
        case .runsRefresh:
            return [.runs(.refresh)]
        case .help:
            runs.showHelp = true
            runs.helpScroll = 0
        case .quit: return [.quit]
        case .redraw: return [.redraw]
        case .cycleTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = .init(text: "theme: \(state.theme.name)", isError: false, at: state.now)
        case .up: runs.cursor -= 1
        case .down: runs.cursor += 1
        case .pageUp: runs.cursor -= rows
        case .pageDown: runs.cursor += rows
        case .fileStart, .lineStart: runs.cursor = 0
        case .fileEnd, .lineEnd: runs.cursor = runs.visible.count - 1
        default:
            if key.base == .escape {
                if !runs.marked.isEmpty {
                    runs.marked = []
                } else if !runs.filter.isEmpty {
                    runs.filter = ""
                    runs.cursor = 0
                } else {
                    return [.quit]
                }
            }
        }
        keepVisible(&runs, rows: rows)
        return []
    }

    /// A key while the filter is typed: nil when it is not the filter's (arrows move the list as usual).
    static func filterKey(_ key: Key, _ runs: inout RunsState) -> [Effect]? {
        if key.base == .enter {
            runs.editingFilter = false
        } else if key.base == .escape {
            runs.editingFilter = false
            runs.filter = ""
        } else if key.base == .backspace {
            if runs.filter.isEmpty { runs.editingFilter = false }
            runs.filter = String(runs.filter.dropLast())
        } else if let c = key.typedCharacter {
            runs.filter.append(c)
        } else if key == .ctrl("u") {
            runs.filter = ""
        } else {
            return nil
        }
        runs.cursor = 0
        return []
    }

    static func paste(_ text: String, _ runs: inout RunsState) {
        guard runs.editingFilter else { return }
        runs.filter += Sanitizer.line(text)
        runs.cursor = 0
    }

    /// The browser's share of other events: the answers to its effects, and a resize.
    static func update(_ event: AppEvent, _ runs: inout RunsState, _ state: inout AppState) -> [Effect] {
        switch event {
        case .runs(let news): apply(news, &runs, &state)
        case .resize: keepVisible(&runs, rows: listHeight(state))
        default: break
        }
        return []
    }

    /// The browser draws its own status row (`RunsView`); this is what it shows there.
    static func status(_ runs: RunsState, _ state: AppState) -> ModeStatus {
        ModeStatus(segments: [], hints: hints(state.keyMap), shortHints: hints(state.keyMap))
    }

    static func apply(_ event: RunsEvent, _ runs: inout RunsState, _ state: inout AppState) {
        switch event {
        case .deleted(let path, let files):
            runs.replace(runs.entries.filter { $0.path != path }, problems: runs.problems)
            state.message = .init(text: "deleted \(files.map { Sanitizer.line($0) }.joined(separator: ", "))", isError: false, at: state.now)
        case .deleteFailed(_, let message):
            state.message = .init(text: Sanitizer.line(message), isError: true, at: state.now)
        case .listed(let entries, let problems):
            runs.replace(entries, problems: problems)
            state.message = .init(text: "\(entries.count) run\(entries.count == 1 ? "" : "s") listed", isError: false, at: state.now)
        }
        keepVisible(&runs, rows: listHeight(state))
    }

    /// The list's rows: the screen less the title, the column header, the detail line and the status bar.
    static func listHeight(_ state: AppState) -> Int { max(1, state.height - 4) }

    static func keepVisible(_ runs: inout RunsState, rows: Int) {
        let count = runs.visible.count
        runs.cursor = max(0, min(runs.cursor, count - 1))
        if runs.cursor < runs.top { runs.top = runs.cursor }
        if runs.cursor >= runs.top + rows { runs.top = runs.cursor - rows + 1 }
        runs.top = max(0, min(runs.top, max(0, count - rows)))
    }

    /// The status bar's hints, from the key map.
    public static func hints(_ keys: KeyMap) -> String {
        let c = KeyMap.Context.runs
        return "\(keys.shortHint(.runsOpen, in: c)) replay  \(keys.shortHint(.runsMark, in: c)) mark  "
            + "\(keys.shortHint(.runsFilter, in: c)) filter  \(keys.shortHint(.runsSort, in: c)) sort  "
            + "\(keys.shortHint(.runsDelete, in: c)) delete  \(keys.hint(.help)) keys  \(keys.shortHint(.quit, in: c)) quit "
    }
}
