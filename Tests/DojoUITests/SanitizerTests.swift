import DojoUI
import Testing

@Suite struct SanitizerTests {
    @Test func escapeSequencesAndControlsAreShownNotExecuted() {
        let lines = Sanitizer.lines(of: "\u{1B}[2J\u{1B}[31mred\u{07}\u{1B}]0;title\u{07}")
        #expect(lines == ["^[[2J^[[31mred^G^[]0;title^G"])
        #expect(!lines[0].unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        var sanitizer = Sanitizer()
        #expect(sanitizer.feed([0x61, 0xFF, 0x62, 0x0A]) == ["a\u{FFFD}b"])
    }

    @Test func utf8SplitAcrossChunksIsKept() {
        var sanitizer = Sanitizer()
        let bytes = Array("é漢\n".utf8)
        #expect(sanitizer.feed(Array(bytes[0..<1])) == [])
        #expect(sanitizer.feed(Array(bytes[1..<3])) == [])
        #expect(sanitizer.feed(Array(bytes[3...])) == ["é漢"])
    }

    @Test func carriageReturnRestartsTheLineTabsExpandC1AndBidiShown() {
        #expect(Sanitizer.lines(of: "10%\r50%\r100%\ndone\r\n") == ["100%", "done"])
        #expect(Sanitizer.lines(of: "a\tb") == ["a   b"])
        #expect(Sanitizer.lines(of: "x\u{9B}y\u{202E}z") == ["x<U+9B>y<U+202E>z"])
        #expect(Sanitizer.line("a\nb") == "a⏎b")
    }
}
