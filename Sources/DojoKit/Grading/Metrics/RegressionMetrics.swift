import Foundation

/// Regression metrics, and those for counts (Poisson deviance), quantiles (pinball loss) and forecasts
/// (MASE). Several target columns are scored column by column and averaged (scikit-learn's
/// `multioutput="uniform_average"`), so RMSE over several columns is MCRMSE.
///
/// Each is computed as its reference computes it; when that arithmetic overflows (a difference, a
/// square or a sum beyond the largest double, which scikit-learn reports as inf or NaN), the column is
/// scored again on answers and predictions scaled by a power of two, which is exact, and the result
/// scaled back: the true value when it is a double, else an error (see `Rescaling`).
public enum RegressionMetrics {
    public static func score(_ kind: MetricKind, truth: [[Double]], predicted: [[Double]]) throws(DojoError) -> Double {
        try score(Metric(kind), answers: truth, predicted: predicted)
    }

    /// Scores `predicted` (one array per target column) against the answers' columns: one per target, but
    /// for pinball (one shared answer column allowed) and MASE (the answers then the scale column).
    public static func score(_ metric: Metric, answers: [[Double]], predicted: [[Double]]) throws(DojoError) -> Double {
        var values: [Double] = []
        for k in predicted.indices {
            switch metric.kind {
            case .pinball:
                let alpha = metric.alphas.count == 1 ? metric.alphas[0] : metric.alphas[k]
                values.append(try column(.pinball, truth: answers[answers.count == 1 ? 0 : k], predicted: predicted[k], alpha: alpha))
            case .mase:
                values.append(try column(.mase, truth: answers[k], predicted: predicted[k], scale: answers[answers.count - 1]))
            default:
                values.append(try column(metric.kind, truth: answers[k], predicted: predicted[k]))
            }
        }
        return Rescaling.mean(values)
    }

    /// One column, plainly; rescaled when the plain arithmetic overflowed.
    static func column(_ kind: MetricKind, truth t: [Double], predicted p: [Double], alpha: Double = 0.5,
                       scale: [Double] = []) throws(DojoError) -> Double {
        let value = try plain(kind, truth: t, predicted: p, alpha: alpha, scale: scale)
        guard !value.isFinite else { return value }
        let e = Rescaling.exponent(t, p)
        let ts = Rescaling.scaled(t, by: e), ps = Rescaling.scaled(p, by: e)
        switch kind {
        case .mse:
            return Rescaling.unscaled(try plain(kind, truth: ts, predicted: ps), by: 2 * e)
        case .poissonDeviance:
            // log(y / ŷ) is scale-free: taken from the original values, so a ŷ that the scaling sends below
            // the smallest double does not turn into log 0.
            let terms = t.indices.map { i -> Double in
                let y = t[i], mu = p[i]
                guard y != 0 else { return 2 * ps[i] }
                let ratio = y / mu
                let logRatio = ratio.isFinite && ratio > 0 ? Foundation.log(ratio) : Foundation.log(y) - Foundation.log(mu)
                return 2 * (ts[i] * logRatio - ts[i] + ps[i])
            }
            return Rescaling.unscaled(Rescaling.mean(terms), by: e)
        case .rmse, .mcrmse, .mae, .medae, .pinball, .mase:
            // Homogeneous of degree 1 in the answers and predictions together.
            return Rescaling.unscaled(try plain(kind, truth: ts, predicted: ps, alpha: alpha, scale: scale), by: e)
        case .r2, .smape:
            return try plain(kind, truth: ts, predicted: ps)
        case .mape:
            // |y − ŷ| / max(|y|, eps): each ratio from the rescaled difference, then a mean that cannot overflow.
            return Rescaling.mean(t.indices.map { Rescaling.unscaled(abs(ps[$0] - ts[$0]), by: e) / max(abs(t[$0]), Double.ulpOfOne) })
        case .rmspe:
            // (y − ŷ) / y is scale-free and may itself pass the largest double while the mean does not: each
            // ratio as mantissa × 2^exponent from the original values, all brought under the largest exponent.
            var mantissas: [Double] = []
            var exponents: [Int] = []
            for i in t.indices where t[i] != 0 {
                var difference = t[i] - p[i]
                var shift = 0
                if !difference.isFinite {
                    difference = t[i] * 0.5 - p[i] * 0.5
                    shift = 1
                }
                let (dm, de) = Foundation.frexp(difference)
                let (tm, te) = Foundation.frexp(t[i])
                mantissas.append(dm / tm)
                exponents.append(de - te + shift)
            }
            let top = exponents.max() ?? 0
            let terms = mantissas.indices.map { Foundation.scalbn(mantissas[$0], exponents[$0] - top) }
            return Rescaling.unscaled(Rescaling.rootMeanSquare(terms), by: top)
        default:
            return value
        }
    }

    /// One column as the reference computes it.
    static func plain(_ kind: MetricKind, truth t: [Double], predicted p: [Double], alpha: Double = 0.5,
                      scale: [Double] = []) throws(DojoError) -> Double {
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
                var numerator = abs(p[i] - t[i]), denominator = (abs(t[i]) + abs(p[i])) / 2
                if !numerator.isFinite || !denominator.isFinite {
                    // Beyond the largest double: the same ratio on a quarter of each value (exact).
                    let a = t[i] / 4, f = p[i] / 4
                    numerator = abs(f - a)
                    denominator = (abs(a) + abs(f)) / 2
                }
                if denominator != 0 { total += numerator / denominator }
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
            guard residual.isFinite, spread.isFinite else { return .infinity }
            return 1 - residual / spread
        case .poissonDeviance:
            // scikit-learn's mean_poisson_deviance: 2 (y log(y / ŷ) − y + ŷ), y log(…) = 0 when y = 0. When
            // y / ŷ leaves the range of a double (ŷ tiny), y (log y − log ŷ) is the same number.
            var total = 0.0
            for i in t.indices {
                let y = t[i], mu = p[i]
                var xlogy = 0.0
                if y != 0 {
                    let ratio = y / mu
                    xlogy = ratio.isFinite && ratio > 0 ? y * Foundation.log(ratio) : y * (Foundation.log(y) - Foundation.log(mu))
                }
                total += 2 * (xlogy - y + mu)
            }
            return total / n
        case .pinball:
            // scikit-learn's mean_pinball_loss: α·d when d = y − ŷ ≥ 0, else −(1 − α)·d.
            var total = 0.0
            for i in t.indices {
                let d = t[i] - p[i]
                total += d >= 0 ? alpha * d : -((1 - alpha) * d)
            }
            return total / n
        case .mase:
            // Mean over rows of |y − ŷ| / s, s the series' in-sample naive-forecast MAE (the answers' scale column).
            var total = 0.0
            for i in t.indices { total += abs(t[i] - p[i]) / scale[i] }
            return total / n
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
