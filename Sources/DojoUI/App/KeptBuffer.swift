/// A buffer set aside whole — text, file, cursor, undo history — so the editor can show another
/// without losing it (co-pilot: the person's unsaved edits when an agent's proposal is shown).
public struct KeptBuffer: Sendable {
    public var editor: EditorState
    /// What the Editor's title calls it when it has no file.
    public var name: String

    public init(editor: EditorState, name: String) {
        self.editor = editor
        self.name = name
    }

    /// The title's name: the file's, else the buffer's.
    public var title: String {
        editor.path.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? name
    }
}
