import Foundation

/// Metrics on class labels, as scikit-learn 1.9 computes them. Labels are class indices; the labels a
/// metric averages over are those present in the answers or the predictions (scikit-learn's
/// `unique_labels`), and `order` ranks the classes as scikit-learn sorts them (for weighted kappa).
public enum ClassificationMetrics {
    public struct Counts: Sendable {
        public var n: Int
        public var truePositives: [Int]
        public var truth: [Int]
        public var predicted: [Int]
        /// Class indices present in the answers or the predictions.
        public var present: [Int]
    }

    public static func counts(truth: [Int32], predicted: [Int32], classes: Int) -> Counts {
        var tp = [Int](repeating: 0, count: classes)
        var t = [Int](repeating: 0, count: classes)
        var p = [Int](repeating: 0, count: classes)
        truth.withUnsafeBufferPointer { truth in
            predicted.withUnsafeBufferPointer { predicted in
                for i in 0..<truth.count {
                    let a = Int(truth[i]), b = Int(predicted[i])
                    t[a] += 1
                    p[b] += 1
                    if a == b { tp[a] += 1 }
                }
            }
        }
        let present = (0..<classes).filter { t[$0] > 0 || p[$0] > 0 }
        return Counts(n: truth.count, truePositives: tp, truth: t, predicted: p, present: present)
    }

    public static func accuracy(_ c: Counts) -> Double {
        Double(c.truePositives.reduce(0, +)) / Double(c.n)
    }

    /// Mean recall over the classes present in the answers.
    public static func balancedAccuracy(_ c: Counts) -> Double {
        var total = 0.0
        var classes = 0
        for k in c.present where c.truth[k] > 0 {
            total += Double(c.truePositives[k]) / Double(c.truth[k])
            classes += 1
        }
        return total / Double(classes)
    }

    public enum Score: Sendable { case precision, recall, fScore(beta: Double) }

    /// Precision, recall or F-beta with scikit-learn's averaging; 0 where a ratio is 0/0 (zero_division).
    public static func score(_ what: Score, _ c: Counts, average: Metric.Average, positive: Int?) throws(DojoError) -> Double {
        func ratio(tp: Int, truth: Int, predicted: Int) -> Double {
            func divide(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }
            switch what {
            case .precision: return divide(Double(tp), Double(predicted))
            case .recall: return divide(Double(tp), Double(truth))
            case .fScore(let beta):
                let beta2 = beta * beta
                return divide((1 + beta2) * Double(tp), beta2 * Double(truth) + Double(predicted))
            }
        }
        switch average {
        case .binary:
            guard let positive else {
                throw DojoError(.taskFormat, "average = binary needs a positive label", hint: "set pos_label in [metric.args]")
            }
            if c.present.count > 2 {
                throw DojoError(.taskFormat, "average = binary but the answers and predictions hold \(c.present.count) labels",
                                hint: "use average = macro, micro or weighted for multiclass targets")
            }
            return ratio(tp: c.truePositives[positive], truth: c.truth[positive], predicted: c.predicted[positive])
        case .micro:
            var tp = 0, t = 0, p = 0
            for k in c.present { tp += c.truePositives[k]; t += c.truth[k]; p += c.predicted[k] }
            return ratio(tp: tp, truth: t, predicted: p)
        case .macro:
            var total = 0.0
            for k in c.present { total += ratio(tp: c.truePositives[k], truth: c.truth[k], predicted: c.predicted[k]) }
            return total / Double(c.present.count)
        case .weighted:
            var total = 0.0
            var weights = 0.0
            for k in c.present {
                let w = Double(c.truth[k])
                total += ratio(tp: c.truePositives[k], truth: c.truth[k], predicted: c.predicted[k]) * w
                weights += w
            }
            return weights == 0 ? 0 : total / weights
        }
    }

    /// Matthews correlation (multiclass form); 0 when either side has a single class, as scikit-learn.
    public static func mcc(_ c: Counts) -> Double {
        var correct = 0.0, tp = 0.0, tt = 0.0, pp = 0.0
        for k in c.present {
            correct += Double(c.truePositives[k])
            tp += Double(c.truth[k]) * Double(c.predicted[k])
            tt += Double(c.truth[k]) * Double(c.truth[k])
            pp += Double(c.predicted[k]) * Double(c.predicted[k])
        }
        let n = Double(c.n)
        let covYtYp = correct * n - tp
        let covYpYp = n * n - pp
        let covYtYt = n * n - tt
        if covYpYp * covYtYt == 0 { return 0 }
        return covYtYp / (covYtYt * covYpYp).squareRoot()
    }

    /// Cohen's kappa, unweighted or with linear/quadratic weights on the classes' sorted positions.
    /// Undefined (expected disagreement 0) is an error, never NaN.
    public static func kappa(truth: [Int32], predicted: [Int32], classes: Int, order: [Int],
                             weights: Metric.KappaWeights) throws(DojoError) -> Double {
        let c = counts(truth: truth, predicted: predicted, classes: classes)
        // Positions of the present classes in scikit-learn's sorted label order.
        let present = c.present.sorted { order[$0] < order[$1] }
        var position = [Int](repeating: -1, count: classes)
        for (i, k) in present.enumerated() { position[k] = i }
        let m = present.count
        var confusion = [Int](repeating: 0, count: m * m)
        for i in 0..<truth.count { confusion[position[Int(truth[i])] * m + position[Int(predicted[i])]] += 1 }
        func weight(_ i: Int, _ j: Int) -> Double {
            switch weights {
            case .none: i == j ? 0 : 1
            case .linear: Double(abs(i - j))
            case .quadratic: Double((i - j) * (i - j))
            }
        }
        let rowSums = present.map { c.truth[$0] }
        let columnSums = present.map { c.predicted[$0] }
        let n = Double(c.n)
        var numerator = 0.0
        var denominator = 0.0
        for i in 0..<m {
            for j in 0..<m {
                let w = weight(i, j)
                numerator += w * Double(confusion[i * m + j])
                denominator += w * (Double(columnSums[i]) * Double(rowSums[j]) / n)
            }
        }
        if abs(denominator) <= 1e-8 {
            throw DojoError(.grading, "Cohen's kappa is undefined here: the answers and the predictions are all one and the same class",
                            hint: "kappa needs more than one class on at least one side")
        }
        return 1 - numerator / denominator
    }
}
