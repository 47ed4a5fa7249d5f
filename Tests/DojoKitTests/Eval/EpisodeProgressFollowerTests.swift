import DojoKit
import DojoTesting
import Foundation
import Testing

/// Following a running episode's trajectory: only new lines are read, a half-written line waits for
/// its newline, and a trajectory replaced by a new attempt's is followed from its start.
@Suite struct EpisodeProgressFollowerTests {
    @Test func stepsArriveLineByLineAndAReplacedFileStartsOver() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = temp.file("seed-1/trajectory.dojo.jsonl")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let run = SyntheticRun(task: "diamonds", agent: "base", scores: [0.5, 0.05], end: "closed by the agent")
        let lines = try TrajectoryLines.make(run.events, header: run.header, temp: temp)
        var follower = EpisodeProgressFollower(url: url)
        var changed: Bool
        changed = follower.poll()
        #expect(!changed)  // no file yet

        try lines[0].write(to: url)
        changed = follower.poll()
        #expect(!changed)  // a header, no step
        try TrajectoryLines.append(lines[1].dropLast(5), to: url)
        changed = follower.poll()
        #expect(!changed)  // half a line
        try TrajectoryLines.append(lines[1].suffix(5), to: url)
        changed = follower.poll()
        #expect(changed)
        #expect(follower.progress.steps == 1 && follower.progress.best?.rawScore == 0.5 && follower.progress.lastAction == "execute_code")
        changed = follower.poll()
        #expect(!changed)  // nothing new
        try TrajectoryLines.append(lines[2] + lines[3], to: url)
        changed = follower.poll()
        #expect(changed)
        #expect(follower.progress.steps == 2 && follower.progress.best?.rawScore == 0.05 && follower.progress.valid)
        #expect(follower.ended && follower.progress.endReason == "closed by the agent")

        // The attempt is moved aside and a new one starts a new file: followed from its start.
        try FileManager.default.moveItem(at: url, to: temp.file("seed-1/aside.jsonl"))
        try (lines[0] + lines[1]).write(to: url)
        changed = follower.poll()
        #expect(changed)
        #expect(follower.progress.steps == 1 && follower.progress.best?.rawScore == 0.5 && !follower.ended)
    }
}
