import DojoUI

/// A terminal in memory: applies frames as the real one does (only the diff), so tests can check
/// that diffs reproduce the frame and count how many cells a change rewrites.
public struct InMemoryTerminal: Sendable {
    public private(set) var screen: ScreenBuffer
    private var last: ScreenBuffer?
    public private(set) var cellsWritten = 0

    public init(width: Int, height: Int) {
        screen = ScreenBuffer(width: width, height: height)
    }

    /// Applies the diff between the last frame and this one; returns how many cells were written.
    @discardableResult
    public mutating func flush(_ frame: ScreenBuffer) -> Int {
        let diff = ScreenDiff.between(last, frame)
        if diff.isFull { screen = ScreenBuffer(width: frame.width, height: frame.height) }
        var written = 0
        for run in diff.runs {
            for (offset, cell) in run.cells.enumerated() {
                screen[run.x + offset, run.y] = cell
                written += 1
            }
        }
        screen.cursor = frame.cursor
        cellsWritten += written
        last = frame
        return written
    }

    public var text: String { screen.text }
}
