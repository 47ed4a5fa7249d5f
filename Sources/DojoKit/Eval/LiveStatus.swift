import Foundation
import Synchronization

/// The `status.json` of a running episode as the runner keeps it: one record that the backend's
/// `started` callback (host, pid) and the trajectory follower (steps, best, …) both change, each change
/// written at once (atomically, by rename) under one lock, so writes never cross and never go back.
/// After `finish` (the final state written), later changes are ignored.
final class LiveStatus: Sendable {
    private let state: Mutex<(status: EpisodeStatus, finished: Bool)>
    private let directory: RunDirectory

    init(status: EpisodeStatus, directory: RunDirectory) {
        state = Mutex((status, false))
        self.directory = directory
    }

    var current: EpisodeStatus { state.withLock { $0.status } }

    /// Changes the record and writes it; returns it as written.
    @discardableResult
    func update(_ change: (inout EpisodeStatus) -> Void) -> EpisodeStatus {
        state.withLock { record in
            guard !record.finished else { return record.status }
            change(&record.status)
            try? directory.writeStatus(record.status)
            return record.status
        }
    }

    /// Writes the final record; nothing is written after it.
    func finish(_ status: EpisodeStatus) {
        state.withLock { record in
            record.status = status
            record.finished = true
            try? directory.writeStatus(status)
        }
    }
}

extension EpisodeStatus {
    /// Marks the status as rewritten at `date` for a running episode started at `start`.
    mutating func touch(_ date: Date, since start: Date) {
        updatedAt = EvalRunner.stamp(date)
        seconds = date.timeIntervalSince(start)
    }
}
