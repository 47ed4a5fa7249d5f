/// One line of a unified diff, exactly as `diff -u` prints it (`--- a`, `@@ -1,3 +1,4 @@`, ` ctx`, `+add`, `-del`).
public struct DiffLine: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case fileHeader, hunkHeader, context, added, removed }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    public init(_ kind: Kind, _ text: String) { self.init(kind: kind, text: text) }
}
