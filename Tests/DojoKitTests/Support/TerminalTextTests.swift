import DojoKit
import Testing

@Suite struct TerminalTextTests {
    @Test func controlAndEscapeSequencesAreShownNotExecuted() {
        #expect(TerminalText.sanitize("a\u{1B}[2Jb\u{07}\tc\nd\r") == "a\\x1b[2Jb\\x07\tc\nd\\x0d")
        #expect(TerminalText.sanitize("\u{9B}31m") == "\\u{009b}31m")
        #expect(TerminalText.sanitize("héllo ✓") == "héllo ✓")
    }
}
