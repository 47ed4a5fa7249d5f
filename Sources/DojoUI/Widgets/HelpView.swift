/// The help overlay: lines generated from the key map (`AppView.helpLines` picks the mode's), in a
/// box with its title. It takes its own data.
public struct HelpView {
    public var lines: [StyledLine]
    public var scroll: Int
    /// The key that closes the help (`F1`), for the title.
    public var closeKey: String
    public var theme: Theme
    /// The filter typed after `/` (nil: none): only the lines containing it, under their headings.
    public var filter: String?
    /// The filter is being typed (the title shows a cursor).
    public var filterEditing: Bool

    public init(lines: [StyledLine], scroll: Int, closeKey: String, theme: Theme, filter: String? = nil, filterEditing: Bool = false) {
        self.lines = lines
        self.scroll = scroll
        self.closeKey = closeKey
        self.theme = theme
        self.filter = filter
        self.filterEditing = filterEditing
    }

    /// The lines containing `query` (case-insensitive), each group under its heading (a line in
    /// `ui.popup.title`), groups apart by a blank line; every line for an empty query.
    public static func filtered(_ lines: [StyledLine], by query: String) -> [StyledLine] {
        let needle = query.lowercased()
        guard !needle.isEmpty else { return lines }
        var out: [StyledLine] = []
        var heading: StyledLine?
        for line in lines {
            if line.spans.first?.scope == "ui.popup.title" {
                heading = line
                continue
            }
            guard line.text.lowercased().contains(needle) else { continue }
            if let pending = heading {
                if !out.isEmpty { out.append(StyledLine()) }
                out.append(pending)
                heading = nil
            }
            out.append(line)
        }
        return out.isEmpty ? [StyledLine("no key matches \"\(query)\"", "ui.text.dim")] : out
    }

    public func draw(_ buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 4, 88)
        let height = buffer.height - 4
        guard width > 20, height > 4 else { return }
        let box = Rect(x: (buffer.width - width) / 2, y: 2, width: width, height: height)
        let style = theme.style("ui.popup")
        buffer.fill(box, style: style)
        let border = theme.style("ui.popup.title")
        buffer.write("┌" + String(repeating: "─", count: width - 2) + "┐", x: box.x, y: box.y, style: style)
        buffer.write("└" + String(repeating: "─", count: width - 2) + "┘", x: box.x, y: box.maxY - 1, style: style)
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.put("│", x: box.x, y: y, style: style)
            buffer.put("│", x: box.maxX - 1, y: y, style: style)
        }
        let title = filter.map { " Keys matching /\($0)\(filterEditing ? "▏" : "") — Enter keeps, Esc clears " }
            ?? " Keys — \(closeKey) or Esc closes, ↑↓ scroll, / filters · theme \(theme.name) "
        buffer.write(title, x: box.x + 2, y: box.y, style: border, maxX: box.maxX - 1)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: width - 4, height: height - 2)
        // Long lines wrap under their text (the keys' column is 24 wide), rather than being cut.
        let shown = (filter.map { Self.filtered(lines, by: $0) } ?? lines).flatMap { $0.wrapped(width: inner.width, indent: 24) }
        let top = min(scroll, max(0, shown.count - inner.height))
        AppView.lines(shown[top...], in: inner, theme: theme, &buffer)
    }
}
