import DojoKit
import DojoTesting
import DojoUI
import Foundation
import Testing

/// The leaderboard, the data explorer and the mouse in the real `dojo play` and `dojo replay` under
/// tmux. tmux's send-keys cannot click: the SGR mouse reports a terminal would send are written into
/// the pane as bytes (`send-keys -H`), and tmux's own flags show the pane asked for mouse reporting.
@Suite(.serialized) struct ViewsEndToEndTests {
    let dojo = DojoBinary()

    static let solution = """
    import pandas as pd
    train = pd.read_csv("input/train.csv")
    test = pd.read_csv("input/test.csv")
    pred = (test["Sex"] == "female").astype(int)
    pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": pred}).to_csv("submission/submission.csv", index=False)
    """

    /// A mouse report as xterm sends it in SGR mode: `ESC [ < b ; x ; y M` (or `m` for a release), 1-based.
    static func report(_ code: Int, x: Int, y: Int, release: Bool = false) -> [String] {
        Array("\u{1B}[<\(code);\(x + 1);\(y + 1)\(release ? "m" : "M")".utf8).map { String(format: "%02x", $0) }
    }

    func click(_ session: TmuxSession, x: Int, y: Int) throws {
        try session.tmux(["send-keys", "-t", session.name, "-H"] + Self.report(0, x: x, y: y))
        try session.tmux(["send-keys", "-t", session.name, "-H"] + Self.report(0, x: x, y: y, release: true))
    }

    /// tmux's view of the pane: is it in SGR mouse mode with button-event tracking?
    func mouseFlags(_ session: TmuxSession) -> String {
        ((try? session.tmux(["display-message", "-p", "-t", session.name, "#{mouse_sgr_flag} #{mouse_button_flag}"])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The private-board position grading recorded for the last scored step of a trajectory.
    static func recordedPosition(_ trajectory: URL) throws -> Int? {
        let lines = try String(contentsOf: trajectory, encoding: .utf8).split(separator: "\n")
        func find(_ value: Any) -> Int? {
            if let object = value as? [String: Any] {
                if let submission = object["submission"] as? [String: Any], let positions = submission["position"] as? [String: Any],
                   let board = positions["private"] as? [String: Any], let position = board["position"] as? Int { return position }
                for child in object.values { if let found = find(child) { return found } }
            }
            return nil
        }
        for line in lines.reversed() {
            if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)), let position = find(object) { return position }
        }
        return nil
    }

    /// Esc, then waiting until the overlay is gone (a key sent at once after Esc would read as Alt-key).
    func closeOverlay(_ session: TmuxSession, _ title: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try session.keys("Escape")
        let wait = session.waitFor { !$0.contains(title) }
        #expect(wait.ok, "\(wait.screen)", sourceLocation: sourceLocation)
    }

    @Test func theLeaderboardTheDataAndTheMouseInAPlaySession() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("t.dojo.jsonl")
        let solutionFile = temp.file("solution.py")
        let session = try TmuxSession(
            command: "\(dojo.url.path) play titanic --trajectory \(trajectory.path) --file \(solutionFile.path)",
            width: 120, height: 40, environment: TestHome(temp).environment())
        defer { session.kill() }
        var wait = session.waitFor("Episode started", timeout: 180)
        try #require(wait.ok, "\(wait.screen)")
        // The pane asked tmux for SGR reports with button-event tracking.
        #expect(session.waitFor(timeout: 10) { _ in mouseFlags(session) == "1 1" }.ok, "flags: \(mouseFlags(session))")

        // The board before any score: every entry, medal bands in words.
        try session.keys("M-g")
        wait = session.waitFor("Private board · reference · 28 entries")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("No graded step yet") && wait.screen.contains("gold") && wait.screen.contains("bronze"), "\(wait.screen)")
        try closeOverlay(session, "Leaderboard ·")

