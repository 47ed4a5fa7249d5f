@testable import DojoKit
import Foundation
import Testing

/// Worked examples from the metrics' published definitions, for those scikit-learn and SciPy lack, and
/// the catalogue's names, directions and arguments.
@Suite struct MetricTests {
    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test func smapeIsKagglesPercentForm() throws {
        // 100/3 · (|2−1|/1.5 + |2−2|/2 + 0 for 0/0) = 22.2…
        let value = try RegressionMetrics.score(.smape, truth: [[1, 2, 0]], predicted: [[2, 2, 0]])
        #expect(near(value, 100.0 / 3 * (1 / 1.5)))
    }

    @Test func rmspeLeavesOutZeroAnswers() throws {
        // Rossmann: rows with a zero answer are ignored: sqrt(((10−9)/10)² + ((20−22)/20)²) / 2) = 0.1.
        let value = try RegressionMetrics.score(.rmspe, truth: [[10, 0, 20]], predicted: [[9, 5, 22]])
        #expect(near(value, 0.1))
        #expect(throws: DojoError.self) { try RegressionMetrics.score(.rmspe, truth: [[0, 0]], predicted: [[1, 2]]) }
    }

    @Test func normalizedGiniFollowsTheKaggleReference() throws {
        // The Kaggle forum's reference example: gini_normalized([1,1,0,0,1,0], [0.9,0.3,0.8,0.75,0.65,0.6]).
        let actual: [Double] = [1, 1, 0, 0, 1, 0]
        let predicted = [0.9, 0.3, 0.8, 0.75, 0.65, 0.6]
        // sorted by prediction: 1,0,0,1,0,1 → cumsum 1,1,1,2,2,3 → sum 10 / 3 − 3.5 = −1/6 → /6 = −1/36;
        // ideal 1,1,1,0,0,0 → cumsum 1,2,3,3,3,3 → 15/3 − 3.5 = 1.5 → /6 = 0.25.
        #expect(near(try ProbabilityMetrics.normalizedGini(actual: actual, predicted: predicted), (-1.0 / 36) / 0.25))
        // For binary answers without ties it is 2·AUC − 1.
        let auc = try ProbabilityMetrics.rocAUC(scores: predicted, positive: { actual[$0] == 1 })
        #expect(near(try ProbabilityMetrics.normalizedGini(actual: actual, predicted: predicted), 2 * auc - 1))
        #expect(throws: DojoError.self) { try ProbabilityMetrics.normalizedGini(actual: [0, 0], predicted: [1, 2]) }
    }

