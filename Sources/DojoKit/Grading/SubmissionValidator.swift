import CDojoScan
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
    /// The answers' columns the metric reads (besides the id): the targets unless `[submission] answer_columns` says otherwise.
    public let answerColumns: [String]
    let answers: AnswerKey
    let rule: CellRule
    /// Files with at least this many bytes of rows are read in two halves on two threads.
    public let parallelMinimumBytes: Int
    public static let defaultParallelMinimumBytes = 1 << 21
    /// `[submission] closed_labels`: a predicted label the answers do not hold makes the file invalid
    /// (`invalid_label`). Otherwise (the default, as scikit-learn and Kaggle score) it is a wrong prediction
    /// of a class of its own, and a warning names it.
    public let closedLabels: Bool

    public init(metric: Metric, idColumn: String, targetColumns: [String], answerColumns: [String]? = nil, answersFile: URL,
                sampleSubmission: URL? = nil, parallelMinimumBytes: Int = defaultParallelMinimumBytes,
                closedLabels: Bool = false) throws(DojoError) {
        let sample = sampleSubmission.flatMap { try? CSVReader(url: $0) }
        try self.init(metric: metric, idColumn: idColumn, targetColumns: targetColumns, answerColumns: answerColumns,
                      answers: try CSVReader(url: answersFile), sample: sample, parallelMinimumBytes: parallelMinimumBytes,
                      closedLabels: closedLabels)
    }

    public init(metric: Metric, idColumn: String, targetColumns: [String], answerColumns: [String]? = nil, answers: Data,
                sampleSubmission: Data? = nil, closedLabels: Bool = false) throws(DojoError) {
        let sample = sampleSubmission.map { CSVReader(data: $0, name: "sample_submission.csv") }
        try self.init(metric: metric, idColumn: idColumn, targetColumns: targetColumns, answerColumns: answerColumns,
                      answers: CSVReader(data: answers, name: "answers.csv"), sample: sample, closedLabels: closedLabels)
    }

    init(metric: Metric, idColumn: String, targetColumns: [String], answerColumns: [String]? = nil, answers reader: CSVReader,
         sample: CSVReader?, parallelMinimumBytes: Int = defaultParallelMinimumBytes, closedLabels: Bool = false) throws(DojoError) {
        self.closedLabels = closedLabels
        try metric.checkColumns(targetColumns.count)
        let answerColumns = answerColumns ?? targetColumns
        try metric.checkAnswerColumns(answerColumns, targets: targetColumns)
        self.metric = metric
        self.idColumn = idColumn
        self.targetColumns = targetColumns
        self.answerColumns = answerColumns
        self.parallelMinimumBytes = parallelMinimumBytes
        answers = try AnswerKey(reader: reader, metric: metric, idColumn: idColumn, targetColumns: answerColumns, sample: sample,
                                parallelMinimumBytes: parallelMinimumBytes)
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

    public func check(fileAt url: URL, name: String? = nil) -> SubmissionCheck {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return SubmissionCheck(found: false, rowCount: 0, errors: [SubmissionIssue(
                kind: .missingFile, message: "no submission file at \(name ?? url.lastPathComponent): write submission/submission.csv")],
                warnings: [], score: nil)
        }
        do {
            return check(try CSVReader(url: url, name: name ?? url.lastPathComponent))
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
        // Only `lineOf` starts zeroed: a prediction is read only once every row was stored (no errors), so
        // the others need no zeroing pass before the (parallel) reading, which first touches their pages.
        func buffer<T>(_ count: Int, zero: T?) -> UnsafeMutableBufferPointer<T> {
            let start = UnsafeMutablePointer<T>.allocate(capacity: count)
            if let zero { start.initialize(repeating: zero, count: count) }
            return UnsafeMutableBufferPointer(start: start, count: count)
        }
        let lineOf = buffer(n, zero: Int32(0))
        let numberColumns = (0..<(rule.isNumeric ? columns : 0)).map { _ in buffer(n, zero: Double?.none) }
        let labels = buffer(rule == .label ? n : 0, zero: Int32?.none)
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

        var pass: Pass
        let sink = Sink(lineOf: lineOf, numbers: numberColumns, labels: labels)
        if rule != .text, let second = reader.splitOff(minimumBytes: parallelMinimumBytes),
           let joined = parallelPass(reader, second, width: width, idIndex: idIndex, targetIndices: targetIndices, sink: sink) {
            pass = joined.pass
            rows = joined.rows
        } else {
            if reader.isSplit {
                // The halves met a problem (or a quoted line end at the split): the one-thread pass over
                // the whole file says exactly what and where.
                lineOf.update(repeating: 0)
                guard let fresh = try reader.reopened() else {
                    throw DojoError(.csv, "cannot read the file again in one pass after a split read", at: reader.name,
                                    hint: "this is a bug in dojo; please report it")
                }
                do {
                    _ = try fresh.header()
                    rows = 0
                    pass = try scanRows(fresh, width: width, idIndex: idIndex, targetIndices: targetIndices, sink: sink,
                                        texts: &texts, lineSign: 1, stopAtIssue: false, rows: &rows)
                } catch {
                    reader.failure = fresh.failure
                    throw error
                }
            } else {
                pass = try scanRows(reader, width: width, idIndex: idIndex, targetIndices: targetIndices, sink: sink,
                                    texts: &texts, lineSign: 1, stopAtIssue: false, rows: &rows)
            }
        }
        let malformed = pass.malformed, unknown = pass.unknown, duplicate = pass.duplicate
        let empty = pass.columns.map(\.empty), nonNumeric = pass.columns.map(\.nonNumeric)
        let nonFinite = pass.columns.map(\.nonFinite), outOfRange = pass.columns.map(\.outOfRange)
        let badLabels = pass.columns.map(\.badLabels)

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
                let allowed = answers.labels.names.prefix(10).map { "`\($0)`" }.joined(separator: ", ") + (answers.labels.count > 10 ? ", …" : "")
                if closedLabels {
                    errors.append(SubmissionIssue(kind: .invalidLabel,
                        message: "column `\(column)`: \(plural(badLabels[c], " is not a known label", "s are not known labels")), e.g. \(badLabels[c].quoted()); expected one of \(allowed)",
                        rows: badLabels[c].lines))
                } else {
                    warnings.append(SubmissionIssue(kind: .invalidLabel,
                        message: "column `\(column)`: \(plural(badLabels[c], " is not among the answers' labels", "s are not among the answers' labels")), e.g. \(badLabels[c].quoted()); scored as wrong predictions (the answers' labels: \(allowed))",
                        rows: badLabels[c].lines))
                }
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

        // haversine_km: the first target column holds latitudes in degrees, which must lie in [−90, 90].
        if metric.kind == .haversineKm, let latitudes = numberColumns.first {
            var outside: [(line: Int, value: Double)] = []
            var count = 0
            for a in 0..<n where !(-90...90).contains(latitudes[a]) {
                count += 1
                outside.append((Int(lineOf[a]), latitudes[a]))
            }
            if count > 0 {
                outside.sort { $0.line < $1.line }
                let shown = outside.prefix(3).map { "`\($0.value)` on line \($0.line)" }.joined(separator: ", ")
                let issue = SubmissionIssue(kind: .outOfRange,
                    message: "column `\(targetColumns[0])`: \(count) latitude\(count == 1 ? " is" : "s are") outside [−90, 90] degrees, e.g. \(shown)",
                    rows: outside.prefix(SubmissionIssue.exampleLimit).map(\.line))
                return SubmissionCheck(found: true, rowCount: rows, errors: [issue], warnings: warnings, score: nil)
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
            let score = try MetricScorer.score(metric, answers: answers, predicted: predicted, labels: pass.labels ?? answers.labels)
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

    // MARK: the row pass

    /// Where a pass stores what it reads, in the answers' row order: the line each answer's row came
    /// from (0: none yet) and the predictions. Plain buffers, shared by the two halves of a parallel pass,
    /// which write them with relaxed atomics (rows of different ids never overlap; a repeated id is
    /// counted, see `parallelPass`).
    struct Sink: @unchecked Sendable {
        let lineOf: UnsafeMutableBufferPointer<Int32>
        let line: UnsafeMutablePointer<Int32>
        let numbers: [UnsafeMutablePointer<Double>]
        let labels: UnsafeMutablePointer<Int32>

        /// Buffers from `UnsafeMutablePointer.allocate`, so each has a start even when empty.
        init(lineOf: UnsafeMutableBufferPointer<Int32>, numbers: [UnsafeMutableBufferPointer<Double>],
             labels: UnsafeMutableBufferPointer<Int32>) {
            self.lineOf = lineOf
            line = Self.start(lineOf)
            self.numbers = numbers.map(Self.start)
            self.labels = Self.start(labels)
        }

        private static func start<T>(_ buffer: UnsafeMutableBufferPointer<T>) -> UnsafeMutablePointer<T> {
            guard let start = buffer.baseAddress else { preconditionFailure("an allocated buffer has a start") }
            return start
        }
    }

    /// One target column's problems.
    struct ColumnIssues {
        var empty = Examples(), nonNumeric = Examples(), nonFinite = Examples(), outOfRange = Examples(), badLabels = Examples()
        var isEmpty: Bool { empty.isEmpty && nonNumeric.isEmpty && nonFinite.isEmpty && outOfRange.isEmpty && badLabels.isEmpty }
    }

    /// What one pass over rows found.
    struct Pass {
        var malformed = Examples(), unknown = Examples(), duplicate = Examples()
        var columns: [ColumnIssues] = []
        /// Rows stored at an answer's row.
        var assigned = 0
        /// The answers' labels and, after them, the predicted labels the answers lack (open label sets).
        var labels: LabelSet?
        var clean: Bool { malformed.isEmpty && unknown.isEmpty && duplicate.isEmpty && columns.allSatisfy(\.isEmpty) }
    }

    /// Reads rows to the end (or, with `stopAtIssue`, to the first problem): matches each id to the
    /// answers (in any order), checks every target cell and stores it at the answer's row. Lines go into
    /// `lineOf` times `lineSign` (the second half of a parallel pass counts from its own start, stored
    /// negative and shifted once the first half's line count is known).
    private func scanRows(_ reader: CSVReader, width: Int, idIndex: Int, targetIndices: [Int], sink: Sink,
                          texts: inout [[String]], lineSign: Int32, stopAtIssue: Bool, rows: inout Int) throws(DojoError) -> Pass {
        let columns = targetIndices.count
        let n = answers.count
        var pass = Pass()
        // Per-column problems behind a pointer: no copy-on-write check per cell.
        let issues = UnsafeMutableBufferPointer<ColumnIssues>.allocate(capacity: columns)
        _ = issues.initialize(from: repeatElement(ColumnIssues(), count: columns))
        defer {
            _ = issues.deinitialize()
            issues.deallocate()
        }
        let lineOf = sink.line
        var expectedNext = 0
        var hashed: ByteKeyTable?
        var searches = 0
        var issueSeen = false
        while try reader.next() {
            if stopAtIssue && issueSeen { break }
            rows += 1
            let line = reader.line
            guard reader.fieldCount == width else {
                pass.malformed.add(line, "\(reader.fieldCount) fields")
                issueSeen = true
                continue
            }
            // Ids: the answers' order is tried first, so a submission in that order costs no hashing. Sorted
            // answers take a few binary searches (the second half of a parallel pass starts mid-file) before
            // their hash index is worth building.
            let found: Int? = reader.withField(idIndex) { id in
                if expectedNext < n && answers.ids.equals(expectedNext, id) { return expectedNext }
                if hashed == nil {
                    if !answers.ids.indexed && searches < 64 {
                        searches += 1
                        return answers.ids.sortedFind(id)
                    }
                    hashed = answers.index.indexed(answers.ids)
                }
                return hashed?.find(id)
            }
            var target = -1
            if let found {
                expectedNext = found + 1
                if dojo_load_relaxed_i32(lineOf + found) != 0 {
                    pass.duplicate.add(line, reader.string(idIndex))
                    issueSeen = true
                } else {
                    dojo_store_relaxed_i32(lineOf + found, Int32(truncatingIfNeeded: line) &* lineSign)
                    target = found
                    pass.assigned += 1
                }
            } else {
                pass.unknown.add(line, reader.string(idIndex))
                issueSeen = true
            }
            // Cells.
            for c in 0..<columns {
                let index = targetIndices[c]
                if rule == .text {
                    if target >= 0 { texts[c][target] = reader.string(index) }
                    continue
                }
                if reader.isEmpty(index) {
                    issues[c].empty.add(line)
                    issueSeen = true
                    continue
                }
                if rule == .label {
                    let label = reader.withField(index) { answers.labels.index(of: $0) }
                    if let label {
                        if target >= 0 { dojo_store_relaxed_i32(sink.labels + target, label) }
                    } else {
                        issues[c].badLabels.add(line, reader.string(index))
                        issueSeen = true
                        // An open label set scores it as a class of its own (one pass only: the halves of a
                        // parallel pass stop here and the file is read again in one pass).
                        if !closedLabels && !stopAtIssue {
                            if pass.labels == nil { pass.labels = answers.labels }
                            if let extra = reader.withField(index, { pass.labels?.add($0) }), target >= 0 {
                                dojo_store_relaxed_i32(sink.labels + target, extra)
                            }
                        }
                    }
                    continue
                }
                let value = reader.withField(index) { DecimalParser.parse($0) }
                guard let value, value.isFinite, rule.accepts(value) else {
                    issueSeen = true
                    if value == nil {
                        issues[c].nonNumeric.add(line, reader.string(index))
                    } else if value?.isFinite == false {
                        issues[c].nonFinite.add(line, reader.string(index))
                    } else {
                        issues[c].outOfRange.add(line, reader.string(index))
                    }
                    continue
                }
                if target >= 0 { dojo_store_relaxed_f64(sink.numbers[c] + target, value) }
            }
        }
        pass.columns = Array(issues)
        return pass
    }

    /// Reads the two halves of a submission on two threads. Nil when either half met any problem, or a
    /// row of the second half repeats an id of the first: the caller then reads the file on one thread,
    /// which reports exactly what and where. Otherwise the rows are stored with their file lines.
    private func parallelPass(_ first: CSVReader, _ second: CSVReader, width: Int, idIndex: Int, targetIndices: [Int],
                              sink: Sink) -> (pass: Pass, rows: Int)? {
        func half(_ reader: CSVReader, lineSign: Int32) -> (pass: Pass, rows: Int)? {
            var rows = 0
            var texts: [[String]] = []
            guard let pass = try? scanRows(reader, width: width, idIndex: idIndex, targetIndices: targetIndices, sink: sink,
                                           texts: &texts, lineSign: lineSign, stopAtIssue: true, rows: &rows),
                  pass.clean else { return nil }
            return (pass, rows)
        }
        let (a, b) = Concurrently.run({ half(first, lineSign: 1) }, { half(second, lineSign: -1) })
        guard let a, let b else { return nil }
        // The second half's lines follow the first half's; count the rows stored, which two halves
        // storing the same id would leave short.
        let shift = Int32(truncatingIfNeeded: first.nextLineNumber - 1)
        var stored = 0
        for i in sink.lineOf.indices where sink.lineOf[i] != 0 {
            stored += 1
            if sink.lineOf[i] < 0 { sink.lineOf[i] = -sink.lineOf[i] + shift }
        }
        guard stored == a.pass.assigned + b.pass.assigned else { return nil }
        var pass = a.pass
        pass.assigned += b.pass.assigned
        return (pass, a.rows + b.rows)
    }

    /// The score of a valid check.
    public func score(_ check: SubmissionCheck) -> Double? {
        check.valid ? check.score : nil
    }
}
