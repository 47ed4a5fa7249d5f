import DojoKit
import DojoTesting
import Foundation
import Testing

/// A trajectory's digest: steps, best graded step, end, read once and then only from where it stopped.
@Suite struct TrajectoryDigestTests {
    @Test func stepsBestStepAndEndMatchTheFullIndex() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = SyntheticRun(task: "diamonds", agent: "baseline", scores: [0.5, nil, 0.15, 0.3])
        let url = try run.write(to: temp.file("a.dojo.jsonl"))
        let digest = try TrajectoryDigest.read(url)
        let index = try TrajectoryIndex.open(url)
        #expect(digest.header == index.header)
        #expect(digest.steps == index.steps.count)
        #expect(digest.steps == 4)
        let best = try #require(digest.best)
        #expect(best.step == 3)
        #expect(best.rawScore == 0.15)
        #expect(best.medal == .silver)
        #expect(best.higherIsBetter == false)
        #expect(digest.endReason == "closed by the agent")
        #expect(digest.lastT == 13)
        #expect(digest.damaged == 0)
        #expect(digest.agentLabel == "baseline")
        #expect(digest.scannedBytes == UInt64(try Data(contentsOf: url).count))
    }

    @Test func aGrowingFileIsReadFromWhereTheLastReadingStoppedAndATornLineWaits() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = SyntheticRun(task: "titanic", agent: "a", scores: [0.7, 0.9, 0.8], higherIsBetter: true, end: "budget")
        let lines = try TrajectoryLines.make(run.events, header: run.header, temp: temp)
        let url = temp.file("grow.dojo.jsonl")
        try (lines[0] + lines[1]).write(to: url)
        let first = try TrajectoryDigest.read(url)
        #expect(first.steps == 1)
        #expect(first.endReason == nil)
        // Half of the next line: not counted until its newline arrives.
        let half = lines[2].prefix(lines[2].count / 2)
        try TrajectoryLines.append(Data(half), to: url)
        let torn = try TrajectoryDigest.read(url, previous: first)
        #expect(torn.steps == 1)
        #expect(torn.scannedBytes == first.scannedBytes)
        try TrajectoryLines.append(Data(lines[2].dropFirst(half.count)) + lines[3] + lines[4], to: url)
        let grown = try TrajectoryDigest.read(url, previous: torn)
        #expect(grown.steps == 3)
        #expect(grown.best?.rawScore == 0.9)
        #expect(grown.endReason == "budget")
        var whole = try TrajectoryDigest.read(url)
        whole.modified = grown.modified
        #expect(grown == whole)
    }

    @Test func anUnchangedFileIsNotReadAndAReplacedOneIsReadAgain() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = try SyntheticRun(task: "diamonds", agent: "a", scores: [0.5]).write(to: temp.file("r.dojo.jsonl"))
        var cached = try TrajectoryDigest.read(url)
        // Size and time unchanged: the cached digest comes back as it is (a marker shows it was not re-read).
        cached.steps = 99
        #expect(try TrajectoryDigest.read(url, previous: cached).steps == 99)
        // Another run written over it (a different header, larger): read from the start.
        cached.fileSize = 1
        try SyntheticRun(task: "titanic", agent: "b", scores: [0.9, 0.95], higherIsBetter: true).write(to: url)
        let again = try TrajectoryDigest.read(url, previous: cached)
        #expect(again.header.task == "titanic")
        #expect(again.steps == 2)
        #expect(again.best?.rawScore == 0.95)
    }

    @Test func damagedLinesAreCountedAndABadFileIsAClearError() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let run = SyntheticRun(task: "diamonds", agent: "a", scores: [0.4, 0.2], end: nil)
        let lines = try TrajectoryLines.make(run.events, header: run.header, temp: temp)
        let url = temp.file("d.dojo.jsonl")
        try (lines[0] + lines[1] + Data("{not json\n".utf8) + lines[2]).write(to: url)
        let digest = try TrajectoryDigest.read(url)
        #expect(digest.steps == 2)
        #expect(digest.damaged == 1)
        #expect(digest.endReason == nil)

        let junk = temp.write("junk.dojo.jsonl", "not a trajectory\n")
        #expect(throws: DojoError.self) { try TrajectoryDigest.read(junk) }
        let empty = temp.write("empty.dojo.jsonl", "")
        let error = #expect(throws: DojoError.self) { try TrajectoryDigest.read(empty) }
        #expect(error?.message.contains("empty") == true)
        #expect(throws: DojoError.self) { try TrajectoryDigest.read(temp.file("missing.dojo.jsonl")) }
    }

    @Test func theAgentIsShownByKindNameOrCommand() {
        #expect(TrajectoryDigest.agentLabel(["name": .string("dojo play"), "kind": .string("human")]) == "human")
        #expect(TrajectoryDigest.agentLabel(["kind": .string("copilot"), "command": .string("python a.py")]) == "copilot: python a.py")
        #expect(TrajectoryDigest.agentLabel(["command": .string("python a.py"), "kind": .string("process")]) == "python a.py")
        #expect(TrajectoryDigest.agentLabel(["kind": .string("mcp")]) == "mcp")
        #expect(TrajectoryDigest.agentLabel([:]) == "?")
    }
}
