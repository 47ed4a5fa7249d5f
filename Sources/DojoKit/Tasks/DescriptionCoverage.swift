import Foundation

/// What a task's description.md fails to name: every public file (or, for a folder, the folder) and
/// every column of every public CSV must appear in it, as a word of its own.
///
/// A numbered family of columns (`pixel0` … `pixel783`: ten or more columns that differ only in a
/// trailing number) is named by its stem followed by a digit anywhere in the text (`pixel0`).
public struct DescriptionCoverage: Sendable, Equatable {
    public var files: [String]
    public var columns: [String]
    public var missingFiles: [String]
    /// "file.csv: column".
    public var missingColumns: [String]

    public var isComplete: Bool { missingFiles.isEmpty && missingColumns.isEmpty }

    public static let familySize = 10

    /// Checks `description` against the files under `publicDirectory`.
    public static func check(description: String, publicDirectory: URL) -> DescriptionCoverage {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: publicDirectory.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        var coverage = DescriptionCoverage(files: entries, columns: [], missingFiles: [], missingColumns: [])
        for entry in entries where !names(entry, in: description) {
            coverage.missingFiles.append(entry)
        }
        for entry in entries where entry.hasSuffix(".csv") {
            let header = csvHeader(publicDirectory.appendingPathComponent(entry)) ?? []
            let families = numberedFamilies(header)
            for column in header where !column.isEmpty {
                coverage.columns.append("\(entry): \(column)")
                if names(column, in: description) { continue }
                if let stem = families[column], namesStem(stem, in: description) { continue }
                coverage.missingColumns.append("\(entry): \(column)")
            }
        }
        return coverage
    }

    /// `word` occurs in `text` with no letter, digit or `_` touching it on either side.
    static func names(_ word: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) { return true }
            searchRange = text.index(after: found.lowerBound)..<text.endIndex
        }
        return false
    }

    private static func namesStem(_ stem: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: stem, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !isWordCharacter(before), let after, after.isASCII, after.isNumber { return true }
            searchRange = text.index(after: found.lowerBound)..<text.endIndex
        }
        return false
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }

    /// Column → stem, for columns in a family of `familySize` or more sharing a stem before a trailing number.
    static func numberedFamilies(_ header: [String]) -> [String: String] {
        var members: [String: [String]] = [:]
        for column in header {
            let stem = String(column.reversed().drop { $0.isASCII && $0.isNumber }.reversed())
            if stem.count < column.count && !stem.isEmpty { members[stem, default: []].append(column) }
        }
        var result: [String: String] = [:]
        for (stem, columns) in members where columns.count >= familySize {
            for column in columns { result[column] = stem }
        }
        return result
    }

    /// The first record of a CSV file (double quotes understood), or nil when unreadable.
    public static func csvHeader(_ url: URL) -> [String]? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        var inQuotes = false
        reading: while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            for byte in chunk {
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if byte == UInt8(ascii: "\n") && !inQuotes { break reading }
                bytes.append(byte)
            }
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
