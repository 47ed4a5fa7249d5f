import Foundation

/// Where data profiles are kept: one JSON file per task, prepared-data digest and seed under the cache
/// (`$XDG_CACHE_HOME/dojo/data-profiles/`), so the explorer's second open — in this session or the
/// next — reads the profile instead of the data. New data has a new digest, so a new profile.
public struct DataProfileCache: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public init(paths: DojoPaths) { root = Self.root(paths) }

    public static func root(_ paths: DojoPaths) -> URL { paths.cacheDirectory.appendingPathComponent("data-profiles") }

    public func file(for source: DataProfile.Source) -> URL {
        root.appendingPathComponent(PreparationCache.directoryName(taskID: source.taskID, seed: source.seed, digest: source.digest) + ".json")
    }

    /// The cached profile, when there is one of this version for this data.
    public func load(_ source: DataProfile.Source) -> DataProfile? {
        guard let data = try? Data(contentsOf: file(for: source)),
              let profile = try? JSONDecoder().decode(DataProfile.self, from: data),
              profile.version == DataProfile.version, profile.digest == source.digest else { return nil }
        return profile
    }

    /// Keeps a profile; a cache that cannot be written only costs the next open its speed.
    public func store(_ profile: DataProfile, for source: DataProfile.Source) throws(DojoError) {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try JSONEncoder().encode(profile).write(to: file(for: source), options: .atomic)
        } catch {
            throw DojoError(.io, "cannot write the data profile: \(error.localizedDescription)", at: file(for: source).path,
                            hint: "check that the cache folder is writable (XDG_CACHE_HOME)")
        }
    }

    /// The cached profile, else one made now and kept; `fromCache` says which.
    public func profile(_ source: DataProfile.Source) -> (profile: DataProfile, fromCache: Bool) {
        if let cached = load(source) { return (cached, true) }
        let made = DataProfiler.profile(source)
        try? store(made, for: source)
        return (made, false)
    }

    /// The public data of a task prepared for `seed`, when it is in the preparation cache (watch and
    /// replay, which prepare nothing), its profile kept under `paths`' cache: the data of `recorded`
    /// (the trajectory's task digest: what the run saw) when it is still there, else the task's now.
    public static func source(task: TaskSpec, seed: Int, paths: DojoPaths, recorded: String? = nil) -> DataProfile.Source? {
        let digests = [recorded, try? PreparationCache.digest(of: task)].compactMap { $0 }
        for digest in digests {
            let directory = paths.preparedDirectory.appendingPathComponent(PreparationCache.directoryName(taskID: task.id, seed: seed, digest: digest))
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("manifest.json").path) else { continue }
            return DataProfile.Source(taskID: task.id, digest: digest, seed: seed, publicDirectory: directory.appendingPathComponent("public"),
                                      cacheRoot: root(paths))
        }
        return nil
    }

    /// The public data of a prepared task (play), its profile kept under `paths`' cache.
    public static func source(prepared: PreparedTask, paths: DojoPaths) -> DataProfile.Source {
        DataProfile.Source(taskID: prepared.taskId, digest: prepared.digest, seed: prepared.seed,
                           publicDirectory: prepared.publicDirectory, cacheRoot: root(paths))
    }
}
