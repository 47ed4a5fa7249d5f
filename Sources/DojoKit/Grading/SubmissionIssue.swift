/// One problem with a submission, with up to five example rows (line numbers in the file, header = 1)
/// or ids.
public struct SubmissionIssue: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        case missingFile = "missing_file"
        case unreadable
        case emptyFile = "empty_file"
        case notUTF8 = "not_utf8"
        case notCSV = "not_csv"
        case malformedRow = "malformed_row"
        case missingColumn = "missing_column"
        case extraColumn = "extra_column"
        case missingId = "missing_id"
        case unknownId = "unknown_id"
        case duplicateId = "duplicate_id"
        case rowCount = "row_count"
        case emptyValue = "empty_value"
        case nonNumeric = "non_numeric"
        case nonFinite = "non_finite"
        case outOfRange = "out_of_range"
        case invalidLabel = "invalid_label"
        case rowsNotNormalised = "rows_not_normalised"
        /// The metric is undefined for these answers and predictions (one class for AUC, a constant vector
        /// for a correlation): an error, never a NaN score.
        case degenerate
        /// A task's Python metric raised, timed out or printed no score.
        case metricError = "metric_error"
        /// The file is larger than the task's submission limit: refused before it is read.
        case tooLarge = "too_large"
        /// The grading process was stopped by its memory or CPU-time limit.
        case gradingLimit = "grading_limit"
        /// The task has a known problem (an imported competition's label leak, from MLE-bench's list):
        /// shown with every grade, never making the submission invalid.
        case knownIssue = "known_issue"
    }

    public var kind: Kind
    public var message: String
    public var rows: [Int]
    public var ids: [String]?

    public init(kind: Kind, message: String, rows: [Int] = [], ids: [String]? = nil) {
        self.kind = kind
        self.message = message
        self.rows = Array(rows.prefix(Self.exampleLimit))
        self.ids = ids.map { Array($0.prefix(Self.exampleLimit)) }
    }

    public static let exampleLimit = 5
}
