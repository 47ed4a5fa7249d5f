/// Python syntax highlighting a line at a time. The state carried from line to line is whether the
/// line starts inside a triple-quoted string, so strings spanning lines stay right after edits.
public enum PythonHighlighter {
    public enum LineState: Sendable, Hashable {
        case normal
        /// Inside a triple-quoted string closed by this quote character (three of them); f-string or not.
        case triple(quote: Character, fstring: Bool)
    }

    public struct Token: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var scope: String
    }

    static let keywords: Set<String> = [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield", "match", "case",
    ]
    static let controlKeywords: Set<String> = [
        "break", "continue", "elif", "else", "except", "finally", "for", "if", "raise", "return", "try", "while", "with",
        "yield", "match", "case", "await",
    ]
    static let constants: Set<String> = ["True", "False", "None", "NotImplemented", "Ellipsis", "__name__", "__file__"]
    static let builtins: Set<String> = [
        "abs", "all", "any", "bool", "bytes", "callable", "chr", "dict", "dir", "divmod", "enumerate", "eval", "exec",
        "filter", "float", "format", "frozenset", "getattr", "hasattr", "hash", "help", "hex", "id", "input", "int",
        "isinstance", "issubclass", "iter", "len", "list", "map", "max", "min", "next", "object", "oct", "open", "ord",
        "pow", "print", "property", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted",
        "staticmethod", "classmethod", "str", "sum", "super", "tuple", "type", "vars", "zip", "Exception", "ValueError",
        "KeyError", "TypeError", "IndexError", "RuntimeError", "StopIteration", "AttributeError", "ImportError",
    ]

    /// Tokens of one line (uncovered characters are plain text) and the state the next line starts in.
    public static func highlight(_ line: [Character], from state: LineState) -> (tokens: [Token], end: LineState) {
        var tokens: [Token] = []
        var i = 0
        let n = line.count
        var state = state
        var previousWord = ""

        if case .triple(let quote, let fstring) = state {
            let start = 0
            if let close = findTripleClose(line, from: 0, quote: quote) {
                tokens.append(Token(start: start, end: close, scope: fstring ? "string.fstring" : "string"))
                i = close
                state = .normal
            } else {
                if n > 0 { tokens.append(Token(start: 0, end: n, scope: fstring ? "string.fstring" : "string")) }
                return (tokens, state)
            }
        }
        var atLineStart = true
        while i < n {
            let c = line[i]
            if c == " " || c == "\t" { i += 1; continue }
            defer { atLineStart = false }
            if c == "#" {
                tokens.append(Token(start: i, end: n, scope: "comment"))
                break
            }
            if c == "@" && atLineStart {
                var j = i + 1
                while j < n, line[j].isLetter || line[j].isNumber || line[j] == "_" || line[j] == "." { j += 1 }
                tokens.append(Token(start: i, end: j, scope: "attribute"))
                i = j
                continue
            }
            // String, with an optional prefix (r, b, f, rb, fr, u …).
            if let (prefixLength, quote) = stringStart(line, at: i) {
                let prefix = String(line[i..<(i + prefixLength)]).lowercased()
                let fstring = prefix.contains("f")
                let scope = fstring ? "string.fstring" : "string"
                let q = i + prefixLength
                if q + 2 < n, line[q + 1] == quote, line[q + 2] == quote {
                    if let close = findTripleClose(line, from: q + 3, quote: quote) {
                        tokens.append(Token(start: i, end: close, scope: scope))
                        i = close
                    } else {
                        tokens.append(Token(start: i, end: n, scope: scope))
                        return (tokens, .triple(quote: quote, fstring: fstring))
                    }
                } else {
                    var j = q + 1
                    let raw = prefix.contains("r")
                    while j < n, line[j] != quote {
                        if line[j] == "\\" && !raw { j += 1 }
                        j += 1
                    }
                    let end = min(n, j + 1)
                    tokens.append(Token(start: i, end: end, scope: scope))
                    i = end
                }
                previousWord = ""
                continue
            }
            if c.isNumber || (c == "." && i + 1 < n && line[i + 1].isNumber) {
                var j = i + 1
                while j < n {
                    let d = line[j]
                    if d.isNumber || d.isLetter || d == "_" || d == "." {
                        j += 1
                    } else if (d == "+" || d == "-") && (line[j - 1] == "e" || line[j - 1] == "E") && !line[i...].starts(with: ["0", "x"]) {
                        j += 1
                    } else { break }
                }
                tokens.append(Token(start: i, end: j, scope: "constant.numeric"))
                i = j
                previousWord = ""
                continue
            }
            if c.isLetter || c == "_" {
                var j = i + 1
                while j < n, line[j].isLetter || line[j].isNumber || line[j] == "_" { j += 1 }
                let word = String(line[i..<j])
                var scope: String?
                if previousWord == "def" { scope = "function" } else if previousWord == "class" { scope = "type" } else if keywords.contains(word) {
                    scope = word == "def" || word == "class" || word == "lambda" ? "keyword.function"
                        : controlKeywords.contains(word) ? "keyword.control" : "keyword"
                } else if constants.contains(word) {
                    scope = "constant.builtin"
                } else if word == "self" || word == "cls" {
                    scope = "variable.self"
                } else if builtins.contains(word), !(i > 0 && line[i - 1] == ".") {
                    scope = "function.builtin"
                }
                if let scope { tokens.append(Token(start: i, end: j, scope: scope)) }
                previousWord = word
                i = j
                continue
            }
            if "+-*/%=<>!&|^~:".contains(c) {
                tokens.append(Token(start: i, end: i + 1, scope: "operator"))
            }
            previousWord = ""
            i += 1
        }
        return (tokens, state)
    }

    private static func stringStart(_ line: [Character], at i: Int) -> (Int, Character)? {
        let n = line.count
        var j = i
        while j < n, j - i < 2, "rRbBuUfF".contains(line[j]) { j += 1 }
        guard j < n, line[j] == "\"" || line[j] == "'" else { return nil }
        // A prefix only counts when it is the whole word before the quote.
        if j > i, i > 0, line[i - 1].isLetter || line[i - 1].isNumber || line[i - 1] == "_" { return nil }
        return (j - i, line[j])
    }

    /// The index just after the closing triple quote, if this line has one from `start`.
    private static func findTripleClose(_ line: [Character], from start: Int, quote: Character) -> Int? {
        var i = start
        let n = line.count
        while i + 2 < n + 0 {
            if line[i] == "\\" { i += 2; continue }
            if line[i] == quote && line[i + 1] == quote && line[i + 2] == quote { return i + 3 }
            i += 1
        }
        return nil
    }
}
