import CNcursesw
import DojoUI
import Foundation

/// The real terminal through ncursesw: set-up and teardown, input (keys, resize, bracketed
/// paste), and flushing frames by writing only the cells that changed. One owner: the main actor.
@MainActor
public final class Terminal {
    private var screen: OpaquePointer?
    private var output: UnsafeMutablePointer<FILE>?
    private var decoder = InputDecoder()
    private var extendedKeys: [Int32: Key] = [:]
    private var pairs: [PairKey: Int32] = [:]
    /// Theme styles as this terminal can show them; a frame has few distinct styles, and finding the
    /// nearest colour for each cell of each frame was a third of a flush.
    private var mappedStyles: [Style: Style] = [:]
    private var nextPair: Int32 = 1
    private var lastFrame: ScreenBuffer?
    private var cursorVisible = false
    private var active = false
    public let colorMapper: ColorMapper
    public let colors: Int

    struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Takes over the terminal. `noColor` honours NO_COLOR.
    public init(noColor: Bool) throws(TerminalError) {
        setlocale(LC_ALL, "")
        // Wide characters need a UTF-8 locale; fall back to C.UTF-8 rather than draw mojibake.
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(message: "dojo play needs a terminal on stdin and stdout", hint: "run it in a terminal (or tmux), not through a pipe")
        }
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            throw TerminalError(message: "cannot open the terminal's file descriptors")
        }
        self.output = output
        guard let screen = newterm(nil, output, input) else {
            throw TerminalError(message: "cannot open the terminal \"\(ProcessInfo.processInfo.environment["TERM"] ?? "")\"",
                                hint: "set TERM to your terminal's type, e.g. TERM=xterm-256color")
        }
        self.screen = screen
        set_term(screen)
        active = true
        raw()
        noecho()
        nonl()
        keypad(dojo_stdscr(), true)
        // Mouse reports reach the decoder as bytes (SGR 1006), not as ncurses' KEY_MOUSE.
        keyok(KEY_MOUSE, false)
        intrflush(dojo_stdscr(), false)
        set_escdelay(25)
        var colorCount = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(dojo_colors())
        }
        colors = colorCount
        colorMapper = ColorMapper(mode: ColorMapper.mode(colors: colorCount, noColor: noColor))
        curs_set(0)
        extendedKeys = Self.loadExtendedKeys()
        setBracketedPaste(true)
    }

    private func mapped(_ style: Style) -> Style {
        if let known = mappedStyles[style] { return known }
        let result = colorMapper.map(style)
        mappedStyles[style] = result
        return result
    }

    public var size: (width: Int, height: Int) { (Int(dojo_cols()), Int(dojo_lines())) }

    /// Gives the terminal back: bracketed paste off, cursor on, ncurses ended. Safe to call twice.
    public func end() {
        guard active else { return }
        active = false
        if mouseReporting { writeMouseMode(false) }
        setBracketedPaste(false)
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// Leaves curses mode for a child program (the $EDITOR) …
    public func suspend() {
        if mouseReporting { writeMouseMode(false) }
        setBracketedPaste(false)
        def_prog_mode()
        endwin()
    }

    /// … and comes back, repainting everything.
    public func resume() {
        reset_prog_mode()
        setBracketedPaste(true)
        if mouseReporting { writeMouseMode(true) }
        lastFrame = nil
        clearok(dojo_stdscr(), true)
        wrefresh(dojo_stdscr())
    }

    /// Repaints every cell at the next flush.
    public func invalidate() {
        lastFrame = nil
        clearok(dojo_stdscr(), true)
    }

    /// Many reads in a row failed without waiting: is standard input still this process's terminal?
    private func checkTerminal() {
        instantFailures = 0
        var attributes = termios()
        if tcgetattr(STDIN_FILENO, &attributes) != 0 || tcgetpgrp(STDIN_FILENO) != getpgrp() { isLost = true }
    }

    /// Whether the terminal reports the mouse: presses, releases, drags and the wheel (modes 1000 and
    /// 1002) in the SGR encoding (1006), which has no limit on coordinates. Off, the terminal's own
    /// selection works.
    public private(set) var mouseReporting = false

    public func setMouse(_ on: Bool) {
        guard on != mouseReporting else { return }
        mouseReporting = on
        writeMouseMode(on)
    }

    private func writeMouseMode(_ on: Bool) {
        guard let output else { return }
        fputs(on ? "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h" : "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l", output)
        fflush(output)
    }

    private func setBracketedPaste(_ on: Bool) {
        guard let output else { return }
        fputs(on ? "\u{1B}[?2004h" : "\u{1B}[?2004l", output)
        fflush(output)
    }

    // MARK: input

    /// The terminal can no longer be read (closed, or this process lost it): reads fail at once
    /// instead of waiting, and a session that kept looping would spin and keep its sandbox alive.
    public private(set) var isLost = false
    private var instantFailures = 0

    /// Waits up to `timeoutMilliseconds` for input; returns what arrived (possibly nothing).
    public func read(timeoutMilliseconds: Int32) -> [InputDecoder.Output] {
        var outputs: [InputDecoder.Output] = []
        var wait = timeoutMilliseconds
        var idleRounds = 0
        while true {
            wtimeout(dojo_stdscr(), wait)
            var character: wint_t = 0
            let askedAt = ContinuousClock.now
            let result = wget_wch(dojo_stdscr(), &character)
            if result == dojo_err() {
                if wait >= 20, ContinuousClock.now - askedAt < .milliseconds(Int(wait) / 4) {
                    instantFailures += 1
                    if instantFailures >= 50 { checkTerminal() }
                } else {
                    instantFailures = 0
                }
                if decoder.isInPaste {
                    // A paste's end marker may still be on its way; give up after a second of silence.
                    idleRounds += 1
                    if idleRounds > 20 { outputs += decoder.abandonPaste(); break }
                    wait = 50
                    continue
                }
                if decoder.isPending, idleRounds == 0 {
                    idleRounds += 1
                    wait = 30
                    continue
                }
                outputs += decoder.flush()
                break
            }
            idleRounds = 0
            if result == dojo_key_code_yes() {
                let code = Int32(character)
                if code == dojo_key_resize() {
                    outputs += decoder.feed(.resize)
                } else if let key = key(forCode: code) {
                    outputs += decoder.feed(.key(key))
                }
            } else if let scalar = Unicode.Scalar(UInt32(character)) {
                outputs += decoder.feed(.character(scalar))
            }
            // Drain what is already there without waiting.
            wait = 0
            if outputs.count > 256 { break }
        }
        return outputs
    }

    private func key(forCode code: Int32) -> Key? {
        if let key = extendedKeys[code] { return key }
        switch code {
        case KEY_UP: return Key(.up)
        case KEY_DOWN: return Key(.down)
        case KEY_LEFT: return Key(.left)
        case KEY_RIGHT: return Key(.right)
        case KEY_HOME: return Key(.home)
        case KEY_END: return Key(.end)
        case KEY_PPAGE: return Key(.pageUp)
        case KEY_NPAGE: return Key(.pageDown)
        case KEY_IC: return Key(.insert)
        case KEY_DC: return Key(.delete)
        case KEY_BACKSPACE: return Key(.backspace)
        case KEY_ENTER: return Key(.enter)
        case KEY_BTAB: return Key(.tab, shift: true)
        case KEY_SLEFT: return Key(.left, shift: true)
        case KEY_SRIGHT: return Key(.right, shift: true)
        case KEY_SR: return Key(.up, shift: true)
        case KEY_SF: return Key(.down, shift: true)
        case KEY_SHOME: return Key(.home, shift: true)
        case KEY_SEND: return Key(.end, shift: true)
        case KEY_SNEXT: return Key(.pageDown, shift: true)
        case KEY_SPREVIOUS: return Key(.pageUp, shift: true)
        case KEY_SDC: return Key(.delete, shift: true)
        case (KEY_F0 + 1)...(KEY_F0 + 12): return Key(.function(Int(code - KEY_F0)))
        case (KEY_F0 + 13)...(KEY_F0 + 24): return Key(.function(Int(code - KEY_F0 - 12)), shift: true)
        case (KEY_F0 + 25)...(KEY_F0 + 36): return Key(.function(Int(code - KEY_F0 - 24)), ctrl: true)
        default: return nil
        }
    }

    /// xterm's modified keys, which ncurses reports with codes it assigns at run time.
    private static func loadExtendedKeys() -> [Int32: Key] {
        var keys: [Int32: Key] = [:]
        let bases: [(String, Key.Base)] = [("LFT", .left), ("RIT", .right), ("UP", .up), ("DN", .down), ("HOM", .home),
                                            ("END", .end), ("DC", .delete), ("PRV", .pageUp), ("NXT", .pageDown)]
        // xterm modifier numbers: 2 shift, 3 alt, 4 shift-alt, 5 ctrl, 6 ctrl-shift, 7 ctrl-alt.
        let modifiers: [(Int, Bool, Bool, Bool)] = [(2, false, false, true), (3, false, true, false), (4, false, true, true),
                                                    (5, true, false, false), (6, true, false, true), (7, true, true, false)]
        for (name, base) in bases {
            for (number, ctrl, alt, shift) in modifiers {
                let code = dojo_key_code("k\(name)\(number)")
                if code > 0 { keys[code] = Key(base, ctrl: ctrl, alt: alt, shift: shift) }
            }
        }
        return keys
    }

    // MARK: output

    /// Writes the frame: only the cells that differ from the last frame, then moves the cursor.
    @discardableResult
    public func flush(_ frame: ScreenBuffer) -> Int {
        let diff = ScreenDiff.between(lastFrame, frame)
        if diff.isFull { werase(dojo_stdscr()) }
        var text: [wchar_t] = [0, 0, 0, 0, 0, 0, 0, 0, 0]
        for run in diff.runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                let style = mapped(cell.style)
                var count = 0
                for scalar in cell.character.unicodeScalars where count < 8 {
                    text[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                text[count] = 0
                _ = dojo_put_cell(Int32(run.y), Int32(x), &text, attributes(style.attributes), pair(for: style))
            }
        }
        if let cursor = frame.cursor {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            wmove(dojo_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
        wrefresh(dojo_stdscr())
        lastFrame = frame
        return diff.changedCells
    }

    private func attributes(_ attributes: Attributes) -> attr_t {
        var result = dojo_a_normal()
        if attributes.contains(.bold) { result |= dojo_a_bold() }
        if attributes.contains(.dim) { result |= dojo_a_dim() }
        if attributes.contains(.italic) { result |= dojo_a_italic() }
        if attributes.contains(.underline) { result |= dojo_a_underline() }
        if attributes.contains(.reverse) { result |= dojo_a_reverse() }
        return result
    }

    private func pair(for style: Style) -> Int32 {
        func number(_ color: Color) -> Int16 {
            if case .indexed(let i) = color, Int(i) < max(colors, 1) { return Int16(i) }
            return -1
        }
        let key = PairKey(foreground: number(style.foreground), background: number(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        guard nextPair < dojo_color_pairs() else { return 0 }
        let pair = nextPair
        nextPair += 1
        init_extended_pair(pair, Int32(key.foreground), Int32(key.background))
        pairs[key] = pair
        return pair
    }
}
