import DojoKit
import DojoTesting
import Foundation
import Testing

/// Issue 17, friction 2, under tmux with the real binary: quitting `dojo play` keeps working/, the
/// best submission and the buffer and says where; `dojo workspaces` lists and exports them;
/// `dojo play --resume` continues with the files; `clean` removes them.
@Suite(.serialized) struct KeptWorkspaceEndToEndTests {
    let dojo = DojoBinary()

    static let solution = """
    import pandas as pd
    test = pd.read_csv("input/test.csv")
    open("working/notes.txt", "w").write("kept across quitting")
    pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": (test["Sex"] == "female").astype(int)}).to_csv("submission/submission.csv", index=False)
    """

    @Test func quittingKeepsTheWorkspaceAndResumeContinuesIt() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let home = TestHome(temp)
        let session = try TmuxSession(command: "\(dojo.url.path) play titanic --trajectory \(temp.file("one.dojo.jsonl").path)",
                                      width: 200, height: 60, environment: home.environment(["NO_COLOR": "1"]))
        defer { session.kill() }
        var wait = session.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-a")
        try session.paste(Self.solution)
        try session.keys("F5")
        wait = session.waitFor("step 1: accuracy", timeout: 180)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-q")
        #expect(session.waitFor("Unsaved edits").ok)
        try session.keys("n")
        wait = session.waitFor("continue with: dojo play titanic --resume", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("workspace kept: "), "\(wait.screen)")
        #expect(wait.screen.contains("the buffer had unsaved edits: kept as solution.py"), "\(wait.screen)")
        #expect(wait.screen.contains("best submission (step 1, accuracy "), "\(wait.screen)")
        session.kill()

        // Listed, and the best submission exported where Kaggle wants it: a valid titanic submission.
        let list = try dojo.run(["workspaces", "list", "--json"], environment: home.environment())
        #expect(list.exitCode == 0, "\(list.stderr.text)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.text.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let id = try #require(rows.first?["id"] as? String)
        #expect(rows.first?["best_submission"] as? Bool == true && rows.first?["working_files"] as? Int == 1)
        let export = temp.file("upload/submission.csv")
        let exported = try dojo.run(["workspaces", "export", "titanic", "-o", export.path], environment: home.environment())
        #expect(exported.exitCode == 0, "\(exported.stderr.text)")
        let again = try dojo.run(["workspaces", "export", id, "-o", export.path], environment: home.environment())
        #expect(again.exitCode != 0 && again.stderr.text.contains("the file exists"), "\(again.stderr.text)")
        let graded = try dojo.run(["grade", "titanic", export.path], environment: home.environment())
        #expect(graded.exitCode == 0 && graded.stdout.text.contains("Valid submission (327 rows)"), "\(graded.stdout.text)")

        // --resume: the buffer and working/ are back in a new episode.
        let resumed = try TmuxSession(command: "\(dojo.url.path) play titanic --resume --trajectory \(temp.file("two.dojo.jsonl").path)",
                                      width: 120, height: 40, environment: home.environment(["NO_COLOR": "1"]))
        defer { resumed.kill() }
        wait = resumed.waitFor("Episode started", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        #expect(wait.screen.contains("solution.py (resumed)"), "\(wait.screen)")
        #expect(wait.screen.contains("resumed workspace \(id)"), "\(wait.screen)")
        #expect(wait.screen.contains("kept across quitting\")"), "\(wait.screen)")
        try resumed.keys("C-a")
        try resumed.paste("print('found:', open('working/notes.txt').read())\n")
        try resumed.keys("F5")
        wait = resumed.waitFor("found: kept across quitting", timeout: 180)
        #expect(wait.ok, "\(wait.screen)")
        try resumed.keys("C-q")
        #expect(resumed.waitFor("Unsaved edits").ok)
        try resumed.keys("n")
        #expect(resumed.waitFor("workspace kept: ").ok)
        let header = try TrajectoryReader.read(temp.file("two.dojo.jsonl")).header
        #expect(header.agent["resumed_from"] == .object(["workspace": .string(id), "trajectory": .string(temp.file("one.dojo.jsonl").path)]))

        // Cleaning removes both.
        let clean = try dojo.run(["workspaces", "clean", "--older-than", "0s"], environment: home.environment())
        #expect(clean.exitCode == 0 && clean.stdout.text.contains("2 kept workspaces older than 0s removed"), "\(clean.stdout.text)")
        #expect(try dojo.run(["workspaces"], environment: home.environment()).stdout.text.hasPrefix("no kept workspaces"))
    }
}
