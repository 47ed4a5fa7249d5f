import Foundation

/// A score as a person reads it on the command line: six significant digits, no trailing zeros
/// (0.7889908256880734 → 0.788991, 12.5 → 12.5, 1234567.8 → 1.23457e+06), the same in the step
/// lines and the summary of `dojo run`.
public enum ScoreText {
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.6g", value)
    }
}
