import DojoKit
import TOMLKit

/// The one key map: keys to named commands, per context. A key is looked up in the running-step
/// context (while a step runs), then the focused pane's context, then the global one.
public struct KeyMap: Sendable, Equatable {
    public enum Context: String, Sendable, CaseIterable, Hashable {
        case running, editor, pane, global, copilot
        /// `dojo replay`: looked up first, before the focused pane's keys.
        case replay
        /// `dojo watch`: looked up first, before the focused pane's keys.
        case watch
        /// The task picker (`dojo play` without a task).
        case picker
        /// The runs browser (`dojo runs`, `dojo replay` without a file).
        case runs
        /// The evaluation dashboard (`dojo eval`, `dojo eval watch`).
        case dashboard
        /// Play's run history, while its step list has the focus: looked up before the pane's keys.
        case history

        var title: String {
            switch self {
            case .running: "While a step runs"
            case .editor: "Editor"
            case .pane: "Task, Logs and Scores panes"
            case .global: "Everywhere"
            case .copilot: "Co-pilot (dojo play --agent)"
            case .replay: "Replay (read-only)"
            case .watch: "Watch (read-only)"
            case .picker: "Task picker"
            case .runs: "Runs browser"
            case .dashboard: "Evaluation dashboard"
            case .history: "Run history (play: the step list in the Task pane)"
            }
        }
    }

    public struct Binding: Sendable, Equatable {
        public var context: Context
        public var key: Key
        public var command: Command
    }

    public private(set) var bindings: [Binding]
    private var table: [Context: [Key: Command]] = [:]

    public init(bindings: [Binding]) {
        self.bindings = bindings
        rebuild()
    }

    private mutating func rebuild() {
        table = [:]
        for binding in bindings { table[binding.context, default: [:]][binding.key] = binding.command }
    }

    public func command(for key: Key, contexts: [Context]) -> Command? {
        for context in contexts {
            if let command = table[context]?[key] { return command }
        }
        return nil
    }

    /// The keys bound to a command, for hints (`F5`, `ctrl-s`).
    public func keys(for command: Command) -> [Key] {
        bindings.filter { $0.command == command }.map(\.key)
    }

    public func hint(_ command: Command) -> String {
        keys(for: command).first.map { Self.display($0) } ?? "-"
    }

    /// The keys bound to a command in one context.
    public func keys(for command: Command, in context: Context) -> [Key] {
        bindings.filter { $0.command == command && $0.context == context }.map(\.key)
    }

    /// A status-bar hint for a mode's single-letter keys: the first key bound to the command in the
    /// context (else anywhere), a plain character as itself (`n`, `/`, `space`), others as `display`.
    public func shortHint(_ command: Command, in context: Context) -> String {
        guard let key = keys(for: command, in: context).first ?? keys(for: command).first else { return "-" }
        if !key.ctrl, !key.alt, !key.shift, case .character(let c) = key.base { return c == " " ? "space" : String(c) }
        return Self.display(key)
    }

    /// A status-bar hint line, `F1 help  F5 run  ^Q quit `: each command's key and label; with a
    /// context, the keys as `shortHint` shows them in it (`space play  d diff`).
    public func hintLine(_ items: [(Command, String)], in context: Context? = nil) -> String {
        items.map { command, label in "\(context.map { shortHint(command, in: $0) } ?? hint(command)) \(label)" }
            .joined(separator: "  ") + " "
    }

    /// How help, hints and messages show a key, one notation everywhere (helix's): `F5`, `C-s`,
    /// `A-s`, `S-Tab`, `C-S-Home`, `A-Left`, `PgDn`, `Space`; a plain character as itself (`n`, `G`, `/`).
    public static func display(_ key: Key) -> String {
        var parts: [String] = []
        if key.ctrl { parts.append("C") }
        if key.alt { parts.append("A") }
        if key.shift { parts.append("S") }
        let name: String
        switch key.base {
        case .character(" "): name = "Space"
        case .character(let c): name = String(c)
        case .function(let n): name = "F\(n)"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .insert: name = "Ins"
        case .delete: name = "Del"
        case .escape: name = "Esc"
        default:
            let base = Key.baseName(key.base)
            name = base.prefix(1).uppercased() + base.dropFirst()
        }
        parts.append(name)
        return parts.joined(separator: "-")
    }

    /// The keys of a command as help and messages name them: `F5 or C-r` (at most `limit`).
    public func spoken(_ command: Command, limit: Int = 2) -> String {
        let names = keys(for: command).prefix(limit).map { Self.display($0) }
        return names.isEmpty ? "-" : names.joined(separator: " or ")
    }

