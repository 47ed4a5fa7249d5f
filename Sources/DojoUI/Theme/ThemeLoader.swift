import DojoKit
import TOMLKit

/// Reads helix-style theme files: `inherits`, a `[palette]` of named colours, and scopes set to a
/// colour (`"comment" = "gray"`) or a table (`{ fg = "…", bg = "…", modifiers = ["bold"] }`).
public struct ThemeLoader: Sendable {
    /// Finds a theme's TOML text and file name by theme name.
    public typealias Source = @Sendable (String) -> (text: String, file: String)?

    private let source: Source

    public init(source: @escaping Source) { self.source = source }

    /// A scope's raw value and where it was written, resolved once the whole palette is known.
    private struct Entry {
        var value: TOMLValueConvertible
        var file: String
        var text: String
    }

    public func load(_ name: String) throws(ThemeError) -> Theme {
        let (entries, palette) = try load(name, depth: 0)
        var styles: [String: Style] = [:]
        // A child's palette recolours its parent's scopes too (as in helix).
        for (scope, entry) in entries {
            styles[scope] = try style(entry.value, scope: scope, palette: palette, file: entry.file, text: entry.text)
        }
        return Theme(name: name, styles: styles)
    }

    private func load(_ name: String, depth: Int) throws(ThemeError) -> ([String: Entry], [String: Color]) {
        guard let (text, file) = source(name) else {
            throw ThemeError(file: "\(name).toml", message: "no theme named \"\(name)\"")
        }
        let table: TOMLTable
        do { table = try TOMLText.parse(text) } catch { throw ThemeError(file: file, error) }
        var styles: [String: Entry] = [:]
        var palette: [String: Color] = [:]
        if let parent = table["inherits"] {
            guard let parentName = parent.string else {
                throw ThemeError(file: file, line: Self.line(of: "inherits", in: text), key: "inherits", message: "expected a theme name")
            }
            guard depth < 8 else {
                throw ThemeError(file: file, line: Self.line(of: "inherits", in: text), key: "inherits", message: "themes inherit in a cycle")
            }
            (styles, palette) = try load(parentName, depth: depth + 1)
        }
        if let paletteValue = table["palette"] {
            guard let paletteTable = paletteValue.table else {
                throw ThemeError(file: file, line: Self.line(of: "palette", in: text), key: "palette", message: "expected a table of colours")
            }
            for (key, value) in paletteTable {
                guard let text2 = value.string, let color = Self.color(text2, palette: [:]) else {
                    throw ThemeError(file: file, line: Self.line(of: key, in: text, section: "palette"), key: "palette.\(key)",
                                     message: "expected a colour: \"#rrggbb\", an ANSI name (red, light-blue, …) or \"default\"")
                }
                palette[key] = color
            }
        }
        var entries: [(String, TOMLValueConvertible)] = []
        Self.flatten(table, prefix: "", into: &entries)
        for (scope, value) in entries {
            styles[scope] = Entry(value: value, file: file, text: text)
        }
        return (styles, palette)
    }

    private func style(_ value: TOMLValueConvertible, scope: String, palette: [String: Color], file: String,
                       text: String) throws(ThemeError) -> Style {
        let line = Self.line(of: scope, in: text)
        func color(_ raw: TOMLValueConvertible, _ field: String) throws(ThemeError) -> Color {
            guard let name = raw.string else {
                throw ThemeError(file: file, line: line, key: "\(scope).\(field)", message: "expected a colour name or \"#rrggbb\"")
            }
            guard let found = Self.color(name, palette: palette) else {
                throw ThemeError(file: file, line: line, key: scope,
                                 message: "unknown colour \"\(name)\": not in [palette], not \"#rrggbb\", not an ANSI name")
            }
            return found
        }
        if value.type == .string { return Style(foreground: try color(value, "fg")) }
        guard let table = value.table else {
            throw ThemeError(file: file, line: line, key: scope, message: "expected a colour or a table { fg, bg, modifiers }")
        }
        var style = Style()
        for (key, item) in table {
            switch key {
            case "fg": style.foreground = try color(item, key)
            case "bg": style.background = try color(item, key)
            case "underline": style.attributes.insert(.underline)
            case "modifiers":
                guard let array = item.array else {
                    throw ThemeError(file: file, line: line, key: "\(scope).modifiers", message: "expected an array of modifier names")
                }
                for modifier in array {
                    switch modifier.string ?? "" {
                    case "bold": style.attributes.insert(.bold)
                    case "dim": style.attributes.insert(.dim)
                    case "italic": style.attributes.insert(.italic)
                    case "underlined": style.attributes.insert(.underline)
                    case "reversed": style.attributes.insert(.reverse)
                    case "slow_blink", "rapid_blink", "hidden", "crossed_out": break
                    case let other:
                        throw ThemeError(file: file, line: line, key: "\(scope).modifiers",
                                         message: "unknown modifier \"\(other)\"; use bold, dim, italic, underlined, reversed")
                    }
                }
            default:
                throw ThemeError(file: file, line: line, key: "\(scope).\(key)", message: "unknown field; use fg, bg, modifiers")
            }
        }
        return style
    }

    /// Scopes as flat dotted keys; a table without style fields is a group of scopes (`[ui] text = …`).
    private static func flatten(_ table: TOMLTable, prefix: String, into entries: inout [(String, TOMLValueConvertible)]) {
        for (key, value) in table {
            if prefix.isEmpty && (key == "inherits" || key == "palette") { continue }
            let scope = prefix.isEmpty ? key : "\(prefix).\(key)"
            if let inner = value.table, !inner.contains(key: "fg"), !inner.contains(key: "bg"),
               !inner.contains(key: "modifiers"), !inner.contains(key: "underline") {
                flatten(inner, prefix: scope, into: &entries)
            } else {
                entries.append((scope, value))
            }
        }
    }

    /// A colour by palette name, `#rrggbb`, ANSI name, or `default`.
    public static func color(_ text: String, palette: [String: Color]) -> Color? {
        if let named = palette[text] { return named }
        if text == "default" || text == "reset" { return .default }
        if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        if let index = ansiNames.firstIndex(of: text) { return .indexed(UInt8(index)) }
        return nil
    }

    /// The 16 ANSI colours as helix names them, in terminal order.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "light-gray",
        "gray", "light-red", "light-green", "light-yellow", "light-blue", "light-magenta", "light-cyan", "white",
    ]

    /// The first line that sets `key` (quoted or bare), within `[section]` when given.
    static func line(of key: String, in text: String, section: String? = nil) -> Int? {
        var inSection = section == nil
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = trimmed(raw)
            if line.hasPrefix("[") {
                if let section { inSection = line == "[\(section)]" }
                continue
            }
            guard inSection else { continue }
            for candidate in ["\"\(key)\"", key] where line.hasPrefix(candidate) {
                let rest = trimmed(line.dropFirst(candidate.count))
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return nil
    }
}

private func trimmed(_ text: Substring) -> Substring {
    var s = text
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return s
}
