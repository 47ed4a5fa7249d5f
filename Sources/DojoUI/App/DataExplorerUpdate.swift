import Foundation

/// The data explorer's behaviour: opening it (asking for the profile once per session: the handler
/// reads it from the cache or makes it), choosing a file and a column, the read-only head view, closing.
enum DataExplorerUpdate {
    static func open(_ state: inout AppState) -> [Effect] {
        state.overlay = .data
        state.data.viewingHead = false
        if state.data.profile != nil || state.data.loading { return [] }
        guard let source = state.data.source else {
            state.data.problem = "No public data to explore here: the task is not installed, or its data is not prepared on this machine (dojo prepare TASK prepares it)."
            return []
        }
        state.data.loading = true
        state.data.problem = nil
        return [.profileData(source)]
    }

    /// The profile arrived: the first CSV (train.csv when there is one) is selected.
    static func take(_ answer: DataExplorerState.Answer, _ state: inout AppState) {
        state.data.loading = false
        state.data.profile = answer.profile
        state.data.problem = answer.problem
        let seconds = String(format: "%.2f", answer.seconds)
        state.data.origin = answer.profile == nil ? nil : answer.fromCache ? "from the cache, \(seconds) s" : "computed in \(seconds) s"
        let files = answer.profile?.files ?? []
        state.data.file = files.firstIndex { ($0.path as NSString).lastPathComponent == "train.csv" }
            ?? files.firstIndex { $0.table != nil } ?? 0
        state.data.column = 0
        state.data.columnTop = 0
    }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        let command = state.keyMap.command(for: key, contexts: [.pane, .global])
        if state.data.viewingHead { return headKey(key, command, &state) }
        if OverlayUpdate.closes(key, command, opener: .showData) {
            state.overlay = nil
            return []
        }
        let page = DataExplorerView.frame(width: state.width, height: state.height).columnRows
        switch command {
        case .up: selectColumn(state.data.column - 1, &state)
        case .down: selectColumn(state.data.column + 1, &state)
        case .pageUp: selectColumn(state.data.column - page, &state)
        case .pageDown: selectColumn(state.data.column + page, &state)
        case .fileStart, .lineStart: selectColumn(0, &state)
        case .fileEnd, .lineEnd: selectColumn(Int.max / 2, &state)
        case .left, .focusPrevious: selectFile(state.data.file - 1, &state)
        case .right, .focusNext: selectFile(state.data.file + 1, &state)
        default:
            if key.base == .enter { openHead(&state) }
        }
        return []
    }

    static func selectColumn(_ index: Int, _ state: inout AppState) {
        let count = state.data.selectedFile?.table?.columns.count ?? 0
        guard count > 0 else { return }
        state.data.column = max(0, min(count - 1, index))
        let rows = DataExplorerView.frame(width: state.width, height: state.height).columnRows
        state.data.columnTop = min(max(state.data.columnTop, state.data.column - rows + 1), state.data.column)
    }

    static func selectFile(_ index: Int, _ state: inout AppState) {
        let count = state.data.profile?.files.count ?? 0
        guard count > 0 else { return }
        let chosen = max(0, min(count - 1, index))
        guard chosen != state.data.file else { return }
        state.data.file = chosen
        state.data.column = 0
        state.data.columnTop = 0
    }

    static func openHead(_ state: inout AppState) {
        guard let file = state.data.selectedFile else { return }
        guard file.headText != nil else {
            state.message = .init(text: "only a CSV's head opens: \(Sanitizer.line(file.path)) is not one", isError: true, at: state.now)
            return
        }
        state.data.viewingHead = true
        state.data.headTop = 0
        state.data.headLeft = 0
    }

    static func headKey(_ key: Key, _ command: Command?, _ state: inout AppState) -> [Effect] {
        if key.base == .escape || key.typedCharacter == "q" || command == .quit || key.base == .enter {
            state.data.viewingHead = false
            return []
        }
        if command == .showData {
            state.data.viewingHead = false
            state.overlay = nil
            return []
        }
        let page = max(1, state.height - 4)
        switch command {
        case .up: scrollHead(-1, &state)
        case .down: scrollHead(1, &state)
        case .pageUp: scrollHead(-page, &state)
        case .pageDown: scrollHead(page, &state)
        case .fileStart: scrollHead(-Int.max / 2, &state)
        case .fileEnd: scrollHead(Int.max / 2, &state)
        case .left: state.data.headLeft = max(0, state.data.headLeft - 8)
        case .right: state.data.headLeft += 8
        case .lineStart: state.data.headLeft = 0
        default: break
        }
        return []
    }

    static func scrollHead(_ delta: Int, _ state: inout AppState) {
        let lines = Sanitizer.lines(of: state.data.selectedFile?.headText ?? "").count
        let page = max(1, state.height - 4)
        state.data.headTop = max(0, min(max(0, lines - page), state.data.headTop + delta))
    }

    /// The wheel moves the column selection (or scrolls the head); a click chooses a file or a column.
    static func mouse(_ event: MouseEvent, _ state: inout AppState) {
        if state.data.viewingHead {
            if let delta = MouseUpdate.wheel(event) { scrollHead(delta, &state) }
            return
        }
        switch event.kind {
        case .wheelUp: selectColumn(state.data.column - 1, &state)
        case .wheelDown: selectColumn(state.data.column + 1, &state)
        case .press(.left):
            let frame = DataExplorerView.frame(width: state.width, height: state.height)
            let files = frame.files, detail = frame.detail
            if event.x >= files.x, event.x < files.maxX, event.y >= files.y, event.y < files.maxY {
                let count = state.data.profile?.files.count ?? 0
                let rows = files.height - (state.data.origin == nil ? 0 : 1)
                let top = max(0, min(state.data.file - rows + 1, count - rows))
                let index = top + event.y - files.y
                if event.y - files.y < rows, index < count { selectFile(index, &state) }
            } else if event.x >= detail.x, event.x < detail.maxX, event.y >= frame.columnsY, event.y < frame.columnsY + frame.columnRows {
                let top = min(max(state.data.columnTop, state.data.column - frame.columnRows + 1), state.data.column)
                selectColumn(max(0, top) + event.y - frame.columnsY, &state)
            }
        default: break
        }
    }
}
