import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real `dojo play --fork` under tmux, from a trajectory made by the real `dojo exec`: the
/// rebuild's progress on screen, then the person's step on the rebuilt workspace.
@Suite(.serialized) struct ForkEndToEndTests {
    let dojo = DojoBinary()

    /// A temporary home: no user config, a fresh cache and state.
    func environment(_ temp: TemporaryDirectory) -> [String: String] { TestHome(temp).environment() }

    /// Step 1 writes working/a.txt, step 2 appends to it (slowly, so its progress can be seen), step 3
    /// reads it back and submits.
    static let steps = [
        "open('working/a.txt', 'w').write('one\\n')\nprint('wrote one')\n",
        "import time\nopen('working/a.txt', 'a').write('two\\n')\nprint('wrote two', flush=True)\ntime.sleep(4)\n",
        """
        import os
        import pandas as pd
        print("a.txt:", open("working/a.txt").read().split() if os.path.exists("working/a.txt") else "missing")
        test = pd.read_csv("input/test.csv")
        pred = (test["Sex"] == "female").astype(int)
        pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": pred}).to_csv("submission/submission.csv", index=False)

        """,
    ]

    func source(_ temp: TemporaryDirectory) throws -> URL {
        let url = temp.file("source.dojo.jsonl")
        let files = Self.steps.enumerated().map { temp.write("step\($0.offset + 1).py", $0.element).path }
        let outcome = try dojo.run(["exec", "titanic"] + files + ["--trajectory", url.path], timeout: 300)
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        #expect(try TrajectoryReader.read(url).steps.count == 3)
        return url
    }

    @Test func forkAtStep3RebuildsTheWorkspaceThenTheStepScores() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let source = try source(temp)
        let fork = temp.file("fork.dojo.jsonl")
        let session = try TmuxSession(command: "\(dojo.url.path) play --fork \(source.path) --step 3 --trajectory \(fork.path)",
                                      width: 120, height: 40, environment: environment(temp))
        defer { session.kill() }
        var wait = session.waitFor("rebuilding workspace: step 2 (2 of 2)", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("Editor · step 3 (fork)"))
        #expect(wait.screen.contains("step 1: exit 0"))
        // Steps wait for the rebuild.
        try session.keys("F5")
        wait = session.waitFor("wait for the rebuild")
        #expect(wait.ok, "\(wait.screen)")
        wait = session.waitFor("workspace rebuilt (2 steps re-run)", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("step 0 · 50 left"))

        try session.keys("F5")
        wait = session.waitFor("★ best", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("a.txt: ['one', 'two']"))
        try session.keys("C-q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")

        let record = try TrajectoryReader.read(fork)
        #expect(record.header.forkedFrom == ["file": .string(source.path), "step": .number(3)])
        #expect(record.header.task == "titanic")
        #expect(record.header.seed == 42)
        #expect(record.steps.count == 1)
        #expect(record.steps.first?.observation.step == 1)
        #expect(record.steps.first?.observation.submission?.rawScore != nil)
        #expect(record.steps.first?.observation.execution?.stdout.contains("a.txt: ['one', 'two']") == true)
        let note = record.events.compactMap { if case .note(let note) = $0 { note } else { nil } }.first
        #expect(note?.text == "forked from \(source.path) at step 3; rebuilt the workspace: re-ran steps 1 (exit 0), 2 (exit 0)")
        #expect(record.end?.reason == "quit")
    }

    @Test func ctrlCStopsTheRebuildAndCleanSkipsIt() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let source = try source(temp)
        let stopped = temp.file("stopped.dojo.jsonl")
        var session = try TmuxSession(command: "\(dojo.url.path) play --fork \(source.path) --step 3 --trajectory \(stopped.path)",
                                      width: 120, height: 40, environment: environment(temp))
        var wait = session.waitFor("wrote two", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-c")
        wait = session.waitFor("rebuild cancelled after 1 of 2 steps", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor("★ best", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        // Step 2 was stopped after it appended: the workspace has what ran.
        #expect(wait.screen.contains("a.txt: ['one', 'two']"))
        try session.keys("C-q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")
        session.kill()
        let note = try TrajectoryReader.read(stopped).events.compactMap { if case .note(let note) = $0 { note } else { nil } }.first
        #expect(note?.data?["rebuild"]?["cancelled"] == .bool(true))

        let clean = temp.file("clean.dojo.jsonl")
        session = try TmuxSession(command: "\(dojo.url.path) play --fork \(source.path) --step 3 --clean --trajectory \(clean.path)",
                                  width: 120, height: 40, environment: environment(temp))
        defer { session.kill() }
        wait = session.waitFor("Started clean", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F5")
        wait = session.waitFor("★ best", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("a.txt: missing"))
        try session.keys("C-q")
        wait = session.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")
        #expect(try TrajectoryReader.read(clean).header.forkedFrom?["step"] == .number(3))
    }
}
