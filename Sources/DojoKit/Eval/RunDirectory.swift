import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An evaluation's run directory (docs/eval.md): `manifest.json`, one folder per episode under
/// `episodes/AGENT/TASK/seed-N/` (trajectory, agent log, `status.json`, earlier interrupted attempts),
/// and the reports. Every JSON file is written atomically (a temporary file renamed over it).
public struct RunDirectory: Sendable, Equatable {
    public let root: URL

    public init(_ root: URL) { self.root = root.standardizedFileURL }

    public var manifestURL: URL { root.appendingPathComponent("manifest.json") }
    public var lockURL: URL { root.appendingPathComponent(".lock") }
    public var episodesDirectory: URL { root.appendingPathComponent("episodes") }
    public var reportJSON: URL { root.appendingPathComponent("report.json") }
    public var reportCSV: URL { root.appendingPathComponent("report.csv") }
    public var reportMarkdown: URL { root.appendingPathComponent("report.md") }

    public func files(for key: EpisodeKey) -> EpisodeFiles {
        EpisodeFiles(directory: root.appendingPathComponent(key.relativePath))
    }

    /// Whether the folder holds a manifest.
    public var exists: Bool { FileManager.default.fileExists(atPath: manifestURL.path) }

    // MARK: - Manifest

    /// The manifest, or nil when there is none yet.
    public func readManifest() throws(DojoError) -> EvalManifest? {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else { return nil }
        return try Self.decode(EvalManifest.self, from: manifestURL, what: "the evaluation manifest")
    }

    public func writeManifest(_ manifest: EvalManifest) throws(DojoError) {
        try Self.writeJSON(manifest, to: manifestURL)
    }

    // MARK: - Episodes

    /// The episode's status, nil when it has none (never started).
    public func readStatus(_ key: EpisodeKey) throws(DojoError) -> EpisodeStatus? {
        let url = files(for: key).status
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Self.decode(EpisodeStatus.self, from: url, what: "an episode status")
    }

    public func writeStatus(_ status: EpisodeStatus) throws(DojoError) {
        let episode = files(for: status.key)
        try Self.makeDirectory(episode.directory)
        try Self.writeJSON(status, to: episode.status)
    }

    /// Every episode folder with a status, whatever the manifest asks (sorted by key).
    public func statuses() -> [EpisodeStatus] {
        let manager = FileManager.default
        var result: [EpisodeStatus] = []
        for agent in (try? manager.contentsOfDirectory(atPath: episodesDirectory.path)) ?? [] {
            let agentDir = episodesDirectory.appendingPathComponent(agent)
            for task in (try? manager.contentsOfDirectory(atPath: agentDir.path)) ?? [] {
                let taskDir = agentDir.appendingPathComponent(task)
                for seed in (try? manager.contentsOfDirectory(atPath: taskDir.path)) ?? [] where seed.hasPrefix("seed-") {
                    guard let number = Int(seed.dropFirst(5)),
                          let status = try? readStatus(EpisodeKey(agent: agent, task: task, seed: number)) else { continue }
                    result.append(status)
                }
            }
        }
        return result.sorted { $0.key < $1.key }
    }

    /// The earlier attempts of an episode kept aside, `interrupted-1`, `interrupted-2`, … in order.
    public func interruptedAttempts(_ key: EpisodeKey) -> [URL] {
        let directory = files(for: key).directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasPrefix("interrupted-"), let number = Int(name.dropFirst("interrupted-".count)) else { return nil }
            return (number, directory.appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Moves what an earlier attempt left (trajectory, logs, status) into `interrupted-N/` so the
    /// episode can start again from scratch; returns that folder, or nil when there was nothing to move.
    @discardableResult
    public func moveAside(_ key: EpisodeKey) throws(DojoError) -> URL? {
        let episode = files(for: key)
        let manager = FileManager.default
        let entries = ((try? manager.contentsOfDirectory(atPath: episode.directory.path)) ?? []).filter { !$0.hasPrefix("interrupted-") }
        guard !entries.isEmpty else { return nil }
        let next = (interruptedAttempts(key).last.flatMap { Int($0.lastPathComponent.dropFirst("interrupted-".count)) } ?? 0) + 1
        let aside = episode.directory.appendingPathComponent("interrupted-\(next)")
        try Self.makeDirectory(aside)
        for entry in entries.sorted() {
            // The status last, so a crash in between leaves a folder whose status still says what it was.
            guard entry != "status.json" else { continue }
            try Self.move(episode.directory.appendingPathComponent(entry), to: aside.appendingPathComponent(entry))
        }
        if entries.contains("status.json") {
            try Self.move(episode.status, to: aside.appendingPathComponent("status.json"))
        }
        return aside
    }

    // MARK: - Files

    static func decode<T: Decodable>(_ type: T.Type, from url: URL, what: String) throws(DojoError) -> T {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DojoError(.io, "cannot read \(what): \(error.localizedDescription)", at: url.path)
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw DojoError(.io, "\(what) is not valid: \(error)", at: url.path,
                            hint: "the file was edited or damaged; restore it or start a new run directory")
        }
    }

    /// Writes `value` as pretty JSON to a temporary file beside `url`, then renames it over `url`.
    public static func writeJSON(_ value: some Encodable, to url: URL) throws(DojoError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data: Data
        do { data = try encoder.encode(value) + Data("\n".utf8) } catch {
            throw DojoError(.io, "cannot encode \(url.lastPathComponent): \(error)", at: url.path)
        }
        try writeAtomically(data, to: url)
    }

    /// Writes `data` to `url` through a temporary file in the same folder and a rename.
    public static func writeAtomically(_ data: Data, to url: URL) throws(DojoError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do { try data.write(to: temporary) } catch {
            throw DojoError(.io, "cannot write: \(error.localizedDescription)", at: url.path, hint: "check the folder's permissions and free space")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw DojoError(.io, "cannot replace the file: \(reason)", at: url.path)
        }
    }

    static func makeDirectory(_ url: URL) throws(DojoError) {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw DojoError(.io, "cannot create the folder: \(error.localizedDescription)", at: url.path)
        }
    }

    static func move(_ source: URL, to destination: URL) throws(DojoError) {
        guard rename(source.path, destination.path) == 0 else {
            throw DojoError(.io, "cannot move \(source.lastPathComponent) aside: \(String(cString: strerror(errno)))", at: source.path)
        }
    }
}
