/// Markdown for the terminal: headings, emphasis, inline code, links, lists, quotes, code blocks and
/// tables, word-wrapped to a width (wide characters count two columns).
public enum MarkdownRenderer {
    public static func render(_ markdown: String, width: Int) -> [StyledLine] {
        let width = max(10, width)
        let source = markdown.replacingTabsAndReturns().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [StyledLine] = []
        var paragraph: [String] = []
        var i = 0

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += inline(paragraph.joined(separator: " "), base: "").wrapped(width: width)
            paragraph = []
        }
        func blankLine() {
            if let last = out.last, !last.spans.isEmpty { out.append(StyledLine()) }
        }

        while i < source.count {
            let raw = Sanitizer.line(source[i])
            let line = raw.trimmingLeadingSpaces()
            if line.hasPrefix("```") {
                flushParagraph()
                i += 1
                while i < source.count, !source[i].trimmingLeadingSpaces().hasPrefix("```") {
                    out.append(StyledLine("  " + Sanitizer.line(source[i]), "markup.raw.block"))
                    i += 1
                }
                i += 1
                blankLine()
                continue
            }
            if line.isEmpty {
                flushParagraph()
                blankLine()
                i += 1
                continue
            }
            if line.hasPrefix("#") {
                flushParagraph()
                let level = line.prefix { $0 == "#" }.count
                let title = String(line.dropFirst(level)).trimmingLeadingSpaces()
                blankLine()
                let scope = level == 1 ? "markup.heading.1" : "markup.heading"
                out += inline(title, base: scope).wrapped(width: width)
                if level <= 2 { out.append(StyledLine(String(repeating: level == 1 ? "═" : "─", count: min(width, CharWidth.of(title))), scope)) }
                i += 1
                continue
            }
            if line.hasPrefix("|") {
                flushParagraph()
                var rows: [[String]] = []
                while i < source.count, source[i].trimmingLeadingSpaces().hasPrefix("|") {
                    let cells = tableCells(Sanitizer.line(source[i]))
                    if !cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { rows.append(cells) }
                    i += 1
                }
                out += table(rows, width: width)
                blankLine()
                continue
            }
            if let (marker, rest) = listItem(line) {
                flushParagraph()
                let indent = min(8, raw.count - line.count)
                var item = StyledLine(String(repeating: " ", count: indent), "")
                item.append(marker, "markup.list")
                for span in inline(rest, base: "").spans { item.append(span.text, span.scope) }
                out += item.wrapped(width: width, indent: indent + CharWidth.of(marker))
                i += 1
                continue
            }
            if line.hasPrefix(">") {
                flushParagraph()
                var quote = StyledLine("│ ", "markup.quote")
                for span in inline(String(line.dropFirst()).trimmingLeadingSpaces(), base: "markup.quote").spans {
                    quote.append(span.text, span.scope)
                }
                out += quote.wrapped(width: width, indent: 2)
                i += 1
                continue
            }
            paragraph.append(line)
            i += 1
        }
        flushParagraph()
        while let last = out.last, last.spans.isEmpty { out.removeLast() }
        while let first = out.first, first.spans.isEmpty { out.removeFirst() }
        return out
    }

    static func listItem(_ line: String) -> (String, String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return ("• ", String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count < 4 {
            let rest = line.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return ("\(digits). ", String(rest.dropFirst(2))) }
        }
        return nil
    }

    /// Inline markup: `code`, **bold**, *italic* / _italic_, [text](url).
    static func inline(_ text: String, base: String) -> StyledLine {
        var line = StyledLine()
        let chars = Array(text)
        var i = 0
        var plain = ""
        var bold = false, italic = false
        func scope() -> String {
            if bold { return "markup.bold" }
            if italic { return "markup.italic" }
            return base
        }
        func flush() { line.append(plain, scope()); plain = "" }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let close = chars[(i + 1)...].firstIndex(of: "`") {
                flush()
                line.append(String(chars[(i + 1)..<close]), "markup.raw")
                i = close + 1
                continue
            }
            if c == "*" || c == "_", i + 1 < chars.count, chars[i + 1] == c {
                flush()
                bold.toggle()
                i += 2
                continue
            }
            if c == "*" || (c == "_" && (i == 0 || !chars[i - 1].isLetter || italic)) {
                // An asterisk or underscore that opens needs a closing one later.
                if italic || chars[(i + 1)...].contains(c) {
                    flush()
                    italic.toggle()
                    i += 1
                    continue
                }
            }
            if c == "[", let closeText = chars[(i + 1)...].firstIndex(of: "]"), closeText + 1 < chars.count, chars[closeText + 1] == "(",
               let closeURL = chars[(closeText + 2)...].firstIndex(of: ")") {
                flush()
                let label = String(chars[(i + 1)..<closeText])
                let url = String(chars[(closeText + 2)..<closeURL])
                line.append(label, "markup.link")
                if url != label { line.append(" <\(url)>", "markup.link.url") }
                i = closeURL + 1
                continue
            }
            plain.append(c)
            i += 1
        }
        flush()
        return line
    }

    static func tableCells(_ line: String) -> [String] {
        var body = Substring(line.trimmingLeadingSpaces())
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map { cell in
            inline(String(cell).trimmingLeadingSpaces().trimmingTrailingSpaces(), base: "").text
        }
    }

    /// A table as wide as its cells, or, when that is wider than `width`, with the widest columns
    /// narrowed and their cells word-wrapped over more lines, so nothing is cut. A column keeps its
    /// longest word where it can and at least 6 columns (a table with too many columns for that runs
    /// past the pane's edge).
    static func table(_ rows: [[String]], width: Int) -> [StyledLine] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], CharWidth.of(cell)) } }
        let separators = 3 * (columns - 1)
        // Narrow the widest columns until the table fits: first not below a column's longest word
        // (so words stay whole), then not below 6 columns.
        var words = Array(repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() {
                words[i] = max(words[i], cell.split(separator: " ").map { CharWidth.of(String($0)) }.max() ?? 0)
            }
        }
        for floors in [words.map { max(6, $0) }, Array(repeating: 6, count: columns)] {
            while widths.reduce(0, +) + separators > width,
                  let widest = widths.indices.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] }) {
                widths[widest] -= 1
            }
        }
        var out: [StyledLine] = []
        for (r, row) in rows.enumerated() {
            let cells = (0..<columns).map { c in
                StyledLine(c < row.count ? row[c] : "", "").wrapped(width: widths[c]).map(\.text)
            }
            let height = cells.map(\.count).max() ?? 1
            for l in 0..<height {
                var line = StyledLine()
                for c in 0..<columns {
                    if c > 0 { line.append(" │ ", "markup.table") }
                    let text = l < cells[c].count ? cells[c][l] : ""
                    line.append(fit(text, widths[c]), r == 0 ? "markup.bold" : "")
                }
                out.append(line)
            }
            if r == 0 && rows.count > 1 {
                out.append(StyledLine(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"), "markup.table"))
            }
        }
        return out
    }

    /// Pads or cuts text to exactly `width` columns, marking a cut with "…".
    static func fit(_ text: String, _ width: Int) -> String {
        let w = CharWidth.of(text)
        if w <= width { return text + String(repeating: " ", count: width - w) }
        var out = ""
        var used = 0
        for c in text {
            let cw = CharWidth.of(c)
            if used + cw > width - 1 { break }
            out.append(c)
            used += cw
        }
        return out + "…" + String(repeating: " ", count: max(0, width - used - 1))
    }
}
