import CDojoScan

/// Parses decimal numbers straight from bytes, correctly rounded as `strtod` is, without
/// making a `String` per cell: the common short forms take an exact fast path, the rest `strtod`.
public enum DecimalParser {
    /// The value of `count` bytes at `start`: a decimal with optional sign, fraction and exponent, or
    /// `nan`/`inf`/`infinity` (any case, optional sign). `nil` when the bytes are not a number.
    @inline(__always)
    public static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        // C's Clinger + Eisel–Lemire path settles nearly every cell and checks the grammar of all; the
        // rest are words (`nan`, `inf`) or long or extreme numbers, whose rounding strtod decides.
        var value = 0.0
        switch dojo_parse_decimal(start, count, &value) {
        case DOJO_DECIMAL_OK: return value
        case DOJO_DECIMAL_WORD:
            let signed = start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+")
            return special(start, count: count, from: signed ? 1 : 0, negative: start[0] == UInt8(ascii: "-"))
        case DOJO_DECIMAL_SLOW: return slow(start, count: count)
        default: return nil
        }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress else { return nil }
        return parse(base, count: bytes.count)
    }

    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    private static func special(_ start: UnsafePointer<UInt8>, count: Int, from index: Int, negative: Bool) -> Double? {
        let rest = count - index
        guard rest == 3 || rest == 8 else { return nil }
        var word: [UInt8] = []
        for i in index..<count { word.append(start[i] | 0x20) }
        switch word {
        case Array("nan".utf8): return .nan
        case Array("inf".utf8), Array("infinity".utf8): return negative ? -.infinity : .infinity
        default: return nil
        }
    }

    /// The standard library's correctly rounded, locale-independent conversion, on a `String` copy of
    /// bytes whose decimal grammar C has already checked (so never a hexadecimal float).
    private static func slow(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        Double(String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self))
    }
}
