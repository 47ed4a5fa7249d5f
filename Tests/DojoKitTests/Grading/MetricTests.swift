@testable import DojoKit
import Foundation
import Testing

/// Reference values computed with scikit-learn 1.9.1 (the pinned version) on the same inputs.
@Suite struct MetricTests {
    @Test func accuracyComparesLabelsNumericallyWhenTheyAreNumbers() {
        #expect(Metric.accuracy(truth: ["1", "0", "1", "1"], predicted: ["1.0", "0", "0", "1"]) == 0.75)
        #expect(Metric.accuracy(truth: ["a", "b"], predicted: ["a", "B"]) == 0.5)
    }

    @Test func logLossMatchesScikitLearn() {
        // sklearn.metrics.log_loss([0, 1, 2, 1], [[.7,.2,.1],[.1,.8,.1],[.3,.3,.4],[.5,.25,.25]])
        let truth: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]
        let predicted: [[Double]] = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.25, 0.25]]
        let expected = -(log(0.7) + log(0.8) + log(0.4) + log(0.25)) / 4
        #expect(abs(Metric.logLoss(truth: truth, predicted: predicted) - expected) < 1e-12)
        // A zero for the true class is clipped to float64 eps: −log(2.220446049250313e-16) = 36.04365338911715.
        #expect(abs(Metric.logLoss(truth: [[1, 0]], predicted: [[0, 1]]) - 36.04365338911715) < 1e-9)
    }

    @Test func regressionMetrics() {
        let truth = [3.0, 5, 2.5, 7]
        let predicted = [2.5, 5, 4, 8]
        #expect(abs(Metric.meanSquaredError(truth: truth, predicted: predicted) - 0.875) < 1e-12)
        #expect(abs(Metric.meanAbsoluteError(truth: truth, predicted: predicted) - 0.75) < 1e-12)
        // sklearn.metrics.root_mean_squared_log_error([3, 5, 2.5, 7], [2.5, 5, 4, 8]) = 0.19932416558108
        #expect(abs(Metric.rmsle(truth: truth, predicted: predicted) - 0.19932416558108) < 1e-12)
    }

    @Test func directions() {
        #expect(Metric.accuracy.higherIsBetter)
        #expect(!Metric.logLoss.higherIsBetter)
        #expect(!Metric.rmsle.higherIsBetter)
        #expect(Metric.named("log-loss") == .logLoss)
        #expect(Metric.named("bleu") == nil)
    }
}
