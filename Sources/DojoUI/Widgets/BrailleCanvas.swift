/// A canvas of Braille dots: each cell holds 2×4 dots, so lines have four times the vertical
/// resolution of text. Each cell keeps the scope of the last dot set in it.
public struct BrailleCanvas: Sendable {
    public let width: Int
    public let height: Int
    private var bits: [UInt8]
    private var scopes: [String?]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bits = Array(repeating: 0, count: self.width * self.height)
        scopes = Array(repeating: nil, count: self.width * self.height)
    }

    public var dotWidth: Int { width * 2 }
    public var dotHeight: Int { height * 4 }

    /// Sets the dot at (x, y), y growing downwards.
    public mutating func set(_ x: Int, _ y: Int, scope: String) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let index = (y / 4) * width + x / 2
        let map: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        bits[index] |= map[y % 4][x % 2]
        scopes[index] = scope
    }

    public mutating func line(from a: (Int, Int), to b: (Int, Int), scope: String) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x0, y0, scope: scope)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }

    /// How a horizontal line is drawn, so lines are told apart without colour.
    public enum Pattern: Sendable, CaseIterable {
        /// Every dot: `⠒⠒⠒⠒`.
        case solid
        /// Two dots on, two off (a full cell, an empty one): `⠒ ⠒ `.
        case dashed
        /// One dot in each cell: `⠂⠂⠂⠂`.
        case dotted
        /// One dot in every other cell: `⠂ ⠂ `.
        case sparse

        func isOn(_ x: Int) -> Bool {
            switch self {
            case .solid: true
            case .dashed: (x / 2) % 2 == 0
            case .dotted: x % 2 == 0
            case .sparse: x % 4 == 0
            }
        }
    }

    /// A dotted horizontal line at dot row y.
    public mutating func horizontal(y: Int, scope: String) { horizontal(y: y, scope: scope, pattern: .dotted) }

    /// A horizontal line at dot row y in a pattern.
    public mutating func horizontal(y: Int, scope: String, pattern: Pattern) {
        for x in 0..<dotWidth where pattern.isOn(x) { set(x, y, scope: scope) }
    }

    public func character(x: Int, y: Int) -> (Character, String?)? {
        let index = y * width + x
        guard bits[index] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[index])) else { return nil }
        return (Character(scalar), scopes[index])
    }
}
