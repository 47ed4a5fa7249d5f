/// Text from task code or agents made safe for a terminal (docs/sandbox.md): escape and control sequences
/// are shown as `\x1b`-style text, never executed. Newlines and tabs stay.
public enum TerminalText {
    public static func sanitize(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0A || value == 0x09 {
                result.unicodeScalars.append(scalar)
            } else if value < 0x20 || value == 0x7F {
                result += "\\x" + hex(value, digits: 2)
            } else if (0x80...0x9F).contains(value) {
                result += "\\u{" + hex(value, digits: 4) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
