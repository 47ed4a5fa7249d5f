/// Where the panes go: Task over Scores on the left, Editor over Logs on the right, the status bar
/// at the bottom. Splits are fractions the keyboard moves; one pane can be zoomed to the full area.
public struct Layout: Sendable, Equatable {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    /// The left column's share of the width.
    public var columnSplit = 0.42
    /// The Task pane's share of the left column's height.
    public var leftSplit = 0.62
    /// The Editor pane's share of the right column's height.
    public var rightSplit = 0.66
    public var zoomed: Pane?

    public init() {}

    public struct Frame: Sendable, Equatable {
        public var panes: [Pane: Rect]
        /// The columns of the vertical separator.
        public var separator: Rect?
        public var status: Rect
    }

    public static func isTooSmall(width: Int, height: Int) -> Bool {
        width < minimumWidth || height < minimumHeight
    }

    public func frame(width: Int, height: Int) -> Frame {
        let status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let area = Rect(x: 0, y: 0, width: width, height: height - 1)
        if let zoomed { return Frame(panes: [zoomed: area], separator: nil, status: status) }
        let left = max(20, min(width - 31, Int((Double(width) * columnSplit).rounded())))
        let taskHeight = max(4, min(area.height - 4, Int((Double(area.height) * leftSplit).rounded())))
        let editorHeight = max(4, min(area.height - 4, Int((Double(area.height) * rightSplit).rounded())))
        let rightX = left + 1
        let rightWidth = width - rightX
        return Frame(panes: [
            .task: Rect(x: 0, y: 0, width: left, height: taskHeight),
            .scores: Rect(x: 0, y: taskHeight, width: left, height: area.height - taskHeight),
            .editor: Rect(x: rightX, y: 0, width: rightWidth, height: editorHeight),
            .logs: Rect(x: rightX, y: editorHeight, width: rightWidth, height: area.height - editorHeight),
        ], separator: Rect(x: left, y: 0, width: 1, height: area.height), status: status)
    }

    public mutating func moveColumnSplit(by delta: Double) { columnSplit = max(0.2, min(0.8, columnSplit + delta)) }

    public mutating func moveRowSplit(of pane: Pane, by delta: Double) {
        if pane == .task || pane == .scores {
            leftSplit = max(0.15, min(0.85, leftSplit + delta))
        } else {
            rightSplit = max(0.15, min(0.85, rightSplit + delta))
        }
    }
}
