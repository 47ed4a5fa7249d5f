/// The editor's ways not to lose work: the unsaved-edits question before quitting or opening
/// another file (save, discard, cancel) and what happens once the save is done; save as that asks
/// before overwriting a file; whole-line clips that paste as lines; and the buffers kept aside.
extension AppUpdate {
    /// The name the Editor's title gives the buffer: its file's, else the buffer's own.
    static func bufferTitle(_ state: AppState) -> String {
        state.editor.path.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? state.bufferName
    }

    // MARK: open

    /// Opens a file in place of the buffer; with unsaved edits, asks first (as quitting does).
    static func openFile(_ path: String, _ state: inout AppState) -> [Effect] {
        guard !path.isEmpty else { return [] }
        guard state.editor.isModified else { return [.open(path: path)] }
        state.prompt = .init(kind: .confirmOpen(path), text: "", subject: Sanitizer.line(bufferTitle(state)))
        return []
    }

    // MARK: save

    /// Save as: the buffer's own file is saved as Ctrl-S does; any other path only if no file is
    /// there yet (else the handler answers `fileExists` and the person is asked).
    static func saveAs(_ path: String, _ state: inout AppState) -> [Effect] {
        guard !path.isEmpty else {
            state.afterSave = nil
            return []
        }
        if path == state.editor.path { return [.save(path: path, text: state.editor.text, revision: state.editor.revision)] }
        return [.saveNew(path: path, text: state.editor.text, revision: state.editor.revision)]
    }

    /// After a save: what the unsaved-edits question was waiting for (quit, open), if the buffer
    /// saved is the buffer as it is now.
    static func continueAfterSave(revision: Int, _ state: inout AppState) -> [Effect] {
        guard let next = state.afterSave else { return [] }
        state.afterSave = nil
        guard revision == state.editor.revision else { return [] }
        return proceed(next, &state)
    }

    static func proceed(_ next: AfterSave, _ state: inout AppState) -> [Effect] {
        switch next {
        case .quit: quitUnlessKeptIsLost(&state)
        case .open(let path): [.open(path: path)]
        }
    }

    /// Quits, unless buffers kept aside have unsaved edits: then asks first.
    static func quitUnlessKeptIsLost(_ state: inout AppState) -> [Effect] {
        let unsaved = state.kept.filter(\.editor.isModified).count
        if unsaved > 0 {
            let key = state.keyMap.hint(.swapKept)
            let what = unsaved == 1 ? "1 kept buffer has unsaved edits (\(key) shows it)" : "\(unsaved) kept buffers have unsaved edits (\(key) shows them)"
            state.prompt = .init(kind: .confirmQuitKept, text: "", subject: what)
            return []
        }
        return quitNow(state)
    }

    static func quitNow(_ state: AppState) -> [Effect] {
        state.running != nil ? [.cancelStep, .quit] : [.quit]
    }

    // MARK: questions

    /// A key while a question is asked (unsaved edits, overwrite, kept buffers); nil for the
    /// prompts that take a line of text.
    static func confirm(_ key: Key, _ prompt: AppState.Prompt, _ state: inout AppState) -> [Effect]? {
        let answer = key.typedCharacter?.lowercased()
        let cancels = answer == "c" || key.base == .escape || key.ctrl
        switch prompt.kind {
        case .confirmQuit: return answerUnsaved(key, then: .quit, &state)
        case .confirmOpen(let path): return answerUnsaved(key, then: .open(path), &state)
        case .confirmOverwrite(let path):
            if answer == "y" {
                state.prompt = nil
                return [.save(path: path, text: state.editor.text, revision: state.editor.revision)]
            }
            if answer == "n" {
                // Back to the name, to choose another (Up puts this one back to edit).
                state.prompt = .init(kind: .saveAs, text: "", previous: path)
            } else if cancels {
                state.prompt = nil
                state.afterSave = nil
                state.message = .init(text: "not saved", isError: false, at: state.now)
            }
            return []
        case .confirmQuitKept:
            if answer == "y" {
                state.prompt = nil
                return quitNow(state)
            }
            if answer == "n" || cancels { state.prompt = nil }
            return []
        case .find, .gotoLine, .open, .saveAs: return nil
        }
    }

    /// The unsaved-edits question: (y)es saves first (asking for a name when the buffer has no
    /// file) and goes on once the save succeeded; (n)o goes on without saving; (c)ancel, Esc or a
    /// control key leave everything as it was.
    static func answerUnsaved(_ key: Key, then next: AfterSave, _ state: inout AppState) -> [Effect] {
        switch key.typedCharacter?.lowercased() {
        case "y":
            state.prompt = nil
            state.afterSave = next
            guard let path = state.editor.path else {
                state.prompt = .init(kind: .saveAs, text: "", previous: state.defaultSavePath)
                return []
            }
            return [.save(path: path, text: state.editor.text, revision: state.editor.revision)]
        case "n":
            state.prompt = nil
            return proceed(next, &state)
        default:
            if key.typedCharacter?.lowercased() == "c" || key.base == .escape || key.ctrl {
                state.prompt = nil
                state.afterSave = nil
            }
            return []
        }
    }

    // MARK: clipboard

    /// Ctrl-V: whole lines (copied or cut without a selection) go above the cursor's line; other
    /// text is inserted at the cursor.
    static func pasteClipboard(_ state: inout AppState) {
        if state.clipboardIsLines { state.editor.insertLines(state.clipboard) } else { state.editor.insert(state.clipboard) }
    }

    // MARK: kept buffers

    /// Sets the editor's buffer aside when it has unsaved edits, before something else is loaded
    /// into the editor; true when it was kept.
    @discardableResult
    static func keepIfModified(_ state: inout AppState) -> Bool {
        guard state.editor.isModified else { return false }
        state.kept.append(KeptBuffer(editor: state.editor, name: state.bufferName))
        return true
    }

    /// `swap_kept_buffer`: the newest kept buffer comes back into the editor, and the editor's goes
    /// to the front of the kept ones (with one kept, the key swaps between the two).
    static func swapKept(_ state: inout AppState) {
        guard let next = state.kept.popLast() else {
            state.message = .init(text: "no buffer is kept aside", isError: true, at: state.now)
            return
        }
        let current = KeptBuffer(editor: state.editor, name: state.bufferName)
        state.kept.insert(current, at: 0)
        state.editor = next.editor
        state.bufferName = next.name
        focus(.editor, &state)
        state.message = .init(text: "editor: \(Sanitizer.line(next.title)); kept aside: \(Sanitizer.line(current.title)) (\(state.keyMap.hint(.swapKept)) swaps)",
                              isError: false, at: state.now)
    }
}
