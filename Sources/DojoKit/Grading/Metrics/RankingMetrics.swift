import Foundation

/// MAP@K on ranked label lists and NDCG@K on per-item scores.
public enum RankingMetrics {
    /// Mean average precision at k (Kaggle's `ml_metrics.mapk`): per row, the precision at each rank
    /// where a new relevant label appears, summed and divided by min(|relevant|, k); 0 for a row
    /// with no relevant labels.
    public static func meanAveragePrecision(relevant: [[String]], predicted: [[String]], k: Int) -> Double {
        var total = 0.0
        for (actual, ranked) in zip(relevant, predicted) {
            guard !actual.isEmpty else { continue }
            let wanted = Set(actual)
            var seen = Set<String>()
            var hits = 0.0
            var score = 0.0
            for (i, label) in ranked.prefix(k).enumerated() {
                if wanted.contains(label) && !seen.contains(label) {
                    hits += 1
                    score += hits / Double(i + 1)
                }
                seen.insert(label)
            }
            total += score / Double(min(actual.count, k))
        }
        return total / Double(relevant.count)
    }

    /// scikit-learn's `ndcg_score(y_true, y_score, k=k)` (ties in the scores averaged): per row, the
    /// DCG of the items ordered by score over the DCG of the ideal order; rows with no relevant
    /// items count 0. `relevance` and `scores` are columns (one per item).
    public static func ndcg(relevance: [[Double]], scores: [[Double]], k: Int?) -> Double {
        let items = relevance.count
        let rows = relevance.first?.count ?? 0
        var discount = (0..<items).map { 1 / (Foundation.log(Double($0) + 2) / Foundation.log(2.0)) }
        if let k { for i in min(k, items)..<items { discount[i] = 0 } }
        var cumulative = discount
        for i in 1..<max(items, 1) { cumulative[i] += cumulative[i - 1] }
        var total = 0.0
        var truth = [Double](repeating: 0, count: items)
        var score = [Double](repeating: 0, count: items)
        for row in 0..<rows {
            for j in 0..<items {
                truth[j] = relevance[j][row]
                score[j] = scores[j][row]
            }
            // A row's NDCG is scale-invariant in its relevance: scaled by a power of two (exact), the gains cannot overflow.
            truth = Rescaling.scaled(truth, by: Rescaling.exponent(truth))
            // Ideal DCG: relevance sorted descending against the discounts.
            let ideal = truth.sorted(by: >)
            var best = 0.0
            for j in 0..<items { best += discount[j] * ideal[j] }
            guard best != 0 else { continue }
            // Tie-averaged DCG: groups of equal scores, best first, share their discounts.
            let order = (0..<items).sorted { score[$0] > score[$1] }
            var gain = 0.0
            var start = 0
            var previousCumulative = 0.0
            while start < items {
                var end = start
                while end + 1 < items && score[order[end + 1]] == score[order[start]] { end += 1 }
                var sum = 0.0
                for j in start...end { sum += truth[order[j]] }
                let mean = sum / Double(end - start + 1)
                gain += mean * (cumulative[end] - previousCumulative)
                previousCumulative = cumulative[end]
                start = end + 1
            }
            total += gain / best
        }
        return total / Double(rows)
    }
}
