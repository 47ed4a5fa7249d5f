/// One piece of the status bar: its text, its theme scope, and how important it is (0 stays longest;
/// on a narrow screen the highest numbers go first).
public struct StatusSegment: Sendable, Equatable {
    public var text: String
    public var scope: String
    public var priority: Int

    public init(_ text: String, _ scope: String = "ui.statusline", priority: Int) {
        self.text = text
        self.scope = scope
        self.priority = priority
    }
}
