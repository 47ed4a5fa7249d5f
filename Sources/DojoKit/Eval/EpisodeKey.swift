import Foundation

/// One episode of an evaluation: which agent, on which task, with which seed. Its folder in the run
/// directory is `episodes/<agent>/<task>/seed-<seed>/`.
public struct EpisodeKey: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var agent: String
    public var task: String
    public var seed: Int

    public init(agent: String, task: String, seed: Int) {
        self.agent = agent
        self.task = task
        self.seed = seed
    }

    /// The folder below the run directory, `episodes/AGENT/TASK/seed-N`.
    public var relativePath: String { "episodes/\(agent)/\(task)/seed-\(seed)" }

    /// `agent/task/seed-N`, as in progress lines.
    public var description: String { "\(agent)/\(task)/seed-\(seed)" }

    /// Ordered by agent, then task, then seed.
    public static func < (a: EpisodeKey, b: EpisodeKey) -> Bool {
        (a.agent, a.task, a.seed) < (b.agent, b.task, b.seed)
    }

    /// Agent names become folder names: letters, digits, `.`, `_` and `-`, not starting with `.`.
    public static func validName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
        }
    }
}
