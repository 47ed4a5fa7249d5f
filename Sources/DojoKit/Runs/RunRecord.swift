import Foundation

/// One trajectory in a list of runs: where it is, its digest, how it ended, and the files deleting it removes.
public struct RunRecord: Sendable, Equatable {
    public var url: URL
    public var digest: TrajectoryDigest
    public var outcome: RunOutcome
    /// The evaluation run directory it belongs to (the folder above it with a `manifest.json`), nil otherwise.
    public var runDirectory: URL?
    /// The trajectory and the files that belong to it: its notes, its logs, and in an evaluation
    /// episode's folder the agent's log and the status file.
    public var files: [URL]

    public init(url: URL, digest: TrajectoryDigest, outcome: RunOutcome, runDirectory: URL?, files: [URL]) {
        self.url = url
        self.digest = digest
        self.outcome = outcome
        self.runDirectory = runDirectory
        self.files = files
    }
}
