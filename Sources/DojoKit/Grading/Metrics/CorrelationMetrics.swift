import Foundation

/// Pearson, Spearman and Kendall's tau-b, as SciPy computes them; a constant side is an error.
public enum CorrelationMetrics {
    /// Pearson's r on each side scaled by a power of two (exact), so that sums of squares of values near
    /// the float limits neither overflow nor underflow, as SciPy scales by the largest deviation; a side
    /// whose values are all equal is an error (SciPy: NaN with a warning).
    public static func pearson(_ x: [Double], _ y: [Double], name: String = "Pearson correlation") throws(DojoError) -> Double {
        let n = Double(x.count)
        guard x.count >= 2 else {
            throw DojoError(.grading, "\(name) needs at least two rows, found \(x.count)")
        }
        let xConstant = x.allSatisfy { $0 == x[0] }
        if xConstant || y.allSatisfy({ $0 == y[0] }) {
            throw DojoError(.grading, "\(name) is undefined: the \(xConstant ? "answers are" : "predictions are") constant",
                            hint: "a correlation needs values that vary")
        }
        // Two rows correlate exactly ±1 (SciPy rounds them so).
        if x.count == 2 { return (x[1] - x[0] > 0) == (y[1] - y[0] > 0) ? 1 : -1 }
        let x = Rescaling.scaled(x, by: Rescaling.exponent(x)), y = Rescaling.scaled(y, by: Rescaling.exponent(y))
        var mx = 0.0, my = 0.0
        for i in x.indices { mx += x[i]; my += y[i] }
        mx /= n
        my /= n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else {
            throw DojoError(.grading, "\(name) is undefined: the \(sxx > 0 ? "predictions are" : "answers are") constant",
                            hint: "a correlation needs values that vary")
        }
        return max(-1, min(1, sxy / sxx.squareRoot() / syy.squareRoot()))
    }

    /// Spearman's rho: Pearson's r of the average ranks.
    public static func spearman(_ x: [Double], _ y: [Double]) throws(DojoError) -> Double {
        try pearson(ranks(x), ranks(y), name: "Spearman correlation")
    }

    /// 1-based ranks, ties sharing their average rank (scipy.stats.rankdata).
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2
            for k in i...j { result[order[k]] = rank }
            i = j + 1
        }
        return result
    }

    /// Kendall's tau-b in O(n log n) (Knight's algorithm, as scipy.stats.kendalltau).
    public static func kendallTau(_ x: [Double], _ y: [Double]) throws(DojoError) -> Double {
        let n = x.count
        guard n >= 2 else { throw DojoError(.grading, "Kendall's tau needs at least two rows, found \(n)") }
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && y[$0] < y[$1]) }
        var ys = order.map { y[$0] }
        let xs = order.map { x[$0] }
        func pairs(_ run: Int) -> Int { run * (run - 1) / 2 }
        var xtie = 0, ntie = 0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && xs[j + 1] == xs[i] { j += 1 }
            xtie += pairs(j - i + 1)
            var a = i
            while a <= j {
                var b = a
                while b + 1 <= j && ys[b + 1] == ys[a] { b += 1 }
                ntie += pairs(b - a + 1)
                a = b + 1
            }
            i = j + 1
        }
        let discordant = inversions(&ys)
        var ytie = 0
        i = 0
        while i < n {
            var j = i
            while j + 1 < n && ys[j + 1] == ys[i] { j += 1 }
            ytie += pairs(j - i + 1)
            i = j + 1
        }
        let total = pairs(n)
        guard xtie != total, ytie != total else {
            throw DojoError(.grading, "Kendall's tau is undefined: the \(xtie == total ? "answers are" : "predictions are") constant",
                            hint: "a correlation needs values that vary")
        }
        let difference = total - xtie - ytie + ntie - 2 * discordant
        let tau = Double(difference) / Double(total - xtie).squareRoot() / Double(total - ytie).squareRoot()
        return min(1, max(-1, tau))
    }

    /// Sorts `values` ascending and returns the number of strict inversions (merge sort).
    static func inversions(_ values: inout [Double]) -> Int {
        let n = values.count
        var buffer = [Double](repeating: 0, count: n)
        var count = 0
        var width = 1
        while width < n {
            var low = 0
            while low < n {
                let middle = min(low + width, n), high = min(low + 2 * width, n)
                var i = low, j = middle, k = low
                while i < middle && j < high {
                    if values[j] < values[i] {
                        buffer[k] = values[j]
                        count += middle - i
                        j += 1
                    } else {
                        buffer[k] = values[i]
                        i += 1
                    }
                    k += 1
                }
                while i < middle { buffer[k] = values[i]; i += 1; k += 1 }
                while j < high { buffer[k] = values[j]; j += 1; k += 1 }
                low = high
            }
            swap(&values, &buffer)
            width *= 2
        }
        return count
    }
}
