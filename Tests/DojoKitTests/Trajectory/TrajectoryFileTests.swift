@testable import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TrajectoryFileTests {
    /// Every line, wherever the chunk boundaries fall: its number, offset, bytes and whether a newline ended it.
    @Test func linesAreTheSameForAnyChunkSize() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let text = "header\n\nshort\n" + String(repeating: "long line ", count: 30) + "\n\r\nx\nno newline at the end"
        let url = temp.write("lines.jsonl", text)
        let bytes = Array(text.utf8)
        var expected: [String] = []
        var offset = 0
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let complete = offset + line.count < bytes.count
            expected.append("\(number + 1) \(offset) \(complete) \(String(decoding: line, as: UTF8.self))")
            offset += line.count + 1
        }
        for chunkSize in [1, 2, 3, 7, 64, 1 << 20] {
            var file = try TrajectoryFile(url: url)
            file.chunkSize = chunkSize
            var seen: [String] = []
            try file.forEachLine { (number: Int, offset: UInt64, line: UnsafeBufferPointer<UInt8>, complete: Bool) throws(DojoError) in
                seen.append("\(number) \(offset) \(complete) \(String(decoding: line, as: UTF8.self))")
            }
            #expect(seen == expected, "chunk size \(chunkSize)")
            #expect(try file.bytes(at: 7, length: 6) == Array("\nshort".utf8))
        }
    }

    @Test func readingPastTheEndIsAClearError() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let file = try TrajectoryFile(url: temp.write("short.jsonl", "abc\n"))
        let error = #expect(throws: DojoError.self) { try file.bytes(at: 2, length: 10) }
        #expect(error?.message.contains("the file is shorter than when it was opened") == true)
    }
}
