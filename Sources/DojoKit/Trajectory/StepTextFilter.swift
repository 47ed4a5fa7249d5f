import CDojoScan
import Foundation

/// Which step lines could contain a search query, judged from their raw JSON bytes, so that a search
/// decodes only those. It may let through lines that do not match (the decoded record decides) but
/// never holds back one that would: a case-insensitive `range(of:)` match in the decoded text.
///
/// The writer puts text into JSON as UTF-8 with `"`, `\` and control characters escaped, so an ASCII
/// query appears in the line as its escaped form, up to ASCII case. The exceptions are let through:
/// escapes the writer never makes (another writer's `\/` or `\u00e9`), and the few non-ASCII
/// characters that case-fold or are equivalent to ASCII (ß and "ss", the Kelvin sign and "k", ligatures).
struct StepTextFilter {
    private enum Mode {
        /// Lines containing `needle` (lowercased, escaped), or a rare escape, or a relevant look-alike.
        case ascii(needle: [UInt8], lookAlikes: [UInt8], anyUnicodeEscape: Bool)
        /// A query with other characters: lines with non-ASCII bytes or escapes, that also pass `ascii`
        /// for the query's longest plain ASCII run (when it has one).
        case nonASCII(run: Run?)
        case everything
    }

    struct Run {
        var needle: [UInt8]
        var lookAlikes: [UInt8]
    }

    /// Non-ASCII characters whose case-insensitive or canonical comparison matches ASCII text, with the
    /// ASCII letters they stand for (found by comparing every scalar up to U+1FFFF with Foundation's).
    static let lookAlikes: [(bytes: [UInt8], letters: String)] = [
        ([0xC3, 0x9F], "s"), ([0xC5, 0xBF], "s"), ([0xCD, 0xBE], ";"), ([0xE1, 0xBA, 0x9E], "s"), ([0xE1, 0xBF, 0xAF], "`"),
        ([0xE2, 0x84, 0xAA], "k"), ([0xEF, 0xAC, 0x80], "f"), ([0xEF, 0xAC, 0x81], "fi"), ([0xEF, 0xAC, 0x82], "fl"),
        ([0xEF, 0xAC, 0x83], "fi"), ([0xEF, 0xAC, 0x84], "fl"), ([0xEF, 0xAC, 0x85], "st"), ([0xEF, 0xAC, 0x86], "st"),
    ]

    private let mode: Mode

    init(query: String) {
        let scalars = Array(query.unicodeScalars)
        if scalars.allSatisfy(\.isASCII) {
            let needle = Self.escapedLowercased(scalars)
            mode = .ascii(needle: needle, lookAlikes: Self.lookAlikeSequences(for: needle),
                          anyUnicodeEscape: scalars.contains { $0.value < 0x20 })
            return
        }
        let lookAlikeScalars: Set<UInt32> = [0xDF, 0x17F, 0x37E, 0x1E9E, 0x1FEF, 0x212A, 0xFB00, 0xFB01, 0xFB02, 0xFB03, 0xFB04, 0xFB05, 0xFB06]
        if scalars.contains(where: { lookAlikeScalars.contains($0.value) }) {
            mode = .everything
            return
        }
        // The ASCII character before a non-ASCII one may be the base of a combining mark, which the
        // text may hold precomposed, so runs stop one short of it.
        var runs: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in scalars {
            if scalar.isASCII {
                current.append(scalar)
            } else {
                current.removeLast(min(1, current.count))
                runs.append(current)
                current = []
            }
        }
        runs.append(current)
        let longest = runs.max { $0.count < $1.count } ?? []
        if longest.isEmpty {
            mode = .nonASCII(run: nil)
        } else {
            let needle = Self.escapedLowercased(longest)
            mode = .nonASCII(run: Run(needle: needle, lookAlikes: Self.lookAlikeSequences(for: needle)))
        }
    }

    func mayMatch(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return false }
        switch mode {
        case .everything:
            return true
        case .ascii(let needle, let lookAlikes, let anyUnicodeEscape):
            return Self.contains(base, line.count, needle: needle, lookAlikes: lookAlikes, anyUnicodeEscape: anyUnicodeEscape)
        case .nonASCII(let run):
            guard dojo_has_non_ascii(base, line.count) != 0 || dojo_has_rare_escape(base, line.count, 1) != 0 else { return false }
            guard let run else { return true }
            return Self.contains(base, line.count, needle: run.needle, lookAlikes: run.lookAlikes, anyUnicodeEscape: true)
        }
    }

    private static func contains(_ base: UnsafePointer<UInt8>, _ count: Int, needle: [UInt8], lookAlikes: [UInt8],
                                 anyUnicodeEscape: Bool) -> Bool {
        if needle.withUnsafeBufferPointer({ dojo_contains_folded(base, count, $0.baseAddress, $0.count) }) != 0 { return true }
        if dojo_has_rare_escape(base, count, anyUnicodeEscape ? 1 : 0) != 0 { return true }
        return !lookAlikes.isEmpty && lookAlikes.withUnsafeBufferPointer { dojo_contains_any(base, count, $0.baseAddress, $0.count) } != 0
    }

    /// The text as the writer escapes it inside a JSON string, ASCII letters lowercased.
    static func escapedLowercased(_ scalars: [Unicode.Scalar]) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in scalars {
            switch scalar {
            case "\"": bytes += [0x5C, 0x22]
            case "\\": bytes += [0x5C, 0x5C]
            case "\u{08}": bytes += [0x5C, UInt8(ascii: "b")]
            case "\t": bytes += [0x5C, UInt8(ascii: "t")]
            case "\n": bytes += [0x5C, UInt8(ascii: "n")]
            case "\u{0C}": bytes += [0x5C, UInt8(ascii: "f")]
            case "\r": bytes += [0x5C, UInt8(ascii: "r")]
            case _ where scalar.value < 0x20:
                bytes += Array(String(format: "\\u%04x", scalar.value).utf8)
            default:
                bytes += Array(String(scalar).utf8)
            }
        }
        return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// The look-alikes that could stand for a letter of `needle`, each prefixed by its length.
    static func lookAlikeSequences(for needle: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        for (bytes, letters) in lookAlikes where letters.utf8.contains(where: needle.contains) {
            result.append(UInt8(bytes.count))
            result += bytes
        }
        return result
    }
}
