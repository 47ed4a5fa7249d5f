import DojoTesting
import DojoUI
import Testing

@Suite struct ScreenBufferTests {
    @Test func writesClipsAndKeepsWideCharactersWhole() {
        var buffer = ScreenBuffer(width: 8, height: 2)
        let end = buffer.write("ab漢字cd", x: 0, y: 0, style: .plain)
        #expect(end == 8)
        #expect(buffer.row(at: 0) == "ab漢字cd")
        #expect(buffer[3, 0].isContinuation)
        // A wide character that does not fit in the last column becomes a space.
        buffer.write("abcdefg漢", x: 0, y: 1, style: .plain)
        #expect(buffer.row(at: 1) == "abcdefg ")
        // Overwriting half of a wide character blanks the other half.
        buffer.put("x", x: 3, y: 0, style: .plain)
        #expect(buffer.row(at: 0) == "ab x字cd")
    }

    @Test func textTrimsTrailingSpaces() {
        var buffer = ScreenBuffer(width: 5, height: 2)
        buffer.write("hi", x: 1, y: 1, style: .plain)
        ScreenAssertions.expect(buffer, "\n hi")
    }

    @Test func screenAssertionsNameTheFirstDifferingCell() {
        let difference = ScreenAssertions.difference("abc\nxyz", "abc\nxYz")
        #expect(difference?.hasPrefix("row 1, col 1: expected \"Y\", found \"y\"") == true)
        #expect(ScreenAssertions.difference("same", "same") == nil)
    }
}

@Suite struct ScreenDiffTests {
    @Test func onlyChangedCellsAreRewritten() {
        var terminal = InMemoryTerminal(width: 20, height: 3)
        var frame = ScreenBuffer(width: 20, height: 3)
        frame.write("hello world", x: 0, y: 0, style: .plain)
        #expect(terminal.flush(frame) == 60)
        frame.write("W", x: 6, y: 0, style: .plain)
        #expect(terminal.flush(frame) == 1)
        #expect(terminal.text == "hello World\n\n")
        // A style change is a change.
        frame.restyle(Rect(x: 0, y: 2, width: 2, height: 1)) { $0.adding(.bold) }
        #expect(terminal.flush(frame) == 2)
        #expect(terminal.flush(frame) == 0)
    }

    @Test func aDiffReproducesTheFrameWithWideCharacters() {
        var terminal = InMemoryTerminal(width: 10, height: 2)
        var a = ScreenBuffer(width: 10, height: 2)
        a.write("漢字かな", x: 0, y: 0, style: .plain)
        terminal.flush(a)
        var b = a
        b.write("x", x: 2, y: 0, style: .plain)
        terminal.flush(b)
        #expect(terminal.screen == b)
        #expect(terminal.screen.row(at: 0) == "漢x かな  ")
    }

    @Test func aSizeChangeIsAFullRedraw() {
        let a = ScreenBuffer(width: 4, height: 2)
        let b = ScreenBuffer(width: 5, height: 2)
        #expect(ScreenDiff.between(a, b).isFull)
        #expect(ScreenDiff.between(b, b).runs.isEmpty)
    }
}
