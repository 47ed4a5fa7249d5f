import Foundation

/// One competition of a clone, as `dojo competitions list` shows it and the importer reads it.
public struct CompetitionEntry: Sendable, Equatable {
    public enum BoardStatus: Sendable, Equatable {
        /// The board files, with the number of entries of the (private) board.
        case present(files: [URL], entries: Int)
        /// A Git LFS pointer instead of the CSV: the clone needs `git lfs pull`.
        case lfsPointer(URL)
        case missing
    }

    public enum PrepareStatus: String, Sendable, Equatable {
        /// The anchor's prepare(raw, public, private) splits the Kaggle download.
        case anchor
        /// MLE-Dojo's two-line placeholder: the data comes pre-split from another source (DSBench).
        case placeholder
        case missing
    }

    public var anchor: CompetitionAnchor
    public var id: String
    public var name: String
    /// The competition's folder in the clone.
    public var folder: URL
    /// The anchor's name for the metric (MLE-bench's `grader.name`; MLE-Dojo's metric class docstring).
    public var metricName: String?
    public var higherIsBetter: Bool?
    public var awardsMedals: Bool
    /// MLE-bench's complexity split (low, medium, high) or `dev`; MLE-Dojo's tags.
    public var complexity: String?
    public var tags: [String]
    /// The Kaggle download's size, where the clone says (MLE-Dojo's prepare/*.json).
    public var dataSize: String?
    public var board: BoardStatus
    public var prepare: PrepareStatus
    /// MLE-bench's known issue for this id (a leak, a preparation bug, a crowded board).
    public var knownIssue: String?
    /// MLE-bench: `grader.grade_fn`, the answers and sample submission below `prepared/`, checksums.
    public var gradeFunction: String?
    public var answersFile: String
    public var sampleSubmissionFile: String
    public var checksums: [String: [String: String]]
    public var zipChecksum: String?
    /// The catalogue metric that equals the anchor's grader, when one does.
    public var nativeMetric: NativeMetricMapping?

    /// The anchor's prepare script (what the data looks like: image files, a text column), for the kind.
    public var prepareSource: String = ""

    /// Dojo's kind of task, guessed from the tags, the metric and the prepare script (`--kind` overrides it).
    public var guessedKind: TaskKind {
        let words = (tags + [metricName ?? "", name, id]).joined(separator: " ").lowercased()
        if words.contains("haversine") || words.contains("geospatial") { return .geospatial }
        if ["image", "computer vision", "segmentation", "detection", "dice", "iou", "intersection over union", "average-precision"]
            .contains(where: words.contains) { return .image }
        if words.contains("text") || words.contains("nlp") || words.contains("language") { return .text }
        // What the prepare script handles: image files or libraries, else a prose column it names.
        let range = NSRange(prepareSource.startIndex..., in: prepareSource)
        let image = try? NSRegularExpression(pattern: #"\.(jpe?g|png|tiff?|dcm|bmp)\b|\bPIL\b|\bcv2\b|\bimages?\b"#, options: [.caseInsensitive])
        if image?.firstMatch(in: prepareSource, range: range) != nil { return .image }
        let text = try? NSRegularExpression(
            pattern: #"["'](text|comment_text|sentence|tweet|question_text|excerpt|essay|full_text|review|request_text)["']"#,
            options: [.caseInsensitive])
        if text?.firstMatch(in: prepareSource, range: range) != nil { return .text }
        if words.contains("time series") || words.contains("forecast") { return .timeSeries }
        let metric = (metricName ?? "").lowercased()
        let regression = ["rmse", "mae", "mse", "r2", "r^2", "rmsle", "regression", "error", "smape", "mape"]
        if tags.contains(where: { $0.lowercased().contains("regression") }) || regression.contains(where: { metric.contains($0) }) {
            return .tabularRegression
        }
        return .tabularClassification
    }
}
