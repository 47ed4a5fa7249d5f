import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs an evaluation's episodes on a backend, `parallel` at a time, keeping each episode's
/// `status.json` current: what is done or failed is left alone, what is missing runs, what was running
/// or interrupted is moved aside (`interrupted-N/`) and runs again from scratch. The caller holds the
/// run directory's lock, so a `running` status found here belongs to a runner that is gone.
public struct EvalRunner: Sendable {
    /// What the runner reports as it goes (the `--no-tui` lines, the dashboard).
    public enum Event: Sendable {
        /// The plan: every episode of the request, and those that will run now.
        case planned(all: [EpisodeKey], toRun: [EpisodeKey])
        /// An earlier attempt was moved aside before re-running the episode.
        case movedAside(EpisodeKey, URL)
        case started(EpisodeStatus)
        case finished(EpisodeStatus)
    }

    public let directory: RunDirectory
    public let request: EvalManifest.Request
    public let backend: any EpisodeBackend
    public let parallel: Int
    public let resources: EpisodeSpec.Resources
    public let now: @Sendable () -> Date
    /// How often a running episode's trajectory is looked at for new steps (each new step rewrites its status).
    public let followEvery: Duration
    public let events: @Sendable (Event) -> Void

    public init(directory: RunDirectory, request: EvalManifest.Request, backend: any EpisodeBackend, parallel: Int,
                resources: EpisodeSpec.Resources, now: @escaping @Sendable () -> Date = { Date() },
                followEvery: Duration = .milliseconds(200), events: @escaping @Sendable (Event) -> Void) {
        self.followEvery = followEvery
        self.directory = directory
        self.request = request
        self.backend = backend
        self.parallel = max(1, min(parallel, backend.capacity ?? Int.max))
        self.resources = resources
        self.now = now
        self.events = events
    }

    /// The episodes that still have to run, with their attempt numbers; stale ones are moved aside
    /// (and a `dojo run` a killed runner left is stopped first).
    public func plan() throws(DojoError) -> [(key: EpisodeKey, attempt: Int)] {
        var result: [(key: EpisodeKey, attempt: Int)] = []
        for key in request.episodes {
            let status = try directory.readStatus(key)
            if let status, status.state.isFinal { continue }
            if let status, status.state == .running, let pid = status.pid {
                Self.stopOrphan(pid: pid, trajectory: directory.files(for: key).trajectory)
            }
            if let aside = try directory.moveAside(key) { events(.movedAside(key, aside)) }
            result.append((key, directory.interruptedAttempts(key).count + 1))
        }
        return result
    }

    /// Runs every episode still to run; returns the final statuses of those it ran. Cancelling the
    /// calling task stops the running episodes (their status becomes `interrupted`) and starts no more.
    public func run() async throws(DojoError) -> [EpisodeStatus] {
        let todo = try plan()
        events(.planned(all: request.episodes, toRun: todo.map(\.key)))
        var finished: [EpisodeStatus] = []
        await withTaskGroup(of: EpisodeStatus?.self) { group in
            var next = todo.makeIterator()
            var running = 0
            func startNext() -> Bool {
                guard !Task.isCancelled, let item = next.next() else { return false }
                group.addTask { await self.runEpisode(item.key, attempt: item.attempt) }
                running += 1
                return true
            }
            while running < parallel, startNext() {}
            while running > 0, let status = await group.next() {
                running -= 1
                if let status { finished.append(status) }
                _ = startNext()
            }
        }
        return finished
    }

    /// One episode: `running` written before it starts, rewritten after every step while it runs
    /// (steps, best score, position, medal, last action, time: `followEvery`), then the final state
    /// from the backend's outcome and the trajectory.
    func runEpisode(_ key: EpisodeKey, attempt: Int) async -> EpisodeStatus? {
        let files = directory.files(for: key)
        guard let command = request.command(of: key.agent) else { return nil }
        let spec = EpisodeSpec(key: key, agentCommand: command, options: request.options, attempt: attempt, resources: resources)
        let start = now()
        var status = EpisodeStatus(state: .running, key: key, attempt: attempt, startedAt: Self.stamp(start),
                                   runner: ProcessIdentity.current.description, backend: backend.kind)
        do { try directory.writeStatus(status) } catch {
            status.state = .failed
            status.reason = error.message
            events(.finished(status))
            return status
        }
        // The running record, shared by the backend's `started` and the trajectory follower; written under the lock,
        // so the status file only ever goes forward.
        let live = LiveStatus(status: status, directory: directory)
        let events = self.events
        let follower = Task { [now, followEvery] in
            var progress = EpisodeProgressFollower(url: files.trajectory)
            while !Task.isCancelled {
                if progress.poll() { live.update { $0.apply(progress.progress); $0.touch(now(), since: start) } }
                try? await Task.sleep(for: followEvery)
            }
            return progress
        }
        let outcome: EpisodeOutcome
        do {
            outcome = try await backend.run(spec, files: files) { host, pid in
                let running = live.update {
                    $0.host = host
                    $0.pid = pid
                }
                events(.started(running))
            }
        } catch {
            outcome = EpisodeOutcome(exitCode: nil, interrupted: false, message: (error as? DojoError)?.message ?? "\(error)")
        }
        follower.cancel()
        var progress = await follower.value
        _ = progress.poll()
        let end = now()
        status = live.current
        status.endedAt = Self.stamp(end)
        status.seconds = end.timeIntervalSince(start)
        status.exitCode = outcome.exitCode
        if let host = outcome.host { status.host = host }
        status.apply(progress.progress)
        status.state = Self.state(outcome: outcome, ended: progress.ended)
        switch status.state {
        case .interrupted:
            status.reason = outcome.interrupted ? "interrupted: the evaluation was stopped"
                : "interrupted: dojo run was killed by \(outcome.signal.map { "signal \($0)" } ?? "exit code \(outcome.exitCode ?? -1)")"
        case .failed:
            if !progress.ended { status.reason = outcome.message ?? "dojo run exited with code \(outcome.exitCode ?? -1)" }
        default: break
        }
        live.finish(status)
        events(.finished(status))
        return status
    }

    /// done: `dojo run` exited 0 and the trajectory has its end; interrupted: stopped by us, or killed
    /// (a signal, or 128 + signal after a clean stop); failed: anything else (Dojo could not run it).
    static func state(outcome: EpisodeOutcome, ended: Bool) -> EpisodeStatus.State {
        if outcome.interrupted || outcome.signal != nil { return .interrupted }
        if let code = outcome.exitCode, code >= 128 { return .interrupted }
        if outcome.exitCode == 0 && ended { return .done }
        return .failed
    }

    /// A `dojo run` a killed runner left behind (found by its pid and the trajectory path on its command
    /// line): stopped politely, then for sure.
    static func stopOrphan(pid: Int32, trajectory: URL) {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
              String(decoding: data, as: UTF8.self).split(separator: "\0").contains(Substring(trajectory.path)) else { return }
        kill(pid, SIGTERM)
        for _ in 0..<200 {
            if kill(pid, 0) != 0 { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
    }

    public static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