        // A scored step; the board places it where grading did.
        try session.keys("C-a")
        try session.paste(Self.solution)
        wait = session.waitFor("pasted 5 lines")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor("step 1: accuracy", timeout: 180)
        try #require(wait.ok, "\(wait.screen)")
        let position = try #require(try Self.recordedPosition(trajectory))
        try session.keys("M-g")
        wait = session.waitFor("◀ you: best and last (step 1)")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("private \(position) of 28"), "grading said \(position):\n\(wait.screen)")
        let row = wait.screen.split(separator: "\n").first { $0.contains("◀ you: best and last (step 1)") }.map(String.init) ?? ""
        #expect(row.contains("▶ \(String(position).leftPaddedForTest(6))"), "\(row)")
        try closeOverlay(session, "Leaderboard ·")

        // The data: train.csv's columns, a column's figures, its head read-only.
        try session.keys("M-i")
        wait = session.waitFor { $0.contains("train.csv ·") && $0.contains("rows × 6 columns") && $0.contains("computed in") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("PassengerId · int · 0 missing"), "\(wait.screen)")
        try session.keys("Down", "Down", "Down")
        wait = session.waitFor { $0.contains("Age · float · ") && $0.contains("missing (") && $0.contains("min 0.1") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Enter")
        wait = session.waitFor("input/train.csv · first lines, read-only")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains(" 1 PassengerId,Name,Sex,Age,Pclass,Survived"), "\(wait.screen)")
        try closeOverlay(session, "first lines, read-only")
        try closeOverlay(session, "Data · input/")

        // The mouse: a click focuses the Logs; the wheel scrolls them; a drag in the editor selects.
        let frame = Layout().frame(width: 120, height: 40)
        let logs = try #require(frame.panes[.logs]), editor = try #require(frame.panes[.editor])
        try click(session, x: logs.x + 10, y: logs.y + 3)
        wait = session.waitFor("▍Logs")
        #expect(wait.ok, "\(wait.screen)")
        try session.tmux(["send-keys", "-t", session.name, "-H"] + Self.report(64, x: logs.x + 10, y: logs.y + 3))
        wait = session.waitFor("Logs · scrolled")
        #expect(wait.ok, "\(wait.screen)")
        // "import pandas as pd": from the start of "pandas" (after a 5-column gutter) to its end.
        let textX = editor.x + 5
        try session.tmux(["send-keys", "-t", session.name, "-H"] + Self.report(0, x: textX + 7, y: editor.y + 1))
        try session.tmux(["send-keys", "-t", session.name, "-H"] + Self.report(32, x: textX + 13, y: editor.y + 1))
        try session.tmux(["send-keys", "-t", session.name, "-H"] + Self.report(0, x: textX + 13, y: editor.y + 1, release: true))
        try session.keys("C-c")
        wait = session.waitFor("copied 6 characters")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("▍Editor"), "\(wait.screen)")

        // Off: the terminal's own selection; clicks no longer reach dojo.
        try session.keys("M-u")
        wait = session.waitFor("mouse off")
        #expect(wait.ok, "\(wait.screen)")
        #expect(session.waitFor(timeout: 10) { _ in mouseFlags(session) == "0 0" }.ok, "flags: \(mouseFlags(session))")
        try session.keys("M-u")
        #expect(session.waitFor(timeout: 10) { _ in mouseFlags(session) == "1 1" }.ok, "flags: \(mouseFlags(session))")

        try session.keys("C-q")
        wait = session.waitFor("Unsaved edits")
        try session.keys("n")
        wait = session.waitFor("trajectory: ")
        #expect(wait.ok, "\(wait.screen)")
    }

    @Test func theBoardAndTheDataInReplayAndTheProfileFromTheCacheTheSecondTime() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let solution = temp.write("solution.py", Self.solution)
        let trajectory = temp.file("run.dojo.jsonl")
        let result = try dojo.run(["exec", "titanic", solution.path, "--trajectory", trajectory.path], environment: home.environment())
        try #require(result.exitCode == 0, "\(result.stderr.text)")
        let position = try #require(try Self.recordedPosition(trajectory))
        for (round, (width, height)) in [(80, 24), (200, 60)].enumerated() {
            let session = try TmuxSession(command: "\(dojo.url.path) replay \(trajectory.path)", width: width, height: height,
                                          environment: home.environment())
            defer { session.kill() }
            var wait = session.waitFor("1/1")
            try #require(wait.ok, "\(wait.screen)")
            #expect(session.waitFor(timeout: 10) { _ in mouseFlags(session) == "1 1" }.ok)
            try session.keys("M-g")
            wait = session.waitFor("◀ you: best, in view (step 1)")
            #expect(wait.ok, "\(wait.screen)")
            // Where grading placed it (the summary line may be scrolled away at 80×24).
            let row = wait.screen.split(separator: "\n").first { $0.contains("◀ you: best, in view (step 1)") }.map(String.init) ?? ""
            #expect(row.contains("▶ \(String(position).leftPaddedForTest(6))"), "grading said \(position):\n\(wait.screen)")
            try closeOverlay(session, "Leaderboard ·")
            try session.keys("M-i")
            // The first open makes the profile; the next session reads it from the cache.
            wait = session.waitFor(round == 0 ? "computed in" : "from the cache")
            #expect(wait.ok, "\(wait.screen)")
            #expect(wait.screen.contains("train.csv"), "\(wait.screen)")
            try closeOverlay(session, "Data · input/")
            // A click on the Logs focuses them; one on the step row focuses the step list again.
            let panes = Layout().frame(width: width, height: height).panes
            let task = try #require(panes[.task]), logs = try #require(panes[.logs])
            try click(session, x: logs.x + 3, y: logs.y + 2)
            wait = session.waitFor("▍Logs")
            #expect(wait.ok, "\(wait.screen)")
            try click(session, x: task.x + 3, y: task.y + 2)
            wait = session.waitFor("▍Steps")
            #expect(wait.ok, "\(wait.screen)")
            try session.keys("q")
            wait = session.waitFor("replayed 1 step")
            #expect(wait.ok, "\(wait.screen)")
        }
    }
}

