/// A view drawn over the panes in every mode that has them (play, co-pilot, fork, watch, replay),
/// taking the keys while it is open: the leaderboard or the data explorer.
public enum Overlay: Sendable, Equatable {
    case leaderboard
    case data
}
