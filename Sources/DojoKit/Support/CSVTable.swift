import Foundation

/// A parsed CSV file: a header and rows of fields, each row knowing the line it started on.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    /// 1-based line in the file where each row starts (the header is line 1).
    public var lineNumbers: [Int]

    public init(header: [String], rows: [[String]], lineNumbers: [Int]) {
        self.header = header
        self.rows = rows
        self.lineNumbers = lineNumbers
    }

    public func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Parses RFC 4180 CSV: a UTF-8 BOM, CRLF or LF line ends, quoted fields with commas, quotes and
    /// newlines, and trailing empty lines are all accepted.
    public static func parse(_ data: Data, name: String) throws(DojoError) -> CSVTable {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) {
            throw DojoError(.csv, "the file is empty", at: name, hint: "write a header line and one row per id")
        }
        if bytes.contains(0) {
            throw DojoError(.csv, "the file contains NUL bytes; it looks binary, not CSV", at: name,
                            hint: "write a plain-text CSV file (e.g. DataFrame.to_csv(path, index=False))")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DojoError(.csv, "the file is not valid UTF-8", at: name, hint: "save it as UTF-8 text")
        }

        var records: [[String]] = []
        var starts: [Int] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordStart = 1
        var index = 0
        let count = bytes.count

        func finishField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRecord() {
            finishField()
            // A line with nothing on it is not a row (blank lines at the end, mostly).
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                starts.append(recordStart)
            }
            record.removeAll(keepingCapacity: true)
        }

        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: ","):
                    finishField()
                case UInt8(ascii: "\""):
                    if field.isEmpty && !fieldWasQuoted {
                        inQuotes = true
                        fieldWasQuoted = true
                    } else {
                        throw DojoError(.csv, "a quote inside an unquoted field", at: "\(name), line \(line)",
                                        hint: "quote the whole field and double the quotes inside it (\"\")")
                    }
                case 0x0D:
                    if index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
                    finishRecord()
                    line += 1
                    recordStart = line
                case 0x0A:
                    finishRecord()
                    line += 1
                    recordStart = line
                default:
                    if fieldWasQuoted {
                        throw DojoError(.csv, "text after a closing quote", at: "\(name), line \(line)",
                                        hint: "a quoted field must end at a comma or the end of the line")
                    }
                    field.append(byte)
                }
            }
            index += 1
        }
        if inQuotes {
            throw DojoError(.csv, "a quoted field is never closed", at: "\(name), line \(recordStart)",
                            hint: "close the quote opened on that line")
        }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { finishRecord() }

        guard let header = records.first else {
            throw DojoError(.csv, "the file is empty", at: name, hint: "write a header line and one row per id")
        }
        let width = header.count
        for (offset, row) in records.enumerated().dropFirst() where row.count != width {
            throw DojoError(.csv, "row has \(row.count) fields but the header has \(width)",
                            at: "\(name), line \(starts[offset])",
                            hint: "every row needs exactly one value per header column")
        }
        return CSVTable(
            header: header.map { $0.trimmingCharacters(in: .whitespaces) },
            rows: Array(records.dropFirst()),
            lineNumbers: Array(starts.dropFirst())
        )
    }

    public static func load(_ url: URL) throws(DojoError) -> CSVTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DojoError(.io, "cannot read the file (\(error.localizedDescription))", at: url.path)
        }
        return try parse(data, name: url.lastPathComponent)
    }
}
