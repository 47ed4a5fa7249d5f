import Foundation

/// ROC AUC, log loss and normalized Gini: metrics on probabilities and ranking scores.
public enum ProbabilityMetrics {
    /// Binary ROC AUC, the Mann–Whitney form (ties count one half): exact counts, one division.
    /// Answers of a single class are an error.
    public static func rocAUC(scores: [Double], positive: (Int) -> Bool, what: String = "the answers") throws(DojoError) -> Double {
        var positives: [Double] = []
        var negatives: [Double] = []
        positives.reserveCapacity(scores.count / 2)
        negatives.reserveCapacity(scores.count / 2)
        for i in scores.indices {
            if positive(i) { positives.append(scores[i]) } else { negatives.append(scores[i]) }
        }
        guard !positives.isEmpty, !negatives.isEmpty else {
            throw DojoError(.grading, "ROC AUC is undefined: \(what) hold only one class (\(positives.isEmpty ? "no positives" : "no negatives"))",
                            hint: "ROC AUC needs both classes among the rows scored")
        }
        let p = RadixSort.sortedKeys(positives)
        positives = []
        let q = RadixSort.sortedKeys(negatives)
        negatives = []
        // For each positive: 2 × (negatives below it) + (negatives equal to it).
        var twice = 0
        var below = 0
        var i = 0
        while i < p.count {
            let key = p[i]
            while below < q.count && q[below] < key { below += 1 }
            var equal = below
            while equal < q.count && q[equal] == key { equal += 1 }
            var same = i
            while same < p.count && p[same] == key { same += 1 }
            twice += (same - i) * (2 * below + (equal - below))
            i = same
        }
        return Double(twice) / (2 * Double(p.count) * Double(q.count))
    }

    /// One-vs-rest ROC AUC over classes, averaged (macro) or weighted by class prevalence.
    public static func rocAUCOneVsRest(truth: [Int32], scores: [[Double]], average: Metric.Average,
                                       classNames: [String]) throws(DojoError) -> Double {
        var total = 0.0
        var weights = 0.0
        for (k, column) in scores.enumerated() {
            let positives = truth.reduce(0) { $0 + ($1 == Int32(k) ? 1 : 0) }
            let auc = try rocAUC(scores: column, positive: { truth[$0] == Int32(k) },
                                 what: "the answers for class `\(classNames[k])`")
            let w = average == .weighted ? Double(positives) : 1
            total += auc * w
            weights += w
        }
        return total / weights
    }

    /// scikit-learn's `roc_auc_score(multi_class="ovo")` (Hand & Till): for each pair of classes (a, b), in
    /// the classes' order, the rows of either class, scored twice — a against b on a's column, b against a on
    /// b's column — and the two AUCs averaged; the pairs averaged plainly (macro) or weighted by the share of
    /// rows in the pair (weighted). Every class must occur in the answers, as scikit-learn requires.
    public static func rocAUCOneVsOne(truth: [Int32], scores: [[Double]], average: Metric.Average,
                                      classNames: [String]) throws(DojoError) -> Double {
        let k = scores.count
        var counts = [Int](repeating: 0, count: k)
        for label in truth where Int(label) < k { counts[Int(label)] += 1 }
        if let missing = counts.firstIndex(of: 0) {
            throw DojoError(.grading, "one-vs-one ROC AUC is undefined: the answers hold no row of class `\(classNames[missing])`",
                            hint: "scikit-learn needs every class of the score columns among the answers")
        }
        var pairScores: [Double] = []
        var prevalence: [Double] = []
        for a in 0..<k {
            for b in (a + 1)..<max(a + 1, k) {
                var rows: [Int] = []
                for (i, label) in truth.enumerated() where Int(label) == a || Int(label) == b { rows.append(i) }
                let aScores = rows.map { scores[a][$0] }
                let bScores = rows.map { scores[b][$0] }
                let aAUC = try rocAUC(scores: aScores, positive: { truth[rows[$0]] == Int32(a) },
                                      what: "the answers for classes `\(classNames[a])` and `\(classNames[b])`")
                let bAUC = try rocAUC(scores: bScores, positive: { truth[rows[$0]] == Int32(b) },
                                      what: "the answers for classes `\(classNames[a])` and `\(classNames[b])`")
                pairScores.append((aAUC + bAUC) / 2)
                // numpy's average of the boolean mask: the pair's rows over all rows.
                prevalence.append(Double(rows.count) / Double(truth.count))
            }
        }
        guard !pairScores.isEmpty else {
            throw DojoError(.grading, "one-vs-one ROC AUC needs at least two classes", hint: "give one score column per class")
        }
        if average == .weighted {
            // numpy's average(x, weights=w): sum(x·w) / sum(w).
            var weighted = 0.0
            var total = 0.0
            for (x, w) in zip(pairScores, prevalence) {
                weighted += x * w
                total += w
            }
            return weighted / total
        }
        return pairScores.reduce(0, +) / Double(pairScores.count)
    }

    /// scikit-learn 1.9's log loss: probabilities clipped to [eps, 1 − eps] (eps = float64 machine epsilon),
    /// −log of the true class's probability averaged over rows. Rows are not renormalised.
    public static func logLoss(truth: [Int32], probabilities: [[Double]]) -> Double {
        let eps = Double.ulpOfOne
        var total = 0.0
        for i in truth.indices {
            total -= Foundation.log(min(max(probabilities[Int(truth[i])][i], eps), 1 - eps))
        }
        return total / Double(truth.count)
    }

    /// Binary log loss of one column, the probability of the positive class.
    public static func binaryLogLoss(positive: (Int) -> Bool, probabilities: [Double]) -> Double {
        let eps = Double.ulpOfOne
        var total = 0.0
        for i in probabilities.indices {
            let p = positive(i) ? probabilities[i] : 1 - probabilities[i]
            total -= Foundation.log(min(max(p, eps), 1 - eps))
        }
        return total / Double(probabilities.count)
    }

    /// Kaggle's normalized Gini: gini(actual, predicted) / gini(actual, actual), rows sorted by prediction
    /// (descending, ties in row order).
    public static func normalizedGini(actual: [Double], predicted: [Double]) throws(DojoError) -> Double {
        // Scale-invariant in the answers: scaled by a power of two (exact), their sums cannot overflow.
        let actual = Rescaling.scaled(actual, by: Rescaling.exponent(actual))
        func gini(_ order: [Double]) -> Double {
            let indices = order.indices.sorted { order[$0] > order[$1] || (order[$0] == order[$1] && $0 < $1) }
            var cumulative = 0.0
            var sum = 0.0
            var total = 0.0
            for i in indices {
                cumulative += actual[i]
                sum += cumulative
                total += actual[i]
            }
            let n = Double(actual.count)
            return (sum / total - (n + 1) / 2) / n
        }
        let total = actual.reduce(0, +)
        let best = total == 0 ? 0 : gini(actual)
        guard total != 0, best != 0, best.isFinite else {
            throw DojoError(.grading, "normalized Gini is undefined: the answers \(total == 0 ? "sum to zero" : "are constant")",
                            hint: "Gini needs answers that differ between rows and do not sum to zero")
        }
        return gini(predicted) / best
    }
}
