import Foundation

/// The metrics the first grader knows; the grading issue completes the catalogue behind this type.
public enum Metric: String, CaseIterable, Sendable, Codable, Equatable {
    case accuracy
    case logLoss = "log_loss"
    case rmsle
    case rmse
    case mse
    case mae

    /// What a submission's target cells must hold for this metric.
    public enum TargetKind: Sendable, Equatable {
        /// One column of class labels, compared with the answers' labels.
        case labels
        /// One column per class, each a probability; the answers are one-hot in the same columns.
        case probabilities
        /// Numeric predictions.
        case numbers
    }

    public var higherIsBetter: Bool { self == .accuracy }

    public var targetKind: TargetKind {
        switch self {
        case .accuracy: .labels
        case .logLoss: .probabilities
        case .rmsle, .rmse, .mse, .mae: .numbers
        }
    }

    public var displayName: String {
        switch self {
        case .accuracy: "accuracy"
        case .logLoss: "multiclass log loss"
        case .rmsle: "RMSLE"
        case .rmse: "RMSE"
        case .mse: "MSE"
        case .mae: "MAE"
        }
    }

    public static func named(_ name: String) -> Metric? {
        Metric(rawValue: name.lowercased().replacingOccurrences(of: "-", with: "_"))
    }

    public static var knownNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// `a` is better than `b` under this metric's direction.
    public func isBetter(_ a: Double, than b: Double) -> Bool { higherIsBetter ? a > b : a < b }

    // MARK: scoring aligned columns

    /// Fraction of equal labels; labels that both read as numbers compare numerically ("1" == "1.0").
    static func accuracy(truth: [String], predicted: [String]) -> Double {
        var correct = 0
        for (t, p) in zip(truth, predicted) where labelsEqual(t, p) { correct += 1 }
        return Double(correct) / Double(truth.count)
    }

    static func labelsEqual(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = Double(a), let y = Double(b) { return x == y }
        return false
    }

    /// scikit-learn 1.9's `log_loss`: clip to [eps, 1 − eps] with eps the float64 machine epsilon and
    /// average −Σ y·log p per row. Rows that do not sum to 1 are not renormalised (scikit-learn only
    /// warns since 1.5); the validator reports them as a warning.
    static func logLoss(truth: [[Double]], predicted: [[Double]]) -> Double {
        let eps = Double.ulpOfOne
        var total = 0.0
        for (t, p) in zip(truth, predicted) {
            for (ti, pi) in zip(t, p) where ti != 0 {
                total -= ti * Foundation.log(min(max(pi, eps), 1 - eps))
            }
        }
        return total / Double(truth.count)
    }

    static func meanSquaredError(truth: [Double], predicted: [Double]) -> Double {
        var total = 0.0
        for (t, p) in zip(truth, predicted) { total += (t - p) * (t - p) }
        return total / Double(truth.count)
    }

    static func meanAbsoluteError(truth: [Double], predicted: [Double]) -> Double {
        var total = 0.0
        for (t, p) in zip(truth, predicted) { total += abs(t - p) }
        return total / Double(truth.count)
    }

    static func rmsle(truth: [Double], predicted: [Double]) -> Double {
        meanSquaredError(truth: truth.map { Foundation.log1p($0) }, predicted: predicted.map { Foundation.log1p($0) }).squareRoot()
    }
}
