/// The keys of the overlays over the panes: the message log, and the help's filter (`/`).
extension AppUpdate {
    /// A key while the message log is open: every key is the log's (scroll, close).
    static func messagesKey(_ key: Key, _ state: inout AppState) {
        let total = MessagesView.lines(state.messageLog, now: state.now, width: MessagesView.textWidth(screenWidth: state.width)).count
        let most = max(0, total - MessagesView.textHeight(screenHeight: state.height))
        switch state.keyMap.command(for: key, contexts: [.pane, .global]) {
        case .messages, .quit: state.showMessages = false
        case .up: state.messagesScroll = min(most, state.messagesScroll + 1)
        case .down: state.messagesScroll = max(0, state.messagesScroll - 1)
        case .pageUp: state.messagesScroll = min(most, state.messagesScroll + 10)
        case .pageDown: state.messagesScroll = max(0, state.messagesScroll - 10)
        case .fileStart: state.messagesScroll = most
        case .fileEnd: state.messagesScroll = 0
        default: if key.base == .escape || key.typedCharacter == "q" { state.showMessages = false }
        }
    }

    /// A key in the help that is the filter's: `/` starts one; while typing, characters, Backspace,
    /// Ctrl-U (clears), Enter (keeps it) and Esc (drops it); Esc drops a kept filter before closing.
    /// False: the help's usual keys (scroll, close) have it.
    static func helpFilterKey(_ key: Key, _ state: inout AppState) -> Bool {
        if state.helpFilterEditing {
            switch key.base {
            case .escape:
                state.helpFilter = nil
                state.helpFilterEditing = false
            case .enter: state.helpFilterEditing = false
            case .backspace:
                if state.helpFilter?.isEmpty != false {
                    state.helpFilter = nil
                    state.helpFilterEditing = false
                } else {
                    state.helpFilter?.removeLast()
                }
            case .up, .down, .pageUp, .pageDown: return false
            default:
                if key.ctrl, key.base == .character("u") {
                    state.helpFilter = ""
                } else if let c = key.typedCharacter {
                    state.helpFilter = (state.helpFilter ?? "") + String(c)
                } else {
                    return false
                }
            }
            state.helpScroll = 0
            return true
        }
        if key.typedCharacter == "/" {
            state.helpFilter = ""
            state.helpFilterEditing = true
            state.helpScroll = 0
            return true
        }
        if key.base == .escape, state.helpFilter != nil {
            state.helpFilter = nil
            state.helpScroll = 0
            return true
        }
        return false
    }
}
