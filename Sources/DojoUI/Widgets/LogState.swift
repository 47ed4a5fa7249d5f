/// The Logs pane's model: a bounded scrollback of styled lines, follow mode, search.
public struct LogState: Sendable {
    public private(set) var lines: [StyledLine] = []
    /// Lines dropped from the top to keep the bound.
    public private(set) var dropped = 0
    public var limit: Int
    public var follow = true
    /// The first line shown when not following.
    public var scrollTop = 0
    /// The line a search found, highlighted.
    public var match: Int?

    /// Keeps between `limit` and `limit` + 10% lines.
    public init(limit: Int = 10_000) { self.limit = max(10, limit) }

    public mutating func append(_ line: StyledLine) {
        lines.append(line)
        // Trim in batches (a tenth of the limit at a time), so a chatty step costs no quadratic shifting.
        if lines.count > limit + max(1, limit / 10) {
            let excess = lines.count - limit
            lines.removeFirst(excess)
            dropped += excess
            scrollTop = max(0, scrollTop - excess)
            if let m = match { match = m - excess >= 0 ? m - excess : nil }
        }
    }

    public mutating func append(_ text: String, _ scope: String) { append(StyledLine(text, scope)) }

    public mutating func clear() {
        lines = []
        scrollTop = 0
        match = nil
    }

    /// The first line to draw in a viewport of `height` rows.
    public func top(height: Int) -> Int {
        follow ? max(0, lines.count - height) : max(0, min(scrollTop, max(0, lines.count - height)))
    }

    public mutating func scroll(by delta: Int, height: Int) {
        let current = top(height: height)
        let maxTop = max(0, lines.count - height)
        scrollTop = max(0, min(maxTop, current + delta))
        follow = scrollTop >= maxTop && delta > 0
    }

    public mutating func scrollToTop() { follow = false; scrollTop = 0 }
    public mutating func scrollToBottom() { follow = true }

    /// The next line after the current match that contains `query` (case-insensitive), scrolled to.
    @discardableResult
    public mutating func find(_ query: String, height: Int) -> Bool {
        let needle = query.lowercased()
        guard !needle.isEmpty, !lines.isEmpty else { return false }
        let start = (match ?? top(height: height) - 1) + 1
        for offset in 0..<lines.count {
            let index = (start + offset) % lines.count
            if lines[index].text.lowercased().contains(needle) {
                match = index
                follow = false
                scrollTop = max(0, index - height / 2)
                return true
            }
        }
        return false
    }
}
