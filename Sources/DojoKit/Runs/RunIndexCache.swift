import Foundation

/// The digests of every trajectory `dojo runs` has listed, kept between runs in one JSON file in the
/// cache folder (`runs-index.json`), so listing again reads only what changed. Losing it costs one
/// full reading of each file; a damaged one is ignored.
public struct RunIndexCache: Sendable {
    public let url: URL
    /// Digests by the trajectory's absolute path.
    public private(set) var digests: [String: TrajectoryDigest]

    public init(url: URL) {
        self.url = url
        digests = [:]
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        if let data = try? Data(contentsOf: url), let stored = try? decoder.decode(Stored.self, from: data),
           stored.version == Self.version {
            digests = stored.digests
        }
    }

    /// The cache file in a cache folder.
    public static func file(in cacheDirectory: URL) -> URL { cacheDirectory.appendingPathComponent("runs-index.json") }

    static let version = 1

    struct Stored: Codable {
        var version: Int
        var digests: [String: TrajectoryDigest]
    }

    /// The digest of `url`, read from where the cached one stopped.
    public mutating func digest(_ url: URL) throws(DojoError) -> TrajectoryDigest {
        let key = url.standardizedFileURL.path
        do {
            let digest = try TrajectoryDigest.read(url, previous: digests[key])
            digests[key] = digest
            return digest
        } catch {
            digests[key] = nil
            throw error
        }
    }

    /// Keeps only the digests of `paths` (files deleted or gone are forgotten).
    public mutating func keep(_ paths: Set<String>) {
        digests = digests.filter { paths.contains($0.key) }
    }

    public mutating func forget(_ path: String) { digests[path] = nil }

    /// Writes the cache (atomically: a new file renamed over the old). A cache that cannot be written
    /// only costs speed next time, so failures are returned for a message, not thrown.
    @discardableResult
    public func save() -> String? {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            let data = try encoder.encode(Stored(version: Self.version, digests: digests))
            try data.write(to: url, options: .atomic)
            return nil
        } catch {
            return "cannot write the runs index \(url.path): \(error.localizedDescription)"
        }
    }
}
