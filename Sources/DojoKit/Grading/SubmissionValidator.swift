import Foundation

/// The result of checking a submission: its problems and, when valid, the predictions aligned
/// with the answers' row order.
public struct SubmissionCheck: Sendable, Equatable {
    public var found: Bool
    public var rowCount: Int
    public var errors: [SubmissionIssue]
    public var warnings: [SubmissionIssue]
    /// Prediction cells per answer row (same order as the answers), set only when valid.
    var aligned: [[String]]?

    public var valid: Bool { found && errors.isEmpty }
}

/// One loader for validation and grading, so that the two can never disagree.
public struct SubmissionValidator: Sendable {
    public let metric: Metric
    public let idColumn: String
    public let targetColumns: [String]
    /// The answers: ids in order and their target cells.
    let answerIds: [String]
    let answerRows: [[String]]
    /// Labels a classification target may take.
    let labelSet: [String]

    public init(metric: Metric, idColumn: String, targetColumns: [String], answers: CSVTable,
                sampleSubmission: CSVTable? = nil) throws(DojoError) {
        self.metric = metric
        self.idColumn = idColumn
        self.targetColumns = targetColumns
        guard let idIndex = answers.columnIndex(idColumn) else {
            throw DojoError(.csv, "the answers have no id column `\(idColumn)` (header: \(answers.header.joined(separator: ",")))",
                            at: "answers.csv", hint: "make [submission] id_column match the answers' header")
        }
        var targetIndices: [Int] = []
        for column in targetColumns {
            guard let index = answers.columnIndex(column) else {
                throw DojoError(.csv, "the answers have no target column `\(column)`", at: "answers.csv",
                                hint: "make [submission] target_columns match the answers' header")
            }
            targetIndices.append(index)
        }
        guard !answers.rows.isEmpty else {
            throw DojoError(.csv, "the answers have no rows", at: "answers.csv", hint: "re-run prepare.py")
        }
        answerIds = answers.rows.map { $0[idIndex] }
        answerRows = answers.rows.map { row in targetIndices.map { row[$0] } }
        var labels: [String] = []
        if metric.targetKind == .labels {
            var seen = Set<String>()
            var sources = answerRows.map { $0[0] }
            if let sample = sampleSubmission, let column = sample.columnIndex(targetColumns[0]) {
                sources += sample.rows.map { $0[column] }
            }
            for label in sources where seen.insert(label).inserted { labels.append(label) }
        }
        labelSet = labels
    }

