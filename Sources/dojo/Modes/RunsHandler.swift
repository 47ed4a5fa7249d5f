import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// The runs browser's side of the `Program`: deleting a run's files and listing the folders again.
/// Replaying is not done here: Enter ends the program with the choice, and `RunsCommand.browse`
/// opens the replay and comes back.
@MainActor
final class RunsHandler: EffectHandler {
    let folders: [URL]
    /// The digests read so far; the command saves them when the browser closes.
    private(set) var cache: RunIndexCache

    init(folders: [URL], cache: RunIndexCache) {
        self.folders = folders
        self.cache = cache
    }

    func perform(_ effect: Effect, state: AppState, terminal: Terminal) -> [AppEvent] {
        guard case .runs(let runsEffect) = effect else { return [] }
        switch runsEffect {
        case .delete(let path):
            do {
                let deleted = try RunCatalog.delete(URL(fileURLWithPath: path))
                cache.forget(URL(fileURLWithPath: path).standardizedFileURL.path)
                return [.runs(.deleted(path: path, files: deleted.map(\.lastPathComponent)))]
            } catch {
                return [.runs(.deleteFailed(path: path, message: error.message))]
            }
        case .refresh:
            let listing = Self.listing(folders, cache: &cache)
            return [.runs(.listed(listing.entries, problems: listing.problems))]
        }
    }

    /// The runs in `folders`, as the browser lists them.
    nonisolated static func listing(_ folders: [URL], cache: inout RunIndexCache) -> (entries: [RunsState.Entry], problems: [String]) {
        let listing = RunCatalog.list(folders, cache: &cache)
        return (listing.runs.map(RunsState.Entry.init), listing.problems)
    }
}
