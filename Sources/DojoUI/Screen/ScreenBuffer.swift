/// An in-memory frame: a grid of cells that widgets draw into and the terminal layer flushes.
public struct ScreenBuffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public var cells: [Cell]
    /// Where the terminal cursor should be after the flush; nil hides it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            let row = y * width
            for x in x0..<x1 { cells[row + x] = cell }
        }
    }

    public mutating func fill(_ rect: Rect, style: Style) { fill(rect, with: Cell(" ", style: style)) }

    /// Sets one grapheme; a wide one takes two cells, or is replaced by a space when only one is left.
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return CharWidth.of(character) }
        let w = CharWidth.of(character)
        let end = min(width, limit ?? width)
        if w == 2 {
            if x + 1 < end {
                clearWideNeighbours(x: x, y: y)
                clearWideNeighbours(x: x + 1, y: y)
                cells[y * width + x] = Cell(character, style: style)
                cells[y * width + x + 1] = Cell(" ", style: style, isContinuation: true)
            } else if x < end {
                clearWideNeighbours(x: x, y: y)
                cells[y * width + x] = Cell(" ", style: style)
            }
            return 2
        }
        if w == 0 { return 0 }
        guard x < end else { return 1 }
        clearWideNeighbours(x: x, y: y)
        cells[y * width + x] = Cell(character, style: style)
        return 1
    }

    /// Keeps wide graphemes whole: overwriting either half blanks the other.
    private mutating func clearWideNeighbours(x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }

    /// Writes text from (x, y), clipped at `maxX` (default: the right edge). Returns the column after it.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style, maxX: Int? = nil) -> Int {
        let limit = min(width, maxX ?? width)
        var column = x
        for character in text {
            if column >= limit { break }
            column += put(character, x: column, y: y, style: style, limit: limit)
        }
        return column
    }

    /// Writes an array of graphemes (the editor's lines) without re-segmenting text.
    @discardableResult
    public mutating func write(characters: ArraySlice<Character>, x: Int, y: Int, style: Style, maxX: Int) -> Int {
        var column = x
        for character in characters {
            if column >= maxX { break }
            column += put(character, x: column, y: y, style: style, limit: maxX)
        }
        return column
    }

    /// Changes the style of cells in a rectangle, keeping their text.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// The text of each row, continuation cells omitted, trailing spaces kept.
    public var rows: [String] {
        (0..<height).map { row(at: $0) }
    }

    public func row(at y: Int) -> String {
        var text = ""
        for x in 0..<width where !self[x, y].isContinuation { text.append(self[x, y].character) }
        return text
    }

    /// The rows with trailing spaces trimmed, joined by newlines: what screen tests compare.
    public var text: String {
        rows.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }
}
