@testable import DojoKit
import Foundation
import Testing

@Suite struct CSVReaderTests {
    func records(_ reader: CSVReader) throws -> [[String]] {
        var result: [[String]] = []
        while try reader.next() { result.append((0..<reader.fieldCount).map(reader.string)) }
        return result
    }

    @Test func quotedFieldsCRLFBOMAndBlankLines() throws {
        let text = "\u{FEFF}id,name\r\n1,\"Smith, John\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n\r\n4, padded \r\n\r\n"
        let reader = CSVReader(data: Data(text.utf8), name: "t.csv")
        #expect(try reader.header() == ["id", "name"])
        var lines: [Int] = []
        var rows: [[String]] = []
        while try reader.next() {
            rows.append((0..<reader.fieldCount).map(reader.string))
            lines.append(reader.line)
        }
        #expect(rows == [["1", "Smith, John"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", "padded"]])
        #expect(lines == [2, 3, 4, 7])
    }

    @Test func recordsLongerThanTheBufferAndChunkBoundaries() throws {
        // A file far bigger than one read, with a quoted field spanning reads, read from disk.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-csv-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "id,v\n"
        let long = String(repeating: "é,\"x\"\n", count: CSVReader.chunkSize / 4)
        for i in 0..<200_000 { text += "\(i),\(Double(i) / 7)\n" }
        text += "big,\"\(long.replacingOccurrences(of: "\"", with: "\"\""))\"\r\nlast,1"
        try Data(text.utf8).write(to: url)
        let reader = try CSVReader(url: url)
        _ = try reader.header()
        let rows = try records(reader)
        #expect(rows.count == 200_002)
        #expect(rows[123_456] == ["123456", "\(123456.0 / 7)"])
        #expect(rows[200_000][1] == long)
        #expect(rows[200_001] == ["last", "1"])
    }

    @Test func aRecordEndingExactlyAtTheEndOfARead() throws {
        // "i\n" then rows of "1\n": a record ends exactly where the first read of chunkSize bytes ends.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-csv-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = CSVReader.chunkSize // two and a half reads
        var bytes = Array("i\n".utf8)
        bytes.reserveCapacity(2 + rows * 2)
        for _ in 0..<rows { bytes.append(contentsOf: [0x31, 0x0A]) }
        try Data(bytes).write(to: url)
        let reader = try CSVReader(url: url)
        _ = try reader.header()
        var count = 0
        while try reader.next() { count += 1 }
        #expect(count == rows)
    }

    /// Every record with its line, read by one reader, or by this reader and the one `splitOff` hands back
    /// (whose lines are shifted by the first half's count).
    func linedRecords(_ url: URL, split: Bool) throws -> [Record] {
        let reader = try CSVReader(url: url)
        _ = try reader.header()
        let second = split ? reader.splitOff(minimumBytes: 0) : nil
        if split { #expect(second != nil, "the file should split") }
        var result: [Record] = []
        while try reader.next() { result.append(Record(line: reader.line, fields: (0..<reader.fieldCount).map(reader.string))) }
        if let second {
            let shift = reader.nextLineNumber - 1
            while try second.next() {
                result.append(Record(line: second.line + shift, fields: (0..<second.fieldCount).map(second.string)))
            }
        }
        return result
    }

    struct Record: Equatable { var line: Int; var fields: [String] }

    @Test func twoHalvesReadWhatOneReaderReads() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-csv-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        // CRLF and LF, blank lines, padded and quoted fields (one with a comma, one with a line end) on both
        // sides of the middle, and no line end after the last record.
        var text = "\u{FEFF}id,v,note\r\n"
        for i in 0..<400 {
            switch i % 7 {
            case 0: text += "\(i),\(i).5,\"a, b\"\r\n"
            case 1: text += "\(i), \(i) ,\"two\nlines\"\n"
            case 2: text += "\n"
            case 3: text += "\(i),\(i),\"say \"\"hi\"\"\"\r\n"
            default: text += "\(i),\(i),plain\n"
            }
        }
        text += "last,1,end"
        try Data(text.utf8).write(to: url)
        let whole = try linedRecords(url, split: false)
        #expect(whole.count == 400 - 57 + 1)
        #expect(try linedRecords(url, split: true) == whole)
    }

    @Test func aSplitInsideAQuotedFieldIsAnError() throws {
        // One quoted field spans the middle: the first half ends inside it and says so, which sends a
        // parallel pass back to one reader.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-csv-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let body = String(repeating: "line\n", count: 200)
        try Data("id,v\n1,\"\(body)\"\n2,x\n".utf8).write(to: url)
        let reader = try CSVReader(url: url)
        _ = try reader.header()
        #expect(reader.splitOff(minimumBytes: 0) != nil)
        #expect(throws: DojoError.self) { while try reader.next() {} }
        #expect(try linedRecords(url, split: false).map(\.fields) == [["1", body], ["2", "x"]])
    }

    @Test func nothingToSplitInMemoryOrBelowTheMinimum() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-csv-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("id,v\n1,2\n3,4\n".utf8).write(to: url)
        let reader = try CSVReader(url: url)
        _ = try reader.header()
        #expect(reader.splitOff(minimumBytes: 1 << 20) == nil)
        let memory = CSVReader(data: Data("id,v\n1,2\n3,4\n".utf8), name: "m.csv")
        _ = try memory.header()
        #expect(memory.splitOff(minimumBytes: 0) == nil)
    }

    @Test func emptyBinaryAndNonUTF8FilesAreOneError() {
        func failure(_ bytes: [UInt8]) -> CSVReader.Failure? {
            let reader = CSVReader(bytes: bytes, name: "x.csv")
            do { _ = try reader.header(); while try reader.next() {}; return nil } catch { return reader.failure }
        }
        #expect(failure([]) == .empty)
        #expect(failure(Array("\n\r\n".utf8)) == .empty)
        #expect(failure([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]) == .notCSV)
        #expect(failure([0x69, 0x64, 0x0A, 0xE9, 0x0A]) == .notUTF8)
        #expect(failure(Array("id,v\n1,\"open\n".utf8)) == .notCSV)
        #expect(failure(Array("id,v\n1,a\"b\n".utf8)) == .notCSV)
        #expect(failure(Array("id,v\n1,é\n".utf8)) == nil)
    }
}
