@testable import DojoKit
import Foundation
import Testing

@Suite struct SubmissionValidatorTests {
    let answers = try! CSVTable.parse(Data("id,y\n1,10\n2,20\n3,30\n4,40\n".utf8), name: "answers.csv")

    func check(_ text: String, metric: Metric = .rmse) throws -> SubmissionCheck {
        let validator = try SubmissionValidator(metric: metric, idColumn: "id", targetColumns: ["y"], answers: answers)
        return validator.check(try CSVTable.parse(Data(text.utf8), name: "submission.csv"))
    }

    @Test func aValidSubmissionInAnyOrderScores() throws {
        let validator = try SubmissionValidator(metric: .rmse, idColumn: "id", targetColumns: ["y"], answers: answers)
        let result = validator.check(try CSVTable.parse(Data("id,y\n4,40\n2,20\n1,10\n3,33\n".utf8), name: "s.csv"))
        #expect(result.valid)
        #expect(validator.score(result) == 1.5)
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
    }

    @Test func missingAndMisnamedColumns() throws {
        let result = try check("id,Y\n1,10\n2,20\n3,30\n4,40\n")
        #expect(result.errors.map(\.kind) == [.missingColumn])
        #expect(result.errors[0].message.contains("found `Y`: column names are case-sensitive"))
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
        #expect(result.errors.first { $0.kind == .nonFinite }?.rows == [4, 5])
    }

    @Test func negativeValuesAreOutOfRangeForRMSLE() throws {
        let result = try check("id,y\n1,10\n2,-1\n3,30\n4,40\n", metric: .rmsle)
        #expect(result.errors.map(\.kind) == [.outOfRange])
    }

    @Test func labelsOutsideTheAnswerSetAreInvalid() throws {
        let labels = try CSVTable.parse(Data("id,label\n1,0\n2,1\n".utf8), name: "answers.csv")
        let validator = try SubmissionValidator(metric: .accuracy, idColumn: "id", targetColumns: ["label"], answers: labels)
        let bad = validator.check(try CSVTable.parse(Data("id,label\n1,yes\n2,1.0\n".utf8), name: "s.csv"))
        #expect(bad.errors.map(\.kind) == [.invalidLabel])
        #expect(bad.errors[0].rows == [2])
    }

    @Test func probabilitiesOutOfRangeAndUnnormalisedRows() throws {
        let onehot = try CSVTable.parse(Data("id,a,b\n1,1,0\n2,0,1\n".utf8), name: "answers.csv")
        let validator = try SubmissionValidator(metric: .logLoss, idColumn: "id", targetColumns: ["a", "b"], answers: onehot)
        let outside = validator.check(try CSVTable.parse(Data("id,a,b\n1,1.2,0\n2,0,1\n".utf8), name: "s.csv"))
        #expect(outside.errors.map(\.kind) == [.outOfRange])
        let unnormalised = validator.check(try CSVTable.parse(Data("id,a,b\n1,0.5,0.2\n2,0.1,0.9\n".utf8), name: "s.csv"))
        #expect(unnormalised.valid)
        #expect(unnormalised.warnings.map(\.kind) == [.rowsNotNormalised])
        #expect(unnormalised.warnings[0].rows == [2])
    }

    @Test func aMissingOrUnreadableFileIsOneClearError() throws {
        let validator = try SubmissionValidator(metric: .rmse, idColumn: "id", targetColumns: ["y"], answers: answers)
        let missing = validator.check(fileAt: URL(fileURLWithPath: "/nonexistent/submission.csv"))
        #expect(!missing.found)
        #expect(missing.errors.map(\.kind) == [.missingFile])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-empty-\(UUID()).csv")
        try Data().write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let empty = validator.check(fileAt: path)
        #expect(empty.found)
        #expect(empty.errors.map(\.kind) == [.unreadable])
    }
}
