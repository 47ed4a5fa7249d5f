import Foundation

/// An evaluation as its run directory shows it right now: one row per episode the manifest asks
/// for (and any other episode folder with a status), each with its state, steps, best score, board
/// position, medal and time. Read by the live dashboard, in `dojo eval` itself or from another terminal.
public struct EvalProgress: Sendable, Equatable {
    public struct Episode: Sendable, Equatable {
        public var key: EpisodeKey
        /// `pending` when the episode has no status yet.
        public var state: EpisodeStatus.State
        /// The status says running, but the `dojo eval` that ran it on this machine is gone (killed):
        /// a resume runs it again.
        public var orphaned: Bool
        public var attempt: Int
        public var steps: Int
        public var bestScore: Double?
        public var higherIsBetter: Bool?
        /// The position score on the board (HumanRank on human boards).
        public var humanRank: Double?
        public var position: Int?
        public var boardSize: Int?
        public var medal: Medal?
        /// Seconds from start to end, or to the reading for a running episode; nil when not started.
        public var seconds: Double?
        public var reason: String?
        /// The last step's action, when the status says it.
        public var lastAction: String?
        /// The episode's trajectory (it may not exist yet).
        public var trajectory: URL

        public init(key: EpisodeKey, state: EpisodeStatus.State, orphaned: Bool = false, attempt: Int = 1, steps: Int = 0,
                    bestScore: Double? = nil, higherIsBetter: Bool? = nil, humanRank: Double? = nil, position: Int? = nil,
                    boardSize: Int? = nil, medal: Medal? = nil, seconds: Double? = nil, reason: String? = nil, trajectory: URL) {
            self.key = key
            self.state = state
            self.orphaned = orphaned
            self.attempt = attempt
            self.steps = steps
            self.bestScore = bestScore
            self.higherIsBetter = higherIsBetter
            self.humanRank = humanRank
            self.position = position
            self.boardSize = boardSize
            self.medal = medal
            self.seconds = seconds
            self.reason = reason
            self.trajectory = trajectory
        }
    }

    public var runDirectory: URL
    public var episodes: [Episode]
    /// Episodes at a time, as the manifest's backend says (1 when there is no manifest).
    public var parallel: Int
    /// Why the manifest could not be read, nil when it was.
    public var problem: String?

    public init(runDirectory: URL, episodes: [Episode], parallel: Int, problem: String? = nil) {
        self.runDirectory = runDirectory
        self.episodes = episodes
        self.parallel = parallel
        self.problem = problem
    }

    public func count(_ state: EpisodeStatus.State) -> Int { episodes.filter { $0.state == state }.count }

    /// Nothing is pending or running (an orphaned `running` counts as stopped).
    public var isFinished: Bool { !episodes.contains { $0.state == .pending || ($0.state == .running && !$0.orphaned) } }

    /// Seconds until every episode is done, estimated from the finished ones: the mean time of a done
    /// episode, for each pending one and for what is left of each running one, shared over `parallel`
    /// slots. Nil until an episode is done (or when nothing is left).
    public var etaSeconds: Double? {
        let finished = episodes.filter { $0.state == .done }.compactMap(\.seconds)
        guard !finished.isEmpty, !isFinished else { return nil }
        let mean = finished.reduce(0, +) / Double(finished.count)
        let pending = Double(count(.pending)) * mean
        let running = episodes.filter { $0.state == .running && !$0.orphaned }.map { max(0, mean - ($0.seconds ?? 0)) }.reduce(0, +)
        return (pending + running) / Double(max(1, parallel))
    }
}
