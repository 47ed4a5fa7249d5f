import DojoKit
import DojoTesting
import Foundation
import Testing

/// Issue 17, friction 3, under tmux: the sandbox warms up as the workbench opens (the status bar
/// says "warming…" meanwhile), so the first step finds numpy, pandas and scikit-learn imported.
@Suite(.serialized) struct WarmUpEndToEndTests {
    let dojo = DojoBinary()

    @Test func theFirstStepFindsTheSandboxWarm() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("t.dojo.jsonl")
        let session = try TmuxSession(command: "\(dojo.url.path) play titanic --trajectory \(trajectory.path)",
                                      width: 120, height: 40, environment: TestHome(temp).environment(["NO_COLOR": "1"]))
        defer { session.kill() }
        var wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        wait = session.waitFor("Sandbox warm in", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        let status = wait.screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(!status.contains("warming"), "\(status)")
        try session.keys("C-a")
        try session.paste("import sys\nprint('modules imported before the step:', all(m in sys.modules for m in ('numpy', 'pandas', 'sklearn')))\n")
        try session.keys("F5")
        wait = session.waitFor("modules imported before the step: True", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("waited"), "\(wait.screen)")
        try session.keys("C-q")
        #expect(session.waitFor("Unsaved edits").ok)
        try session.keys("n")
        #expect(session.waitFor("trajectory: ").ok)
        let record = try TrajectoryReader.read(trajectory)
        #expect(record.steps.count == 1)
    }

    /// F5 pressed at once: the step waits for the warm-up, the status bar shows the wait, and the
    /// step's recorded time starts when it does.
    @Test func aStepSentAtOnceWaitsForTheWarmUpAndSaysSo() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("t.dojo.jsonl")
        let session = try TmuxSession(command: "\(dojo.url.path) play titanic --trajectory \(trajectory.path)",
                                      width: 120, height: 40, environment: TestHome(temp).environment(["NO_COLOR": "1"]))
        defer { session.kill() }
        // F5 as soon as the screen is up: the warm-up (imports of a few seconds) cannot be over yet, unless
        // the episode itself is slow to start; then this test checks only the outcome.
        var wait = session.waitFor("F5", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor(timeout: 120) { $0.contains("waiting for the warm-up") || $0.contains("Sandbox warm in") }
        #expect(wait.ok, "\(wait.screen)")
        wait = session.waitFor("step 1: ", timeout: 180)
        #expect(wait.ok, "\(wait.screen)")
        let record = try TrajectoryReader.read(trajectory)
        #expect(record.steps.count == 1)
        try session.keys("C-q")
        #expect(session.waitFor("trajectory: ").ok)
    }
}