    @Test func mapAtKFollowsMLMetrics() {
        // ml_metrics.apk([1,2,3,4,5], [6,4,7,1,2], 2) = 0.25; apk([1,2,3], [1,1,1], 3) = 1/3 (repeats count once).
        #expect(near(RankingMetrics.meanAveragePrecision(relevant: [["1", "2", "3", "4", "5"]], predicted: [["6", "4", "7", "1", "2"]], k: 2), 0.25))
        #expect(near(RankingMetrics.meanAveragePrecision(relevant: [["1", "2", "3"]], predicted: [["1", "1", "1"]], k: 3), 1.0 / 3))
        // mapk([[1,2,3,4],[1,2,3,4]], [[1,2,3,4],[4,3,2,1]], 4) = 1; a row with nothing relevant scores 0.
        #expect(near(RankingMetrics.meanAveragePrecision(relevant: [["1", "2", "3", "4"], ["1", "2", "3", "4"]],
                                                         predicted: [["1", "2", "3", "4"], ["4", "3", "2", "1"]], k: 4), 1))
        #expect(near(RankingMetrics.meanAveragePrecision(relevant: [["a"], []], predicted: [["a"], ["b"]], k: 1), 0.5))
    }

    @Test func levenshteinSimilarity() {
        #expect(SetMetrics.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
        #expect(near(SetMetrics.levenshteinSimilarity(truth: ["kitten", "", "abc"], predicted: ["sitting", "", "abc"]),
                     ((1 - 3.0 / 7) + 1 + 1) / 3))
        #expect(near(SetMetrics.levenshteinSimilarity(truth: ["é"], predicted: ["e"]), 0))
    }

    @Test func jaccardAndDiceOnLabelSets() {
        #expect(near(SetMetrics.jaccard(truth: [["a", "b"], []], predicted: [["b", "c"], []]), (1.0 / 3 + 1) / 2))
        #expect(near(SetMetrics.dice(truth: [["a", "b"]], predicted: [["b", "c"]]), 0.5))
        #expect(SetMetrics.tokens(" a  b\tc ") == ["a", "b", "c"])
    }

    @Test func logLossClipsAtMachineEpsilon() {
        // A zero for the true class is clipped to float64 eps: −log(2.220446049250313e-16) = 36.04365338911715.
        #expect(abs(ProbabilityMetrics.logLoss(truth: [0], probabilities: [[0], [1]]) - 36.04365338911715) < 1e-9)
    }

    @Test func rocAUCCountsTiesAsHalf() throws {
        // Positives 0.8 and 0.4, negatives 0.4 and 0.1: pairs (0.8>0.4, 0.8>0.1, 0.4=0.4, 0.4>0.1) → 3.5/4.
        let scores = [0.8, 0.4, 0.4, 0.1]
        #expect(try ProbabilityMetrics.rocAUC(scores: scores, positive: { $0 < 2 }) == 0.875)
        #expect(throws: DojoError.self) { try ProbabilityMetrics.rocAUC(scores: scores, positive: { _ in true }) }
    }

    @Test func haversineKmIsTheMeanGreatCircleDistance() throws {
        // One degree along the equator is R·π/180 km; a pole to the equator a quarter of the circumference.
        let degree = GeoMetrics.earthRadiusKm * Double.pi / 180
        #expect(near(try GeoMetrics.haversineKm(truthLatitude: [0], truthLongitude: [0], predictedLatitude: [0], predictedLongitude: [1]), degree))
        #expect(near(try GeoMetrics.haversineKm(truthLatitude: [90, 0], truthLongitude: [0, 10], predictedLatitude: [0, 0],
                                                predictedLongitude: [123, 10]), 45 * degree))
        // The date line: 179.5 E to 179.5 W is one degree, and 360° apart is the same point.
        #expect(near(try GeoMetrics.haversineKm(truthLatitude: [0], truthLongitude: [179.5], predictedLatitude: [0], predictedLongitude: [-179.5]), degree))
        #expect(try GeoMetrics.haversineKm(truthLatitude: [12.5], truthLongitude: [-40], predictedLatitude: [12.5], predictedLongitude: [-40]) == 0)
        // Antipodes are half the circumference, not NaN.
        #expect(near(try GeoMetrics.haversineKm(truthLatitude: [45], truthLongitude: [0], predictedLatitude: [-45], predictedLongitude: [180]), 180 * degree))
        #expect(throws: DojoError.self) {
            try GeoMetrics.haversineKm(truthLatitude: [95], truthLongitude: [0], predictedLatitude: [0], predictedLongitude: [0])
        }
        #expect(!Metric(.haversineKm).higherIsBetter)
        #expect(Metric.named("haversine")?.kind == .haversineKm)
        #expect(throws: DojoError.self) { try Metric(.haversineKm).checkColumns(1) }
        try Metric(.haversineKm).checkColumns(2)
    }

    @Test func namesDirectionsAndArguments() throws {
        #expect(Metric.named("log-loss")?.kind == .logLoss)
        #expect(Metric.named("QWK")?.kind == .quadraticWeightedKappa)
        #expect(Metric.named("bleu") == nil)
        #expect(Metric(.accuracy).higherIsBetter)
        #expect(!Metric(.rmsle).higherIsBetter)
        #expect(Metric(.r2).higherIsBetter)
        #expect(!Metric(.smape).higherIsBetter)
        for kind in MetricKind.allCases { _ = kind.displayName }
        let f2 = try Metric(name: "fbeta", arguments: ["beta": "2", "average": "macro"])
        #expect(f2.beta == 2 && f2.average == .macro)
        #expect(throws: DojoError.self) { try Metric(name: "fbeta") }
        #expect(throws: DojoError.self) { try Metric(name: "map_at_k") }
        #expect(throws: DojoError.self) { try Metric(name: "rmse", arguments: ["k": "3"]) }
        #expect(throws: DojoError.self) { try Metric(name: "f1", arguments: ["average": "samples"]) }
        #expect(throws: DojoError.self) { try Metric(.pearson).checkColumns(2) }
        #expect(throws: DojoError.self) { try Metric(.ndcgAtK).checkColumns(1) }
    }

    @Test func concordanceIndexCountsComparablePairs() throws {
        // Times 1, 2, 3, 4 with the third censored: comparable pairs (0,1) (0,2) (0,3) (1,2) (1,3); the
        // censored row 2 and the last row 3 start none. Risks falling with time order all five.
        let time: [Double] = [1, 2, 3, 4], event = [true, true, false, true]
        #expect(try SurvivalMetrics.concordanceIndex(time: time, event: event, risk: [4, 3, 2, 1], tiedTolerance: 1e-8) == 1)
        #expect(try SurvivalMetrics.concordanceIndex(time: time, event: event, risk: [1, 2, 3, 4], tiedTolerance: 1e-8) == 0)
        // Equal risks count ½; within tied_tol too: (0,1) tied, the other four concordant → 4.5/5.
        #expect(try SurvivalMetrics.concordanceIndex(time: time, event: event, risk: [4, 4, 2, 1], tiedTolerance: 1e-8) == 0.9)
        #expect(try SurvivalMetrics.concordanceIndex(time: time, event: event, risk: [4, 3.95, 2, 1], tiedTolerance: 0.1) == 0.9)
        // A censored row at the same time as an event is still at risk then: comparable, (0,1) here.
        #expect(try SurvivalMetrics.concordanceIndex(time: [1, 1], event: [true, false], risk: [2, 1], tiedTolerance: 1e-8) == 1)
        // Two events at the same time are not comparable; all censored, or no pair, is an error.
        #expect(throws: DojoError.self) { try SurvivalMetrics.concordanceIndex(time: [1, 1], event: [true, true], risk: [2, 1], tiedTolerance: 1e-8) }
        #expect(throws: DojoError.self) { try SurvivalMetrics.concordanceIndex(time: [1, 2], event: [false, false], risk: [2, 1], tiedTolerance: 1e-8) }
    }

    @Test func newMetricsNamesArgumentsAndAnswerColumns() throws {
        #expect(Metric.named("c-index")?.kind == .concordanceIndex)
        #expect(Metric.named("mean_poisson_deviance")?.kind == .poissonDeviance)
        #expect(Metric.named("quantile_loss")?.kind == .pinball)
        #expect(Metric(.concordanceIndex).higherIsBetter && !Metric(.poissonDeviance).higherIsBetter)
        #expect(!Metric(.pinball).higherIsBetter && !Metric(.mase).higherIsBetter)
        #expect(try Metric(name: "pinball", arguments: ["alphas": "0.1,0.5,0.9"]).alphas == [0.1, 0.5, 0.9])
        #expect(try Metric(name: "pinball", arguments: ["alpha": "0.9"]).alphas == [0.9])
        #expect(throws: DojoError.self) { try Metric(name: "pinball", arguments: ["alpha": "1.5"]) }
        #expect(throws: DojoError.self) { try Metric(name: "pinball", arguments: ["alpha": "0.5", "alphas": "0.5"]) }
        #expect(throws: DojoError.self) { try Metric(name: "pinball", arguments: ["alphas": "0.1,0.9"]).checkColumns(3) }
        #expect(throws: DojoError.self) { try Metric(name: "concordance_index", arguments: ["tied_tol": "-1"]) }
        #expect(throws: DojoError.self) { try Metric(.concordanceIndex).checkAnswerColumns(["time"], targets: ["risk"]) }
        try Metric(.concordanceIndex).checkAnswerColumns(["time", "event"], targets: ["risk"])
        try Metric(.mase).checkAnswerColumns(["sales", "scale"], targets: ["sales"])
        #expect(throws: DojoError.self) { try Metric(.mase).checkAnswerColumns(["sales"], targets: ["sales"]) }
        #expect(throws: DojoError.self) { try Metric(.rmse).checkAnswerColumns(["a", "b"], targets: ["a"]) }
    }

    @Test func answerColumnsAreReadAndChecked() throws {
        let answers = "id,time,event\n1,5,1\n2,8,0\n3,2,1\n"
        let validator = try SubmissionValidator(metric: Metric(.concordanceIndex), idColumn: "id", targetColumns: ["risk"],
                                                answerColumns: ["time", "event"], answers: Data(answers.utf8))
        let check = validator.check(data: Data("id,risk\n3,0.9\n1,0.5\n2,0.1\n".utf8))
        #expect(validator.score(check) == 1)
        // An event flag other than 0/1 is the answers' fault, named with its column.
        #expect(throws: DojoError.self) {
            try SubmissionValidator(metric: Metric(.concordanceIndex), idColumn: "id", targetColumns: ["risk"],
                                    answerColumns: ["time", "event"], answers: Data("id,time,event\n1,5,2\n".utf8))
        }
        // Poisson deviance: a zero or negative prediction is out of range, not a score.
        let poisson = try SubmissionValidator(metric: Metric(.poissonDeviance), idColumn: "id", targetColumns: ["n"],
                                              answers: Data("id,n\n1,0\n2,3\n".utf8))
        let bad = poisson.check(data: Data("id,n\n1,0\n2,-1\n".utf8))
        #expect(bad.errors.map(\.kind) == [.outOfRange])
        #expect(bad.errors.first?.message.contains("greater than 0") == true)
        let good = poisson.check(data: Data("id,n\n1,0.5\n2,3\n".utf8))
        // 2·(0 − 0 + 0.5) and 2·(3 log 1 − 3 + 3) = 0, averaged: 0.5.
        #expect(poisson.score(good) == 0.5)
    }

    @Test func pythonMetricDirectionIsReadFromTheSource() {
        #expect(PythonMetric.declaredDirection(in: "class M:\n    higher_is_better = False\n") == false)
        #expect(PythonMetric.declaredDirection(in: "def __init__(self, higher_is_better: bool = True): ...") == true)
        #expect(PythonMetric.declaredDirection(in: "x = 1") == nil)
    }
}
