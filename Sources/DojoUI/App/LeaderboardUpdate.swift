/// The leaderboard overlay's behaviour: opening it (scrolled to your best), scrolling, closing.
enum LeaderboardUpdate {
    /// Your scores to place on the boards: the best and the last graded step (in replay, the step in
    /// view instead of the last), one row when they are the same step.
    static func yours(_ state: AppState) -> [LeaderboardView.Yours] {
        let inReplay = state.mode.replay != nil
        let last = inReplay ? state.scores.points.first { $0.step == state.scores.cursorStep } : state.scores.points.last
        var result: [LeaderboardView.Yours] = []
        if let best = state.best {
            let label = last?.step == best.step ? (inReplay ? "best, in view" : "best and last") : "best"
            result.append(.init(label: label, rawScore: best.rawScore, step: best.step))
        }
        if let last, last.step != state.best?.step {
            result.append(.init(label: inReplay ? "step in view" : "last", rawScore: last.rawScore, step: last.step))
        }
        return result
    }

    static func lines(_ state: AppState) -> (lines: [StyledLine], anchor: Int?) {
        LeaderboardView.lines(boards: state.leaderboard.boards, yours: yours(state), width: LeaderboardView.innerWidth(screenWidth: state.width))
    }

    static func open(_ state: inout AppState) -> [Effect] {
        state.overlay = .leaderboard
        scrollToYours(&state)
        return []
    }

    static func scrollToYours(_ state: inout AppState) {
        let page = LeaderboardView.innerHeight(screenHeight: state.height)
        let anchor = lines(state).anchor
        state.leaderboard.scroll = anchor.map { max(0, $0 - page / 2) } ?? 0
        scroll(by: 0, &state)
    }

    static func scroll(by delta: Int, _ state: inout AppState) {
        let page = LeaderboardView.innerHeight(screenHeight: state.height)
        let count = lines(state).lines.count
        state.leaderboard.scroll = max(0, min(max(0, count - page), state.leaderboard.scroll + delta))
    }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        let command = state.keyMap.command(for: key, contexts: [.pane, .global])
        if OverlayUpdate.closes(key, command, opener: .showLeaderboard) {
            state.overlay = nil
            return []
        }
        let page = LeaderboardView.innerHeight(screenHeight: state.height)
        switch command {
        case .up: scroll(by: -1, &state)
        case .down: scroll(by: 1, &state)
        case .pageUp: scroll(by: -page, &state)
        case .pageDown: scroll(by: page, &state)
        case .fileStart: scroll(by: -Int.max / 2, &state)
        case .fileEnd: scroll(by: Int.max / 2, &state)
        default: if key.typedCharacter == "b" { scrollToYours(&state) }
        }
        return []
    }
}
