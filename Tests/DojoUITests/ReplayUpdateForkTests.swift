import DojoKit
@testable import DojoUI
import DojoTesting
import Foundation
import Testing

/// Issue 17, bug 10: back from a fork, replay says where the fork's trajectory went.
@Suite struct ReplayUpdateForkTests {
    @Test func theForksPathIsInTheMessageLineAndStaysOnTopOfTheLogs() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)], width: 200, height: 40)
        replay.keys(.char("n"), .char("n"), .char("f"))
        replay.keys(.char("r"))
        #expect(replay.unhandled.contains(.replay(.fork(path: replay.replay.runs[0].path, step: 3, clean: false))))
        let path = "/state/dojo/trajectories/demo-20261203T150000Z-ab12cd.dojo.jsonl"
        replay.send(.replay(.forkSaved(ForkOutcome(step: 3, clean: false, path: path, laterEpisodes: 1))))
        #expect(replay.state.message?.text == "the fork of step 3 is saved: \(path)")
        #expect(!(replay.state.message?.isError ?? true))
        let line = "fork of step 3 saved (dojo replay FILE replays it): \(path) (and 1 later episode beside it, after a reset)"
        #expect(replay.state.logs.lines.first?.text == line)
        // Still there after moving to another step.
        replay.keys(.char("n"))
        #expect(replay.shownStep == 4)
        #expect(replay.state.logs.lines.first?.text == line)
        #expect(replay.screen.contains("the fork of step 3 is saved: /state/dojo/"), "\(replay.screen)")
    }

    @Test func aForkThatFailedAfterRecordingSaysBoth() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)])
        replay.send(.replay(.forkSaved(ForkOutcome(step: 1, clean: true, path: "/t/f.dojo.jsonl", status: 3))))
        #expect(replay.state.message?.text == "the fork of step 1 (clean start) is saved: /t/f.dojo.jsonl (dojo play exited with status 3)")
        #expect(replay.state.message?.isError == true)
    }
}
