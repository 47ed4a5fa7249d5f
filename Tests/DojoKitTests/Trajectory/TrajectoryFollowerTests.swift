import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TrajectoryFollowerTests {
    func header() -> TrajectoryHeader {
        TrajectoryHeader(task: "fixture", taskDigest: "abc", seed: 42, agent: ["name": .string("test")],
                         startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0")
    }

    func observation(_ step: Int) -> Observation {
        Observation(step: step, action: .executeCode, status: .ok, feedback: "ok", info: nil,
                    execution: nil, submission: nil, history: nil, reward: 0, best: nil,
                    budget: Budget(stepsUsed: step, stepsLeft: 10 - step, secondsLeft: 100), terminated: false, truncated: false)
    }

    func step(_ index: Int) -> TrajectoryEvent {
        .step(StepRecord(index: index, t: Double(index), actor: .agent, action: .executeCode("print(\(index))\n"), observation: observation(index)))
    }

    func lines(_ events: [TrajectoryEvent], temp: TemporaryDirectory) throws -> [Data] {
        try TrajectoryLines.make(events, header: header(), temp: temp)
    }

    func append(_ data: Data, to url: URL) throws { try TrajectoryLines.append(data, to: url) }

    @Test func partialLinesWaitForTheirNewline() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let all = try lines([step(1), step(2)], temp: temp)
        var follower = TrajectoryFollower(url: temp.file("x.dojo.jsonl"))
        // The header in two pieces.
        let headerLine = all[0]
        #expect(try follower.feed(headerLine.prefix(10)).isEmpty)
        let first = try follower.feed(headerLine.dropFirst(10))
        #expect(first.header == header())
        // A step split mid-line, then completed together with the start of the next.
        let stepLine = all[1]
        #expect(try follower.feed(stepLine.prefix(stepLine.count / 2)).events.isEmpty)
        #expect(!follower.pending.isEmpty)
        let second = try follower.feed(stepLine.dropFirst(stepLine.count / 2) + all[2].prefix(5))
        #expect(second.events == [step(1)])
        let third = try follower.feed(all[2].dropFirst(5))
        #expect(third.events == [step(2)])
        #expect(follower.pending.isEmpty)
        #expect(follower.offset == UInt64(all.reduce(0) { $0 + $1.count }))
    }

    @Test func pollReadsOnlyWhatTheFileGrewBy() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let all = try lines([step(1), step(2), .end(EndRecord(t: 3, reason: "closed by the agent"))], temp: temp)
        let url = temp.file("live.dojo.jsonl")
        try all[0].write(to: url)
        var follower = TrajectoryFollower(url: url)
        #expect(try follower.poll().header == header())
        #expect(try follower.poll().isEmpty)
        try append(all[1], to: url)
        #expect(try follower.poll().events == [step(1)])
        // A torn line: nothing until the rest arrives.
        try append(all[2].prefix(7), to: url)
        #expect(try follower.poll().isEmpty)
        try append(all[2].dropFirst(7) + all[3], to: url)
        let update = try follower.poll()
        #expect(update.events == [step(2), .end(EndRecord(t: 3, reason: "closed by the agent"))])
        #expect(update.header == nil)
    }

    @Test func aDamagedLineIsReportedAndFollowingGoesOn() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let all = try lines([step(1)], temp: temp)
        var follower = TrajectoryFollower(url: temp.file("x.dojo.jsonl"))
        _ = try follower.feed(all[0])
        let update = try follower.feed(Data("{\"type\": \"step\", broken\n".utf8) + all[1])
        #expect(update.damaged.count == 1)
        #expect(update.damaged.first?.line == 2)
        #expect(update.events == [step(1)])
    }

    @Test func aFileThatIsNotATrajectoryIsAnError() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let text = temp.file("notes.txt")
        try Data("hello world\n".utf8).write(to: text)
        var follower = TrajectoryFollower(url: text)
        #expect(throws: DojoError.self) { try follower.poll() }
        // JSON, but not a header.
        let json = temp.file("other.jsonl")
        try Data("{\"a\": 1}\n".utf8).write(to: json)
        var other = TrajectoryFollower(url: json)
        #expect(throws: DojoError.self) { try other.poll() }
        // Missing.
        var missing = TrajectoryFollower(url: temp.file("missing.dojo.jsonl"))
        #expect(throws: DojoError.self) { try missing.poll() }
    }
}
