import DojoUI

/// Turns the terminal's input — characters and already-decoded keys — into keys and pastes.
/// Handles what ncurses leaves to us: Alt as an ESC prefix, control characters, bracketed
/// paste (`ESC [200~ … ESC [201~`), whose text arrives whole, never as keys, and SGR mouse reports
/// (`ESC [ < b ; x ; y M` or `m`).
public struct InputDecoder: Sendable {
    public enum Raw: Sendable, Equatable {
        case character(Unicode.Scalar)
        /// A key ncurses decoded (arrows, function keys, …).
        case key(Key)
        case resize
    }

    public enum Output: Sendable, Equatable {
        case key(Key)
        case paste(String)
        case resize
        case mouse(MouseEvent)
    }

    private enum Mode: Sendable, Equatable {
        case normal
        case escape([Unicode.Scalar])
        case paste
    }

    private var mode: Mode = .normal
    private var pasted = String.UnicodeScalarView()
    private static let pasteStart = Array("[200~".unicodeScalars)
    private static let pasteEnd = Array("\u{1B}[201~".unicodeScalars)

    public init() {}

    /// True while an escape sequence or a paste is unfinished: the caller should read on briefly.
    public var isPending: Bool { mode != .normal }
    public var isInPaste: Bool { mode == .paste }

    public mutating func feed(_ input: Raw) -> [Output] {
        switch mode {
        case .paste:
            switch input {
            case .character(let s):
                if s == "\r" {
                    pasted.append("\n")
                } else if s == "\n", pasted.last == "\n", lastWasCarriageReturn {
                    // CR LF: already a newline.
                } else {
                    pasted.append(s)
                }
                lastWasCarriageReturn = s == "\r"
                if pasted.count >= Self.pasteEnd.count, Array(pasted.suffix(Self.pasteEnd.count)) == Self.pasteEnd {
                    pasted.removeLast(Self.pasteEnd.count)
                    let text = String(pasted)
                    pasted = String.UnicodeScalarView()
                    mode = .normal
                    return [.paste(text)]
                }
                return []
            case .key(let key):
                if key.base == .enter { pasted.append("\n") }
                if key.base == .tab { pasted.append("\t") }
                return []
            case .resize:
                return [.resize]
            }
        case .escape(let sequence):
            switch input {
            case .resize:
                return [.resize]
            case .key(var key):
                mode = .normal
                key.alt = true
                return [.key(key)]
            case .character(let s):
                if sequence.isEmpty {
                    if s == "\u{1B}" { return [.key(Key(.escape))] }
                    if s == "[" || s == "O" {
                        mode = .escape([s])
                        return []
                    }
                    mode = .normal
                    var key = Self.key(for: s)
                    key.alt = true
                    return [.key(key)]
                }
                let next = sequence + [s]
                if next == Self.pasteStart {
                    mode = .paste
                    pasted = String.UnicodeScalarView()
                    lastWasCarriageReturn = false
                    return []
                }
                // A sequence ends at its final byte: a key ncurses did not know, or dropped — never typed.
                if (s.value >= 0x40 && s.value <= 0x7E) || next.count > 16 {
                    mode = .normal
                    if let mouse = Self.sgrMouse(next) { return [.mouse(mouse)] }
                    return Self.sequenceKey(next).map { [.key($0)] } ?? []
                }
                mode = .escape(next)
                return []
            }
        case .normal:
            switch input {
            case .resize: return [.resize]
            case .key(let key): return [.key(key)]
            case .character(let s):
                if s == "\u{1B}" {
                    mode = .escape([])
                    return []
                }
                return [.key(Self.key(for: s))]
            }
        }
    }

    private var lastWasCarriageReturn = false

    /// No more input came: a lone ESC is the Escape key; an unfinished sequence is dropped.
    public mutating func flush() -> [Output] {
        switch mode {
        case .escape(let sequence):
            mode = .normal
            if sequence.isEmpty { return [.key(Key(.escape))] }
            if sequence.count == 1 {
                var key = Self.key(for: sequence[0])
                key.alt = true
                return [.key(key)]
            }
            return []
        case .paste, .normal:
            return []
        }
    }

    /// Ends a paste that never closed (a lost end marker): its text so far.
    public mutating func abandonPaste() -> [Output] {
        guard mode == .paste else { return [] }
        mode = .normal
        let text = String(pasted)
        pasted = String.UnicodeScalarView()
        return text.isEmpty ? [] : [.paste(text)]
    }

    /// A mouse report in xterm's SGR encoding (mode 1006): `[<b;x;yM` (press, drag, wheel) or `…m` (release).
    static func sgrMouse(_ sequence: [Unicode.Scalar]) -> MouseEvent? {
        guard sequence.count > 3, sequence[0] == "[", sequence[1] == "<", let final = sequence.last, final == "M" || final == "m" else { return nil }
        let body = String(String.UnicodeScalarView(sequence.dropFirst(2).dropLast()))
        return MouseEvent.sgr(parameters: body, final: Character(final))
    }

    /// Keys from xterm-style sequences (`[4~`, `[1;5C`, `OF`, `[Z`), for terminals whose terminfo
    /// does not match what they send (tmux, screen).
    static func sequenceKey(_ sequence: [Unicode.Scalar]) -> Key? {
        guard let introducer = sequence.first, let final = sequence.last else { return nil }
        let body = String(String.UnicodeScalarView(sequence.dropFirst().dropLast()))
        let params = body.split(separator: ";").map { Int($0) }
        var key: Key
        let letters: [Unicode.Scalar: Key.Base] = ["A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end]
        if introducer == "O" {
            if let base = letters[final] { key = Key(base) } else if let n = ["P": 1, "Q": 2, "R": 3, "S": 4][final] { key = Key(.function(n)) } else { return nil }
        } else if final == "Z" {
            return Key(.tab, shift: true)
        } else if let base = letters[final] {
            key = Key(base)
        } else if final == "P" || final == "Q" || final == "R" || final == "S" {
            key = Key(.function(["P": 1, "Q": 2, "R": 3, "S": 4][final] ?? 1))
        } else if final == "~", let first = params.first ?? nil {
            let tilde: [Int: Key.Base] = [1: .home, 7: .home, 2: .insert, 3: .delete, 4: .end, 8: .end, 5: .pageUp, 6: .pageDown,
                                          11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
                                          17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
                                          23: .function(11), 24: .function(12)]
            guard let base = tilde[first] else { return nil }
            key = Key(base)
        } else {
            return nil
        }
        if params.count >= 2, let modifier = params[1], modifier >= 2 {
            let bits = modifier - 1
            key.shift = bits & 1 != 0
            key.alt = bits & 2 != 0
            key.ctrl = bits & 4 != 0
        }
        return key
    }

    /// The key a character makes: control characters become ctrl-keys, Enter, Tab, Backspace.
    public static func key(for s: Unicode.Scalar) -> Key {
        switch s.value {
        case 13, 10: return Key(.enter)
        case 9: return Key(.tab)
        case 127, 8: return Key(.backspace)
        case 0: return Key(.character(" "), ctrl: true)
        case 1...26: return Key(.character(Character(Unicode.Scalar(UInt8(s.value + 96)))), ctrl: true)
        case 28...31: return Key(.character(Character(Unicode.Scalar(UInt8(s.value + 64)))), ctrl: true)
        default: return Key(.character(Character(s)))
        }
    }
}
