import Foundation

/// Reads an evaluation's progress from its run directory by polling: the manifest (what is asked) and
/// each episode's `status.json` (small; rewritten atomically by the runner after every step, with the
/// steps, best score, position, medal and last action so far). Only a running episode whose status
/// has no per-step fields (`updated_at`: written by an older `dojo eval`) is read from its growing
/// trajectory instead, from where the last reading stopped.
public final class EvalProgressReader {
    public let directory: RunDirectory
    private let host: String
    private var digests: [String: TrajectoryDigest] = [:]
    private var manifest: EvalManifest?

    public init(directory: RunDirectory, host: String = ProcessInfo.processInfo.hostName) {
        self.directory = directory
        self.host = host
    }

    /// The progress now (`now` is the wall clock, for the time of running episodes).
    public func read(now: Date = Date()) -> EvalProgress {
        var problem: String?
        do {
            // The request does not change during a run (a resume with another is refused): read it until it is there.
            if manifest == nil { manifest = try directory.readManifest() }
            if manifest == nil { problem = "no manifest.json yet" }
        } catch {
            problem = error.message
        }
        let statuses = Dictionary(directory.statuses().map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var keys = manifest?.request.episodes ?? []
        let planned = Set(keys)
        keys += statuses.keys.filter { !planned.contains($0) }.sorted()
        let episodes = keys.map { key in episode(key, status: statuses[key], now: now) }
        return EvalProgress(runDirectory: directory.root, episodes: episodes, parallel: manifest?.backend.parallel ?? 1, problem: problem)
    }

    func episode(_ key: EpisodeKey, status: EpisodeStatus?, now: Date) -> EvalProgress.Episode {
        let trajectory = directory.files(for: key).trajectory
        guard let status else { return EvalProgress.Episode(key: key, state: .pending, trajectory: trajectory) }
        var episode = EvalProgress.Episode(
            key: key, state: status.state, attempt: status.attempt, steps: status.steps, bestScore: status.bestScore,
            humanRank: status.humanRank, position: status.position, boardSize: status.boardSize,
            medal: status.medal.flatMap(Medal.init(rawValue:)), seconds: status.state == .running ? nil : status.seconds,
            reason: status.reason, trajectory: trajectory)
        episode.higherIsBetter = status.higherIsBetter
        episode.lastAction = status.lastAction
        let started = status.startedAt.flatMap(Self.date)
        if episode.seconds == nil, let started {
            episode.seconds = max(0, (status.endedAt.flatMap(Self.date) ?? now).timeIntervalSince(started))
        }
        if status.state == .running {
            if status.host == nil || status.host == host, let runner = status.runner.flatMap({ ProcessIdentity($0) }), !runner.isAlive {
                episode.orphaned = true
                episode.seconds = nil
            }
            // A status without per-step fields: the trajectory says how far it got (a file of an earlier
            // attempt, replaced, is read again from its start).
            let path = trajectory.path
            if status.updatedAt == nil, let digest = try? TrajectoryDigest.read(trajectory, previous: digests[path]) {
                digests[path] = digest
                episode.steps = max(episode.steps, digest.steps)
                if let best = digest.best {
                    episode.bestScore = best.rawScore
                    episode.humanRank = best.rankScore
                    episode.medal = best.medal
                    episode.higherIsBetter = best.higherIsBetter
                }
            }
        } else {
            digests[trajectory.path] = nil
        }
        return episode
    }

    /// An ISO 8601 time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
