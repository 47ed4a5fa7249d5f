extension KeyMap {
    /// The help of a mode that refuses some commands (watch, replay): only the keys that work there.
    /// A refused command is left out, and so is a key that an earlier context takes first (replay's `f`
    /// forks, so the Logs pane's `f` follow is not listed); `summaries` replaces a command's text where
    /// the mode changes what it does (`quit` asks nothing in a read-only mode). `shadowing: false`
    /// lists every binding of every context (the modes that take steps, where a key's meaning depends on the focus).
    public func helpLines(contexts: [Context], refused: Set<Command>, summaries: [Command: String] = [:],
                          shadowing: Bool = true) -> [StyledLine] {
        var lines: [StyledLine] = []
        var taken: Set<Key> = []
        for context in contexts {
            let entries = bindings.filter { $0.context == context && !refused.contains($0.command) && !(shadowing && taken.contains($0.key)) }
            for binding in bindings where binding.context == context { taken.insert(binding.key) }
            guard !entries.isEmpty else { continue }
            if !lines.isEmpty { lines.append(StyledLine()) }
            lines.append(StyledLine(context.title, "ui.popup.title"))
            var seen: [Command] = []
            for entry in entries where !seen.contains(entry.command) {
                seen.append(entry.command)
                let keys = entries.filter { $0.command == entry.command }.map { Self.display($0.key) }.joined(separator: " ")
                var line = StyledLine()
                line.append("  " + keys.padding(to: 22), "ui.help.key")
                line.append(summaries[entry.command] ?? entry.command.summary, "ui.popup")
                lines.append(line)
            }
        }
        return lines
    }
}

extension KeyMap.Context {
    /// The contexts of a person's episode without an agent (play, fork): the co-pilot keys do nothing there.
    static let person: [KeyMap.Context] = [.global, .editor, .pane, .running, .history]
}

extension Command {
    /// How the read-only modes (watch, replay) describe the commands they change: nothing to save, so
    /// quit asks nothing.
    /// What the read-only modes refuse: everything that edits or steps, and play's run history (they
    /// have their own step lists).
    static let readOnlyRefused: Set<Command> = editing.union([.stepHistory])

    static let readOnlySummaries: [Command: String] = [.quit: "quit (nothing to save: the mode is read-only)"]
}
