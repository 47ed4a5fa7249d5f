import Foundation
import Synchronization

/// The values of one target column, in the answers' row order.
enum ColumnValues: Sendable, Equatable {
    case numbers([Double])
    case labels([Int32])
    case strings([String])

    var numbers: [Double] { if case .numbers(let v) = self { v } else { [] } }
    var labels: [Int32] { if case .labels(let v) = self { v } else { [] } }
    var strings: [String] { if case .strings(let v) = self { v } else { [] } }
}

/// What one cell must hold, for the answers or for a submission.
enum CellRule: Sendable, Equatable {
    /// One of the known labels.
    case label
    /// One-hot across the target columns: a single class index per row (answers only).
    case oneHot
    /// Any finite number.
    case number
    /// A finite number in [0, 1].
    case probability
    /// A finite number > −1 (RMSLE's log1p).
    case aboveMinusOne
    /// A finite number ≥ 0 (NDCG relevance, Poisson counts).
    case nonNegative
    /// A finite number > 0 (a Poisson mean).
    case positive
    /// Any text, empty included.
    case text

    var isNumeric: Bool { self == .number || self == .probability || self == .aboveMinusOne || self == .nonNegative || self == .positive }

    func accepts(_ value: Double) -> Bool {
        switch self {
        case .probability: value >= 0 && value <= 1
        case .aboveMinusOne: value > -1
        case .nonNegative: value >= 0
        case .positive: value > 0
        default: true
        }
    }

    var rangeText: String {
        switch self {
        case .probability: "probabilities must lie in [0, 1]"
        case .aboveMinusOne: "values must be greater than −1 (the metric takes log(1 + x))"
        case .nonNegative: "values must be ≥ 0"
        case .positive: "values must be greater than 0: a Poisson mean is positive (the deviance takes log(y / ŷ))"
        default: ""
        }
    }

    /// The rules for a metric's submission cells and answer cells.
    static func rules(for metric: Metric, columns: Int) -> (submission: CellRule, answers: CellRule) {
        switch metric.targetKind {
        case .labels: return (.label, .label)
        case .probabilities: return (.probability, columns == 1 ? .label : .oneHot)
        case .scores:
            switch metric.kind {
            case .rocAuc: return (.number, columns == 1 ? .label : .oneHot)
            case .ndcgAtK: return (.number, .nonNegative)
            default: return (.number, .number)
            }
        case .numbers:
            switch metric.kind {
            case .rmsle: return (.aboveMinusOne, .aboveMinusOne)
            case .poissonDeviance: return (.positive, .nonNegative)
            default: return (.number, .number)
            }
        case .labelLists, .text, .any: return (.text, .text)
        }
    }
}

/// The answers' ids with their hash slots, built once on first need.
final class IdIndex: Sendable {
    private let table: Mutex<ByteKeyTable?>

    init(_ table: ByteKeyTable?) { self.table = Mutex(table) }

    func indexed(_ ids: ByteKeyTable) -> ByteKeyTable {
        table.withLock { cached in
            if let cached { return cached }
            let built = ids.withIndex()
            cached = built
            return built
        }
    }
}

/// The answers of a prepared task, loaded once by the same reader as submissions: ids (a hash table on
/// bytes) and target columns as numbers, class indices or text.
struct AnswerKey: Sendable {
    /// The ids in answer order; indexed (hashed) only when they are not strictly increasing, which
    /// already proves them unique: most answers need no hashing, and a submission in their order none.
    var ids: ByteKeyTable
    /// The hashed ids, built on first need (a submission out of the answers' order) and kept.
    let index: IdIndex
    var columns: [ColumnValues]
    var labels: LabelSet
    var rule: CellRule

    var count: Int { ids.count }

