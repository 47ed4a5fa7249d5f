import Foundation

/// Every trajectory Dojo knows: the trajectories folder (`dojo play` and `dojo run` write there),
/// the evaluation run directories under the state folder (`evals/`), and any folders named on the
/// command line, each searched for `*.dojo.jsonl` files (sub-folders included). Reading costs a
/// digest per file (`RunIndexCache`: only what changed since the last listing is read).
public enum RunCatalog {
    /// What a listing found: the runs (newest first) and the files it could not read.
    public struct Listing: Sendable, Equatable {
        public var runs: [RunRecord]
        /// `path: why`, one per file that is not a readable trajectory (skipped).
        public var problems: [String]

        public init(runs: [RunRecord], problems: [String]) {
            self.runs = runs
            self.problems = problems
        }
    }

    /// Where `dojo eval` keeps run directories when no `--out` is given: `STATE/evals`.
    public static func evalRunsDirectory(stateDirectory: URL) -> URL {
        stateDirectory.appendingPathComponent("evals")
    }

    /// The folders a listing searches by default: the trajectories folder and the evaluations folder.
    public static func defaultFolders(_ paths: DojoPaths) -> [URL] {
        [paths.trajectoriesDirectory, evalRunsDirectory(stateDirectory: paths.stateDirectory)]
    }

    /// Lists every trajectory in `folders` (a missing folder is empty; a file is taken as itself),
    /// each once, newest first, and drops the cache's digests of files no longer there.
    public static func list(_ folders: [URL], cache: inout RunIndexCache) -> Listing {
        var seen = Set<String>()
        var runs: [RunRecord] = []
        var problems: [String] = []
        for url in folders.flatMap(trajectories(in:)) {
            let path = url.standardizedFileURL.path
            guard seen.insert(path).inserted else { continue }
            do {
                let digest = try cache.digest(url)
                runs.append(record(url, digest: digest))
            } catch {
                problems.append("\(path): \(error.message)")
            }
        }
        cache.keep(seen)
        runs.sort { ($0.digest.header.startedAt, $0.url.path) > ($1.digest.header.startedAt, $1.url.path) }
        return Listing(runs: runs, problems: problems)
    }

    /// The `*.dojo.jsonl` files in a folder and its sub-folders (hidden ones skipped), sorted by path.
    public static func trajectories(in folder: URL) -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [folder.standardizedFileURL] }
        var found: [URL] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                    options: [.skipsHiddenFiles, .skipsPackageDescendants])
        while let url = walker?.nextObject() as? URL {
            guard url.lastPathComponent.hasSuffix(TrajectoryNaming.suffix) else { continue }
            found.append(url.standardizedFileURL)
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The record of a trajectory whose digest is read: its outcome and its files.
    public static func record(_ url: URL, digest: TrajectoryDigest) -> RunRecord {
        let folder = url.deletingLastPathComponent()
        let keptAside = folder.lastPathComponent.hasPrefix("interrupted-")
        let status = keptAside ? nil : EpisodeStatusPeek.read(in: folder)
        return RunRecord(url: url, digest: digest,
                         outcome: RunOutcome.of(endReason: digest.endReason, status: status, keptAside: keptAside),
                         runDirectory: runDirectory(above: url), files: files(of: url))
    }

    /// The nearest folder above `url` holding a `manifest.json` (an evaluation run directory), nil when none.
    public static func runDirectory(above url: URL) -> URL? {
        var folder = url.deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.json").path) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }

    /// The trajectory and those of its companions that exist: `STEM.dojo-notes.jsonl`, `STEM.agent.log`,
    /// `STEM.dojo.log`; in an evaluation episode's folder (one with a `status.json`), also `agent.log`
    /// and `status.json`.
    public static func files(of url: URL) -> [URL] {
        var files = [url]
        var candidates = [".dojo-notes.jsonl", ".agent.log", ".dojo.log"].map { TrajectoryNaming.sibling(of: url, ending: $0) }
        let folder = url.deletingLastPathComponent()
        let status = folder.appendingPathComponent("status.json")
        if FileManager.default.fileExists(atPath: status.path) || folder.lastPathComponent.hasPrefix("interrupted-") {
            candidates += [folder.appendingPathComponent("agent.log"), status]
        }
        for candidate in candidates where !files.contains(candidate) && FileManager.default.fileExists(atPath: candidate.path) {
            files.append(candidate)
        }
        return files
    }

    /// Deletes a run's files (`files(of:)` as they are now); an episode folder of a run directory left
    /// empty (`seed-N`, `interrupted-N`) goes too. Returns what was deleted.
    public static func delete(_ url: URL) throws(DojoError) -> [URL] {
        var deleted: [URL] = []
        for file in files(of: url) {
            do {
                try FileManager.default.removeItem(at: file)
                deleted.append(file)
            } catch {
                throw DojoError(.io, "cannot delete \(file.lastPathComponent): \(error.localizedDescription)", at: file.path,
                                hint: deleted.isEmpty ? "check the folder's permissions" : "deleted before it: "
                                    + deleted.map(\.lastPathComponent).joined(separator: ", "))
            }
        }
        let folder = url.deletingLastPathComponent()
        let name = folder.lastPathComponent
        if name.hasPrefix("seed-") || name.hasPrefix("interrupted-"),
           (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
        }
        return deleted
    }
}