extension ViewsEndToEndTests {
    /// `[mouse] enabled = false` in the config: the pane never asks for mouse reports; Alt-M still can.
    @Test func theConfigLeavesTheMouseToTheTerminal() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        home.writeConfig("[mouse]\nenabled = false\n")
        let solution = temp.write("solution.py", Self.solution)
        let trajectory = temp.file("run.dojo.jsonl")
        let result = try dojo.run(["exec", "titanic", solution.path, "--trajectory", trajectory.path], environment: home.environment())
        try #require(result.exitCode == 0, "\(result.stderr.text)")
        let session = try TmuxSession(command: "\(dojo.url.path) replay \(trajectory.path)", width: 120, height: 40, environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor("1/1")
        try #require(wait.ok, "\(wait.screen)")
        #expect(mouseFlags(session) == "0 0")
        try session.keys("M-u")
        wait = session.waitFor("mouse on")
        #expect(wait.ok, "\(wait.screen)")
        #expect(session.waitFor(timeout: 10) { _ in mouseFlags(session) == "1 1" }.ok, "flags: \(mouseFlags(session))")
        try session.keys("q")
        wait = session.waitFor("replayed 1 step")
        // Leaving the screen gives the terminal its own mouse back.
        #expect(session.waitFor(timeout: 10) { _ in mouseFlags(session) == "0 0" }.ok, "flags: \(mouseFlags(session))")
    }
}

extension ViewsEndToEndTests {
    /// `dojo watch` of a finished run: the leaderboard places its last step read where grading did.
    @Test func theBoardInWatch() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let solution = temp.write("solution.py", Self.solution)
        let trajectory = temp.file("run.dojo.jsonl")
        let result = try dojo.run(["exec", "titanic", solution.path, "--trajectory", trajectory.path], environment: home.environment())
        try #require(result.exitCode == 0, "\(result.stderr.text)")
        let position = try #require(try Self.recordedPosition(trajectory))
        let session = try TmuxSession(command: "\(dojo.url.path) watch \(trajectory.path)", width: 120, height: 40, environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor("ended")
        try #require(wait.ok, "\(wait.screen)")
        try session.keys("M-g")
        wait = session.waitFor("◀ you: best and last (step 1)")
        #expect(wait.ok, "\(wait.screen)")
        let row = wait.screen.split(separator: "\n").first { $0.contains("◀ you: best and last (step 1)") }.map(String.init) ?? ""
        #expect(row.contains("▶ \(String(position).leftPaddedForTest(6))"), "grading said \(position):\n\(wait.screen)")
        try closeOverlay(session, "Leaderboard ·")
        try session.keys("q")
    }
}

extension String {
    func leftPaddedForTest(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
