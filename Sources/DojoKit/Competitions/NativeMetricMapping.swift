import Foundation

/// When an anchor's grader is exactly one of Dojo's catalogue metrics, the imported task uses the
/// catalogue metric (fast, and its validation messages) instead of running the anchor's Python.
/// Recognised: MLE-bench's one-line accuracy grader built on `mlebench.competitions.utils`, matched on
/// the whole of grade.py with whitespace removed, so any other code in the file means no match.
///
/// | grade.py | catalogue metric | equal because |
/// |---|---|---|
/// | `accuracy_score(**prepare_for_accuracy_metric(…, target_column=T, id_column=I))` | `accuracy` | both align rows by id and divide the count of equal labels by the rows (labels spelled as in the answers) |
///
/// Not mapped: `roc_auc_score(**prepare_for_auroc_metric(…))`. Dojo's `roc_auc` agrees with scikit-learn
/// to 1e-15 but not to the last bit (it sums the trapezoids in another order: 1 ulp apart on 3 of 4
/// random fixture submissions), so such competitions run MLE-bench's own code.
///
/// Equality is tested against the anchor's own grade() (`CompetitionImportTests`).
public struct NativeMetricMapping: Sendable, Equatable {
    public var metric: String
    public var idColumn: String
    public var targetColumn: String

    public init(metric: String, idColumn: String, targetColumn: String) {
        self.metric = metric
        self.idColumn = idColumn
        self.targetColumn = targetColumn
    }

    static let accuracy = #"^importpandasaspdfromsklearn\.metricsimportaccuracy_scorefrommlebench\.competitions\.utilsimportprepare_for_accuracy_metricdefgrade\(submission:pd\.DataFrame,answers:pd\.DataFrame\)->float:accuracy_inputs=prepare_for_accuracy_metric\(submission=submission,answers=answers,target_column="([^"]+)",id_column="([^"]+)",?\)returnaccuracy_score\(\*\*accuracy_inputs\)$"#

    /// The mapping for an MLE-bench grade.py, or nil when it is anything else.
    public static func mleBench(gradeSource: String) -> NativeMetricMapping? {
        let compact = String(gradeSource.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
        if let groups = match(accuracy, compact) { return NativeMetricMapping(metric: "accuracy", idColumn: groups[1], targetColumn: groups[0]) }
        return nil
    }

    private static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<found.numberOfRanges).compactMap { Range(found.range(at: $0), in: text).map { String(text[$0]) } }
    }
}
