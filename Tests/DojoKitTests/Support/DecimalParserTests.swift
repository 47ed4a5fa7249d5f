@testable import DojoKit
import Foundation
import DojoTesting
import Testing

@Suite struct DecimalParserTests {
    @Test func agreesWithTheStandardLibraryBitForBit() {
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = ["0", "-0", "1", "0.1", "1e-5", "1E+5", ".5", "5.", "+3.25", "123456789012345678901234567890",
                               "0.30000000000000004", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
                               "9007199254740993", "0.000000000000000000000000001", "1e400", "1e-400", "00012.5000"]
        for _ in 0..<20000 {
            let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
            let value = Double(bitPattern: bits)
            if value.isFinite { texts.append("\(value)") }
            let small = Double.random(in: -1e6...1e6, using: &generator)
            texts.append("\(small)")
            texts.append(String(format: "%.17g", Double.random(in: 0...1, using: &generator)))
            texts.append(String(format: "%.\(Int.random(in: 1...20))f", Double.random(in: -100...100, using: &generator)))
        }
        var mismatches: [String] = []
        for text in texts {
            let expected = Double(text)
            let parsed = DecimalParser.parse(text)
            if expected?.bitPattern != parsed?.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func rejectsWhatIsNotADecimal() {
        for text in ["", "-", "abc", "1.2.3", "1e", "0x1p3", "1,5", " 1", "1 ", "--1", "e5", "."] {
            #expect(DecimalParser.parse(text) == nil, "\(text)")
        }
        #expect(DecimalParser.parse("NaN")?.isNaN == true)
        #expect(DecimalParser.parse("-inf") == -.infinity)
        #expect(DecimalParser.parse("Infinity") == .infinity)
    }

    /// strtod on the bytes, the reference every path must match bit for bit.
    func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    @Test func theFastPathsMatchStrtodOnEdgesAndRandomDigits() {
        var texts = ["9007199254740992", "9007199254740993", "9007199254740995", "18014398509481985", "1e22", "1e23",
                     "9999999999999999999", "10000000000000000000", "1844674407370955161", "0.1", "0.2", "0.3",
                     "123456789012345678e-30", "1.00000000000000011102230246251565404236316680908203125",
                     "1.0000000000000001110223024625156540423631668090820312", "2.2250738585072011e-308",
                     "2.2250738585072012e-308", "4.9406564584124654e-324", "1.7976931348623158e308", "1e-342", "1e308",
                     "7.2057594037927933e16", "0.000000000000000000001", "00000000000000000000001.5", "-0.0", "+0.0e5",
                     "3.4028235677973366e38", "5e-324", "8.98846567431158e307", "0.1e1", "12345678901234567890e-5"]
        var generator = SeededRandom(seed: 7)
        for _ in 0..<50_000 {
            // 1–19 (sometimes 20–25) digits, a point somewhere, sometimes an exponent: the Clinger, Eisel–Lemire
            // and careful paths all get their share.
            let digits = Int(generator.next() % 19) + 1 + (generator.next() % 8 == 0 ? Int(generator.next() % 7) : 0)
            var text = ""
            for _ in 0..<digits { text.append(Character(UnicodeScalar(UInt8(48 + generator.next() % 10)))) }
            if generator.next() % 2 == 0 {
                let point = text.index(text.startIndex, offsetBy: Int(generator.next() % UInt64(digits + 1)))
                text.insert(".", at: point)
            }
            if generator.next() % 3 == 0 { text += "e\(Int(generator.next() % 700) - 350)" }
            if generator.next() % 4 == 0 { text = "-" + text }
            texts.append(text)
            // Shortest round-trip forms of random doubles, as Python and Swift write them.
            texts.append("\(Double(bitPattern: generator.next()))")
        }
        var mismatches: [String] = []
        for text in texts where !text.contains("n") {
            let expected = strtodValue(text)
            if DecimalParser.parse(text)?.bitPattern != expected.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func acceptsExactlyWhatTheStandardLibraryAcceptsOverTheGrammarsAlphabet() {
        // Random strings over the grammar's alphabet: the parser says "not a number" on the same ones as
        // `Double(String)` and agrees bit for bit on the value of the others.
        let alphabet = Array("0123456789.-+eE ".utf8)
        var generator = SeededRandom(seed: 11)
        var disagreements: [String] = []
        for _ in 0..<100_000 {
            let length = Int(generator.next() % 8) + 1
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let text = String(decoding: bytes, as: UTF8.self)
            let parsed = bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
            if parsed?.bitPattern != Double(text)?.bitPattern { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
