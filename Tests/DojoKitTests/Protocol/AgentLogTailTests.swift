import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct AgentLogTailTests {
    @Test func theLastNonBlankLinesComeBackOldestFirstWithEscapesShownAsText() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let log = temp.write("agent.log", "one\n\ntwo\r\nthree \u{1b}[31mred\n   \nfour")
        #expect(AgentLogTail.read(log, lines: 3) == ["two", "three \\x1b[31mred", "four"])
        #expect(AgentLogTail.read(log, lines: 10) == ["one", "two", "three \\x1b[31mred", "four"])
        #expect(AgentLogTail.read(temp.file("missing.log"), lines: 3).isEmpty)
        #expect(AgentLogTail.read(temp.write("empty.log", ""), lines: 3).isEmpty)
    }

    @Test func aLargeLogIsReadFromItsEndWithoutAHalfLine() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let body = (0..<20_000).map { "line \($0) " + String(repeating: "x", count: 20) }.joined(separator: "\n") + "\nlast words\n"
        let log = temp.write("big.log", body)
        let tail = AgentLogTail.read(log, lines: 2)
        #expect(tail == ["line 19999 " + String(repeating: "x", count: 20), "last words"])
        #expect(AgentLogTail.read(log, lines: 100_000).allSatisfy { $0.hasPrefix("line ") || $0 == "last words" })
    }
}
