/// A mode's part of the status bar, built by the mode from its own state and the key map
/// (`WatchUpdate.status`, `ReplayUpdate.status`, …): what it says after the task id, its key hints
/// (full, and short for a crowded bar), and which of the episode's segments apply to it.
public struct ModeStatus: Sendable, Equatable {
    /// After the task id: the mode's name and its state (`watch · live · step 3 of 5`).
    public var segments: [StatusSegment]
    /// After the running step: work of the mode's own that is under way (a fork's rebuild).
    public var trailing: [StatusSegment] = []
    public var hints: String
    /// The hints when the essentials leave no room for the full ones.
    public var shortHints: String
    /// Read-only modes show no budget, time left or "episode over".
    public var readOnly = false
    /// The best score's priority (replay shows it in the step list and chart, so it gives way first).
    public var bestPriority = 3
    public var showsSandbox = true
    /// A prompt of the mode's own (replay's go-to, search, note, fork), shown in the bar's place.
    public var prompt: (label: String, text: String)?

    public init(segments: [StatusSegment], hints: String, shortHints: String) {
        self.segments = segments
        self.hints = hints
        self.shortHints = shortHints
    }

    public static func == (lhs: ModeStatus, rhs: ModeStatus) -> Bool {
        lhs.segments == rhs.segments && lhs.trailing == rhs.trailing && lhs.hints == rhs.hints && lhs.shortHints == rhs.shortHints
            && lhs.readOnly == rhs.readOnly && lhs.bestPriority == rhs.bestPriority && lhs.showsSandbox == rhs.showsSandbox
            && lhs.prompt?.label == rhs.prompt?.label && lhs.prompt?.text == rhs.prompt?.text
    }
}
