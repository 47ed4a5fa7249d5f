import Foundation

/// Regression metrics. Several target columns are scored column by column and averaged (scikit-learn's
/// `multioutput="uniform_average"`), so RMSE over several columns is MCRMSE.
public enum RegressionMetrics {
    public static func score(_ kind: MetricKind, truth: [[Double]], predicted: [[Double]]) throws(DojoError) -> Double {
        var total = 0.0
        for (t, p) in zip(truth, predicted) { total += try column(kind, truth: t, predicted: p) }
        return total / Double(truth.count)
    }

    static func column(_ kind: MetricKind, truth t: [Double], predicted p: [Double]) throws(DojoError) -> Double {
        let n = Double(t.count)
        switch kind {
        case .mse:
            return meanSquaredError(t, p)
        case .rmse, .mcrmse:
            return meanSquaredError(t, p).squareRoot()
        case .rmsle:
            return meanSquaredError(t.map { Foundation.log1p($0) }, p.map { Foundation.log1p($0) }).squareRoot()
        case .mae:
            var total = 0.0
            for i in t.indices { total += abs(p[i] - t[i]) }
            return total / n
        case .medae:
            return median(t.indices.map { abs(p[$0] - t[$0]) })
        case .mape:
            var total = 0.0
            for i in t.indices { total += abs(p[i] - t[i]) / max(abs(t[i]), Double.ulpOfOne) }
            return total / n
        case .smape:
            // Kaggle's SMAPE in percent: 100/n Σ |F − A| / ((|A| + |F|) / 2), a row with A = F = 0 counting 0.
            var total = 0.0
            for i in t.indices {
                let denominator = (abs(t[i]) + abs(p[i])) / 2
                if denominator != 0 { total += abs(p[i] - t[i]) / denominator }
            }
            return 100 * total / n
        case .rmspe:
            // Rossmann's RMSPE: rows whose answer is 0 are left out.
            var total = 0.0
            var rows = 0
            for i in t.indices where t[i] != 0 {
                let e = (t[i] - p[i]) / t[i]
                total += e * e
                rows += 1
            }
            guard rows > 0 else {
                throw DojoError(.grading, "RMSPE is undefined: every answer is 0", hint: "RMSPE leaves out rows whose answer is 0")
            }
            return (total / Double(rows)).squareRoot()
        case .r2:
            guard t.count >= 2 else {
                throw DojoError(.grading, "R² is undefined for a single row", hint: "R² needs at least two rows")
            }
            var mean = 0.0
            for v in t { mean += v }
            mean /= n
            var residual = 0.0
            var spread = 0.0
            for i in t.indices {
                residual += (t[i] - p[i]) * (t[i] - p[i])
                spread += (t[i] - mean) * (t[i] - mean)
            }
            // scikit-learn's force_finite: constant answers score 1 when predicted exactly, else 0. Answers
            // that are all equal count as constant even when their mean is not exactly representable (where
            // scikit-learn divides by a rounding residue and returns numbers like −1e31).
            if spread == 0 || t.allSatisfy({ $0 == t[0] }) { return residual == 0 ? 1 : 0 }
            return 1 - residual / spread
        default:
            return .nan
        }
    }

    static func meanSquaredError(_ t: [Double], _ p: [Double]) -> Double {
        var total = 0.0
        t.withUnsafeBufferPointer { t in
            p.withUnsafeBufferPointer { p in
                for i in 0..<t.count {
                    let d = t[i] - p[i]
                    total += d * d
                }
            }
        }
        return total / Double(t.count)
    }

    /// numpy's median: the middle value, or the mean of the two middle values.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
