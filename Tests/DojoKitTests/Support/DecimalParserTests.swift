@testable import DojoKit
import Foundation
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
}
