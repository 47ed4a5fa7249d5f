/// A task's data size class, from the number of rows of train + test: what `dojo tasks --size` filters on.
/// small: under 10,000 rows; medium: 10,000 to 99,999; large: 100,000 or more.
public enum TaskSize: String, Sendable, Codable, CaseIterable, Equatable {
    case small
    case medium
    case large

    public static let mediumFrom = 10_000
    public static let largeFrom = 100_000

    public init(rows: Int) {
        self = rows >= Self.largeFrom ? .large : rows >= Self.mediumFrom ? .medium : .small
    }
}
