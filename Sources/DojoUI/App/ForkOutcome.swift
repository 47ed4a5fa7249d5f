/// Where a fork from replay went: said in the message line and kept on top of the logs.
public struct ForkOutcome: Sendable, Equatable {
    /// The step forked from, as numbered in the source.
    public var step: Int
    public var clean: Bool
    /// The fork's trajectory.
    public var path: String
    /// Episodes after a reset in the fork's session, beside it (`NAME.2.dojo.jsonl`, …).
    public var laterEpisodes: Int
    /// `dojo play`'s exit status (non-zero: it failed after recording).
    public var status: Int32

    public init(step: Int, clean: Bool, path: String, laterEpisodes: Int = 0, status: Int32 = 0) {
        self.step = step
        self.clean = clean
        self.path = path
        self.laterEpisodes = laterEpisodes
        self.status = status
    }
}
