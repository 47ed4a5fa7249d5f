import DojoTerminal
import DojoUI
import Testing

@Suite struct InputDecoderTests {
    func feed(_ text: String, flush: Bool = true) -> [InputDecoder.Output] {
        var decoder = InputDecoder()
        var out: [InputDecoder.Output] = []
        for scalar in text.unicodeScalars { out += decoder.feed(.character(scalar)) }
        if flush { out += decoder.flush() }
        return out
    }

    @Test func charactersControlsAndAlt() {
        #expect(feed("a\u{13}\r\t\u{7F}") == [.key(.char("a")), .key(.ctrl("s")), .key(Key(.enter)), .key(Key(.tab)), .key(Key(.backspace))])
        #expect(feed("\u{1B}z") == [.key(.alt("z"))])
        #expect(feed("\u{1B}") == [.key(Key(.escape))])
        #expect(feed("\u{1B}1") == [.key(.alt("1"))])
    }

    @Test func bracketedPasteArrivesWholeWithNewlines() {
        let out = feed("x\u{1B}[200~def f():\r    return 1\u{1B}[201~y")
        #expect(out == [.key(.char("x")), .paste("def f():\n    return 1"), .key(.char("y"))])
        // Escape sequences inside a paste are text, never keys.
        #expect(feed("\u{1B}[200~a\u{1B}[31mb\u{1B}[201~") == [.paste("a\u{1B}[31mb")])
    }

    @Test func xtermSequencesNcursesDidNotKnow() {
        #expect(feed("\u{1B}[4~") == [.key(Key(.end))])
        #expect(feed("\u{1B}[1;5C") == [.key(Key(.right, ctrl: true))])
        #expect(feed("\u{1B}[1;2D") == [.key(Key(.left, shift: true))])
        #expect(feed("\u{1B}OF") == [.key(Key(.end))])
        #expect(feed("\u{1B}[Z") == [.key(Key(.tab, shift: true))])
        #expect(feed("\u{1B}[15~") == [.key(.f(5))])
        #expect(feed("\u{1B}[99x") == [])
    }

    @Test func aKeyAfterEscapeIsAlt() {
        var decoder = InputDecoder()
        #expect(decoder.feed(.character("\u{1B}")) == [])
        #expect(decoder.feed(.key(Key(.left))) == [.key(Key(.left, alt: true))])
        #expect(decoder.feed(.resize) == [.resize])
    }
}
