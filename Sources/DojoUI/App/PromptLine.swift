/// The line editing every one-line prompt shares (the workbench's find, go to line, open, save as;
/// replay's go to step, search and note): each starts empty, Ctrl-U clears the line, Up puts the
/// prompt's previous answer on it to edit, Backspace deletes, a typed character appends.
public enum PromptLine {
    /// Ctrl-U and Up: true when the key was one of them (the line is changed).
    public static func clearOrRecall(_ key: Key, _ text: inout String, previous: String) -> Bool {
        if key == .ctrl("u") {
            text = ""
            return true
        }
        if key == Key(.up) {
            if !previous.isEmpty { text = previous }
            return true
        }
        return false
    }

    /// Every line-editing key: Ctrl-U, Up, Backspace, a typed character. False: not one of them.
    public static func edit(_ key: Key, _ text: inout String, previous: String) -> Bool {
        if clearOrRecall(key, &text, previous: previous) { return true }
        if key == Key(.backspace) {
            if !text.isEmpty { text.removeLast() }
            return true
        }
        if let c = key.typedCharacter {
            text.append(c)
            return true
        }
        return false
    }
}
