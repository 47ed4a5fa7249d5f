@testable import DojoKit
import Foundation
import Testing

@Suite struct SubmissionValidatorTests {
    let answers = Data("id,y\n1,10\n2,20\n3,30\n4,40\n".utf8)

    func validator(_ metric: Metric = Metric(.rmse), answers: Data? = nil, targets: [String] = ["y"]) throws -> SubmissionValidator {
        try SubmissionValidator(metric: metric, idColumn: "id", targetColumns: targets, answers: answers ?? self.answers)
    }

    func check(_ text: String, metric: Metric = Metric(.rmse)) throws -> SubmissionCheck {
        try validator(metric).check(data: Data(text.utf8))
    }

    @Test func aValidSubmissionInAnyOrderScores() throws {
        let validator = try validator()
        let result = validator.check(data: Data("id,y\n4,40\n2,20\n1,10\n3,33\n".utf8))
        #expect(result.valid)
        #expect(validator.score(result) == 1.5)
        let inOrder = validator.check(data: Data("id,y\n1,10\n2,20\n3,33\n4,40\n".utf8))
        #expect(validator.score(inOrder) == 1.5)
    }

    @Test func oneErrorPerProblemEachNamingRows() throws {
        // id 3 missing, id 2 duplicated (line 4), a non-numeric value (line 3).
        let result = try check("id,y\n1,10\n2,abc\n2,20\n4,40\n")
        #expect(!result.valid)
        #expect(result.errors.map(\.kind) == [.missingId, .duplicateId, .nonNumeric])
        #expect(result.errors[0].ids == ["3"])
        #expect(result.errors[1].rows == [4])
        #expect(result.errors[2].rows == [3])
        #expect(result.errors[2].message.contains("`abc` on line 3"))
        #expect(validatorScore(result) == nil)
    }

    func validatorScore(_ check: SubmissionCheck) -> Double? { check.valid ? check.score : nil }

    @Test func haversineLatitudesOutsideTheGlobeAreOutOfRange() throws {
        let answers = Data("id,lat,lon\n1,10,20\n2,-30.5,170\n3,0,0\n".utf8)
        let validator = try validator(Metric(.haversineKm), answers: answers, targets: ["lat", "lon"])
        let bad = validator.check(data: Data("id,lat,lon\n3,0,0\n1,91,20\n2,-30.5,530\n".utf8))
        #expect(bad.errors.map(\.kind) == [.outOfRange])
        #expect(bad.errors.first?.rows == [3])
        #expect(bad.errors.first?.message.contains("latitude") == true)
        // Longitudes may wrap (530° is 170°): only the latitude is checked.
        let good = validator.check(data: Data("id,lat,lon\n3,0,0\n1,10,20\n2,-30.5,530\n".utf8))
        #expect(good.valid)
        #expect(abs((validator.score(good) ?? -1)) < 1e-9)
    }

    @Test func missingAndMisnamedColumns() throws {
        let result = try check("id,Y\n1,10\n2,20\n3,30\n4,40\n")
        #expect(result.errors.map(\.kind) == [.missingColumn])
        #expect(result.errors[0].message.contains("found `Y`: column names are case-sensitive"))
        #expect(result.rowCount == 4)
    }

    @Test func extraColumnsAreAWarningOnly() throws {
        let result = try check("id,y,note\n1,10,a\n2,20,b\n3,30,c\n4,40,d\n")
        #expect(result.valid)
        #expect(result.warnings.map(\.kind) == [.extraColumn])
    }

    @Test func unknownIdsRowCountEmptyAndNonFinite() throws {
        let result = try check("id,y\n1,10\n2,\n3,nan\n4,inf\n99,1\n")
        let kinds = Set(result.errors.map(\.kind))
        #expect(kinds == [.unknownId, .rowCount, .emptyValue, .nonFinite])
        #expect(result.errors.first { $0.kind == .unknownId }?.rows == [6])
        #expect(result.errors.first { $0.kind == .unknownId }?.ids == ["99"])
        #expect(result.errors.first { $0.kind == .nonFinite }?.rows == [4, 5])
    }

    @Test func examplesAreCappedAtFive() throws {
        let rows = (100..<140).map { "\($0),1" }.joined(separator: "\n")
        let result = try check("id,y\n1,1\n2,2\n3,3\n4,4\n\(rows)\n")
        let unknown = try #require(result.errors.first { $0.kind == .unknownId })
        #expect(unknown.rows.count == 5)
        #expect(unknown.message.hasPrefix("40 ids are not in the test set"))
    }

    @Test func raggedRowsAreMalformed() throws {
        let result = try check("id,y\n1,10\n2,20,5\n3,30\n4,40\n")
        #expect(result.errors.map(\.kind).first == .malformedRow)
        #expect(result.errors[0].rows == [3])
    }