    public func check(fileAt url: URL) -> SubmissionCheck {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return SubmissionCheck(found: false, rowCount: 0, errors: [SubmissionIssue(
                kind: .missingFile, message: "no submission file at \(url.lastPathComponent): write submission/submission.csv")],
                warnings: [], aligned: nil)
        }
        let table: CSVTable
        do { table = try CSVTable.load(url) } catch {
            return SubmissionCheck(found: true, rowCount: 0, errors: [SubmissionIssue(
                kind: .unreadable, message: error.description.replacingOccurrences(of: "\n  hint:", with: ";"))],
                warnings: [], aligned: nil)
        }
        return check(table)
    }

    public func check(_ table: CSVTable) -> SubmissionCheck {
        var errors: [SubmissionIssue] = []
        var warnings: [SubmissionIssue] = []
        let header = table.header

        // Columns.
        var columnIndex: [String: Int] = [:]
        for name in [idColumn] + targetColumns {
            if let index = header.firstIndex(of: name) {
                columnIndex[name] = index
            } else {
                let nearMiss = header.first { $0.lowercased() == name.lowercased() }
                let suggestion = nearMiss.map { "; found `\($0)`: column names are case-sensitive" } ?? ""
                errors.append(SubmissionIssue(kind: .missingColumn,
                    message: "column `\(name)` is missing (header: \(header.joined(separator: ",")))\(suggestion)"))
            }
        }
        let expected = Set([idColumn] + targetColumns)
        let extra = header.filter { !expected.contains($0) }
        if !extra.isEmpty {
            warnings.append(SubmissionIssue(kind: .extraColumn,
                message: "extra column\(extra.count == 1 ? "" : "s") ignored: \(extra.map { "`\($0)`" }.joined(separator: ", "))"))
        }
        guard let idIndex = columnIndex[idColumn], errors.isEmpty else {
            return SubmissionCheck(found: true, rowCount: table.rows.count, errors: errors, warnings: warnings, aligned: nil)
        }
        let targetIndices = targetColumns.compactMap { columnIndex[$0] }

        // Ids.
        let expectedIds = Dictionary(answerIds.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var rowForAnswer = [Int?](repeating: nil, count: answerIds.count)
        var duplicateLines: [Int] = []
        var duplicateIds: [String] = []
        var unknownLines: [Int] = []
        var unknownIds: [String] = []
        for (rowIndex, row) in table.rows.enumerated() {
            let id = row[idIndex].trimmingCharacters(in: .whitespaces)
            guard let answerIndex = expectedIds[id] else {
                unknownLines.append(table.lineNumbers[rowIndex])
                unknownIds.append(id)
                continue
            }
            if rowForAnswer[answerIndex] != nil {
                duplicateLines.append(table.lineNumbers[rowIndex])
                duplicateIds.append(id)
            } else {
                rowForAnswer[answerIndex] = rowIndex
            }
        }
        let missingIds = answerIds.indices.filter { rowForAnswer[$0] == nil }.map { answerIds[$0] }
        if !missingIds.isEmpty {
            errors.append(SubmissionIssue(kind: .missingId,
                message: "\(missingIds.count) id\(missingIds.count == 1 ? " is" : "s are") missing, e.g. \(missingIds.prefix(5).joined(separator: ", ")): write one row per test id",
                ids: missingIds))
        }
        if !duplicateIds.isEmpty {
            errors.append(SubmissionIssue(kind: .duplicateId,
                message: "\(duplicateIds.count) row\(duplicateIds.count == 1 ? " repeats an id" : "s repeat ids") already seen, e.g. \(duplicateIds.prefix(5).joined(separator: ", "))",
                rows: duplicateLines, ids: duplicateIds))
        }
        if !unknownIds.isEmpty {
            errors.append(SubmissionIssue(kind: .unknownId,
                message: "\(unknownIds.count) id\(unknownIds.count == 1 ? " is" : "s are") not in the test set, e.g. \(unknownIds.prefix(5).joined(separator: ", "))",
                rows: unknownLines, ids: unknownIds))
        }
        if table.rows.count != answerIds.count {
            errors.append(SubmissionIssue(kind: .rowCount,
                message: "the submission has \(table.rows.count) rows; expected \(answerIds.count), one per test id"))
        }

        // Cells.
        errors += checkCells(table, targetIndices: targetIndices, warnings: &warnings)

        guard errors.isEmpty else {
            return SubmissionCheck(found: true, rowCount: table.rows.count, errors: errors, warnings: warnings, aligned: nil)
        }
        let aligned = rowForAnswer.map { rowIndex -> [String] in
            guard let rowIndex else { return [] }
            return targetIndices.map { table.rows[rowIndex][$0].trimmingCharacters(in: .whitespaces) }
        }
        return SubmissionCheck(found: true, rowCount: table.rows.count, errors: [], warnings: warnings, aligned: aligned)
    }

    private func checkCells(_ table: CSVTable, targetIndices: [Int], warnings: inout [SubmissionIssue]) -> [SubmissionIssue] {
        var issues: [SubmissionIssue] = []
        for (column, index) in zip(targetColumns, targetIndices) {
            var empty: [Int] = []
            var nonNumeric: [(Int, String)] = []
            var nonFinite: [(Int, String)] = []
            var outOfRange: [(Int, String)] = []
            var badLabels: [(Int, String)] = []
            for (rowIndex, row) in table.rows.enumerated() {
                let line = table.lineNumbers[rowIndex]
                let cell = row[index].trimmingCharacters(in: .whitespaces)
                if cell.isEmpty { empty.append(line); continue }
                switch metric.targetKind {
                case .labels:
                    if !labelSet.contains(where: { Metric.labelsEqual($0, cell) }) { badLabels.append((line, cell)) }
                case .numbers, .probabilities:
                    guard let value = Double(cell) else { nonNumeric.append((line, cell)); continue }
                    if !value.isFinite { nonFinite.append((line, cell)); continue }
                    if metric.targetKind == .probabilities && (value < 0 || value > 1) { outOfRange.append((line, cell)) }
                    if metric == .rmsle && value < 0 { outOfRange.append((line, cell)) }
                }
            }
            func examples(_ items: [(Int, String)]) -> String {
                items.prefix(3).map { "`\($0.1)` on line \($0.0)" }.joined(separator: ", ")
            }
            if !empty.isEmpty {
                issues.append(SubmissionIssue(kind: .emptyValue,
                    message: "column `\(column)`: \(empty.count) empty value\(empty.count == 1 ? "" : "s") (lines \(empty.prefix(5).map(String.init).joined(separator: ", ")))",
                    rows: empty))
            }
            if !nonNumeric.isEmpty {
                issues.append(SubmissionIssue(kind: .nonNumeric,
                    message: "column `\(column)`: \(nonNumeric.count) value\(nonNumeric.count == 1 ? " is" : "s are") not a number, e.g. \(examples(nonNumeric))",
                    rows: nonNumeric.map(\.0)))
            }
            if !nonFinite.isEmpty {
                issues.append(SubmissionIssue(kind: .nonFinite,
                    message: "column `\(column)`: \(nonFinite.count) value\(nonFinite.count == 1 ? " is" : "s are") NaN or infinite, e.g. \(examples(nonFinite))",
                    rows: nonFinite.map(\.0)))
            }
            if !outOfRange.isEmpty {
                let range = metric.targetKind == .probabilities ? "probabilities must lie in [0, 1]" : "\(metric.displayName) needs values ≥ 0"
                issues.append(SubmissionIssue(kind: .outOfRange,
                    message: "column `\(column)`: \(outOfRange.count) value\(outOfRange.count == 1 ? " is" : "s are") out of range (\(range)), e.g. \(examples(outOfRange))",
                    rows: outOfRange.map(\.0)))
            }
            if !badLabels.isEmpty {
                let allowed = labelSet.prefix(10).map { "`\($0)`" }.joined(separator: ", ")
                issues.append(SubmissionIssue(kind: .invalidLabel,
                    message: "column `\(column)`: \(badLabels.count) value\(badLabels.count == 1 ? " is not a known label" : "s are not known labels"), e.g. \(examples(badLabels)); expected one of \(allowed)",
                    rows: badLabels.map(\.0)))
            }
        }
        if metric.targetKind == .probabilities && issues.isEmpty {
            var unnormalised: [Int] = []
            for (rowIndex, row) in table.rows.enumerated() {
                let sum = targetIndices.reduce(0.0) { $0 + (Double(row[$1].trimmingCharacters(in: .whitespaces)) ?? 0) }
                // scikit-learn's own test: isclose(sum, 1, rtol = sqrt(eps)).
                if abs(sum - 1) > Double.ulpOfOne.squareRoot() { unnormalised.append(table.lineNumbers[rowIndex]) }
            }
            if !unnormalised.isEmpty {
                warnings.append(SubmissionIssue(kind: .rowsNotNormalised,
                    message: "\(unnormalised.count) row\(unnormalised.count == 1 ? " does" : "s do") not sum to 1; scored as they are (clipped, not renormalised), as scikit-learn does",
                    rows: unnormalised))
            }
        }
        return issues
    }

    /// Scores a valid check against the answers.
    public func score(_ check: SubmissionCheck) -> Double? {
        guard check.valid, let aligned = check.aligned else { return nil }
        switch metric.targetKind {
        case .labels:
            return Metric.accuracy(truth: answerRows.map { $0[0] }, predicted: aligned.map { $0[0] })
        case .probabilities:
            let truth = answerRows.map { $0.map { Double($0) ?? 0 } }
            let predicted = aligned.map { $0.map { Double($0) ?? 0 } }
            return Metric.logLoss(truth: truth, predicted: predicted)
        case .numbers:
            let truth = answerRows.map { Double($0[0]) ?? .nan }
            let predicted = aligned.map { Double($0[0]) ?? .nan }
            let value: Double
            switch metric {
            case .rmsle: value = Metric.rmsle(truth: truth, predicted: predicted)
            case .rmse: value = Metric.meanSquaredError(truth: truth, predicted: predicted).squareRoot()
            case .mse: value = Metric.meanSquaredError(truth: truth, predicted: predicted)
            default: value = Metric.meanAbsoluteError(truth: truth, predicted: predicted)
            }
            return value.isFinite ? value : nil
        }
    }
}
