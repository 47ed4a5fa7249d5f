import Foundation

/// A metric of the catalogue with its arguments (`[metric] name` and `[metric.args]`), or a task's own
/// Python metric: what a submission must hold, which direction is better, and how to score it.
public struct Metric: Sendable, Equatable {
    /// What a submission's target cells must hold for a metric.
    public enum TargetKind: String, Sendable, Equatable, Codable {
        /// One column of class labels, each one of the answers' labels.
        case labels
        /// Probabilities in [0, 1]: one column (of the positive class; binary answers) or one per class
        /// (one-hot answers in the same columns).
        case probabilities
        /// Any finite numbers ranking the rows: one column (binary answers for ROC AUC, numbers for Gini)
        /// or one per class (one-hot answers for ROC AUC, relevance for NDCG).
        case scores
        /// Numeric predictions, one or more columns.
        case numbers
        /// Space-separated labels (a ranked list for MAP@K, a set for Jaccard and Dice).
        case labelLists = "label_lists"
        /// Free text.
        case text
        /// Anything: the task's metric.py checks it.
        case any
    }

    /// How per-class precision, recall and F scores (and multiclass ROC AUC) are combined.
    public enum Average: String, Sendable, Equatable { case binary, micro, macro, weighted }

    /// How a multiclass ROC AUC pairs the classes (scikit-learn's `multi_class`): each class against the
    /// rest, or each pair of classes against each other (Hand & Till).
    public enum MultiClass: String, Sendable, Equatable { case ovr, ovo }

    /// Cohen's kappa weights.
    public enum KappaWeights: String, Sendable, Equatable { case none, linear, quadratic }

    public var kind: MetricKind
    public var arguments: [String: String]
    public var average: Average
    public var multiClass: MultiClass
    public var beta: Double
    public var k: Int?
    public var posLabel: String?
    public var kappaWeights: KappaWeights
    /// Pinball loss: the quantile level of each target column (`alpha` for all, or `alphas` one per column).
    public var alphas: [Double]
    /// Concordance index: risk scores this close count as tied (scikit-survival's `tied_tol`).
    public var tiedTolerance: Double
    /// A Python metric's file and its direction (from `[metric] higher_is_better` or the class).
    public var pythonFile: URL?
    public var pythonTimeout: Double
    private var pythonHigherIsBetter: Bool

    /// A catalogue metric with default arguments.
    public init(_ kind: MetricKind) {
        self.kind = kind
        arguments = [:]
        average = kind == .rocAuc ? .macro : .binary
        multiClass = .ovr
        beta = 1
        k = nil
        posLabel = nil
        kappaWeights = kind == .quadraticWeightedKappa ? .quadratic : .none
        alphas = [0.5]
        tiedTolerance = 1e-8
        pythonFile = nil
        pythonTimeout = 60
        pythonHigherIsBetter = true
    }

    /// A catalogue metric by name with `[metric.args]` (string values), checked.
    public init(name: String, arguments: [String: String] = [:], location: String? = nil) throws(DojoError) {
        guard let kind = MetricKind.named(name) else {
            throw DojoError(.taskFormat, "unknown metric \"\(name)\"", at: location,
                            hint: "use one of: \(MetricKind.knownNames); or name a Python metric with [metric] python = \"metric.py\"")
        }
        self.init(kind)
        try configure(arguments, location: location)
    }

    /// A task's Python metric: a file defining a class with `evaluate(y_true, y_pred)` and `higher_is_better`.
    public init(pythonFile: URL, higherIsBetter: Bool, arguments: [String: String] = [:], location: String? = nil) throws(DojoError) {
        self.init(.python)
        self.pythonFile = pythonFile
        pythonHigherIsBetter = higherIsBetter
        try configure(arguments, location: location)
    }

