import Foundation

/// The two fields of an evaluation episode's `status.json` a list of runs needs (its state and
/// why), read leniently: a status file that does not decode is as good as none.
public struct EpisodeStatusPeek: Sendable, Equatable, Decodable {
    /// `running`, `done`, `failed` or `interrupted`.
    public var state: String
    public var reason: String?

    public init(state: String, reason: String? = nil) {
        self.state = state
        self.reason = reason
    }

    /// The `status.json` in `folder`, nil when there is none or it does not decode.
    public static func read(in folder: URL) -> EpisodeStatusPeek? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("status.json")) else { return nil }
        return try? JSONDecoder().decode(EpisodeStatusPeek.self, from: data)
    }
}
