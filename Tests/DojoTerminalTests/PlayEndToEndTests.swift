import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real `dojo play` under tmux: a person's session, keys in, screen out.
@Suite(.serialized) struct PlayEndToEndTests {
    let dojo = DojoBinary()

    /// A temporary home: no user config, a fresh cache and state.
    func environment(_ temp: TemporaryDirectory, extra: [String: String] = [:]) -> [String: String] {
        TestHome(temp).environment(extra)
    }

    static let solution = """
    import pandas as pd
    train = pd.read_csv("input/train.csv")
    test = pd.read_csv("input/test.csv")
    print("hello from the test")
    pred = (test["Sex"] == "female").astype(int)
    pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": pred}).to_csv("submission/submission.csv", index=False)
    """

    /// `dojo play` without a task: the picker lists the tasks with your best from an earlier run (a
    /// real `dojo exec` in the same temporary home); typing filters, Enter opens the workbench on it.
    @Test func thePickerListsTheTasksWithYourBestAndOpensTheChosenOne() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let solution = temp.write("solution.py", Self.solution)
        let earlier = home.trajectories.appendingPathComponent("earlier.dojo.jsonl")
        let result = try dojo.run(["exec", "titanic", solution.path, "--trajectory", earlier.path], environment: home.environment())
        try #require(result.exitCode == 0, "\(result.stderr.text)")
        let index = try TrajectoryIndex.open(earlier)
        let position = try #require(index.bestPosition)
        let best = String(format: "%.4f", try #require(index.steps[position].rawScore))

        let session = try TmuxSession(command: "\(dojo.url.path) play", width: 140, height: 30, environment: home.environment())
        defer { session.kill() }
        var wait = session.waitFor("Dojo · choose a task")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("your best"), "\(wait.screen)")
        #expect(wait.screen.contains("diamonds"), "\(wait.screen)")
        let titanicRow = wait.screen.split(separator: "\n").first { $0.contains("titanic") }.map(String.init) ?? ""
        #expect(titanicRow.contains("accuracy ↑"), "\(wait.screen)")
        #expect(titanicRow.contains(best) && titanicRow.contains("1 run"), "\(wait.screen)")
        try session.type("titan")
        wait = session.waitFor("filter: titan")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("Enter")
        wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("Titanic"), "\(wait.screen)")
        try session.keys("C-q")
        wait = session.waitFor("trajectory: ")
        #expect(wait.ok, "\(wait.screen)")
    }

    @Test func solveBreakJumpResizeThemeSaveQuit() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("t.dojo.jsonl")
        let solutionFile = temp.file("solution.py")
        let session = try TmuxSession(
            command: "\(dojo.url.path) play titanic --trajectory \(trajectory.path) --file \(solutionFile.path)",
            width: 120, height: 40, environment: environment(temp))
        defer { session.kill() }

        var wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("Task · description"))
        #expect(wait.screen.contains("Editor · solution.py"))
        #expect(wait.screen.contains("Scores"))
        #expect(wait.screen.contains("F5 run"))

        // Replace the starter with a solution, pasted as one block, and execute it.
        try session.keys("C-a")
        try session.paste(Self.solution)
        wait = session.waitFor("pasted 6 lines")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor("★ best", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("hello from the test"))
        #expect(wait.screen.contains("best 0.7"))
        #expect(wait.screen.contains("reference rank"))

        // Break it on purpose: the traceback line jumps the editor.
        try session.keys("C-Home")
        try session.type("x = undefined_name\n")
        try session.keys("C-End")
        try session.keys("F5")
        wait = session.waitFor("traceback points at line 1", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-End", "F4")
        wait = session.waitFor("Ln 1, Col 1")
        #expect(wait.ok, "\(wait.screen)")

        // Undo the typed line, too small and back, switch theme.
        try session.keys("C-z")
        try session.resize(width: 40, height: 12)
        wait = session.waitFor("Terminal too small")
        #expect(wait.ok, "\(wait.screen)")
        try session.resize(width: 120, height: 40)
        wait = session.waitFor("Editor · solution.py")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F8")
        wait = session.waitFor("theme: ")
        #expect(wait.ok, "\(wait.screen)")

        // Save, quit; the trajectory is complete.
        try session.keys("C-s")
        wait = session.waitFor("saved ")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("trajectory: \(trajectory.path)"))
        let saved = try String(contentsOf: solutionFile, encoding: .utf8)
        #expect(saved.contains("hello from the test"))
        let record = try TrajectoryReader.read(trajectory)
        #expect(record.steps.count == 2)
        #expect(record.steps.allSatisfy { $0.actor == .human })
        #expect(record.steps[0].observation.submission?.rawScore != nil)
        #expect(record.end?.reason == "quit")
    }

    @Test func ctrlCCancelsTheStepAndSIGTERMRestoresTheTerminal() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("t.dojo.jsonl")
        let session = try TmuxSession(command: "\(dojo.url.path) play titanic --trajectory \(trajectory.path)",
                                      width: 80, height: 24, environment: environment(temp, extra: ["NO_COLOR": "1"]))
        defer { session.kill() }
        var wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        // A step sent during the warm-up would wait for it, and Ctrl-C would drop it before it started:
        // this test cancels a running step.
        wait = session.waitFor("Sandbox warm in", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-a")
        try session.paste("import time\nprint('sleeping', flush=True)\ntime.sleep(60)\n")
        try session.keys("F5")
        wait = session.waitFor("sleeping", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-c")
        wait = session.waitFor("cancelled", timeout: 30)
        #expect(wait.ok, "\(wait.screen)")
        // Still running: the program did not quit on Ctrl-C.
        #expect(!wait.screen.contains("EXITED"))
        try session.keys("F6")
        wait = session.waitFor("sleeping", timeout: 60)
        let pid = try #require(session.programPID())
        #expect(Foundation.kill(pid, SIGTERM) == 0)
        wait = session.waitFor("EXITED=0", timeout: 30)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("trajectory:"))
        let record = try TrajectoryReader.read(trajectory)
        #expect(record.steps.first?.observation.execution?.cancelled == true)
        #expect(record.end?.reason == "signal")
    }

    /// $EDITOR gets the keyboard: it runs in the terminal's foreground process group (an editor
    /// started in a group of its own cannot read the terminal, and `read` ends at once, empty).
    @Test func theExternalEditorReadsTheKeyboard() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let editor = temp.write("editor.sh", "#!/bin/sh\necho 'EDITOR READY'\nread line\necho \"# typed: $line\" > \"$1\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        let session = try TmuxSession(command: "\(dojo.url.path) play titanic --trajectory \(temp.file("t.dojo.jsonl").path)",
                                      width: 120, height: 40, environment: environment(temp, extra: ["EDITOR": editor.path]))
        defer { session.kill() }
        var wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-e")
        wait = session.waitFor("EDITOR READY")
        #expect(wait.ok, "\(wait.screen)")
        try session.type("from the keyboard")
        try session.keys("Enter")
        wait = session.waitFor("# typed: from the keyboard")
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("took the buffer back from the editor"), "\(wait.screen)")
    }
}
