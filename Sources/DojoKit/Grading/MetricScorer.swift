import Foundation

/// Scores predictions aligned with the answers under a catalogue metric. Undefined cases (one class for
/// AUC, a constant vector for a correlation) throw a `DojoError` the report shows as `degenerate`.
enum MetricScorer {
    /// `labels`: the answers' labels, followed by any predicted label the answers lack (open label sets).
    static func score(_ metric: Metric, answers: AnswerKey, predicted: [ColumnValues], labels: LabelSet? = nil) throws(DojoError) -> Double {
        let n = answers.count
        guard n > 0 else { throw DojoError(.grading, "there are no rows to score") }
        let labels = labels ?? answers.labels
        switch metric.kind {
        case .accuracy, .balancedAccuracy, .precision, .recall, .f1, .fbeta, .mcc:
            let c = ClassificationMetrics.counts(truth: answers.columns[0].labels, predicted: predicted[0].labels, classes: labels.count)
            let positive = labels.positive(posLabel: metric.posLabel, preferOne: true).map(Int.init)
            // scikit-learn's pos_label=1 absent from answers of a single class: nothing is positive, P = R = F = 0.
            if positive == nil && metric.average == .binary && [.precision, .recall, .f1, .fbeta].contains(metric.kind)
                && labels.count <= 1 {
                return 0
            }
            switch metric.kind {
            case .accuracy: return ClassificationMetrics.accuracy(c)
            case .balancedAccuracy: return ClassificationMetrics.balancedAccuracy(c)
            case .precision: return try ClassificationMetrics.score(.precision, c, average: metric.average, positive: positive)
            case .recall: return try ClassificationMetrics.score(.recall, c, average: metric.average, positive: positive)
            case .f1: return try ClassificationMetrics.score(.fScore(beta: 1), c, average: metric.average, positive: positive)
            case .fbeta: return try ClassificationMetrics.score(.fScore(beta: metric.beta), c, average: metric.average, positive: positive)
            default: return ClassificationMetrics.mcc(c)
            }
        case .cohenKappa, .quadraticWeightedKappa:
            return try ClassificationMetrics.kappa(truth: answers.columns[0].labels, predicted: predicted[0].labels,
                                                   classes: labels.count, order: labels.sortedPositions, weights: metric.kappaWeights)
        case .rocAuc:
            if predicted.count == 1 {
                let truth = answers.columns[0].labels
                let positive = labels.positive(posLabel: metric.posLabel, preferOne: false) ?? -1
                return try ProbabilityMetrics.rocAUC(scores: predicted[0].numbers, positive: { truth[$0] == positive })
            }
            if metric.multiClass == .ovo {
                return try ProbabilityMetrics.rocAUCOneVsOne(truth: answers.columns[0].labels, scores: predicted.map(\.numbers),
                                                             average: metric.average, classNames: labels.names)
            }
            return try ProbabilityMetrics.rocAUCOneVsRest(truth: answers.columns[0].labels, scores: predicted.map(\.numbers),
                                                          average: metric.average, classNames: labels.names)
        case .logLoss:
            if predicted.count == 1 {
                let truth = answers.columns[0].labels
                let positive = labels.positive(posLabel: metric.posLabel, preferOne: false) ?? -1
                return ProbabilityMetrics.binaryLogLoss(positive: { truth[$0] == positive }, probabilities: predicted[0].numbers)
            }
            return ProbabilityMetrics.logLoss(truth: answers.columns[0].labels, probabilities: predicted.map(\.numbers))
        case .normalizedGini:
            return try ProbabilityMetrics.normalizedGini(actual: answers.columns[0].numbers, predicted: predicted[0].numbers)
        case .rmse, .mse, .mae, .medae, .rmsle, .mape, .smape, .rmspe, .r2, .mcrmse, .poissonDeviance, .pinball, .mase:
            return try RegressionMetrics.score(metric, answers: answers.columns.map(\.numbers), predicted: predicted.map(\.numbers))
        case .concordanceIndex:
            return try SurvivalMetrics.concordanceIndex(time: answers.columns[0].numbers, event: answers.columns[1].numbers.map { $0 == 1 },
                                                        risk: predicted[0].numbers, tiedTolerance: metric.tiedTolerance)
        case .pearson:
            return try CorrelationMetrics.pearson(answers.columns[0].numbers, predicted[0].numbers)
        case .spearman:
            return try CorrelationMetrics.spearman(answers.columns[0].numbers, predicted[0].numbers)
        case .kendallTau:
            return try CorrelationMetrics.kendallTau(answers.columns[0].numbers, predicted[0].numbers)
        case .mapAtK:
            return RankingMetrics.meanAveragePrecision(relevant: answers.columns[0].strings.map(SetMetrics.tokens),
                                                       predicted: predicted[0].strings.map(SetMetrics.tokens), k: metric.k ?? 10)
        case .ndcgAtK:
            return RankingMetrics.ndcg(relevance: answers.columns.map(\.numbers), scores: predicted.map(\.numbers), k: metric.k)
        case .jaccard:
            return SetMetrics.jaccard(truth: answers.columns[0].strings.map(SetMetrics.tokens), predicted: predicted[0].strings.map(SetMetrics.tokens))
        case .dice:
            return SetMetrics.dice(truth: answers.columns[0].strings.map(SetMetrics.tokens), predicted: predicted[0].strings.map(SetMetrics.tokens))
        case .levenshtein:
            return SetMetrics.levenshteinSimilarity(truth: answers.columns[0].strings, predicted: predicted[0].strings)
        case .haversineKm:
            return try GeoMetrics.haversineKm(truthLatitude: answers.columns[0].numbers, truthLongitude: answers.columns[1].numbers,
                                              predictedLatitude: predicted[0].numbers, predictedLongitude: predicted[1].numbers)
        case .python:
            throw DojoError(.grading, "a Python metric is scored by PythonMetric, not in process")
        }
    }
}
