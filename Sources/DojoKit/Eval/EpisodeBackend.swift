import Foundation

/// Runs episodes for `dojo eval`: the local machine (`LocalEpisodeBackend` in the command line) or a
/// Ray cluster. The runner does the scheduling, resume and status files; a backend only executes.
public protocol EpisodeBackend: Sendable {
    /// `local`, `ray`: recorded in the manifest and each status.
    var kind: String { get }

    /// At most this many episodes at once, whatever `--parallel` says (nil: no limit of its own).
    var capacity: Int? { get }

    /// Runs one episode, so that its trajectory and agent log end up at `files.trajectory` and
    /// `files.agentLog` (a remote backend ships them back there, ideally as they grow). Calls `started`
    /// once the episode is running with the host and the pid of the `dojo run` doing it (nil when remote).
    ///
    /// When the calling task is cancelled the backend stops the episode — every agent and sandbox of it
    /// gone — and returns with `interrupted` set. Throws only when it could not run the episode at all.
    func run(_ spec: EpisodeSpec, files: EpisodeFiles,
             started: @escaping @Sendable (_ host: String, _ pid: Int32?) -> Void) async throws -> EpisodeOutcome
}

extension EpisodeBackend {
    public var capacity: Int? { nil }
}
