extension AppView {
    /// The overlay over the panes (above the status bar), each widget with its own data; under the help.
    static func overlay(_ state: AppState, _ buffer: inout ScreenBuffer) {
        guard let overlay = state.overlay, !state.showHelp else { return }
        let area = Rect(x: 0, y: 0, width: state.width, height: max(1, state.height - 1))
        switch overlay {
        case .leaderboard:
            LeaderboardView(boards: state.leaderboard.boards, yours: LeaderboardUpdate.yours(state), scroll: state.leaderboard.scroll,
                            closeKey: state.keyMap.hint(.showLeaderboard), theme: state.theme).draw(in: area, &buffer)
        case .data:
            DataExplorerView(data: state.data, closeKey: state.keyMap.hint(.showData), theme: state.theme).draw(in: area, &buffer)
        }
    }
}