    @Test func emptyNonUTF8AndBinaryFilesGetOneError() throws {
        let validator = try validator()
        #expect(validator.check(data: Data()).errors.map(\.kind) == [.emptyFile])
        #expect(validator.check(data: Data("\n\n".utf8)).errors.map(\.kind) == [.emptyFile])
        #expect(validator.check(data: Data([0x69, 0x64, 0x2C, 0x79, 0x0A, 0x31, 0x2C, 0xE9, 0x0A])).errors.map(\.kind) == [.notUTF8])
        #expect(validator.check(data: Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01])).errors.map(\.kind) == [.notCSV])
        #expect(validator.check(data: Data("{\"id\": [1, 2]}".utf8)).errors.map(\.kind) == [.notCSV])
        // A header alone: every id is missing.
        let headerOnly = validator.check(data: Data("id,y\n".utf8))
        #expect(headerOnly.errors.map(\.kind) == [.missingId, .rowCount])
    }

    @Test func negativeValuesAreOutOfRangeForRMSLE() throws {
        let result = try check("id,y\n1,10\n2,-1\n3,30\n4,40\n", metric: Metric(.rmsle))
        #expect(result.errors.map(\.kind) == [.outOfRange])
        // scikit-learn accepts −1 < y < 0.
        #expect(try check("id,y\n1,10\n2,-0.5\n3,30\n4,40\n", metric: Metric(.rmsle)).valid)
    }

    @Test func labelsOutsideTheAnswerSetAreWrongPredictionsWithAWarning() throws {
        let labels = Data("id,label\n1,0\n2,1\n3,1\n".utf8)
        let validator = try validator(Metric(.accuracy), answers: labels, targets: ["label"])
        let open = validator.check(data: Data("id,label\n1,yes\n2,1.0\n3,maybe\n".utf8))
        #expect(open.valid)
        #expect(open.errors.isEmpty)
        #expect(open.warnings.map(\.kind) == [.invalidLabel])
        #expect(open.warnings[0].rows == [2, 4])
        #expect(open.warnings[0].message.contains("`yes` on line 2"))
        #expect(open.warnings[0].message.contains("scored as wrong predictions (the answers' labels: `0`, `1`)"))
        #expect(validator.score(open) == 1.0 / 3.0)
        // Macro F1 averages the unknown label as a class of its own (scikit-learn's unique_labels).
        let f1 = try SubmissionValidator(metric: Metric(name: "f1", arguments: ["average": "macro"]), idColumn: "id",
                                         targetColumns: ["label"], answers: labels)
        // Classes 0, 1, yes: F1 0 (no 0 predicted), 2·1/(2·1 + 1) for 1 (tp 1, fn 1), 0 for yes.
        let macro = try #require(f1.score(f1.check(data: Data("id,label\n1,yes\n2,1\n3,yes\n".utf8))))
        #expect(abs(macro - (2.0 / 3.0) / 3) < 1e-15)
        let numeric = validator.check(data: Data("id,label\n2,1.0\n1,1\n3,0\n".utf8))
        #expect(validator.score(numeric) == 1.0 / 3.0)
    }

    @Test func aClosedLabelSetRefusesUnknownLabels() throws {
        let validator = try SubmissionValidator(metric: Metric(.accuracy), idColumn: "id", targetColumns: ["label"],
                                                answers: Data("id,label\n1,0\n2,1\n".utf8), closedLabels: true)
        let bad = validator.check(data: Data("id,label\n1,yes\n2,1.0\n".utf8))
        #expect(bad.errors.map(\.kind) == [.invalidLabel])
        #expect(bad.errors[0].rows == [2])
        #expect(validator.score(bad) == nil)
    }

    /// A file large enough for the two-thread read falls back to one pass at an unknown label and scores it.
    @Test func unknownLabelsInALargeFileAreScoredInOnePass() throws {
        let n = 300_000
        var answers = "id,label\n"
        var submission = "id,label\n"
        for i in 0..<n {
            answers += "\(i),\(i % 3)\n"
            submission += "\(i),\(i == n - 1 ? "7" : String(i % 3))\n"
        }
        let validator = try validator(Metric(.accuracy), answers: Data(answers.utf8), targets: ["label"])
        let check = validator.check(data: Data(submission.utf8))
        #expect(check.warnings.map(\.kind) == [.invalidLabel])
        #expect(validator.score(check) == Double(n - 1) / Double(n))
    }

    @Test func samplesLabelsAreValidPredictions() throws {
        let validator = try SubmissionValidator(metric: Metric(.accuracy), idColumn: "id", targetColumns: ["label"],
                                                answers: Data("id,label\n1,a\n2,b\n".utf8),
                                                sampleSubmission: Data("id,label\n1,c\n2,c\n".utf8))
        #expect(validator.score(validator.check(data: Data("id,label\n1,c\n2,b\n".utf8))) == 0.5)
    }

