/// The task picker's behaviour: arrows and pages move, typing filters, Enter opens the task under the
/// cursor (the picker ends with `chosen` set), Esc clears the filter, quit leaves without a task.
public enum PickerUpdate: ModeUpdate {
    static func handle(_ key: Key, _ picker: inout PickerState, _ state: inout AppState) -> [Effect]? {
        let rows = listHeight(state)
        let count = picker.matches.count
        // Letters filter: the panes' single-letter keys (g, G, f) do not apply here, their other keys move.
        var command = state.keyMap.command(for: key, contexts: [.picker, .global])
        if command == nil, key.typedCharacter == nil { command = state.keyMap.command(for: key, contexts: [.pane]) }
        switch command {
        case .pickerOpen:
            guard let entry = picker.selected else {
                state.message = .init(text: "no task matches \"\(picker.filter)\"", isError: true, at: state.now)
                return []
            }
            if let problem = entry.problem {
                state.message = .init(text: "\(entry.id) cannot be opened: \(Sanitizer.line(problem))", isError: true, at: state.now)
                return []
            }
            picker.chosen = entry.id
            return [.quit]
        case .quit: return [.quit]
        case .redraw: return [.redraw]
        case .cycleTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = .init(text: "theme: \(state.theme.name)", isError: false, at: state.now)
            return []
        case .up: picker.cursor -= 1
        case .down: picker.cursor += 1
        case .pageUp: picker.cursor -= rows
        case .pageDown: picker.cursor += rows
        case .fileStart, .lineStart: picker.cursor = 0
        case .fileEnd, .lineEnd: picker.cursor = count - 1
        default:
            if key.base == .backspace {
                picker.filter = String(picker.filter.dropLast())
                picker.cursor = 0
            } else if key.base == .escape {
                if picker.filter.isEmpty { return [.quit] }
                picker.filter = ""
                picker.cursor = 0
            } else if let c = key.typedCharacter {
                picker.filter.append(c)
                picker.cursor = 0
            } else if key == .ctrl("u") {
                picker.filter = ""
                picker.cursor = 0
            }
        }
        picker.cursor = max(0, min(picker.cursor, picker.matches.count - 1))
        keepVisible(&picker, rows: rows)
        return []
    }

    static func paste(_ text: String, _ picker: inout PickerState) {
        picker.filter += Sanitizer.line(text)
        picker.cursor = 0
    }

    /// The picker draws its own status row (`PickerView`); this is what it shows there.
    static func status(_ picker: PickerState, _ state: AppState) -> ModeStatus {
        ModeStatus(segments: [], hints: hints(state.keyMap), shortHints: hints(state.keyMap))
    }

    /// The picker's share of an event: a resize keeps the cursor's row in view.
    static func update(_ event: AppEvent, _ picker: inout PickerState, _ state: inout AppState) -> [Effect] {
        if case .resize = event { keepVisible(&picker, rows: listHeight(state)) }
        return []
    }

    /// The rows the list has: the screen less the title, the column header and the status bar.
    static func listHeight(_ state: AppState) -> Int { max(1, state.height - 3) }

    static func keepVisible(_ picker: inout PickerState, rows: Int) {
        if picker.cursor < picker.top { picker.top = picker.cursor }
        if picker.cursor >= picker.top + rows { picker.top = picker.cursor - rows + 1 }
        picker.top = max(0, min(picker.top, max(0, picker.matches.count - rows)))
    }

    /// The status bar's hints, from the key map.
    public static func hints(_ keys: KeyMap) -> String {
        "↑↓ move  " + keys.hintLine([(.pickerOpen, "open")], in: .picker) + " type to filter  " + keys.hintLine([(.quit, "quit")])
    }
}
