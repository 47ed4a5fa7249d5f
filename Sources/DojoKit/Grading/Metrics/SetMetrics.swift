import Foundation

/// Jaccard index and Dice coefficient on label sets, and normalized Levenshtein similarity on text,
/// each the mean over rows.
public enum SetMetrics {
    /// |A ∩ B| / |A ∪ B| per row; two empty sets count 1.
    public static func jaccard(truth: [[String]], predicted: [[String]]) -> Double {
        var total = 0.0
        for (a, b) in zip(truth, predicted) {
            let x = Set(a), y = Set(b)
            let union = x.union(y).count
            total += union == 0 ? 1 : Double(x.intersection(y).count) / Double(union)
        }
        return total / Double(truth.count)
    }

    /// 2 |A ∩ B| / (|A| + |B|) per row; two empty sets count 1.
    public static func dice(truth: [[String]], predicted: [[String]]) -> Double {
        var total = 0.0
        for (a, b) in zip(truth, predicted) {
            let x = Set(a), y = Set(b)
            let size = x.count + y.count
            total += size == 0 ? 1 : 2 * Double(x.intersection(y).count) / Double(size)
        }
        return total / Double(truth.count)
    }

    /// 1 − distance / max(length) per row, on Unicode scalars; two empty strings count 1.
    public static func levenshteinSimilarity(truth: [String], predicted: [String]) -> Double {
        var total = 0.0
        for (a, b) in zip(truth, predicted) {
            let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
            let longest = max(x.count, y.count)
            total += longest == 0 ? 1 : 1 - Double(distance(x, y)) / Double(longest)
        }
        return total / Double(truth.count)
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost 1.
    public static func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Int {
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The labels of a list cell: whitespace-separated tokens.
    public static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }
}
