import DojoKit
import DojoTesting
import Foundation
import Testing

/// Listing every run: the trajectories folder, run directories with their statuses, the cache, deleting.
@Suite struct RunCatalogTests {
    /// A trajectories folder with two runs and a junk file, and a run directory with a done episode,
    /// a running one, a failed one and an attempt kept aside.
    func layout(_ temp: TemporaryDirectory) throws -> (trajectories: URL, runDirectory: URL) {
        let trajectories = temp.file("state/trajectories")
        try SyntheticRun(task: "diamonds", agent: "you", startedAt: "2026-12-01T09:00:00Z", scores: [0.5, 0.2])
            .write(to: trajectories.appendingPathComponent("diamonds-1.dojo.jsonl"))
        try SyntheticRun(task: "titanic", agent: "you", startedAt: "2026-12-02T09:00:00Z", scores: [0.8], higherIsBetter: true, end: nil)
            .write(to: trajectories.appendingPathComponent("titanic-1.dojo.jsonl"))
        try "notes".write(to: trajectories.appendingPathComponent("diamonds-1.dojo-notes.jsonl"), atomically: true, encoding: .utf8)
        try "log".write(to: trajectories.appendingPathComponent("diamonds-1.agent.log"), atomically: true, encoding: .utf8)
        try "junk\n".write(to: trajectories.appendingPathComponent("junk.dojo.jsonl"), atomically: true, encoding: .utf8)
        let run = temp.file("evals/run-1")
        try "{}".write(to: run.appendingPathComponent("manifest.json").creatingFolder(), atomically: true, encoding: .utf8)
        func episode(_ seed: Int, state: String, reason: String?, scores: [Double?], end: String?) throws {
            let folder = run.appendingPathComponent("episodes/baseline/diamonds/seed-\(seed)")
            try SyntheticRun(task: "diamonds", agent: "baseline", startedAt: "2026-12-03T0\(seed):00:00Z", seed: seed, scores: scores, end: end)
                .write(to: folder.appendingPathComponent("trajectory.dojo.jsonl"))
            let status = "{\"state\": \"\(state)\"" + (reason.map { ", \"reason\": \"\($0)\"" } ?? "") + ", \"steps\": 1}"
            try status.write(to: folder.appendingPathComponent("status.json"), atomically: true, encoding: .utf8)
            try "agent says hi".write(to: folder.appendingPathComponent("agent.log"), atomically: true, encoding: .utf8)
        }
        try episode(1, state: "done", reason: "closed by the agent", scores: [0.3], end: "closed by the agent")
        try episode(2, state: "running", reason: nil, scores: [0.6], end: nil)
        try episode(3, state: "failed", reason: "agent exited with status 2", scores: [], end: nil)
        let aside = run.appendingPathComponent("episodes/baseline/diamonds/seed-2/interrupted-1")
        try SyntheticRun(task: "diamonds", agent: "baseline", startedAt: "2026-12-03T01:30:00Z", seed: 2, scores: [nil], end: nil)
            .write(to: aside.appendingPathComponent("trajectory.dojo.jsonl"))
        try "{\"state\": \"interrupted\"}".write(to: aside.appendingPathComponent("status.json"), atomically: true, encoding: .utf8)
        return (trajectories, temp.file("evals"))
    }

    @Test func everyTrajectoryIsListedNewestFirstWithItsOutcome() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (trajectories, evals) = try layout(temp)
        var cache = RunIndexCache(url: temp.file("cache/runs-index.json"))
        let listing = RunCatalog.list([trajectories, evals, temp.file("missing")], cache: &cache)
        #expect(listing.runs.map { "\($0.digest.header.task) \($0.digest.header.seed) \($0.outcome.label)" } == [
            "diamonds 3 failed: agent exited with status 2",
            "diamonds 2 running",
            "diamonds 2 interrupted",
            "diamonds 1 ended: closed by the agent",
            "titanic 42 no end record",
            "diamonds 42 ended: closed by the agent",
        ])
        #expect(listing.problems.count == 1)
        #expect(listing.problems.first?.contains("junk.dojo.jsonl") == true)
        let episode = try #require(listing.runs.first)
        #expect(episode.runDirectory?.lastPathComponent == "run-1")
        #expect(episode.files.map(\.lastPathComponent) == ["trajectory.dojo.jsonl", "agent.log", "status.json"])
        let own = try #require(listing.runs.last)
        #expect(own.runDirectory == nil)
        #expect(own.files.map(\.lastPathComponent) == ["diamonds-1.dojo.jsonl", "diamonds-1.dojo-notes.jsonl", "diamonds-1.agent.log"])
        #expect(own.digest.best?.rawScore == 0.2)
    }

    @Test func theCacheIsSavedAndReadBackAndForgetsGoneFiles() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (trajectories, _) = try layout(temp)
        let file = temp.file("cache/runs-index.json")
        var cache = RunIndexCache(url: file)
        let first = RunCatalog.list([trajectories], cache: &cache)
        #expect(cache.save() == nil)
        var reloaded = RunIndexCache(url: file)
        #expect(reloaded.digests == cache.digests)
        #expect(reloaded.digests.count == 2)
        #expect(RunCatalog.list([trajectories], cache: &reloaded) == first)
        try FileManager.default.removeItem(at: trajectories.appendingPathComponent("titanic-1.dojo.jsonl"))
        _ = RunCatalog.list([trajectories], cache: &reloaded)
        #expect(reloaded.digests.count == 1)
        // A damaged cache file is as good as none.
        try "{broken".write(to: file, atomically: true, encoding: .utf8)
        #expect(RunIndexCache(url: file).digests.isEmpty)
    }

    @Test func deletingARunRemovesItsFilesAndAnEmptiedEpisodeFolder() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let (trajectories, evals) = try layout(temp)
        let own = trajectories.appendingPathComponent("diamonds-1.dojo.jsonl")
        let deleted = try RunCatalog.delete(own)
        #expect(deleted.map(\.lastPathComponent) == ["diamonds-1.dojo.jsonl", "diamonds-1.dojo-notes.jsonl", "diamonds-1.agent.log"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: trajectories.path).sorted() == ["junk.dojo.jsonl", "titanic-1.dojo.jsonl"])
        let seed3 = evals.appendingPathComponent("run-1/episodes/baseline/diamonds/seed-3")
        #expect(try RunCatalog.delete(seed3.appendingPathComponent("trajectory.dojo.jsonl")).count == 3)
        #expect(!FileManager.default.fileExists(atPath: seed3.path))
        // An attempt kept aside goes with its own files only; the episode's folder stays.
        let aside = evals.appendingPathComponent("run-1/episodes/baseline/diamonds/seed-2/interrupted-1")
        #expect(try RunCatalog.delete(aside.appendingPathComponent("trajectory.dojo.jsonl")).count == 2)
        #expect(!FileManager.default.fileExists(atPath: aside.path))
        #expect(FileManager.default.fileExists(atPath: aside.deletingLastPathComponent().appendingPathComponent("status.json").path))
        #expect(throws: DojoError.self) { try RunCatalog.delete(own) }
    }
}

extension URL {
    /// This file's URL after creating its folder.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
