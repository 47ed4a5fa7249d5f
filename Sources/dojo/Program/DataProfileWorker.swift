import DojoKit
import DojoUI
import Foundation
import Synchronization

/// Carries out `Effect.profileData` for every mode with panes: on its own thread it reads the task's
/// data profile from the cache or makes it (`DataProfileCache`, Dojo's CSV loader over the public
/// files), and posts the answer for the `Program`'s next turn, so the screen never waits on it.
final class DataProfileWorker: Sendable {
    private let inbox = Mutex<[AppEvent]>([])
    private let busy = Mutex(false)

    func start(_ source: DataProfile.Source) {
        let already = busy.withLock { running in
            defer { running = true }
            return running
        }
        guard !already else { return }
        let thread = Thread { [self] in
            let clock = ContinuousClock()
            let started = clock.now
            let answer: DataExplorerState.Answer
            if !FileManager.default.fileExists(atPath: source.publicDirectory.path) {
                answer = .init(profile: nil, problem: "the prepared data is gone: \(source.publicDirectory.path) (dojo prepare \(source.taskID) makes it again)",
                               fromCache: false, seconds: 0)
            } else if let root = source.cacheRoot {
                let (profile, fromCache) = DataProfileCache(root: root).profile(source)
                answer = .init(profile: profile, problem: nil, fromCache: fromCache, seconds: Self.seconds(clock.now - started))
            } else {
                let profile = DataProfiler.profile(source)
                answer = .init(profile: profile, problem: nil, fromCache: false, seconds: Self.seconds(clock.now - started))
            }
            inbox.withLock { $0.append(.dataProfile(answer)) }
            busy.withLock { $0 = false }
        }
        thread.name = "dojo data profile"
        thread.start()
    }

    func drain() -> [AppEvent] { inbox.withLock { events in defer { events = [] }; return events } }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
