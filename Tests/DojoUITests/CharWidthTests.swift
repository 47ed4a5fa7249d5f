import DojoUI
import Testing

@Suite struct CharWidthTests {
    @Test func widthsFollowWcwidth() {
        #expect(CharWidth.of("a") == 1)
        #expect(CharWidth.of("é") == 1)
        #expect(CharWidth.of("漢") == 2)
        #expect(CharWidth.of("ｱ") == 1)
        #expect(CharWidth.of("Ａ") == 2)
        #expect(CharWidth.of("한") == 2)
        #expect(CharWidth.of("🐍") == 2)
        #expect(CharWidth.of("e\u{301}") == 1)
        #expect(CharWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(CharWidth.of("漢字 ok") == 7)
    }
}
