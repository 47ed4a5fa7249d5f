/// A mouse report as the terminal layer decodes it (xterm's SGR 1006 encoding): what happened, where
/// (0-based cell), and the modifiers held.
public struct MouseEvent: Sendable, Hashable, CustomStringConvertible {
    public enum Button: Int, Sendable, Hashable { case left = 0, middle = 1, right = 2 }

    public enum Kind: Sendable, Hashable {
        case press(Button)
        case release(Button)
        /// Moved with a button held (button-event tracking, mode 1002).
        case drag(Button)
        case wheelUp, wheelDown, wheelLeft, wheelRight
    }

    public var kind: Kind
    public var x: Int
    public var y: Int
    public var shift: Bool
    public var alt: Bool
    public var ctrl: Bool

    public init(_ kind: Kind, x: Int, y: Int, shift: Bool = false, alt: Bool = false, ctrl: Bool = false) {
        self.kind = kind
        self.x = x
        self.y = y
        self.shift = shift
        self.alt = alt
        self.ctrl = ctrl
    }

    public var description: String { "\(kind) at \(x),\(y)" }

    /// Decodes the body of an SGR report, `ESC [ < b ; x ; y M` (press, drag, wheel) or `… m` (release):
    /// `parameters` is `b;x;y`, `final` is `M` or `m`. Coordinates are 1-based there, 0-based here.
    public static func sgr(parameters: String, final: Character) -> MouseEvent? {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 3, let code = numbers[0] ?? nil, let column = numbers[1] ?? nil, let row = numbers[2] ?? nil,
              code >= 0, column >= 1, row >= 1, final == "M" || final == "m" else { return nil }
        let shift = code & 4 != 0, alt = code & 8 != 0, ctrl = code & 16 != 0
        let low = code & 3
        let kind: Kind
        if code & 64 != 0 {
            guard final == "M" else { return nil }
            kind = [Kind.wheelUp, .wheelDown, .wheelLeft, .wheelRight][low]
        } else if low == 3 {
            // Motion with no button (any-event tracking), or a legacy release: nothing to act on but a release.
            guard code & 32 == 0 else { return nil }
            kind = .release(.left)
        } else {
            guard let button = Button(rawValue: low) else { return nil }
            if final == "m" {
                kind = .release(button)
            } else {
                kind = code & 32 != 0 ? .drag(button) : .press(button)
            }
        }
        return MouseEvent(kind, x: column - 1, y: row - 1, shift: shift, alt: alt, ctrl: ctrl)
    }
}
