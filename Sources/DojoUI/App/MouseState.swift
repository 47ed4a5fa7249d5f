/// Whether the workbench takes the mouse (config `[mouse] enabled`, the `toggle_mouse` key): when it
/// does not, the terminal's own selection works as in any program. And a drag in the editor in progress.
public struct MouseState: Sendable, Equatable {
    public var enabled: Bool
    /// A left-button press in the editor's text started a selection that drags extend.
    public var selecting = false

    public init(enabled: Bool = true) { self.enabled = enabled }
}
