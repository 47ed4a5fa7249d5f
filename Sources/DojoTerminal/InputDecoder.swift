import DojoUI

/// Turns the terminal's input — characters and already-decoded keys — into keys and pastes.
/// Handles what ncurses leaves to us: Alt as an ESC prefix, control characters, and bracketed
/// paste (`ESC [200~ … ESC [201~`), whose text arrives whole, never as keys.
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
                // An unknown sequence ends at its final byte; it is dropped, never typed.
                if (s.value >= 0x40 && s.value <= 0x7E) || next.count > 16 {
                    mode = .normal
                    return []
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
