/// Every failure Dojo reports to a person: what was wrong, where, and what to do about it.
public struct DojoError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case taskFormat = "task_format"
        case taskNotFound = "task_not_found"
        case preparation
        case python
        case process
        case trajectory
        case csv
        case usage
        case io
        case episode
        case sandbox
        case grading
        /// Importing, downloading or preparing a competition of MLE-bench or MLE-Dojo.
        case competition
        /// A Ray cluster (`dojo eval --ray`): its environment, the connection, a lost node.
        case cluster
    }

    public let kind: Kind
    public let message: String
    /// A file, a file and key, or a line: where the problem is.
    public let location: String?
    /// What to do about it.
    public let hint: String?

    public init(_ kind: Kind, _ message: String, at location: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.hint = hint
    }

    public var description: String {
        var text = location.map { "\($0): \(message)" } ?? message
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
