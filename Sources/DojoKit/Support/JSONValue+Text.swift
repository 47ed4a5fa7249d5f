import Foundation

extension JSONValue {
    /// The value as a person reads it: a string bare (`mle-dojo`), a number as written (`3`, `1.4199`),
    /// `true`/`false`/`null`, and arrays and objects as compact JSON with sorted keys. Never Swift's
    /// debug form (`string("mle-dojo")`).
    public var plainText: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): Self.numberText(value)
        case .string(let value): value
        case .array(let values): "[" + values.map(\.jsonText).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { "\(Self.quoted($0.key)): \($0.value.jsonText)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value as JSON text: `plainText`, with strings quoted.
    public var jsonText: String {
        if case .string(let value) = self { return Self.quoted(value) }
        return plainText
    }

    /// `3` for a whole number, else the shortest text that reads back as the same double (`1.4199999999999999`).
    static func numberText(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
