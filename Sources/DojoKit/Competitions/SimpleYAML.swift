import Foundation

/// The small subset of YAML that MLE-bench's `config.yaml` and `checksums.yaml` use: nested maps of
/// scalars by indentation (`key: value`, `key:` opening a map), comments, quoted strings. Lists and
/// anything fancier are skipped, not misread.
public struct SimpleYAML: Sendable, Equatable {
    public indirect enum Node: Sendable, Equatable {
        case scalar(String)
        case map([String: Node])
    }

    public let root: [String: Node]

    public init(text: String) {
        var stack: [(indent: Int, key: String?, map: [String: Node])] = [(-1, nil, [:])]
        func close(to indent: Int) {
            while stack.count > 1, let top = stack.last, top.indent >= indent {
                stack.removeLast()
                if let key = top.key { stack[stack.count - 1].map[key] = .map(top.map) }
            }
        }
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("-") || trimmed == "---" { continue }
            let indent = line.prefix { $0 == " " }.count
            guard let colon = Self.keyColon(trimmed) else { continue }
            let key = Self.unquote(String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces))
            var value = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #"), !value.hasPrefix("\""), !value.hasPrefix("'") {
                value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            close(to: indent)
            if value.isEmpty {
                stack.append((indent, key, [:]))
            } else {
                stack[stack.count - 1].map[key] = .scalar(Self.unquote(value))
            }
        }
        close(to: -1)
        while stack.count > 1 { close(to: stack[stack.count - 1].indent) }
        root = stack[0].map
    }

    /// The first `:` followed by a space or the end of the line, outside quotes.
    private static func keyColon(_ text: String) -> String.Index? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func unquote(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// The scalar at a dotted path (`grader.grade_fn`); nil for a map, a missing key or `null`.
    public func string(_ path: String) -> String? {
        guard case .scalar(let text)? = node(path), text != "null", text != "~" else { return nil }
        return text
    }

    public func map(_ path: String) -> [String: Node]? {
        guard case .map(let map)? = node(path) else { return nil }
        return map
    }

    /// A map of scalars at a path (checksums' `public:`), as strings.
    public func scalars(_ path: String) -> [String: String] {
        (map(path) ?? [:]).compactMapValues { if case .scalar(let text) = $0 { text } else { nil } }
    }

    public func node(_ path: String) -> Node? {
        var current = Node.map(root)
        for part in path.split(separator: ".") {
            guard case .map(let map) = current, let next = map[String(part)] else { return nil }
            current = next
        }
        return current
    }
}
