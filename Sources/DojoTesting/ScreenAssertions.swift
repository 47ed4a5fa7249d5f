import DojoUI
import Foundation
import Testing

/// Screen tests: a buffer's text (trailing spaces trimmed) against a string literal, with the
/// differing cells listed on failure.
public enum ScreenAssertions {
    /// The cells that differ: `row 3, col 7: expected "a", found "b"`, and both screens.
    public static func difference(_ actual: String, _ expected: String) -> String? {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var problems: [String] = []
        for row in 0..<max(a.count, e.count) {
            let ar = row < a.count ? a[row] : [], er = row < e.count ? e[row] : []
            for column in 0..<max(ar.count, er.count) {
                let ac = column < ar.count ? String(ar[column]) : "∅", ec = column < er.count ? String(er[column]) : "∅"
                if ac != ec {
                    problems.append("row \(row), col \(column): expected \"\(ec)\", found \"\(ac)\"")
                    break
                }
            }
            if problems.count >= 12 { break }
        }
        if problems.isEmpty { return nil }
        return problems.joined(separator: "\n") + "\n--- expected ---\n" + expected + "\n--- actual ---\n" + actual
    }

    public static func expect(_ buffer: ScreenBuffer, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expect(text: buffer.text, expected, sourceLocation: sourceLocation)
    }

    public static func expect(text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        // DOJO_RECORD_SCREENS=DIR writes each actual screen to DIR/<line>.txt, for updating literals.
        if let directory = ProcessInfo.processInfo.environment["DOJO_RECORD_SCREENS"] {
            try? text.write(toFile: "\(directory)/\(sourceLocation.line).txt", atomically: true, encoding: .utf8)
        }
        if let difference = difference(text, expected) {
            Issue.record(Comment(rawValue: "screen differs:\n" + difference), sourceLocation: sourceLocation)
        }
    }
}
