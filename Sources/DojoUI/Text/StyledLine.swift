/// A line of text in pieces, each with a theme scope (`keyword`, `markup.heading`, `log.stderr`, …).
public struct StyledLine: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        public var text: String
        public var scope: String

        public init(_ text: String, _ scope: String) {
            self.text = text
            self.scope = scope
        }
    }

    public var spans: [Span]

    public init(_ spans: [Span] = []) { self.spans = spans }
    public init(_ text: String, _ scope: String) { spans = [Span(text, scope)] }

    public var text: String { spans.map(\.text).joined() }
    public var width: Int { spans.reduce(0) { $0 + CharWidth.of($1.text) } }

    public mutating func append(_ text: String, _ scope: String) {
        guard !text.isEmpty else { return }
        if let last = spans.last, last.scope == scope {
            spans[spans.count - 1].text += text
        } else {
            spans.append(Span(text, scope))
        }
    }

    /// Word-wraps to `width` columns, breaking at spaces where it can and inside words where it must;
    /// continuation lines start with `indent` spaces.
    public func wrapped(width: Int, indent: Int = 0) -> [StyledLine] {
        guard width > indent + 1 else { return [self] }
        // Tokens: runs of spaces or of non-spaces, each keeping its scope.
        var tokens: [(text: String, scope: String, width: Int, isSpace: Bool)] = []
        for span in spans {
            var current = ""
            var currentIsSpace: Bool?
            for character in span.text {
                let isSpace = character == " "
                if let c = currentIsSpace, c != isSpace {
                    tokens.append((current, span.scope, CharWidth.of(current), c))
                    current = ""
                }
                current.append(character)
                currentIsSpace = isSpace
            }
            if let c = currentIsSpace, !current.isEmpty { tokens.append((current, span.scope, CharWidth.of(current), c)) }
        }
        var lines: [StyledLine] = []
        var line = StyledLine()
        var column = 0
        func newLine() {
            lines.append(line)
            line = StyledLine()
            if indent > 0 { line.append(String(repeating: " ", count: indent), "") }
            column = indent
        }
        for token in tokens {
            if token.isSpace {
                if column == indent && !lines.isEmpty { continue }
                if column + token.width > width { newLine(); continue }
                line.append(token.text, token.scope)
                column += token.width
                continue
            }
            if column + token.width > width && column > indent {
                // Drop trailing spaces before the break.
                while let last = line.spans.last, last.text.hasSuffix(" ") {
                    var trimmed = last.text
                    while trimmed.hasSuffix(" ") { trimmed.removeLast() }
                    if trimmed.isEmpty { line.spans.removeLast() } else { line.spans[line.spans.count - 1].text = trimmed; break }
                }
                newLine()
            }
            if token.width <= width - column {
                line.append(token.text, token.scope)
                column += token.width
            } else {
                // A word longer than the line: a path breaks after a `/`, a CSV row after a `,` (each
                // part whole where it fits), anything else (and a part longer than a line) by columns.
                for part in Self.pathParts(token.text) {
                    let partWidth = CharWidth.of(part)
                    if column + partWidth > width, column > indent, partWidth <= width - indent { newLine() }
                    if column + partWidth <= width {
                        line.append(part, token.scope)
                        column += partWidth
                        continue
                    }
                    var piece = ""
                    for character in part {
                        let w = CharWidth.of(character)
                        if column + w > width {
                            line.append(piece, token.scope)
                            piece = ""
                            newLine()
                        }
                        piece.append(character)
                        column += w
                    }
                    line.append(piece, token.scope)
                }
            }
        }
        lines.append(line)
        return lines
    }

    /// A long word in the pieces it may break between: after each `/` of a path (`/tmp/`, `a/`,
    /// `b.jsonl`) and each `,` of a CSV row (`PassengerId,`, `Survived,`); a word without either is
    /// one piece.
    static func pathParts(_ word: String) -> [String] {
        var parts: [String] = []
        var current = ""
        for character in word {
            current.append(character)
            if character == "/" || character == "," {
                parts.append(current)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
