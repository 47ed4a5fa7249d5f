import DojoKit
import DojoTesting
import Foundation
import Testing

/// Issue 17's text that was cut, keys and the chart, on the real terminal at the walk-through's three
/// sizes: `dojo play titanic` under tmux, driven with the laptop keys (no F-keys).
@Suite(.serialized) struct LayoutEndToEndTests {
    let dojo = DojoBinary()

    /// The rows of a screen, and whether one is only a rule's dashes (the stray `────` row).
    static func rows(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    static func isStrayRule(_ row: String) -> Bool {
        guard let logs = row.split(separator: "│", omittingEmptySubsequences: false).last else { return false }
        let text = logs.trimmingCharacters(in: .whitespaces)
        return text.count >= 4 && text.allSatisfy { $0 == "─" }
    }

    /// The screen once two captures 0.2 s apart agree (at most 10 s): a whole frame, not one half-drawn.
    static func settled(_ session: TmuxSession) -> String {
        var last = session.capture()
        for _ in 0..<50 {
            Thread.sleep(forTimeInterval: 0.2)
            let now = session.capture()
            if now == last { return now }
            last = now
        }
        return last
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func textIsWholeKeysWorkWithoutFKeysAndTheChartNamesItsLines(width: Int, height: Int) throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        // A long trajectory path, as a real one under ~/.local/state is.
        let folder = temp.file("walkthrough-of-the-workbench/trajectories-of-issue-seventeen")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let trajectory = folder.appendingPathComponent("titanic-20261203T091500Z-ab12cd.dojo.jsonl")
        let session = try TmuxSession(
            command: "\(dojo.url.path) play titanic --trajectory \(trajectory.path) --file \(temp.file("solution.py").path)",
            width: width, height: height, environment: home.environment())
        defer { session.kill() }
        // The welcome line scrolls away at 80×24 as the path below it wraps: wait for the path.
        var wait = session.waitFor("titanic-20261203T091500Z-ab12cd.dojo.jsonl", timeout: 180)
        try #require(wait.ok, "\(wait.screen)")
        // The path breaks after its slashes: every folder name is whole on the screen.
        wait = session.waitFor { $0.contains("walkthrough-of-the-workbench/") && $0.contains("trajectories-of-issue-seventeen/") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("C-k"), "\(wait.screen)")

        // Run the starter with Ctrl-R: the step's rule fits its row (no stray `────` row under it).
        try session.keys("C-r")
        wait = session.waitFor(timeout: 180) { $0.contains("── step 1 · execute_code ─") || $0.contains("★ best") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(!Self.rows(wait.screen).contains(where: Self.isStrayRule), "\(wait.screen)")
        // The step's message is whole (no "…" in the bar or the row above it); the chart names the step.
        wait = session.waitFor(timeout: 180) { Self.rows($0).suffix(2).joined().contains("step 1: accuracy") }
        try #require(wait.ok, "\(wait.screen)")
        #expect(!Self.rows(wait.screen).suffix(2).joined().contains("…"), "\(wait.screen)")
        wait = session.waitFor { $0.contains("★ best") && $0.contains("step└") }
        #expect(wait.ok, "\(wait.screen)")
        if width >= 120 {
            // Wide enough for the lines' names at their ends.
            #expect(wait.screen.contains(" gold") && wait.screen.contains("median"), "\(wait.screen)")
        }

        // Ctrl-K validates.
        // (With the warm interpreter the step can end, and its rule scroll away, at once: wait for
        // either, then for the step's message.)
        try session.keys("C-k")
        wait = session.waitFor(timeout: 180) { $0.contains("── step 2 · validate_code") || Self.rows($0).suffix(2).joined().contains("step 2: ") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(!Self.rows(wait.screen).contains(where: Self.isStrayRule), "\(wait.screen)")
        wait = session.waitFor(timeout: 180) { $0.contains("validate_code checks the format only") }
        #expect(wait.ok, "\(wait.screen)")

        // The message log shows every message whole.
        try session.keys("M-m")
        wait = session.waitFor { $0.contains("Messages (") && $0.contains("step 1: accuracy") && $0.contains("step 2: ") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Escape")
        wait = session.waitFor { !$0.contains("Messages (") }
        #expect(wait.ok, "\(wait.screen)")

        // The help (A-? instead of F1) filters on `/`.
        try session.keys("M-?")
        wait = session.waitFor("/ filters")
        #expect(wait.ok, "\(wait.screen)")
        try session.type("/theme")
        wait = session.waitFor { $0.contains("Keys matching /theme") && $0.contains("next colour theme") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("execute the buffer"), "\(wait.screen)")
        try session.keys("Escape")
        try session.keys("Escape")
        wait = session.waitFor { !$0.contains("Keys ") }
        #expect(wait.ok, "\(wait.screen)")

        // The Task pane zoomed: the data dictionary's table wraps its cells (nothing cut with "…"),
        // the scroll percentage is in the title, never over the text.
        try session.keys("M-1")
        try session.keys("M-z")
        wait = session.waitFor { $0.contains("▍Task · description") && Self.rows($0).first?.contains("% F2") == true }
        #expect(wait.ok, "\(wait.screen)")
        var screen = wait.screen
        for _ in 0..<8 where !screen.contains("(Bessi)") {
            let before = screen
            try session.keys("NPage")
            // The page has moved when the title's percentage has (the clock alone changes the bar).
            _ = session.waitFor { Self.rows($0).first != Self.rows(before).first || $0.contains("(Bessi)") }
            // The title can be drawn before the page's body: judge the page once the frame has settled,
            // or a half-drawn page without "(Bessi)" sends the next PageDown past the table.
            screen = Self.settled(session)
        }
        // A wrapped cell of the table (its header may be on the page before, wherever the pages break).
        #expect(Self.rows(screen).contains { $0.contains("(Bessi)") && $0.contains("│") }, "\(screen)")
        let content = Self.rows(screen).dropFirst().dropLast(2)
        #expect(!content.contains { $0.contains(" │ ") && $0.contains("…") }, "\(screen)")
        #expect(!content.contains { $0.range(of: #"\d+% *$"#, options: .regularExpression) != nil }, "\(screen)")

        try session.keys("C-q")
        wait = session.waitFor("EXITED=")
        #expect(wait.ok, "\(wait.screen)")
    }
}
