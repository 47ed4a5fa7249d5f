/// Parses decimal numbers straight from bytes, correctly rounded as `strtod` is, without
/// making a `String` per cell: the common short forms take an exact fast path, the rest `strtod`.
public enum DecimalParser {
    /// The value of `count` bytes at `start`: a decimal with optional sign, fraction and exponent, or
    /// `nan`/`inf`/`infinity` (any case, optional sign). `nil` when the bytes are not a number.
    public static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        guard count > 0 else { return nil }
        var index = 0
        var negative = false
        if start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+") {
            negative = start[0] == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0        // significant digits kept in `mantissa`
        var droppedNonZero = false // a significant digit beyond the 19th was not zero
        var exponent = 0           // decimal exponent to apply to `mantissa`
        var digits = 0
        while index < count, case let d = start[index] &- 48, d < 10 {
            digits += 1
            if significant < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significant += 1
                }
            } else {
                exponent += 1
                if d != 0 { droppedNonZero = true }
            }
            index += 1
        }
        if index < count && start[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, case let d = start[index] &- 48, d < 10 {
                digits += 1
                if significant < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        significant += 1
                    }
                    exponent -= 1
                } else if d != 0 {
                    droppedNonZero = true
                }
                index += 1
            }
        }
        guard digits > 0 else { return special(start, count: count, from: index, negative: negative) }
        if index < count && (start[index] == UInt8(ascii: "e") || start[index] == UInt8(ascii: "E")) {
            index += 1
            var exponentNegative = false
            if index < count && (start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+")) {
                exponentNegative = start[index] == UInt8(ascii: "-")
                index += 1
            }
            var explicit = 0
            var exponentDigits = 0
            while index < count, case let d = start[index] &- 48, d < 10 {
                if explicit < 100_000 { explicit = explicit * 10 + Int(d) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -explicit : explicit
        }
        guard index == count else { return nil }
        if mantissa == 0 && !droppedNonZero { return negative ? -0.0 : 0.0 }
        if !droppedNonZero {
            // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
            if mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
                let m = Double(mantissa)
                let value = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
                return negative ? -value : value
            }
            #if arch(x86_64) && !os(Windows) && !os(Android)
            // 64-bit significand: mantissa and 10^|e| (|e| ≤ 27) are exact, so the one Float80 operation is
            // correctly rounded; rounding that to 53 bits is too unless it landed exactly on a halfway point.
            if exponent >= -27 && exponent <= 27 {
                let m = Float80(mantissa)
                let wide = exponent < 0 ? m / extendedPowersOfTen[-exponent] : m * extendedPowersOfTen[exponent]
                if wide.significandBitPattern & 0x7FF != 0x400 {
                    let value = Double(wide)
                    return negative ? -value : value
                }
            }
            #endif
        }
        return slow(start, count: count)
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress else { return nil }
        return parse(base, count: bytes.count)
    }

    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    #if arch(x86_64) && !os(Windows) && !os(Android)
    static let extendedPowersOfTen: [Float80] = (0...27).map { exponent in
        var value: Float80 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
    #endif

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

    /// The standard library's correctly rounded, locale-independent conversion, on a `String` copy.
    private static func slow(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        // Swift also accepts hexadecimal floats; a CSV number never is one.
        if text.contains(where: { $0 == "x" || $0 == "X" || $0 == "p" || $0 == "P" }) { return nil }
        return Double(text)
    }
}
