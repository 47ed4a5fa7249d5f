import Foundation

/// Checksums of files and folders, for cache keys and integrity checks.
public enum FileDigest {
    public static func file(_ url: URL) throws(DojoError) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw DojoError(.io, "cannot open the file to checksum it", at: url.path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw DojoError(.io, "cannot read the file: \(error.localizedDescription)", at: url.path)
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(chunk)
        }
        return hasher.finalize()
    }

    /// Regular files under `directory`, relative paths sorted, skipping hidden files and caches.
    public static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        for case let url as URL in enumerator {
            if url.lastPathComponent == "__pycache__" { enumerator.skipDescendants(); continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            paths.append(String(full.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }

    /// One digest over every file's relative path and content.
    public static func folder(_ directory: URL) throws(DojoError) -> String {
        var hasher = SHA256()
        for path in files(under: directory) {
            hasher.update(path)
            hasher.update([0])
            hasher.update(try file(directory.appendingPathComponent(path)))
            hasher.update([0])
        }
        return hasher.finalize()
    }
}
