import Foundation

/// The result of checking a submission: its problems and, when valid, its score (kept for grading; a
/// validation report leaves it out).
public struct SubmissionCheck: Sendable, Equatable {
    public var found: Bool
    public var rowCount: Int
    public var errors: [SubmissionIssue]
    public var warnings: [SubmissionIssue]
    /// The score, set when the submission is valid and the metric is a catalogue metric.
    var score: Double?

    public var valid: Bool { found && errors.isEmpty }
}

/// One loader for validation and grading, so that the two can never disagree: it streams the
/// submission once, matches ids to the answers (in any row order), checks every target cell, and scores
/// the predictions aligned with the answers.
public struct SubmissionValidator: Sendable {
    public let metric: Metric
    public let idColumn: String
    public let targetColumns: [String]
    let answers: AnswerKey
    let rule: CellRule

    public init(metric: Metric, idColumn: String, targetColumns: [String], answersFile: URL,
                sampleSubmission: URL? = nil) throws(DojoError) {
        let sample = sampleSubmission.flatMap { try? CSVReader(url: $0) }
        try self.init(metric: metric, idColumn: idColumn, targetColumns: targetColumns,
                      answers: try CSVReader(url: answersFile), sample: sample)
    }

    public init(metric: Metric, idColumn: String, targetColumns: [String], answers: Data,
                sampleSubmission: Data? = nil) throws(DojoError) {
        let sample = sampleSubmission.map { CSVReader(data: $0, name: "sample_submission.csv") }
        try self.init(metric: metric, idColumn: idColumn, targetColumns: targetColumns,
                      answers: CSVReader(data: answers, name: "answers.csv"), sample: sample)
    }

    init(metric: Metric, idColumn: String, targetColumns: [String], answers reader: CSVReader, sample: CSVReader?) throws(DojoError) {
        try metric.checkColumns(targetColumns.count)
        self.metric = metric
        self.idColumn = idColumn
        self.targetColumns = targetColumns
        answers = try AnswerKey(reader: reader, metric: metric, idColumn: idColumn, targetColumns: targetColumns, sample: sample)
        rule = CellRule.rules(for: metric, columns: targetColumns.count).submission
        if rule == .label || answers.rule == .label {
            try checkLabels()
        }
    }

    /// A binary metric needs a positive class it can find.
    private func checkLabels() throws(DojoError) {
        let binaryAverage = [.precision, .recall, .f1, .fbeta].contains(metric.kind) && metric.average == .binary
        let binaryScores = (metric.kind == .rocAuc || metric.kind == .logLoss) && targetColumns.count == 1
        if binaryScores && answers.labels.count > 2 {
            throw DojoError(.taskFormat, "\(metric.kind.rawValue) with one column scores a binary target, but the answers hold \(answers.labels.count) labels",
                            hint: "give one probability column per class for a multiclass target")
        }
        // Answers of one class leave ROC AUC undefined: that is reported per submission, as `degenerate`.
        let unambiguous = metric.posLabel != nil || (binaryAverage && answers.labels.count > 1)
        if (binaryAverage || binaryScores) && unambiguous {
            if answers.labels.positive(posLabel: metric.posLabel, preferOne: binaryAverage) == nil {
                let known = answers.labels.names.prefix(10).map { "`\($0)`" }.joined(separator: ", ")
                throw DojoError(.taskFormat,
                                metric.posLabel.map { "pos_label `\($0)` is not one of the answers' labels (\(known))" }
                                    ?? "cannot tell the positive class among the labels \(known)",
                                hint: "set pos_label in [metric.args] to one of the answers' labels")
            }
        }
    }

    public var answerCount: Int { answers.count }

    /// The header of a CSV file, read by the grading loader.
    public static func header(of url: URL) throws(DojoError) -> [String] {
        try CSVReader(url: url).header()
    }

    // MARK: checking

