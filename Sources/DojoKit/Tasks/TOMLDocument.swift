import Foundation
import TOMLKit

/// A TOML document turned into plain values at once, so that typed reads can say which key of which
/// file was wrong and what was expected.
struct TOMLDocument {
    indirect enum Value: Sendable {
        case string(String)
        case integer(Int)
        case double(Double)
        case bool(Bool)
        case array([Value])
        case table([String: Value])
        case other(String)

        var typeName: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .double: "a number"
            case .bool: "a boolean"
            case .array: "an array"
            case .table: "a table"
            case .other(let name): name
            }
        }
    }

    let file: String
    let root: [String: Value]

    init(text: String, file: String) throws(DojoError) {
        self.file = file
        let table: TOMLTable
        do { table = try TOMLText.parse(text) } catch {
            throw DojoError(.taskFormat, error.message, at: error.location(in: file),
                            hint: error.line == nil ? nil : "fix the TOML syntax at that position")
        }
        root = Self.convert(table)
    }

    private static func convert(_ table: TOMLTable) -> [String: Value] {
        var result: [String: Value] = [:]
        for (key, value) in table { result[key] = convert(value) }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible) -> Value {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { array in array.map { convert($0) } } ?? [])
        case .date: return .other("a date")
        case .time: return .other("a time")
        case .dateTime: return .other("a date-time")
        }
    }

    // MARK: typed reads

    func value(_ path: String) -> Value? {
        var current: Value = .table(root)
        for part in path.split(separator: ".") {
            guard case .table(let table) = current, let next = table[String(part)] else { return nil }
            current = next
        }
        return current
    }

    private func error(_ path: String, expected: String, found: Value?) -> DojoError {
        let what = found.map { "found \($0.typeName)" } ?? "the key is missing"
        return DojoError(.taskFormat, "key `\(path)`: expected \(expected), \(what)", at: file,
                         hint: "set `\(path)` to \(expected)")
    }

    func string(_ path: String) throws(DojoError) -> String {
        guard case .string(let text) = value(path) else { throw error(path, expected: "a string", found: value(path)) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DojoError(.taskFormat, "key `\(path)`: expected a non-empty string", at: file)
        }
        return text
    }

    func optionalString(_ path: String) throws(DojoError) -> String? {
        guard let found = value(path) else { return nil }
        guard case .string(let text) = found else { throw error(path, expected: "a string", found: found) }
        return text
    }

    func strings(_ path: String) throws(DojoError) -> [String] {
        guard case .array(let items) = value(path) else {
            throw error(path, expected: "an array of strings", found: value(path))
        }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                throw error(path, expected: "an array of strings", found: item)
            }
            result.append(text)
        }
        return result
    }

    func positiveNumber(_ path: String, default fallback: Double) throws(DojoError) -> Double {
        guard let found = value(path) else { return fallback }
        let number: Double
        switch found {
        case .integer(let n): number = Double(n)
        case .double(let d): number = d
        default: throw error(path, expected: "a positive number", found: found)
        }
        guard number > 0, number.isFinite else {
            throw DojoError(.taskFormat, "key `\(path)`: expected a positive number, found \(number)", at: file)
        }
        return number
    }

    func positiveInteger(_ path: String, default fallback: Int) throws(DojoError) -> Int {
        guard let found = value(path) else { return fallback }
        guard case .integer(let n) = found else { throw error(path, expected: "a positive integer", found: found) }
        guard n > 0 else {
            throw DojoError(.taskFormat, "key `\(path)`: expected a positive integer, found \(n)", at: file)
        }
        return n
    }

    func optionalPositiveInteger(_ path: String) throws(DojoError) -> Int? {
        guard value(path) != nil else { return nil }
        return try positiveInteger(path, default: 0)
    }

    /// A table of scalar arguments, rendered as strings (metric arguments).
    func scalarTable(_ path: String) throws(DojoError) -> [String: String] {
        guard let found = value(path) else { return [:] }
        guard case .table(let table) = found else { throw error(path, expected: "a table", found: found) }
        var result: [String: String] = [:]
        for (key, item) in table {
            switch item {
            case .string(let s): result[key] = s
            case .integer(let n): result[key] = String(n)
            case .double(let d): result[key] = String(d)
            case .bool(let b): result[key] = String(b)
            case .array(let items):
                // A list of numbers (pinball's alphas), passed on as "0.1,0.5,0.9".
                var parts: [String] = []
                for element in items {
                    switch element {
                    case .integer(let n): parts.append(String(n))
                    case .double(let d): parts.append(String(d))
                    default: throw error("\(path).\(key)", expected: "a string, number, boolean or array of numbers", found: element)
                    }
                }
                result[key] = parts.joined(separator: ",")
            default: throw error("\(path).\(key)", expected: "a string, number, boolean or array of numbers", found: item)
            }
        }
        return result
    }
}
