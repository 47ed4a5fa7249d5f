/// The terminal could not be set up.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}
