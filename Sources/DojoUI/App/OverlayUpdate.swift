/// The keys while an overlay is open: the overlay's own (scrolling, choosing), and Esc, `q`, the
/// key that opened it or the quit key close it. Nothing reaches the panes underneath.
enum OverlayUpdate {
    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch state.overlay {
        case .leaderboard: return LeaderboardUpdate.handle(key, &state)
        case .data: return DataExplorerUpdate.handle(key, &state)
        case nil: return []
        }
    }

    /// Whether the key closes an overlay opened by `opener`.
    static func closes(_ key: Key, _ command: Command?, opener: Command) -> Bool {
        command == opener || command == .quit || key.base == .escape || key.typedCharacter == "q"
    }
}