    init(reader: CSVReader, metric: Metric, idColumn: String, targetColumns: [String], sample: CSVReader?,
         parallelMinimumBytes: Int = Int.max) throws(DojoError) {
        let name = reader.name
        let header = try reader.header()
        guard let idIndex = header.firstIndex(of: idColumn) else {
            throw DojoError(.csv, "the answers have no id column `\(idColumn)` (header: \(header.joined(separator: ",")))",
                            at: name, hint: "make [submission] id_column match the answers' header")
        }
        var targetIndices: [Int] = []
        for column in targetColumns {
            guard let index = header.firstIndex(of: column) else {
                throw DojoError(.csv, "the answers have no target column `\(column)` (header: \(header.joined(separator: ",")))",
                                at: name, hint: "make [submission] target_columns (or answer_columns) match the answers' header")
            }
            targetIndices.append(index)
        }
        let rules = CellRule.rules(for: metric, columns: targetColumns.count)
        let rule = rules.answers
        var preset = LabelSet()
        if rule == .oneHot { for column in targetColumns { preset.add(column) } }
        let layout = Layout(width: header.count, idIndex: idIndex, targetIndices: targetIndices, targetColumns: targetColumns,
                            rule: rule, labels: preset)
        var rows: Rows
        if let second = reader.splitOff(minimumBytes: parallelMinimumBytes), let joined = Self.parallelRows(reader, second, layout) {
            rows = joined
        } else if reader.isSplit {
            // A half met a problem: one pass over the whole file says exactly which and where.
            guard let fresh = try reader.reopened() else {
                throw DojoError(.csv, "cannot read the file again in one pass after a split read", at: reader.name,
                                hint: "this is a bug in dojo; please report it")
            }
            _ = try fresh.header()
            rows = try Self.readRows(fresh, layout)
        } else {
            rows = try Self.readRows(reader, layout)
        }
        guard rows.ids.count > 0 else {
            throw DojoError(.csv, "the answers have no rows", at: name, hint: "re-run the task's prepare.py")
        }
        // Labels the sample submission uses are valid predictions too, when predictions are labels
        // (not the probabilities or scores of a binary log loss or ROC AUC, whose 0.5 is no class).
        if rule == .label, rules.submission == .label, let sample, let header = try? sample.header(), let column = header.firstIndex(of: targetColumns[0]) {
            while (try? sample.next()) == true {
                if sample.fieldCount == header.count && !sample.isEmpty(column) {
                    sample.withField(column) { _ = rows.labels.add($0) }
                }
            }
        }
        try Self.checkValues(metric, numbers: rows.numbers, columns: targetColumns, file: name)
        self.rule = rule
        self.ids = rows.ids
        self.index = IdIndex(rows.ids.indexed ? rows.ids : nil)
        self.labels = rows.labels
        switch rule {
        case .label, .oneHot: columns = [.labels(rows.classes)]
        case .text: columns = rows.texts.map { .strings($0) }
        default: columns = rows.numbers.map { .numbers($0) }
        }
    }

    /// What some metrics need of particular answer columns: the event flag of a concordance index is 0
    /// or 1; MASE's scale (its last answer column) is positive.
    static func checkValues(_ metric: Metric, numbers: [[Double]], columns: [String], file: String) throws(DojoError) {
        func check(_ k: Int, _ expected: String, _ ok: (Double) -> Bool) throws(DojoError) {
            guard k < numbers.count, let row = numbers[k].firstIndex(where: { !ok($0) }) else { return }
            throw DojoError(.csv, "column `\(columns[k])` holds \(numbers[k][row]) in data row \(row + 1); \(expected)", at: file,
                            hint: "the answers come from the task's prepare.py; fix it and prepare again")
        }
        switch metric.kind {
        case .concordanceIndex:
            try check(1, "the event flag is 1 (the event happened at the time) or 0 (censored then)") { $0 == 0 || $0 == 1 }
        case .mase:
            try check(numbers.count - 1, "MASE's scale (the in-sample naive forecast's MAE) must be positive") { $0 > 0 }
        default:
            break
        }
    }

    /// Where the answers' cells are and what they must hold.
    struct Layout {
        var width: Int
        var idIndex: Int
        var targetIndices: [Int]
        var targetColumns: [String]
        var rule: CellRule
        /// The labels known before the first row (the class columns of one-hot answers).
        var labels: LabelSet
    }

    /// The rows of the answers, or of one half of them.
    struct Rows {
        var ids: ByteKeyTable
        var labels: LabelSet
        var classes: [Int32] = []
        var numbers: [[Double]]
        var texts: [[String]]
    }

