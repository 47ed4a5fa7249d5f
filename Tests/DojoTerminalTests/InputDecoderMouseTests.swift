import DojoTerminal
import DojoUI
import Testing

/// SGR (mode 1006) mouse reports, as xterm and tmux send them, byte for byte.
@Suite struct InputDecoderMouseTests {
    func feed(_ bytes: [UInt8]) -> [InputDecoder.Output] {
        var decoder = InputDecoder()
        var out: [InputDecoder.Output] = []
        for byte in bytes { out += decoder.feed(.character(Unicode.Scalar(byte))) }
        return out + decoder.flush()
    }

    func feed(_ text: String) -> [InputDecoder.Output] { feed(Array(text.utf8)) }

    @Test func pressDragReleaseAndTheWheel() {
        // ESC [ < 0 ; 1 0 ; 5 M: the left button pressed at column 10, row 5 (1-based).
        #expect(feed([0x1B, 0x5B, 0x3C, 0x30, 0x3B, 0x31, 0x30, 0x3B, 0x35, 0x4D]) == [.mouse(MouseEvent(.press(.left), x: 9, y: 4))])
        #expect(feed("\u{1B}[<32;12;5M") == [.mouse(MouseEvent(.drag(.left), x: 11, y: 4))])
        #expect(feed("\u{1B}[<0;12;5m") == [.mouse(MouseEvent(.release(.left), x: 11, y: 4))])
        #expect(feed("\u{1B}[<2;1;1M") == [.mouse(MouseEvent(.press(.right), x: 0, y: 0))])
        #expect(feed("\u{1B}[<64;40;20M") == [.mouse(MouseEvent(.wheelUp, x: 39, y: 19))])
        #expect(feed("\u{1B}[<65;40;20M") == [.mouse(MouseEvent(.wheelDown, x: 39, y: 19))])
    }

    @Test func modifiersAndCoordinatesPast223() {
        // Shift (4) and ctrl (16) on a press; SGR has no 223-column limit as the X10 encoding has.
        #expect(feed("\u{1B}[<20;300;120M") == [.mouse(MouseEvent(.press(.left), x: 299, y: 119, shift: true, ctrl: true))])
        #expect(feed("\u{1B}[<8;3;4M") == [.mouse(MouseEvent(.press(.left), x: 2, y: 3, alt: true))])
    }

    @Test func reportsBetweenKeysAndMalformedOnesDropped() {
        #expect(feed("a\u{1B}[<0;2;3Mb") == [.key(.char("a")), .mouse(MouseEvent(.press(.left), x: 1, y: 2)), .key(.char("b"))])
        // Missing a coordinate, a zero coordinate, motion without a button: nothing, and never typed text.
        #expect(feed("\u{1B}[<0;10M") == [])
        #expect(feed("\u{1B}[<0;0;5M") == [])
        #expect(feed("\u{1B}[<35;10;5M") == [])
        #expect(feed("\u{1B}[<0;10;5Mx") == [.mouse(MouseEvent(.press(.left), x: 9, y: 4)), .key(.char("x"))])
    }

    @Test func aReportInsideAPasteIsText() {
        #expect(feed("\u{1B}[200~a\u{1B}[<0;1;1Mb\u{1B}[201~") == [.paste("a\u{1B}[<0;1;1Mb")])
    }
}