    /// A binary ROC AUC or log loss task's sample submission holds a score (0.5), not a class: it must
    /// not become a third label of the answers, which would make the target look multiclass.
    @Test func aSampleScoreIsNoLabelForBinaryScoreAndProbabilityMetrics() throws {
        let answers = Data("id,churn\n1,0\n2,1\n3,1\n".utf8)
        let sample = Data("id,churn\n1,0.5\n2,0.5\n3,0.5\n".utf8)
        for metric in [Metric(.rocAuc), Metric(.logLoss)] {
            let validator = try SubmissionValidator(metric: metric, idColumn: "id", targetColumns: ["churn"],
                                                    answers: answers, sampleSubmission: sample)
            let result = validator.check(data: Data("id,churn\n1,0.2\n2,0.9\n3,0.6\n".utf8))
            #expect(result.valid, "\(metric.kind): \(result.errors.map(\.message))")
            if metric.kind == .rocAuc { #expect(validator.score(result) == 1.0) }
        }
    }

    @Test func probabilitiesOutOfRangeAndUnnormalisedRows() throws {
        let onehot = Data("id,a,b\n1,1,0\n2,0,1\n".utf8)
        let validator = try validator(Metric(.logLoss), answers: onehot, targets: ["a", "b"])
        let outside = validator.check(data: Data("id,a,b\n1,1.2,0\n2,0,1\n".utf8))
        #expect(outside.errors.map(\.kind) == [.outOfRange])
        let unnormalised = validator.check(data: Data("id,a,b\n1,0.5,0.2\n2,0.1,0.9\n".utf8))
        #expect(unnormalised.valid)
        #expect(unnormalised.warnings.map(\.kind) == [.rowsNotNormalised])
        #expect(unnormalised.warnings[0].rows == [2])
        // Not renormalised (scikit-learn 1.9): −(log 0.5 + log 0.9) / 2.
        #expect(abs((validator.score(unnormalised) ?? 0) - -(log(0.5) + log(0.9)) / 2) < 1e-15)
    }

    @Test func degenerateInputIsAnErrorNeverNaN() throws {
        let oneClass = try validator(Metric(.rocAuc), answers: Data("id,y\n1,1\n2,1\n".utf8))
        // One class in the answers: the positive class cannot even be told apart.
        #expect(oneClass.check(data: Data("id,y\n1,0.3\n2,0.2\n".utf8)).valid == false)
        let constant = try validator(Metric(.pearson))
        let flat = constant.check(data: Data("id,y\n1,5\n2,5\n3,5\n4,5\n".utf8))
        #expect(flat.errors.map(\.kind) == [.degenerate])
        #expect(constant.score(flat) == nil)
        #expect(flat.errors[0].message.contains("constant"))
        let kappa = try validator(Metric(.cohenKappa), answers: Data("id,y\n1,a\n2,a\n".utf8))
        #expect(kappa.check(data: Data("id,y\n1,a\n2,a\n".utf8)).errors.map(\.kind) == [.degenerate])
    }

    @Test func binaryROCAUCAndLabelListsAndText() throws {
        let auc = try validator(Metric(.rocAuc), answers: Data("id,y\n1,1\n2,0\n3,1\n4,0\n".utf8))
        #expect(auc.score(auc.check(data: Data("id,y\n1,0.9\n2,0.1\n3,0.4\n4,0.5\n".utf8))) == 0.75)
        let map = try validator(try Metric(name: "map_at_k", arguments: ["k": "3"]), answers: Data("id,y\n1,a b\n2,c\n".utf8))
        let expected: Double = (1 + 2.0 / 3) / 4
        let mapScore = map.score(map.check(data: Data("id,y\n1,b x a\n2,\n".utf8)))
        #expect(mapScore == expected)
        let text = try validator(Metric(.levenshtein), answers: Data("id,y\n1,\"kitten, the\"\n".utf8))
        #expect(text.score(text.check(data: Data("id,y\n1,\"kitten, the\"\n".utf8))) == 1)
    }

    @Test func aMissingFileIsOneClearError() throws {
        let missing = try validator().check(fileAt: URL(fileURLWithPath: "/nonexistent/submission.csv"))
        #expect(!missing.found)
        #expect(missing.errors.map(\.kind) == [.missingFile])
    }

    @Test func badAnswersAreATaskError() {
        #expect(throws: DojoError.self) { try validator(answers: Data("id,y\n1,x\n".utf8)) }
        #expect(throws: DojoError.self) { try validator(answers: Data("id,y\n1,1\n1,2\n".utf8)) }
        #expect(throws: DojoError.self) { try validator(answers: Data("id,z\n1,1\n".utf8)) }
        #expect(throws: DojoError.self) { try validator(Metric(.logLoss), answers: Data("id,a,b\n1,1,1\n".utf8), targets: ["a", "b"]) }
    }
}
