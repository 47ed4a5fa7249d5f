/// A key press as the terminal layer decodes it.
public struct Key: Sendable, Hashable, CustomStringConvertible {
    public enum Base: Sendable, Hashable {
        case character(Character)
        case function(Int)
        case up, down, left, right, home, end, pageUp, pageDown, insert, delete
        case backspace, enter, tab, escape
    }

    public var base: Base
    public var ctrl: Bool
    public var alt: Bool
    public var shift: Bool

    public init(_ base: Base, ctrl: Bool = false, alt: Bool = false, shift: Bool = false) {
        self.base = base
        self.ctrl = ctrl
        self.alt = alt
        self.shift = shift
    }

    public static func char(_ c: Character) -> Key { Key(.character(c)) }
    public static func ctrl(_ c: Character) -> Key { Key(.character(c), ctrl: true) }
    public static func alt(_ c: Character) -> Key { Key(.character(c), alt: true) }
    public static func f(_ n: Int) -> Key { Key(.function(n)) }

    /// The printable character this key types, if it types one.
    public var typedCharacter: Character? {
        guard !ctrl, !alt, case .character(let c) = base else { return nil }
        return c
    }

    /// The name used in key maps and help: `ctrl-s`, `shift-left`, `f5`, `alt-1`, `a`.
    public var description: String {
        var parts: [String] = []
        if ctrl { parts.append("ctrl") }
        if alt { parts.append("alt") }
        if shift { parts.append("shift") }
        parts.append(Self.baseName(base))
        return parts.joined(separator: "-")
    }

    static func baseName(_ base: Base) -> String {
        switch base {
        case .character(" "): "space"
        case .character("-"): "minus"
        case .character(let c): String(c)
        case .function(let n): "f\(n)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pageup"
        case .pageDown: "pagedown"
        case .insert: "insert"
        case .delete: "delete"
        case .backspace: "backspace"
        case .enter: "enter"
        case .tab: "tab"
        case .escape: "esc"
        }
    }

    /// Parses a key name (`ctrl-s`, `Shift-Tab`, `F5`, `alt-z`, `pagedown`).
    public init?(name: String) {
        var parts = name.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.popLast() else { return nil }
        var key = Key(.character(" "))
        for modifier in parts {
            switch modifier {
            case "ctrl", "c": key.ctrl = true
            case "alt", "a", "meta", "m": key.alt = true
            case "shift", "s": key.shift = true
            default: return nil
            }
        }
        let names: [String: Base] = [
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown, "insert": .insert, "ins": .insert,
            "delete": .delete, "del": .delete, "backspace": .backspace, "enter": .enter, "ret": .enter, "return": .enter,
            "tab": .tab, "esc": .escape, "escape": .escape, "space": .character(" "), "minus": .character("-"),
        ]
        if let base = names[last] {
            key.base = base
        } else if last.count > 1, last.hasPrefix("f"), let n = Int(last.dropFirst()), (1...24).contains(n) {
            key.base = .function(n)
        } else if last.count == 1, let c = last.first {
            key.base = .character(c)
        } else {
            return nil
        }
        self = key
    }
}
