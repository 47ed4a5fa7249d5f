import Foundation

/// When an anchor's grader is exactly one of Dojo's catalogue metrics, the imported task uses the
/// catalogue metric (fast, and its validation messages) instead of running the anchor's Python.
/// Recognised: MLE-bench's two one-line graders built on `mlebench.competitions.utils`, matched on the
/// whole of grade.py with whitespace removed, so any other code in the file means no match.
///
/// | grade.py | catalogue metric | equal because |
/// |---|---|---|
/// | `accuracy_score(**prepare_for_accuracy_metric(…, target_column=T, id_column=I))` | `accuracy` | both align rows by id and count equal labels; labels spelled as in the answers |
/// | `roc_auc_score(**prepare_for_auroc_metric(…, id_col=I, target_col=T))` | `roc_auc` | both sort by id and compute the trapezoidal AUC with ties as halves |
///
/// Equality is tested against the anchor's own grade() (`CompetitionImportTests`).
public struct NativeMetricMapping: Sendable, Equatable {
    public var metric: String
    public var idColumn: String
    public var targetColumn: String

    static let accuracy = #"^importpandasaspdfromsklearn\.metricsimportaccuracy_scorefrommlebench\.competitions\.utilsimportprepare_for_accuracy_metricdefgrade\(submission:pd\.DataFrame,answers:pd\.DataFrame\)->float:accuracy_inputs=prepare_for_accuracy_metric\(submission=submission,answers=answers,target_column="([^"]+)",id_column="([^"]+)",?\)returnaccuracy_score\(\*\*accuracy_inputs\)$"#
    static let auroc = #"^importpandasaspdfromsklearn\.metricsimportroc_auc_scorefrommlebench\.competitions\.utilsimportprepare_for_auroc_metricdefgrade\(submission:pd\.DataFrame,answers:pd\.DataFrame\)->float:roc_auc_inputs=prepare_for_auroc_metric\(submission=submission,answers=answers,id_col="([^"]+)",target_col="([^"]+)",?\)returnroc_auc_score\(y_true=roc_auc_inputs\["y_true"\],y_score=roc_auc_inputs\["y_score"\]\)$"#

    /// The mapping for an MLE-bench grade.py, or nil when it is anything else.
    public static func mleBench(gradeSource: String) -> NativeMetricMapping? {
        let compact = String(gradeSource.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
        if let groups = match(accuracy, compact) { return NativeMetricMapping(metric: "accuracy", idColumn: groups[1], targetColumn: groups[0]) }
        if let groups = match(auroc, compact) { return NativeMetricMapping(metric: "roc_auc", idColumn: groups[0], targetColumn: groups[1]) }
        return nil
    }

    private static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<found.numberOfRanges).compactMap { Range(found.range(at: $0), in: text).map { String(text[$0]) } }
    }
}
