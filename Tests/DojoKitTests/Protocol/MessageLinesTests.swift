@testable import DojoKit
import Foundation
import Testing

@Suite struct MessageLinesTests {
    @Test func splitsAcrossChunksAcceptsCRLFAndSkipsBlankLines() {
        var lines = MessageLines(limit: 100)
        #expect(lines.feed(Array("{\"a\":1}\r\n\n  \n{\"b\"".utf8)[...]) == [.message(Data("{\"a\":1}".utf8))])
        #expect(lines.feed(Array(":2}\n".utf8)[...]) == [.message(Data("{\"b\":2}".utf8))])
    }

    @Test func aLineOverTheLimitIsReportedOnceAndDroppedToItsEnd() {
        var lines = MessageLines(limit: 10)
        #expect(lines.feed(Array(String(repeating: "x", count: 15).utf8)[...]) == [.tooLong])
        #expect(lines.feed(Array(String(repeating: "y", count: 50).utf8)[...]) == [])
        #expect(lines.feed(Array("zz\nok\n".utf8)[...]) == [.message(Data("ok".utf8))])
    }
}
