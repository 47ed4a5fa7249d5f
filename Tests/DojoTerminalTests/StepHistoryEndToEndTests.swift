import DojoKit
import DojoTesting
import Foundation
import Testing

/// Issue 17, friction 6, under tmux: play's run history on Alt-Y, growing live while stepping, with
/// the diff of two steps, at the three sizes a person uses.
@Suite(.serialized) struct StepHistoryEndToEndTests {
    let dojo = DojoBinary()

    @Test func theHistoryListsEveryStepAndDiffsAnyTwoWhileStepping() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let solution = temp.write("solution.py", PlayEndToEndTests.solution + "\n")
        let session = try TmuxSession(
            command: "\(dojo.url.path) play titanic --trajectory \(temp.file("t.dojo.jsonl").path) --file \(solution.path)",
            width: 120, height: 40, environment: TestHome(temp).environment())
        defer { session.kill() }
        var wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor("★ best", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        // Open the history: one step, no earlier one to diff against.
        try session.keys("M-y")
        wait = session.waitFor { $0.contains("History · 1 step") && $0.contains("no executed step before step 1") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("  step    action   status   took   score   place"), "\(wait.screen)")
        // Edit the buffer (the editor focused shows it again) and step with the list open: it grows live.
        try session.keys("M-2", "C-End")
        try session.type("print('second')\n")
        try session.keys("F5")
        wait = session.waitFor(timeout: 120) { $0.contains("History · 2 steps") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-1")
        wait = session.waitFor { $0.contains("diff step 1 → 2 (previous executed)") && $0.contains("+print('second')") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("▶    2"), "\(wait.screen)")
        // Mark step 2, go up: the diff is step 2 against step 1, the other way.
        try session.keys("m", "Up")
        wait = session.waitFor { $0.contains("diff step 2 → 1 (marked)") && $0.contains("-print('second')") }
        #expect(wait.ok, "\(wait.screen)")
        // At 80×24 and 200×60 the list keeps its score column; wide, it gains the time.
        try session.resize(width: 80, height: 24)
        wait = session.waitFor { $0.contains("History · 2 steps") && $0.contains("  step    action   status   score") }
        #expect(wait.ok, "\(wait.screen)")
        try session.resize(width: 200, height: 60)
        wait = session.waitFor { $0.contains("  step      time action   status   took   score   place") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Escape")
        wait = session.waitFor { $0.contains("Task · description") && !$0.contains("History ·") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-q")
        wait = session.waitFor("Unsaved edits")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("n")
        wait = session.waitFor("trajectory:", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")
    }
}
