/// What changed between two frames: runs of cells on one row that the terminal must rewrite.
public struct ScreenDiff: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
    }

    public var runs: [Run]
    /// The whole screen must be rewritten (first frame, or a size change).
    public var isFull: Bool

    public var changedCells: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// The runs that turn `old` into `new`; a nil or differently sized `old` gives every row.
    public static func between(_ old: ScreenBuffer?, _ new: ScreenBuffer) -> ScreenDiff {
        guard let old, old.width == new.width, old.height == new.height else {
            var runs: [Run] = []
            for y in 0..<new.height {
                runs.append(Run(x: 0, y: y, cells: Array(new.cells[(y * new.width)..<((y + 1) * new.width)])))
            }
            return ScreenDiff(runs: runs, isFull: true)
        }
        var runs: [Run] = []
        let width = new.width
        for y in 0..<new.height {
            let row = y * width
            var x = 0
            while x < width {
                if old.cells[row + x] == new.cells[row + x] { x += 1; continue }
                // Start a run at the lead cell of a wide grapheme.
                var start = x
                if new.cells[row + start].isContinuation, start > 0 { start -= 1 }
                var end = x + 1
                // Join changes separated by up to 3 equal cells: fewer cursor moves.
                var gap = 0
                var probe = end
                while probe < width {
                    if old.cells[row + probe] != new.cells[row + probe] {
                        end = probe + 1
                        gap = 0
                    } else {
                        gap += 1
                        if gap > 3 { break }
                    }
                    probe += 1
                }
                if end < width, new.cells[row + end].isContinuation { end += 1 }
                runs.append(Run(x: start, y: y, cells: Array(new.cells[(row + start)..<(row + end)])))
                x = end
            }
        }
        return ScreenDiff(runs: runs, isFull: false)
    }
}
