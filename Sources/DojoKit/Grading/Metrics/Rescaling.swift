import Foundation

/// Exact power-of-two rescaling for metrics whose sums or squares would leave the range of a double.
/// Multiplying by 2^k changes no digit of a normal number, so a computation on rescaled values rounds
/// exactly as the original would have, and a result that is homogeneous in its inputs (RMSE, MAE,
/// pinball loss, …) or invariant to their scale (correlations, R², normalized Gini) is recovered exactly.
enum Rescaling {
    /// The binary exponent of the largest finite magnitude among `arrays` (0 when every value is 0).
    static func exponent(_ arrays: [Double]...) -> Int {
        var largest = 0.0
        for values in arrays {
            for v in values where v.isFinite { largest = max(largest, abs(v)) }
        }
        return largest > 0 ? Int(largest.exponent) : 0
    }

    /// `values` times 2^−exponent.
    static func scaled(_ values: [Double], by exponent: Int) -> [Double] {
        exponent == 0 ? values : values.map { Foundation.scalbn($0, -exponent) }
    }

    /// `value` times 2^exponent (infinite when the true value is beyond the largest double).
    static func unscaled(_ value: Double, by exponent: Int) -> Double {
        Foundation.scalbn(value, exponent)
    }

    /// The mean of finite terms; when their plain sum overflows, the mean of the terms scaled down.
    static func mean(_ terms: [Double]) -> Double {
        var total = 0.0
        for v in terms { total += v }
        let plain = total / Double(terms.count)
        guard !plain.isFinite, terms.allSatisfy(\.isFinite) else { return plain }
        let e = exponent(terms)
        var scaledTotal = 0.0
        for v in terms { scaledTotal += Foundation.scalbn(v, -e) }
        return unscaled(scaledTotal / Double(terms.count), by: e)
    }

    /// √(mean of squares) of finite terms, without overflow or underflow of the squares.
    static func rootMeanSquare(_ terms: [Double]) -> Double {
        var total = 0.0
        for v in terms { total += v * v }
        let plain = (total / Double(terms.count)).squareRoot()
        guard !plain.isFinite || (total < Double.leastNormalMagnitude && terms.contains { $0 != 0 }), terms.allSatisfy(\.isFinite) else {
            return plain
        }
        let e = exponent(terms)
        var scaledTotal = 0.0
        for v in terms {
            let s = Foundation.scalbn(v, -e)
            scaledTotal += s * s
        }
        return unscaled((scaledTotal / Double(terms.count)).squareRoot(), by: e)
    }
}
