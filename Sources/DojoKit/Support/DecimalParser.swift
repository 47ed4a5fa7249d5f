import CDojoSys

/// Parses decimal numbers straight from bytes, correctly rounded as `strtod` is, without
/// making a `String` per cell: the common short forms take an exact fast path, the rest `strtod`.
public enum DecimalParser {
    /// The value of `count` bytes at `start`: a decimal with optional sign, fraction and exponent, or
    /// `nan`/`inf`/`infinity` (any case, optional sign). `nil` when the bytes are not a number.
    @inline(__always)
    public static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        // C's Clinger + Eisel–Lemire path settles nearly every cell; the rest (words, long or extreme
        // numbers) take the Swift path below, which ends in strtod's rounding.
        var value = 0.0
        switch dojo_parse_decimal(start, count, &value) {
        case DOJO_DECIMAL_OK: return value
        case DOJO_DECIMAL_INVALID: return nil
        default: return parseInSwift(start, count: count)
        }
    }

    /// The Swift parser: the same grammar as `dojo_parse_decimal`, with `nan`/`inf` and `strtod` for what
    /// the fast paths cannot round. Kept callable on its own so tests can hold the two side by side.
    static func parseInSwift(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
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
            if mantissa != 0 && significant <= 11 && count - index >= 8, let eight = eightDigits(start + index) {
                mantissa = mantissa &* 100_000_000 &+ eight
                significant += 8
                digits += 8
                index += 8
                continue
            }
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
                if mantissa != 0 && significant <= 11 && count - index >= 8, let eight = eightDigits(start + index) {
                    mantissa = mantissa &* 100_000_000 &+ eight
                    significant += 8
                    digits += 8
                    exponent -= 8
                    index += 8
                    continue
                }
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
                let value = exponent < 0 ? m / powerOfTen(-exponent) : m * powerOfTen(exponent)
                return negative ? -value : value
            }
            #if arch(x86_64) && !os(Windows) && !os(Android)
            // 64-bit significand: mantissa and 10^|e| (|e| ≤ 27) are exact, so the one Float80 operation is
            // correctly rounded; rounding that to 53 bits is too unless it landed exactly on a halfway point.
            if exponent >= -27 && exponent <= 27 {
                let m = Float80(mantissa)
                let wide = exponent < 0 ? m / extendedPowerOfTen(-exponent) : m * extendedPowerOfTen(exponent)
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

    /// Eight ASCII digits at `p` as a number, or nil when they are not all digits (SWAR, as in simdjson).
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let allDigits = (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
        guard allDigits == 0x3333_3333_3333_3333 else { return nil }
        var v = word &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        v = (((v & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064)
             &+ (((v >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001)) >> 32
        return v
    }

    /// 10^e for 0 ≤ e ≤ 22, each exact in a Double (a switch, so no lazy global on the hot path).
    @inline(__always)
    static func powerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    #if arch(x86_64) && !os(Windows) && !os(Android)
    /// 10^e for 0 ≤ e ≤ 27, each exact in a Float80 (5^27 < 2^64).
    @inline(__always)
    static func extendedPowerOfTen(_ e: Int) -> Float80 {
        if e <= 22 { return Float80(powerOfTen(e)) }
        switch e {
        case 23: return 1e23
        case 24: return 1e24
        case 25: return 1e25
        case 26: return 1e26
        default: return 1e27
        }
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
