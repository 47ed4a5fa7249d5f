import Foundation

/// Harrell's concordance index for censored times, as scikit-survival's `concordance_index_censored`.
public enum SurvivalMetrics {
    /// The share of comparable pairs whose risk scores are ordered as their times: a pair (i, j) is
    /// comparable when i's event was observed and j was still at risk after it (a later time, or the same
    /// time but censored); it is concordant when i's risk is the higher, and risks within `tiedTolerance`
    /// of each other count ½. Counted exactly in O(n log n): a Fenwick tree over the sorted distinct risks
    /// holds the rows with later times, and the tie test |r_j − r_i| ≤ tol (as scikit-survival evaluates it
    /// in floating point, monotone in r_j) bounds an interval of that sorted order.
    public static func concordanceIndex(time: [Double], event: [Bool], risk: [Double], tiedTolerance: Double) throws(DojoError) -> Double {
        let n = time.count
        guard n >= 2 else {
            throw DojoError(.grading, "the concordance index needs at least two rows, found \(n)")
        }
        guard event.contains(true) else {
            throw DojoError(.grading, "the concordance index is undefined: every answer is censored",
                            hint: "it compares each observed event with the rows still at risk after it")
        }
        let values = Array(Set(risk)).sorted()
        func rankOf(_ r: Double) -> Int {
            var low = 0, high = values.count
            while low < high {
                let mid = (low + high) / 2
                if values[mid] < r { low = mid + 1 } else { high = mid }
            }
            return low
        }
        /// The first index of `sorted` whose value v has fl(v − r) ≥ −tol, and the end of those with fl(v − r) ≤ tol.
        func tieRange(_ sorted: [Double], _ r: Double) -> (low: Int, end: Int) {
            func partition(_ belongsLeft: (Double) -> Bool) -> Int {
                var low = 0, high = sorted.count
                while low < high {
                    let mid = (low + high) / 2
                    if belongsLeft(sorted[mid]) { low = mid + 1 } else { high = mid }
                }
                return low
            }
            let low = partition { $0 - r < -tiedTolerance }
            let end = partition { $0 - r <= tiedTolerance }
            return (low, max(low, end))
        }
        var tree = [Int](repeating: 0, count: values.count + 1)
        func add(_ index: Int) {
            var i = index + 1
            while i <= values.count { tree[i] += 1; i += i & -i }
        }
        func prefix(_ count: Int) -> Int {
            var i = count, total = 0
            while i > 0 { total += tree[i]; i -= i & -i }
            return total
        }
        let order = time.indices.sorted { time[$0] < time[$1] }
        var concordant = 0, tied = 0, comparable = 0
        var inserted = 0
        var end = n
        // Groups of equal time, latest first: the tree holds every row with a later time.
        while end > 0 {
            var start = end - 1
            while start > 0 && time[order[start - 1]] == time[order[end - 1]] { start -= 1 }
            let group = order[start..<end]
            let censored = group.filter { !event[$0] }.map { risk[$0] }.sorted()
            for i in group where event[i] {
                let r = risk[i]
                let (low, upper) = tieRange(values, r)
                let below = prefix(low)
                let ties = prefix(upper) - below
                let (cLow, cEnd) = tieRange(censored, r)
                concordant += below + cLow
                tied += ties + (cEnd - cLow)
                comparable += inserted + censored.count
            }
            for i in group { add(rankOf(risk[i])) }
            inserted += group.count
            end = start
        }
        guard comparable > 0 else {
            throw DojoError(.grading, "the concordance index is undefined: no pair is comparable (no observed event has a row still at risk after it)",
                            hint: "the answers need an observed event before some other row's time")
        }
        return (Double(concordant) + 0.5 * Double(tied)) / Double(comparable)
    }
}