    /// Reads the rest of the rows; the first bad row is an error naming its line.
    static func readRows(_ reader: CSVReader, _ layout: Layout) throws(DojoError) -> Rows {
        let name = reader.name
        let rule = layout.rule
        let targetIndices = layout.targetIndices, targetColumns = layout.targetColumns
        let idIndex = layout.idIndex, width = layout.width
        var ids = ByteKeyTable(indexed: false)
        var labels = layout.labels
        // Numbers row by row in one array (one copy-on-write check per cell, not two), split into columns at the end.
        var values: [Double] = []
        let numberColumns = rule.isNumeric ? targetIndices.count : 0
        var classes: [Int32] = []
        var texts = [[String]](repeating: [], count: rule == .text ? targetIndices.count : 0)
        var rowsRead = 0
        while try reader.next() {
            rowsRead += 1
            // Size the id table and columns once from the first rows' length and the file's size.
            if rowsRead == 1024 && reader.expectedBytes > 0 {
                let perRow = max(1, reader.bytesConsumed / rowsRead)
                let expected = reader.expectedBytes / perRow + 1024
                ids.reserve(expected)
                classes.reserveCapacity(rule == .label || rule == .oneHot ? expected : 0)
                values.reserveCapacity(expected * numberColumns)
            }
            let line = reader.line
            func fail(_ message: String) -> DojoError {
                DojoError(.csv, message, at: "\(name), line \(line)", hint: "the answers come from the task's prepare.py; fix it and prepare again")
            }
            guard reader.fieldCount == width else {
                throw fail("row has \(reader.fieldCount) fields but the header has \(width)")
            }
            let inserted = reader.withField(idIndex) { id -> Bool in
                if !ids.indexed {
                    if ids.count == 0 || ids.precedes(ids.count - 1, id) {
                        ids.append(id)
                        return true
                    }
                    ids = ids.withIndex()
                }
                return ids.insert(id).inserted
            }
            guard inserted else { throw fail("id `\(reader.string(idIndex))` appears twice") }
            switch rule {
            case .label:
                guard !reader.isEmpty(targetIndices[0]) else { throw fail("the answer is empty") }
                classes.append(reader.withField(targetIndices[0]) { labels.add($0) })
            case .oneHot:
                var hot: Int32 = -1
                for (k, index) in targetIndices.enumerated() {
                    let value = reader.withField(index) { DecimalParser.parse($0) }
                    guard let value, value == 0 || value == 1 else {
                        throw fail("column `\(targetColumns[k])` holds `\(reader.string(index))`; one-hot answers hold 0 or 1")
                    }
                    if value == 1 {
                        guard hot < 0 else { throw fail("more than one class is 1; one-hot answers have exactly one") }
                        hot = Int32(k)
                    }
                }
                guard hot >= 0 else { throw fail("no class is 1; one-hot answers have exactly one") }
                classes.append(hot)
            case .text:
                for (k, index) in targetIndices.enumerated() { texts[k].append(reader.string(index)) }
            default:
                for (k, index) in targetIndices.enumerated() {
                    let value = reader.withField(index) { DecimalParser.parse($0) }
                    guard let value, value.isFinite, rule.accepts(value) else {
                        throw fail("column `\(targetColumns[k])` holds `\(reader.string(index))`, not a valid answer (\(rule.rangeText.isEmpty ? "a finite number" : rule.rangeText))")
                    }
                    values.append(value)
                }
            }
        }
        let numbers = numberColumns == 1 ? [values]
            : (0..<numberColumns).map { k in stride(from: k, to: values.count, by: numberColumns).map { values[$0] } }
        return Rows(ids: ids, labels: labels, classes: classes, numbers: numbers, texts: texts)
    }

    /// Reads the two halves of the answers on two threads and joins them as one pass would have read
    /// them. Nil when a half has a bad row, or an id of the second half repeats one of the first: the
    /// caller then reads the file on one thread for the exact error.
    static func parallelRows(_ first: CSVReader, _ second: CSVReader, _ layout: Layout) -> Rows? {
        let (a, b) = Concurrently.run({ try? readRows(first, layout) }, { try? readRows(second, layout) })
        guard var rows = a, let b else { return nil }
        // The second half's labels after the first's, in the order first met, as one pass adds them.
        let remap = b.labels.names.map { rows.labels.add($0) }
        rows.classes.append(contentsOf: b.classes.lazy.map { remap[Int($0)] })
        let ids = ByteKeyTable.joined(rows.ids, b.ids)
        if !rows.ids.indexed && !b.ids.indexed && rows.ids.lastPrecedesFirst(of: b.ids) {
            rows.ids = ids
        } else {
            guard let indexed = ids.indexedIfUnique() else { return nil }
            rows.ids = indexed
        }
        for k in rows.numbers.indices { rows.numbers[k].append(contentsOf: b.numbers[k]) }
        for k in rows.texts.indices { rows.texts[k].append(contentsOf: b.texts[k]) }
        return rows
    }
}
