import DojoKit
import Foundation
import Testing

/// Issue 17, bug 5: header values were shown as `string("mle-dojo")`; every kind reads plainly.
@Suite struct JSONValueTextTests {
    @Test func everyKindReadsAsAPersonWritesIt() {
        #expect(JSONValue.string("mle-dojo").plainText == "mle-dojo")
        #expect(JSONValue.number(1.4199999999999999).plainText == "1.42")
        #expect(JSONValue.number(1.4199123).plainText == "1.4199123")
        #expect(JSONValue.number(3).plainText == "3")
        #expect(JSONValue.number(-2.5e20).plainText == "-2.5e+20")
        #expect(JSONValue.bool(true).plainText == "true")
        #expect(JSONValue.bool(false).plainText == "false")
        #expect(JSONValue.null.plainText == "null")
        #expect(JSONValue.array([.string("a\"b"), .number(1), .null]).plainText == #"["a\"b", 1, null]"#)
        #expect(JSONValue.object(["b": .bool(true), "a": .object(["x": .string("line\nbreak")])]).plainText
                == #"{"a": {"x": "line\nbreak"}, "b": true}"#)
    }

    @Test func jsonTextQuotesOnlyStrings() {
        #expect(JSONValue.string("x").jsonText == "\"x\"")
        #expect(JSONValue.number(0.5).jsonText == "0.5")
    }
}
