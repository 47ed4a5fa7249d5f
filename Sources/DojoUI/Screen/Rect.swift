/// A rectangle of cells: column `x`, row `y`, `width` columns, `height` rows.
public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The rectangle without `top` rows at the top.
    public func droppingTop(_ rows: Int) -> Rect { Rect(x: x, y: y + rows, width: width, height: height - rows) }
    public func droppingLeft(_ columns: Int) -> Rect { Rect(x: x + columns, y: y, width: width - columns, height: height) }

    public var description: String { "(\(x),\(y) \(width)×\(height))" }
}
