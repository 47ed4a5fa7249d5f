/// One screen cell: a grapheme and its style. The cell right of a wide grapheme is a continuation cell.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var style: Style
    /// True for the right half of a two-column grapheme; the terminal writes nothing there.
    public var isContinuation: Bool

    public init(_ character: Character, style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell(" ")
}
