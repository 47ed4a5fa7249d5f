import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct PreparationCacheTests {
    @Test func preparesOnceThenServesFromTheCacheAndRebuildsWhenTampered() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = FixtureTask(in: temp.file("tasks"))
        let task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
        let cache = PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(), python: FixtureTask.systemPython)

        let (first, outcome1) = try cache.prepare(task, seed: 1)
        #expect(outcome1 == .prepared)
        #expect(Set(first.checksums.keys) == ["public/train.csv", "public/test.csv", "public/sample_submission.csv", "private/answers.csv"])
        let (_, outcome2) = try cache.prepare(task, seed: 1)
        #expect(outcome2 == .cached)

        try "id,y\n31,0\n".write(to: first.answersFile, atomically: true, encoding: .utf8)
        let (_, outcome3) = try cache.prepare(task, seed: 1)
        #expect(outcome3 == .rebuilt(reason: "private/answers.csv does not match its checksum"))
        #expect(try FileDigest.file(first.answersFile) == first.checksums["private/answers.csv"])
    }

    @Test func theSeedAndTheTaskFolderKeyTheCache() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixture = FixtureTask(in: temp.file("tasks"))
        let loader = TaskLoader(tasksDirectory: temp.file("tasks"))
        let cache = PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(), python: FixtureTask.systemPython)
        let a = try cache.prepare(try loader.load(id: "fixture"), seed: 1).0
        let b = try cache.prepare(try loader.load(id: "fixture"), seed: 2).0
        #expect(a.directory != b.directory)
        #expect(a.checksums["public/train.csv"] != b.checksums["public/train.csv"])
        fixture.write("description.md", "# Changed\n")
        let c = try cache.prepare(try loader.load(id: "fixture"), seed: 1)
        #expect(c.1 == .prepared)
        #expect(c.0.digest != a.digest)
    }

    @Test func aFailingPrepareScriptIsReportedWithItsError() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixture = FixtureTask(in: temp.file("tasks"))
        fixture.write("prepare.py", "raise SystemExit('no data here')\n")
        let task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
        let cache = PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(), python: FixtureTask.systemPython)
        let error = #expect(throws: DojoError.self) { try cache.prepare(task, seed: 1) }
        #expect(error?.message == "prepare.py failed: exited with 1: no data here")
    }
}
