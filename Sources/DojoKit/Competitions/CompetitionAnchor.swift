/// The two benchmarks whose competition folders Dojo imports (docs/competitions.md).
public enum CompetitionAnchor: String, Sendable, Codable, CaseIterable, Equatable {
    case mleBench = "mle-bench"
    case mleDojo = "mle-dojo"

    public var displayName: String { self == .mleBench ? "MLE-bench" : "MLE-Dojo" }
    /// The Python package folder of its clone.
    public var package: String { self == .mleBench ? "mlebench" : "mledojo" }
    /// `[leaderboard] ranking` of an imported task: the anchor's rounding and ranking convention.
    public var ranking: String { rawValue }
}
