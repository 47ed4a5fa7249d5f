import Foundation

/// ArgumentParser's "Unknown option '--bogus'. Did you mean '--gpus'?" suggests any option within
/// three edits, so unrelated names get suggested. Dojo keeps a suggestion only when it is a likely
/// typo (one edit, a swap of two letters counting as one; two edits for names of eight letters or
/// more), else the message is just "Unknown option '--bogus'" with the usage that follows it.
enum UnknownOptionText {
    /// The parse error's whole message with an unlikely suggestion removed.
    static func rewrite(_ message: String) -> String {
        guard let range = message.range(of: #"Unknown option '([^']+)'\. Did you mean '([^']+)'\?"#, options: .regularExpression) else {
            return message
        }
        let found = String(message[range])
        let quoted = found.split(separator: "'", omittingEmptySubsequences: false)
        guard quoted.count >= 4 else { return message }
        let given = String(quoted[1]), suggestion = String(quoted[3])
        if isLikelyTypo(given, of: suggestion) { return message }
        return message.replacingCharacters(in: range, with: "Unknown option '\(given)'")
    }

    static func isLikelyTypo(_ given: String, of option: String) -> Bool {
        let a = Array(given.drop { $0 == "-" }), b = Array(option.drop { $0 == "-" })
        let allowed = max(a.count, b.count) >= 8 ? 2 : 1
        return distance(a, b) <= allowed
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbouring characters each count 1.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