    private mutating func configure(_ arguments: [String: String], location: String?) throws(DojoError) {
        self.arguments = arguments
        for key in arguments.keys.sorted() where !kind.argumentNames.contains(key) {
            let known = kind.argumentNames.sorted().joined(separator: ", ")
            throw DojoError(.taskFormat, "\(kind.rawValue) takes no argument `\(key)`", at: location,
                            hint: known.isEmpty ? "remove it: \(kind.rawValue) has no arguments" : "its arguments are: \(known)")
        }
        func bad(_ key: String, _ expected: String) -> DojoError {
            DojoError(.taskFormat, "argument `\(key)` of \(kind.rawValue): expected \(expected), found \"\(arguments[key] ?? "")\"", at: location)
        }
        if let text = arguments["average"] {
            guard let value = Average(rawValue: text), kind != .rocAuc || value == .macro || value == .weighted else {
                throw bad("average", kind == .rocAuc ? "macro or weighted" : "binary, micro, macro or weighted")
            }
            average = value
        }
        if let text = arguments["multi_class"] {
            guard let value = MultiClass(rawValue: text) else { throw bad("multi_class", "ovr or ovo") }
            multiClass = value
        }
        if let text = arguments["beta"] {
            guard let value = Double(text), value.isFinite, value > 0 else { throw bad("beta", "a positive number") }
            beta = value
        } else if kind == .fbeta {
            throw DojoError(.taskFormat, "fbeta needs the argument `beta`", at: location, hint: "add beta = 2 (or another positive number) to [metric.args]")
        }
        if let text = arguments["k"] {
            guard let value = Int(text), value > 0 else { throw bad("k", "a positive integer") }
            k = value
        } else if kind == .mapAtK {
            throw DojoError(.taskFormat, "map_at_k needs the argument `k`", at: location, hint: "add k = 5 (the list length scored) to [metric.args]")
        }
        if let text = arguments["weights"] {
            guard let value = KappaWeights(rawValue: text) else { throw bad("weights", "none, linear or quadratic") }
            kappaWeights = value
        }
        if let text = arguments["timeout_s"] {
            guard let value = Double(text), value > 0 else { throw bad("timeout_s", "a positive number of seconds") }
            pythonTimeout = value
        }
        if arguments["alpha"] != nil && arguments["alphas"] != nil {
            throw DojoError(.taskFormat, "pinball takes `alpha` (one level for every column) or `alphas` (one per column), not both",
                            at: location)
        }
        if let text = arguments["alpha"] {
            guard let value = Double(text), value > 0, value < 1 else { throw bad("alpha", "a number strictly between 0 and 1") }
            alphas = [value]
        }
        if let text = arguments["alphas"] {
            let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "[" || $0 == "]" })
            let values = parts.compactMap { Double($0) }
            guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ $0 > 0 && $0 < 1 }) else {
                throw bad("alphas", "numbers strictly between 0 and 1, one per target column (e.g. [0.1, 0.5, 0.9])")
            }
            alphas = values
        }
        if let text = arguments["tied_tol"] {
            guard let value = Double(text), value.isFinite, value > 0 else { throw bad("tied_tol", "a positive number") }
            tiedTolerance = value
        }
        posLabel = arguments["pos_label"]
    }

    /// The name reports use.
    public var rawValue: String { kind == .python ? "python:\(pythonFile?.lastPathComponent ?? "metric.py")" : kind.rawValue }
    public var displayName: String { kind.displayName }
    public var higherIsBetter: Bool { kind == .python ? pythonHigherIsBetter : kind.higherIsBetter }
    public var targetKind: TargetKind { kind.targetKind }

    /// `a` is better than `b` under this metric's direction.
    public func isBetter(_ a: Double, than b: Double) -> Bool { higherIsBetter ? a > b : a < b }

    /// A catalogue metric with default arguments, by name; nil when unknown.
    public static func named(_ name: String) -> Metric? { MetricKind.named(name).map(Metric.init) }

    public static var knownNames: String { MetricKind.knownNames }

    /// Checks that this metric can score `columns` target columns.
    public func checkColumns(_ columns: Int, location: String? = nil) throws(DojoError) {
        let needsOne: Bool
        switch kind {
        case .accuracy, .balancedAccuracy, .precision, .recall, .f1, .fbeta, .mcc, .cohenKappa, .quadraticWeightedKappa,
             .normalizedGini, .pearson, .spearman, .kendallTau, .mapAtK, .jaccard, .dice, .levenshtein:
            needsOne = true
        default:
            needsOne = false
        }
        if needsOne && columns != 1 {
            throw DojoError(.taskFormat, "\(kind.rawValue) scores one target column, found \(columns)", at: location,
                            hint: "list exactly one column in [submission] target_columns")
        }
        if kind == .haversineKm && columns != 2 {
            throw DojoError(.taskFormat, "haversine_km scores two target columns (latitude, then longitude, in degrees), found \(columns)",
                            at: location, hint: "list the latitude and the longitude column, in that order, in [submission] target_columns")
        }
        if kind == .ndcgAtK && columns < 2 {
            throw DojoError(.taskFormat, "ndcg_at_k scores one column per item (at least two), found \(columns)", at: location,
                            hint: "list the item columns in [submission] target_columns; the answers hold their relevance")
        }
        if columns < 1 {
            throw DojoError(.taskFormat, "expected at least one target column", at: location)
        }
        if kind == .concordanceIndex && columns != 1 {
            throw DojoError(.taskFormat, "concordance_index scores one risk column, found \(columns)", at: location,
                            hint: "list the risk score column in [submission] target_columns")
        }
        if kind == .pinball && alphas.count > 1 && alphas.count != columns {
            throw DojoError(.taskFormat, "pinball has \(alphas.count) alphas for \(columns) target columns", at: location,
                            hint: "give one alpha per column of [submission] target_columns, in the same order")
        }
    }

    /// Checks that this metric can read the answer columns `answers` (besides the id) for the submission's
    /// `targets`: the same count for most metrics; time and event for a concordance index; the targets and
    /// a scale for MASE; one shared column or one per target for pinball.
    public func checkAnswerColumns(_ answers: [String], targets: [String], location: String? = nil) throws(DojoError) {
        func fail(_ message: String, _ hint: String) -> DojoError {
            DojoError(.taskFormat, "[submission] answer_columns: \(message)", at: location, hint: hint)
        }
        switch kind {
        case .concordanceIndex:
            guard answers.count == 2 else {
                throw fail("concordance_index reads two answer columns, the time then the event (1) or censoring (0) flag; found \(answers.count)",
                           "set answer_columns = [\"time\", \"event\"] (your answers' names)")
            }
        case .mase:
            guard answers.count == targets.count + 1 else {
                throw fail("mase reads the answer of each target column then the scale (the series' in-sample naive MAE): \(targets.count + 1) columns, found \(answers.count)",
                           "set answer_columns = [\(targets.map { "\"\($0)\"" }.joined(separator: ", ")), \"scale\"]")
            }
        case .pinball:
            guard answers.count == targets.count || answers.count == 1 else {
                throw fail("pinball reads one answer column per target column, or one shared by all; found \(answers.count) for \(targets.count)",
                           "list one answer column, or one per target column")
            }
        default:
            guard answers.count == targets.count else {
                throw fail("\(kind.rawValue) reads one answer column per target column; found \(answers.count) for \(targets.count)",
                           "leave answer_columns out (the answers then hold the target columns)")
            }
        }
        if Set(answers).count != answers.count {
            throw fail("a column is listed twice", "list each answer column once")
        }
    }
}