    public func check(fileAt url: URL) -> SubmissionCheck {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return SubmissionCheck(found: false, rowCount: 0, errors: [SubmissionIssue(
                kind: .missingFile, message: "no submission file at \(url.lastPathComponent): write submission/submission.csv")],
                warnings: [], score: nil)
        }
        do {
            return check(try CSVReader(url: url))
        } catch {
            return SubmissionCheck(found: true, rowCount: 0, errors: [SubmissionIssue(kind: .unreadable, message: Self.text(error))],
                                   warnings: [], score: nil)
        }
    }

    public func check(data: Data, name: String = "submission.csv") -> SubmissionCheck {
        check(CSVReader(data: data, name: name))
    }

    static func text(_ error: DojoError) -> String {
        error.description.replacingOccurrences(of: "\n  hint:", with: ";")
    }

    private func unreadable(_ error: DojoError, failure: CSVReader.Failure, rows: Int) -> SubmissionCheck {
        let kind: SubmissionIssue.Kind = switch failure {
        case .io: .unreadable
        case .empty: .emptyFile
        case .notUTF8: .notUTF8
        case .notCSV: .notCSV
        }
        return SubmissionCheck(found: true, rowCount: rows, errors: [SubmissionIssue(kind: kind, message: Self.text(error))],
                               warnings: [], score: nil)
    }

    /// Up to five example lines (and texts or ids) of one problem, and how often it occurred.
    struct Examples {
        var count = 0
        var lines: [Int] = []
        var texts: [String] = []

        mutating func add(_ line: Int, _ text: @autoclosure () -> String = "") {
            count += 1
            if lines.count < SubmissionIssue.exampleLimit {
                lines.append(line)
                texts.append(text())
            }
        }

        var isEmpty: Bool { count == 0 }

        func quoted(_ limit: Int = 3) -> String {
            zip(lines, texts).prefix(limit).map { "`\(Self.clip($0.1))` on line \($0.0)" }.joined(separator: ", ")
        }

        static func clip(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }
    }

    func check(_ reader: CSVReader) -> SubmissionCheck {
        var rows = 0
        do {
            return try checkRows(reader, rows: &rows)
        } catch {
            return unreadable(error, failure: reader.failure, rows: rows)
        }
    }

    private func checkRows(_ reader: CSVReader, rows: inout Int) throws(DojoError) -> SubmissionCheck {
        var errors: [SubmissionIssue] = []
        var warnings: [SubmissionIssue] = []
        let header = try reader.header()

        // Columns.
        var columnIndex: [String: Int] = [:]
        for name in [idColumn] + targetColumns {
            if let index = header.firstIndex(of: name) {
                columnIndex[name] = index
            } else {
                let nearMiss = header.first { $0.lowercased() == name.lowercased() }
                let suggestion = nearMiss.map { "; found `\($0)`: column names are case-sensitive" } ?? ""
                errors.append(SubmissionIssue(kind: .missingColumn,
                    message: "column `\(name)` is missing (header: \(Examples.clip(header.joined(separator: ","))))\(suggestion)"))
            }
        }
        let expected = Set([idColumn] + targetColumns)
        let extra = header.filter { !expected.contains($0) }
        if !extra.isEmpty {
            warnings.append(SubmissionIssue(kind: .extraColumn,
                message: "extra column\(extra.count == 1 ? "" : "s") ignored: \(extra.prefix(10).map { "`\($0)`" }.joined(separator: ", "))"))
        }
        guard let idIndex = columnIndex[idColumn], errors.isEmpty else {
            while try reader.next() { rows += 1 }
            return SubmissionCheck(found: true, rowCount: rows, errors: errors, warnings: warnings, score: nil)
        }
        let targetIndices = targetColumns.compactMap { columnIndex[$0] }
        let width = header.count
        let n = answers.count
        let columns = targetColumns.count

        // Predictions aligned with the answers, and the line each answer's row came from (0: none yet).
        // Hot storage as plain buffers (no copy-on-write checks per cell), turned into arrays at the end.
        let lineOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        lineOf.initialize(repeating: 0)
        let numberColumns = (0..<(rule.isNumeric ? columns : 0)).map { _ in
            let column = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            column.initialize(repeating: 0)
            return column
        }
        let labels = UnsafeMutableBufferPointer<Int32>.allocate(capacity: rule == .label ? n : 0)
        labels.initialize(repeating: 0)
        var texts = rule == .text ? [[String]](repeating: [String](repeating: "", count: n), count: columns) : []
        var released = false
        func release() {
            guard !released else { return }
            released = true
            lineOf.deallocate()
            labels.deallocate()
            for column in numberColumns { column.deallocate() }
        }
        defer { release() }

        var malformed = Examples(), unknown = Examples(), duplicate = Examples()
        var empty = [Examples](repeating: Examples(), count: columns)
        var nonNumeric = empty, nonFinite = empty, outOfRange = empty, badLabels = empty
        var expectedNext = 0
        var hashed: ByteKeyTable?

        while try reader.next() {
            rows += 1
            let line = reader.line
            guard reader.fieldCount == width else {
                malformed.add(line, "\(reader.fieldCount) fields")
                continue
            }
            // Ids: the answers' order is tried first, so a submission in that order costs no hashing.
            let found: Int? = reader.withField(idIndex) { id in
                if expectedNext < n && answers.ids.equals(expectedNext, id) { return expectedNext }
                if hashed == nil { hashed = answers.index.indexed(answers.ids) }
                return hashed?.find(id)
            }
            var target = -1
            if let found {
                expectedNext = found + 1
                if lineOf[found] != 0 {
                    duplicate.add(line, reader.string(idIndex))
                } else {
                    lineOf[found] = Int32(truncatingIfNeeded: line)
                    target = found
                }
            } else {
                unknown.add(line, reader.string(idIndex))
            }
            // Cells.
            for c in 0..<columns {
                let index = targetIndices[c]
                if rule == .text {
                    if target >= 0 { texts[c][target] = reader.string(index) }
                    continue
                }
                if reader.isEmpty(index) {
                    empty[c].add(line)
                    continue
                }
                if rule == .label {
                    let label = reader.withField(index) { answers.labels.index(of: $0) }
                    if let label {
                        if target >= 0 { labels[target] = label }
                    } else {
                        badLabels[c].add(line, reader.string(index))
                    }
                    continue
                }
                let value = reader.withField(index) { DecimalParser.parse($0) }
                guard let value else { nonNumeric[c].add(line, reader.string(index)); continue }
                guard value.isFinite else { nonFinite[c].add(line, reader.string(index)); continue }
                guard rule.accepts(value) else { outOfRange[c].add(line, reader.string(index)); continue }
                if target >= 0 { numberColumns[c][target] = value }
            }
        }

        // Ids and rows.
        if !malformed.isEmpty {
            errors.append(SubmissionIssue(kind: .malformedRow,
                message: "\(malformed.count) row\(malformed.count == 1 ? " has" : "s have") a different number of fields than the header's \(width), e.g. line \(malformed.lines[0]) (\(malformed.texts[0])); quote fields that contain commas",
                rows: malformed.lines))
        }
        var missingCount = 0
        var missingIds: [String] = []
        for a in 0..<n where lineOf[a] == 0 {
            missingCount += 1
            if missingIds.count < SubmissionIssue.exampleLimit { missingIds.append(answers.ids.key(a)) }
        }
        if missingCount > 0 {
            errors.append(SubmissionIssue(kind: .missingId,
                message: "\(missingCount) id\(missingCount == 1 ? " is" : "s are") missing, e.g. \(missingIds.joined(separator: ", ")): write one row per test id",
                ids: missingIds))
        }
        if !duplicate.isEmpty {
            errors.append(SubmissionIssue(kind: .duplicateId,
                message: "\(duplicate.count) row\(duplicate.count == 1 ? " repeats an id" : "s repeat ids") already seen, e.g. \(duplicate.texts.joined(separator: ", "))",
                rows: duplicate.lines, ids: duplicate.texts))
        }
        if !unknown.isEmpty {
            errors.append(SubmissionIssue(kind: .unknownId,
                message: "\(unknown.count) id\(unknown.count == 1 ? " is" : "s are") not in the test set, e.g. \(unknown.texts.map { Examples.clip($0) }.joined(separator: ", "))",
                rows: unknown.lines, ids: unknown.texts))
        }
        if rows != n {
            errors.append(SubmissionIssue(kind: .rowCount,
                message: "the submission has \(rows) row\(rows == 1 ? "" : "s"); expected \(n), one per test id"))
        }

        // Cells.
        for c in 0..<columns {
            let column = targetColumns[c]
            func plural(_ e: Examples, _ one: String, _ many: String) -> String { "\(e.count) value\(e.count == 1 ? one : many)" }
            if !empty[c].isEmpty {
                errors.append(SubmissionIssue(kind: .emptyValue,
                    message: "column `\(column)`: \(plural(empty[c], "", "s")) empty (lines \(empty[c].lines.map(String.init).joined(separator: ", ")))",
                    rows: empty[c].lines))
            }
            if !nonNumeric[c].isEmpty {
                errors.append(SubmissionIssue(kind: .nonNumeric,
                    message: "column `\(column)`: \(plural(nonNumeric[c], " is", "s are")) not a number, e.g. \(nonNumeric[c].quoted())",
                    rows: nonNumeric[c].lines))
            }
            if !nonFinite[c].isEmpty {
                errors.append(SubmissionIssue(kind: .nonFinite,
                    message: "column `\(column)`: \(plural(nonFinite[c], " is", "s are")) NaN or infinite, e.g. \(nonFinite[c].quoted())",
                    rows: nonFinite[c].lines))
            }
            if !outOfRange[c].isEmpty {
                errors.append(SubmissionIssue(kind: .outOfRange,
                    message: "column `\(column)`: \(plural(outOfRange[c], " is", "s are")) out of range (\(rule.rangeText)), e.g. \(outOfRange[c].quoted())",
                    rows: outOfRange[c].lines))
            }
            if !badLabels[c].isEmpty {
                let allowed = answers.labels.names.prefix(10).map { "`\($0)`" }.joined(separator: ", ")
                errors.append(SubmissionIssue(kind: .invalidLabel,
                    message: "column `\(column)`: \(plural(badLabels[c], " is not a known label", "s are not known labels")), e.g. \(badLabels[c].quoted()); expected one of \(allowed)\(answers.labels.count > 10 ? ", …" : "")",
                    rows: badLabels[c].lines))
            }
        }
        guard errors.isEmpty else {
            return SubmissionCheck(found: true, rowCount: rows, errors: errors, warnings: warnings, score: nil)
        }

        // Probabilities per class should sum to 1 (numpy's isclose(sum, 1, rtol=sqrt(eps))).
        if answers.rule == .oneHot {
            var unnormalised = Examples()
            let tolerance = 1e-8 + Double.ulpOfOne.squareRoot()
            for a in 0..<n {
                var sum = 0.0
                for c in 0..<columns { sum += numberColumns[c][a] }
                if abs(sum - 1) > tolerance { unnormalised.add(Int(lineOf[a])) }
            }
            if !unnormalised.isEmpty {
                unnormalised.lines.sort()
                warnings.append(SubmissionIssue(kind: .rowsNotNormalised,
                    message: "\(unnormalised.count) row\(unnormalised.count == 1 ? " does" : "s do") not sum to 1; scored as they are (clipped, not renormalised), as scikit-learn 1.9 does",
                    rows: unnormalised.lines))
            }
        }

        guard metric.kind != .python else {
            return SubmissionCheck(found: true, rowCount: rows, errors: [], warnings: warnings, score: nil)
        }
        var predicted: [ColumnValues] = []
        switch rule {
        case .label:
            lineOf.deallocate()
            predicted = [.labels(Array(labels))]
            labels.deallocate()
            released = true
        case .text: predicted = texts.map { .strings($0) }
        default:
            for column in numberColumns {
                predicted.append(.numbers(Array(column)))
                column.deallocate()
            }
            lineOf.deallocate()
            labels.deallocate()
            released = true
        }
        texts = []
        do {
            let score = try MetricScorer.score(metric, answers: answers, predicted: predicted)
            guard score.isFinite else {
                return SubmissionCheck(found: true, rowCount: rows, errors: [SubmissionIssue(kind: .degenerate,
                    message: "\(metric.displayName) is not a finite number for these predictions (\(score))")], warnings: warnings, score: nil)
            }
            return SubmissionCheck(found: true, rowCount: rows, errors: [], warnings: warnings, score: score)
        } catch {
            return SubmissionCheck(found: true, rowCount: rows, errors: [SubmissionIssue(kind: .degenerate, message: Self.text(error))],
                                   warnings: warnings, score: nil)
        }
    }

    /// The score of a valid check.
    public func score(_ check: SubmissionCheck) -> Double? {
        check.valid ? check.score : nil
    }
}
