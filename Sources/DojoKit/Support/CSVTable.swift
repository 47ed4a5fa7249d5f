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

    /// Parses RFC 4180 CSV with the one loader, `CSVReader` (the grader's): a UTF-8 BOM, CRLF or LF
    /// line ends, quoted fields with commas, quotes and newlines, and blank lines are all accepted. This
    /// type only keeps the rows as strings, for small files read whole (boards, the data-structure view).
    public static func parse(_ data: Data, name: String) throws(DojoError) -> CSVTable {
        let reader = CSVReader(data: data, name: name)
        let header = try reader.header()
        var rows: [[String]] = []
        var lineNumbers: [Int] = []
        while try reader.next() {
            guard reader.fieldCount == header.count else {
                throw DojoError(.csv, "row has \(reader.fieldCount) fields but the header has \(header.count)",
                                at: "\(name), line \(reader.line)", hint: "every row needs exactly one value per header column")
            }
            rows.append((0..<reader.fieldCount).map { reader.string($0) })
            lineNumbers.append(reader.line)
        }
        return CSVTable(header: header, rows: rows, lineNumbers: lineNumbers)
    }

    public static func load(_ url: URL) throws(DojoError) -> CSVTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DojoError(.io, "cannot read the file (\(error.localizedDescription))", at: url.path)
        }
        return try parse(data, name: url.lastPathComponent)
    }
}