    /// Overrides from a config file's `[keys]` table: `command = "key"` or `command = ["key", "key"]`.
    /// A command named there loses its default keys; its new keys go to the context it had.
    public func overriding(withConfig text: String, file: String) throws(ThemeError) -> KeyMap {
        let root: TOMLTable
        do { root = try TOMLText.parse(text) } catch { throw ThemeError(file: file, error) }
        return try overriding(with: root, text: text, file: file)
    }

    /// The same, from the config file already parsed (`UserConfig.parse` reads the file once); `text`
    /// gives the error messages their line numbers.
    func overriding(with root: TOMLTable, text: String, file: String) throws(ThemeError) -> KeyMap {
        guard let keysValue = root["keys"] else { return self }
        guard let keys = keysValue.table else { throw ThemeError(file: file, key: "keys", message: "expected a table") }
        var result = bindings
        for (name, value) in keys {
            let line = ThemeLoader.line(of: name, in: text, section: "keys")
            guard let command = Command(rawValue: name) else {
                throw ThemeError(file: file, line: line, key: "keys.\(name)", message: "no command of that name (see F1 help for the names)")
            }
            var names: [String] = []
            if let one = value.string { names = [one] } else if let many = value.array { names = many.compactMap(\.string) }
            var parsed: [Key] = []
            for keyName in names {
                guard let key = Key(name: keyName) else {
                    throw ThemeError(file: file, line: line, key: "keys.\(name)", message: "cannot read key \"\(keyName)\"; write e.g. \"ctrl-s\", \"f5\", \"alt-z\"")
                }
                parsed.append(key)
            }
            let context = result.first { $0.command == command }?.context ?? .global
            result.removeAll { $0.command == command }
            // A key given to a new command leaves its old one in that context.
            result.removeAll { binding in binding.context == context && parsed.contains(binding.key) }
            result += parsed.map { Binding(context: context, key: $0, command: command) }
        }
        return KeyMap(bindings: result)
    }

    /// Help text generated from the bindings, grouped by context.
    public func helpLines(contexts: [Context] = [.global, .editor, .pane, .running, .copilot, .history]) -> [StyledLine] {
        helpLines(contexts: contexts, refused: [], shadowing: false)
    }

