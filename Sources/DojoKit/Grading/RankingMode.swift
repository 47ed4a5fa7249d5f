#if canImport(Glibc)
import Glibc
#endif

/// How a task's score is placed on its boards (`[leaderboard] ranking`, docs/task-format.md).
///
/// - `dojo` (default) and `mle-dojo` rank the score as the metric computed it, with MLE-Dojo's
///   position formula (`_calculate_leaderboard_position`: 1 + the board scores strictly better);
///   `mle-dojo` only names the source in the feedback.
/// - `mle-bench` first rounds the score to 5 decimals, as MLE-bench's `Grader.__call__` does
///   (`round(score, 5)`), then places the rounded score: medals, median and positions all use it.
public enum RankingMode: String, Sendable, Codable, Equatable, CaseIterable {
    case dojo
    case mleBench = "mle-bench"
    case mleDojo = "mle-dojo"

    public static var names: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }

    /// The score the boards see.
    public func rankedScore(_ score: Double) -> Double {
        self == .mleBench ? Self.roundedToFiveDecimals(score) : score
    }

    /// Python's `round(x, 5)` on a float: the exact binary value of `x` rounded to 5 decimals (ties to
    /// even, on the exact value), read back correctly rounded. glibc's `%.5f` is exact and rounds the same
    /// way (the current rounding mode, to nearest even), and the decimal parser is correctly rounded.
    public static func roundedToFiveDecimals(_ x: Double) -> Double {
        guard x.isFinite else { return x }
        // 309 integer digits at most, a sign, a point and 5 decimals.
        var buffer = [CChar](repeating: 0, count: 400)
        let written = withVaList([x]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.5f", arguments) }
        }
        guard written > 0, written < buffer.count else { return x }
        let text = String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return DecimalParser.parse(text) ?? x
    }
}
