import Foundation

/// The last lines an agent wrote to its stderr log: what `dojo run` prints when the agent never
/// started an episode or crashed, so the reason is on the terminal and not only in the log.
public enum AgentLogTail {
    /// How much of the log's end is read: a log can be large; its last lines are at the end.
    static let window = 64 * 1024

    /// The last `lines` non-blank lines of the log (escape sequences shown as text), oldest first;
    /// empty when the log is missing or empty.
    public static func read(_ log: URL, lines: Int) -> [String] {
        guard lines > 0, let handle = try? FileHandle(forReadingFrom: log) else { return [] }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return [] }
        let start = size > UInt64(window) ? size - UInt64(window) : 0
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return [] }
        var text = String(decoding: data, as: UTF8.self)
        // A window that starts mid-line drops that partial line.
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        // isNewline: "\r\n" is one Character in Swift, which a split on "\n" would not cut.
        let all = text.split(whereSeparator: \.isNewline).map { TerminalText.sanitize(String($0)) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return Array(all.suffix(lines))
    }
}
