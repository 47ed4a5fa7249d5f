/// Turns bytes from code into text that cannot drive the terminal: invalid UTF-8 becomes U+FFFD,
/// control characters and escape sequences become visible (`^[`, `^G`, …), tabs become spaces.
/// Line feeds split lines; a carriage return not before a line feed starts the line over (progress bars).
public struct Sanitizer: Sendable {
    /// Bytes of an unfinished UTF-8 sequence, kept for the next chunk.
    private var pending: [UInt8] = []
    /// The unfinished last line.
    public private(set) var partial = ""
    private var sawCarriageReturn = false

    public init() {}

    /// Feeds a chunk; returns the lines it completed.
    public mutating func feed(_ bytes: [UInt8]) -> [String] {
        var data = pending + bytes
        pending = []
        // Keep a trailing incomplete UTF-8 sequence for later.
        let cut = Self.incompleteTail(data)
        if cut > 0 {
            pending = Array(data.suffix(cut))
            data.removeLast(cut)
        }
        var lines: [String] = []
        let text = String(decoding: data, as: UTF8.self)
        for scalar in text.unicodeScalars {
            if sawCarriageReturn {
                sawCarriageReturn = false
                if scalar != "\n" { partial = "" }
            }
            switch scalar {
            case "\n":
                lines.append(partial)
                partial = ""
            case "\r":
                sawCarriageReturn = true
            case "\t":
                let column = CharWidth.of(partial)
                partial += String(repeating: " ", count: 4 - column % 4)
            default:
                partial += Self.visible(scalar)
            }
        }
        return lines
    }

    /// Ends the stream: the unfinished line, if any.
    public mutating func finish() -> String? {
        if !pending.isEmpty {
            partial += "\u{FFFD}"
            pending = []
        }
        defer { partial = "" }
        return partial.isEmpty ? nil : partial
    }

    /// Sanitises a whole text at once into lines.
    public static func lines(of text: String) -> [String] {
        var sanitizer = Sanitizer()
        var lines = sanitizer.feed(Array(text.utf8))
        if let last = sanitizer.finish() { lines.append(last) }
        return lines
    }

    /// One line of text made safe to draw (used for file names and other single-line text).
    public static func line(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            out += scalar == "\t" ? "    " : (scalar == "\n" || scalar == "\r") ? "⏎" : visible(scalar)
        }
        return out
    }

    static func visible(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x20 { return "^" + String(Unicode.Scalar(UInt8(v + 0x40))) }
        if v == 0x7F { return "^?" }
        if v >= 0x80 && v < 0xA0 { return "<U+\(String(v, radix: 16, uppercase: true))>" }
        // Bidirectional overrides could reorder what is drawn; show them.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
            return "<U+\(String(v, radix: 16, uppercase: true))>"
        }
        return String(scalar)
    }

    /// How many bytes at the end start a UTF-8 sequence that is not complete yet.
    static func incompleteTail(_ data: [UInt8]) -> Int {
        let n = data.count
        var i = n - 1
        var back = 0
        while i >= 0 && back < 4 {
            let byte = data[i]
            if byte & 0xC0 == 0x80 { i -= 1; back += 1; continue }
            let needed: Int
            if byte & 0xE0 == 0xC0 { needed = 2 } else if byte & 0xF0 == 0xE0 { needed = 3 } else if byte & 0xF8 == 0xF0 { needed = 4 } else { return 0 }
            return (back + 1) < needed ? back + 1 : 0
        }
        return 0
    }
}