    public static let standard: KeyMap = {
        var b: [Binding] = []
        func bind(_ context: Context, _ command: Command, _ keys: Key...) {
            for key in keys { b.append(Binding(context: context, key: key, command: command)) }
        }
        bind(.running, .cancelStep, .ctrl("c"))
        bind(.copilot, .approve, .alt("a"))
        bind(.copilot, .runEdited, .alt("r"))
        bind(.copilot, .skip, .alt("x"))
        bind(.copilot, .takeOver, .alt("t"))
        bind(.copilot, .handBack, .alt("b"))
        bind(.copilot, .autoApprove, .alt("p"))
        bind(.global, .help, .f(1), .alt("?"))
        bind(.global, .execute, .f(5), .ctrl("r"))
        bind(.global, .validate, .f(6), .ctrl("k"))
        bind(.global, .jumpToError, .f(4), .alt("e"))
        bind(.global, .cycleScoresView, .f(7), .alt("c"))
        bind(.global, .cycleTheme, .f(8))
        bind(.global, .zoom, .f(9), .alt("z"))
        bind(.global, .cycleTaskView, .f(2), .alt("d"))
        bind(.global, .quit, .ctrl("q"))
        bind(.global, .save, .ctrl("s"))
        bind(.global, .saveAs, .alt("s"))
        bind(.global, .open, .ctrl("o"))
        bind(.global, .externalEditor, .ctrl("e"))
        bind(.global, .find, .ctrl("f"))
        bind(.global, .findNext, .f(3), .alt("n"))
        bind(.global, .gotoLine, .ctrl("g"))
        bind(.global, .redraw, .ctrl("l"))
        bind(.global, .focusNext, .ctrl("t"))
        bind(.global, .focusTask, .alt("1"))
        bind(.global, .focusEditor, .alt("2"))
        bind(.global, .focusLogs, .alt("3"))
        bind(.global, .focusScores, .alt("4"))
        bind(.global, .growLeft, Key(.left, alt: true), .alt("h"))
        bind(.global, .growRight, Key(.right, alt: true), .alt("l"))
        bind(.global, .growUp, Key(.up, alt: true), .alt("k"))
        bind(.global, .growDown, Key(.down, alt: true), .alt("j"))
        bind(.pane, .focusNext, Key(.tab))
        bind(.pane, .focusPrevious, Key(.tab, shift: true))
        bind(.pane, .toggleFollow, .char("f"))
        bind(.pane, .copy, .ctrl("c"))
        for context in [Context.editor, .pane] {
            bind(context, .up, Key(.up))
            bind(context, .down, Key(.down))
            bind(context, .left, Key(.left))
            bind(context, .right, Key(.right))
            bind(context, .pageUp, Key(.pageUp))
            bind(context, .pageDown, Key(.pageDown))
            bind(context, .fileStart, Key(.home, ctrl: true))
            bind(context, .fileEnd, Key(.end, ctrl: true))
            bind(context, .lineStart, Key(.home))
            bind(context, .lineEnd, Key(.end))
        }
        bind(.pane, .fileStart, .char("g"))
        bind(.pane, .fileEnd, .char("G"))
        bind(.editor, .wordLeft, Key(.left, ctrl: true))
        bind(.editor, .wordRight, Key(.right, ctrl: true))
        bind(.editor, .selectLeft, Key(.left, shift: true))
        bind(.editor, .selectRight, Key(.right, shift: true))
        bind(.editor, .selectUp, Key(.up, shift: true))
        bind(.editor, .selectDown, Key(.down, shift: true))
        bind(.editor, .selectWordLeft, Key(.left, ctrl: true, shift: true))
        bind(.editor, .selectWordRight, Key(.right, ctrl: true, shift: true))
        bind(.editor, .selectLineStart, Key(.home, shift: true))
        bind(.editor, .selectLineEnd, Key(.end, shift: true))
        bind(.editor, .selectPageUp, Key(.pageUp, shift: true))
        bind(.editor, .selectPageDown, Key(.pageDown, shift: true))
        bind(.editor, .selectFileStart, Key(.home, ctrl: true, shift: true))
        bind(.editor, .selectFileEnd, Key(.end, ctrl: true, shift: true))
        bind(.editor, .undo, .ctrl("z"))
        bind(.editor, .redo, .ctrl("y"))
        bind(.editor, .cut, .ctrl("x"))
        bind(.editor, .copy, .ctrl("c"))
        bind(.editor, .paste, .ctrl("v"))
        bind(.editor, .selectAll, .ctrl("a"))
        bind(.editor, .newline, Key(.enter))
        bind(.editor, .backspace, Key(.backspace))
        bind(.editor, .deleteForward, Key(.delete))
        bind(.editor, .deleteWordBackward, .ctrl("w"), Key(.backspace, alt: true))
        bind(.editor, .indent, Key(.tab))
        bind(.editor, .dedent, Key(.tab, shift: true))
        bind(.replay, .replayNext, .char("n"), .char("j"))
        bind(.replay, .replayPrevious, .char("p"), .char("k"))
        bind(.replay, .replayFirst, .char("g"))
        bind(.replay, .replayLast, .char("G"))
        bind(.replay, .replayGoto, .char(":"))
        bind(.replay, .replayBest, .char("b"))
        bind(.replay, .replayNextError, .char("e"))
        bind(.replay, .replayNextImprovement, .char("i"))
        bind(.replay, .replaySearch, .char("/"))
        bind(.replay, .replaySearchNext, .char("?"))
        bind(.replay, .replaySearchPrevious, .char("N"))
        bind(.replay, .replayPlay, .char(" "))
        bind(.replay, .replayFaster, .char("+"), .char("="))
        bind(.replay, .replaySlower, .char("-"))
        bind(.replay, .replayStepsOnly, .char("s"))
        bind(.replay, .replayDiff, .char("d"))
        bind(.replay, .replayBookmark, .char("m"))
        bind(.replay, .replayNote, .char("a"))
        bind(.replay, .replayFork, .char("f"))
        bind(.replay, .replayToggleSteps, .char("t"))
        bind(.replay, .quit, .char("q"))
        bind(.watch, .watchNext, .char("n"))
        bind(.watch, .watchPrevious, .char("p"))
        bind(.watch, .watchFollow, .char("f"), Key(.end))
        bind(.watch, .quit, .char("q"))
        bind(.picker, .pickerOpen, Key(.enter))
        bind(.runs, .runsOpen, Key(.enter))
        bind(.runs, .runsMark, .char(" "))
        bind(.runs, .runsFilter, .char("/"))
        bind(.runs, .runsSort, .char("s"))
        bind(.runs, .runsDelete, .char("d"))
        bind(.runs, .runsRefresh, .char("r"))
        bind(.runs, .quit, .char("q"))
        bind(.dashboard, .dashboardWatch, Key(.enter))
        bind(.dashboard, .quit, .char("q"))
        bind(.dashboard, .dashboardStop, .ctrl("c"))
        bind(.global, .messages, .alt("m"))
        bind(.copilot, .swapKept, .alt("w"))
        bind(.global, .stepHistory, .alt("y"))
        bind(.history, .historyMark, .char("m"), .char(" "))
        bind(.history, .historyClose, Key(.escape), .char("q"))
        bind(.global, .showLeaderboard, .alt("g"))
        bind(.global, .showData, .alt("i"))
        bind(.global, .toggleMouse, .alt("u"))
        return KeyMap(bindings: b)
    }()

    public static func == (lhs: KeyMap, rhs: KeyMap) -> Bool { lhs.bindings == rhs.bindings }
}
