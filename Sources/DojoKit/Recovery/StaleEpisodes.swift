import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a `dojo` killed with SIGKILL leaves behind: episode folders whose owner record nobody holds
/// (`EpisodeOwner`), and episode cgroups named after a process that is gone (`ProcessIdentity`). Every
/// `reset` cleans them (`clean()`); `dojo doctor` lists them and, unless `--dry-run`, removes them.
public struct StaleEpisodes: Sendable {
    public enum Kind: String, Sendable { case episode, ownerless = "episode without owner record", cgroup, record = "owner record" }

    public struct Item: Sendable, Equatable, CustomStringConvertible {
        public var kind: Kind
        public var path: String
        public var detail: String

        public var description: String { "\(kind.rawValue): \(path)\(detail.isEmpty ? "" : " (\(detail))")" }
    }

    public let episodesDirectory: URL
    public let cgroupRoot: URL
    public let selfCgroup: URL

    public init(episodesDirectory: URL, cgroupRoot: URL = URL(fileURLWithPath: "/sys/fs/cgroup"),
                selfCgroup: URL = URL(fileURLWithPath: "/proc/self/cgroup")) {
        self.episodesDirectory = episodesDirectory
        self.cgroupRoot = cgroupRoot
        self.selfCgroup = selfCgroup
    }

    /// The prefix of every episode cgroup's name; the owner follows it (`dojo-PID.START-RANDOM`).
    public static let cgroupPrefix = "dojo-"

    /// A new episode cgroup name owned by this process.
    public static func cgroupName() -> String {
        "\(cgroupPrefix)\(ProcessIdentity.current)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Everything stale now. `includeOwnerless` adds episode folders that have no owner record at all
    /// (left by an older `dojo`): only `dojo doctor` removes those.
    public func find(includeOwnerless: Bool = false) -> [Item] {
        var items: [Item] = []
        let manager = FileManager.default
        let entries = ((try? manager.contentsOfDirectory(atPath: episodesDirectory.path)) ?? []).sorted()
        let names = Set(entries)
        for entry in entries {
            let url = episodesDirectory.appendingPathComponent(entry)
            if entry.hasSuffix(EpisodeOwner.suffix), !entry.hasPrefix(".") {
                guard !EpisodeOwner.isHeld(url) else { continue }
                let folder = String(entry.dropLast(EpisodeOwner.suffix.count))
                let pid = EpisodeOwner.recordedPid(url).map { "owner pid \($0) is gone" } ?? "owner is gone"
                if names.contains(folder) {
                    items.append(Item(kind: .episode, path: episodesDirectory.appendingPathComponent(folder).path, detail: pid))
                }
                items.append(Item(kind: .record, path: url.path, detail: pid))
            } else if entry.hasPrefix("."), entry.contains(EpisodeOwner.suffix + ".tmp-") {
                if !EpisodeOwner.isHeld(url) { items.append(Item(kind: .record, path: url.path, detail: "unfinished claim")) }
            } else if includeOwnerless, !entry.hasPrefix("."), !names.contains(entry + EpisodeOwner.suffix) {
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    items.append(Item(kind: .ownerless, path: url.path, detail: "no owner record"))
                }
            }
        }
        for group in cgroupBases().flatMap(staleGroups(in:)) { items.append(group) }
        return items
    }

    /// Removes what `find` lists; returns what was removed.
    @discardableResult
    public func clean(includeOwnerless: Bool = false) -> [Item] {
        var removed: [Item] = []
        // Folders before their records: a record left alone still marks a folder as stale next time.
        let items = find(includeOwnerless: includeOwnerless).sorted { rank($0.kind) < rank($1.kind) }
        for item in items {
            switch item.kind {
            case .episode, .ownerless:
                // A killed dojo leaves its episode's tmpfs and binds mounted: detach them or the removal stops there.
                EpisodeVolume.unmount(episodeDirectory: URL(fileURLWithPath: item.path))
                if Self.removeTree(item.path) { removed.append(item) }
            case .record:
                if unlink(item.path) == 0 || errno == ENOENT { removed.append(item) }
            case .cgroup:
                if Self.removeGroup(item.path) { removed.append(item) }
            }
        }
        return removed
    }

    private func rank(_ kind: Kind) -> Int {
        switch kind {
        case .cgroup: 0
        case .episode, .ownerless: 1
        case .record: 2
        }
    }

    /// The folders that hold episode cgroups: under the groups this process is in (where `dojo` makes
    /// them) and at each hierarchy's top.
    public func cgroupBases() -> [URL] {
        let paths = EpisodeCgroup.membership(selfCgroup)
        var bases: [URL] = []
        for (hierarchy, key) in [("memory", "memory"), ("pids", "pids"), ("", ""), ("unified", "")] {
            let top = hierarchy.isEmpty ? cgroupRoot : cgroupRoot.appendingPathComponent(hierarchy)
            guard FileManager.default.fileExists(atPath: top.appendingPathComponent("cgroup.procs").path) else { continue }
            bases.append(top)
            if let path = paths[key], path != "/" { bases.append(top.appendingPathComponent(String(path.dropFirst()))) }
        }
        var seen = Set<String>()
        return bases.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }

    private func staleGroups(in base: URL) -> [Item] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return entries.sorted().compactMap { entry -> Item? in
            guard entry.hasPrefix(Self.cgroupPrefix) else { return nil }
            let rest = entry.dropFirst(Self.cgroupPrefix.count)
            guard let owner = rest.split(separator: "-").first.flatMap({ ProcessIdentity($0) }), !owner.isAlive else { return nil }
            return Item(kind: .cgroup, path: base.appendingPathComponent(entry).path, detail: "owner pid \(owner.pid) is gone")
        }
    }

    /// Kills what is left in the group (cgroup.kill on v2, else SIGKILL to each member until none) and removes it.
    static func removeGroup(_ path: String) -> Bool {
        let procs = path + "/cgroup.procs"
        let killFile = open(path + "/cgroup.kill", O_WRONLY | O_CLOEXEC)
        if killFile >= 0 {
            _ = write(killFile, "1", 1)
            close(killFile)
        }
        for _ in 0..<100 {
            let members = ((try? String(contentsOfFile: procs, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { pid_t($0) }
            if members.isEmpty { break }
            for pid in members { kill(pid, SIGKILL) }
            usleep(10000)
        }
        for _ in 0..<50 {
            if rmdir(path) == 0 || errno == ENOENT { return true }
            usleep(10000)
        }
        return false
    }

    /// Removes a folder tree without following links (read-only `input/` files made writable first).
    static func removeTree(_ path: String) -> Bool {
        let manager = FileManager.default
        if let enumerator = manager.enumerator(atPath: path) {
            while let relative = enumerator.nextObject() as? String {
                let full = path + "/" + relative
                var info = stat()
                if lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { chmod(full, 0o755) }
            }
        }
        chmod(path, 0o755)
        do { try manager.removeItem(atPath: path) } catch { return !manager.fileExists(atPath: path) }
        return true
    }
}
