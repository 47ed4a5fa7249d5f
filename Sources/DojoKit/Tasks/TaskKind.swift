/// The kinds of ML work a task can be (`category` in task.toml): what `dojo tasks --kind` filters on
/// and what the `lite` suite takes one of each.
public enum TaskKind: String, Sendable, Codable, CaseIterable, Equatable, Comparable {
    case tabularClassification = "tabular-classification"
    case tabularRegression = "tabular-regression"
    case timeSeries = "time-series"
    case text
    case image
    case count
    case survival
    case multiLabel = "multi-label"
    case ranking
    case geospatial

    public static func < (lhs: TaskKind, rhs: TaskKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// Every kind as task.toml spells it, for error messages and help.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
