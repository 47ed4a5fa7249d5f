import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Owner records and what counts as stale (issue 11, crash recovery).
@Suite struct StaleEpisodesTests {
    @Test func aHeldRecordIsNotStaleAndAReleasedOneIsGone() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let episodes = temp.file("episodes")
        let owner = try EpisodeOwner.claim(in: episodes, name: "live")
        try FileManager.default.createDirectory(at: episodes.appendingPathComponent("live"), withIntermediateDirectories: true)
        #expect(EpisodeOwner.isHeld(owner.recordFile))
        #expect(EpisodeOwner.recordedPid(owner.recordFile) == getpid())
        let stale = StaleEpisodes(episodesDirectory: episodes, cgroupRoot: temp.file("no-cgroups"))
        #expect(stale.find(includeOwnerless: true).isEmpty)
        owner.release()
        #expect(!FileManager.default.fileExists(atPath: owner.recordFile.path))
        // The folder has no record now: only doctor's wider search lists it.
        #expect(stale.find().isEmpty)
        #expect(stale.find(includeOwnerless: true).map(\.kind) == [.ownerless])
    }

    @Test func anUnheldRecordMarksItsFolderStaleAndCleanRemovesBoth() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let episodes = temp.file("episodes")
        let input = episodes.appendingPathComponent("dead/workspace/input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try "a,b\n".write(to: input.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        chmod(input.appendingPathComponent("train.csv").path, 0o444)
        chmod(input.path, 0o555)
        try "pid 4242\n".write(to: episodes.appendingPathComponent("dead.owner"), atomically: true, encoding: .utf8)
        let stale = StaleEpisodes(episodesDirectory: episodes, cgroupRoot: temp.file("no-cgroups"))
        #expect(stale.find().map(\.kind) == [.episode, .record])
        #expect(stale.find().first?.detail == "owner pid 4242 is gone")
        #expect(stale.clean().count == 2)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: episodes.path)) ?? []).isEmpty)
    }

    @Test func cgroupsOfGoneProcessesAreStaleAndOthersAreNot() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        // A fake cgroup v2 root: the groups are plain folders here.
        let root = temp.file("cgroup")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root.appendingPathComponent("cgroup.procs").path, contents: Data())
        let membership = temp.write("self-cgroup", "0::/\n")
        let live = "dojo-\(ProcessIdentity.current)-aaaa"
        let reused = "dojo-\(ProcessIdentity.current.pid).\(ProcessIdentity.current.startTime + 1)-bbbb"
        for name in [live, reused, "dojo-999999.1-cccc", "dojo-oldstyle12chars", "user.slice"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let stale = StaleEpisodes(episodesDirectory: temp.file("episodes"), cgroupRoot: root, selfCgroup: membership)
        let found = stale.find().map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted()
        #expect(found == ["dojo-999999.1-cccc", reused].sorted())
        #expect(ProcessIdentity(ProcessIdentity.current.description) == ProcessIdentity.current)
        #expect(ProcessIdentity.current.isAlive)
        #expect(!ProcessIdentity(pid: ProcessIdentity.current.pid, startTime: ProcessIdentity.current.startTime + 1).isAlive)
    }
}
