import DojoKit
import Foundation
import Testing

@Suite struct CSVTableTests {
    @Test func parsesQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let text = "id,name\r\n1,\"Smith, John\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n\r\n\r\n"
        let table = try CSVTable.parse(Data(text.utf8), name: "t.csv")
        #expect(table.header == ["id", "name"])
        #expect(table.rows == [["1", "Smith, John"], ["2", "say \"hi\""], ["3", "two\nlines"]])
        #expect(table.lineNumbers == [2, 3, 4])
    }

    @Test func stripsTheUTF8ByteOrderMark() throws {
        let table = try CSVTable.parse(Data([0xEF, 0xBB, 0xBF] + Array("id,y\n1,2".utf8)), name: "t.csv")
        #expect(table.header == ["id", "y"])
        #expect(table.rows == [["1", "2"]])
    }

    @Test func rejectsEmptyBinaryAndBadUTF8WithOneClearError() {
        #expect(throws: DojoError.self) { try CSVTable.parse(Data(), name: "e.csv") }
        let empty = #expect(throws: DojoError.self) { try CSVTable.parse(Data("\n\n".utf8), name: "e.csv") }
        #expect(empty?.message == "the file is empty")
        let binary = #expect(throws: DojoError.self) { try CSVTable.parse(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]), name: "b.csv") }
        #expect(binary?.message.contains("binary") == true)
        let latin1 = #expect(throws: DojoError.self) { try CSVTable.parse(Data([0x69, 0x64, 0x0A, 0xE9, 0x0A]), name: "l.csv") }
        #expect(latin1?.message.hasPrefix("the file is not valid UTF-8") == true)
    }

    @Test func namesTheLineOfARaggedRow() {
        let error = #expect(throws: DojoError.self) { try CSVTable.parse(Data("id,y\n1,2\n3\n".utf8), name: "r.csv") }
        #expect(error?.location == "r.csv, line 3")
        #expect(error?.message == "row has 1 fields but the header has 2")
    }

    @Test func reportsAnUnclosedQuote() {
        let error = #expect(throws: DojoError.self) { try CSVTable.parse(Data("id,y\n1,\"open\n".utf8), name: "q.csv") }
        #expect(error?.message == "a quoted field is never closed")
        #expect(error?.location == "q.csv, line 2")
    }
}

@Suite struct SHA256Tests {
    @Test func matchesPublishedVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var hasher = SHA256()
        hasher.update(bytes[0..<7])
        hasher.update(bytes[7..<500])
        hasher.update(bytes[500...])
        #expect(hasher.finalize() == SHA256.hex(bytes))
    }
}
