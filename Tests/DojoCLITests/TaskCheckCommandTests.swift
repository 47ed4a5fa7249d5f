import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo task check` through the real binary, real Python and the real cache: on a shipped task and on
/// fixture tasks each broken in one way (a leak of each kind, a nondeterministic prepare.py, a starter
/// that fails, a short board, a description that leaves a column out).
@Suite struct TaskCheckCommandTests {
    let dojo = DojoBinary()

    /// A tasks folder with the shared kit (leakcheck.py, taskkit.py, ladder.py, the template and the
    /// pinned requirements, so the cached Python environment is reused).
    static func kitFolder(_ temp: TemporaryDirectory) throws -> URL {
        let tasks = temp.file("tasks")
        let repository = DojoBinary.repositoryRoot().appendingPathComponent("Tasks")
        try FileManager.default.createDirectory(at: tasks, withIntermediateDirectories: true)
        for name in ["leakcheck.py", "taskkit.py", "ladder.py", "requirements.txt", "template"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: tasks.appendingPathComponent(name))
        }
        return tasks
    }

    /// 400 rows, y = 2·x1 + x2 + noise; `leak` adds one way of giving the answers away.
    static func prepareScript(leak: String) -> String {
        #"""
        import argparse, csv, os, random, time
        p = argparse.ArgumentParser()
        p.add_argument("--public", required=True)
        p.add_argument("--private", required=True)
        p.add_argument("--seed", type=int, required=True)
        a = p.parse_args()
        LEAK = "\#(leak)"
        rng = random.Random(time.time_ns() if LEAK == "nondeterministic" else a.seed)
        rows = []
        for i in range(400):
            x1, x2 = round(rng.random(), 4), rng.randint(0, 4)
            rows.append({"x1": x1, "x2": x2, "y": round(2 * x1 + x2 + rng.gauss(0, 1.5), 4), "day": f"2024-01-01 {i // 60:02d}:{i % 60:02d}"})
        if LEAK == "lookahead":
            rng.shuffle(rows)
        ids = list(range(1, 401))
        rng.shuffle(ids)
        if LEAK == "sorted-ids":
            ids = sorted(ids)
            rows.sort(key=lambda r: r["y"])
        for i, r in zip(ids, rows):
            r["id"] = i
            if LEAK == "derived":
                r["z"] = round(3 * r["y"] + 1, 4)
        train, test = rows[:300], rows[300:]
        if LEAK == "duplicates":
            train = train[:240] + [dict(r, id=r["id"] + 1000) for r in test[:60]]
        if LEAK == "answers":
            for r in test:
                r["hint"] = r["y"]
        if LEAK == "image-duplicates":
            import numpy as np
            pixels = np.random.default_rng(a.seed)
            train_images = pixels.integers(0, 256, (300, 4, 4), dtype=np.uint8)
            test_images = pixels.integers(0, 256, (100, 4, 4), dtype=np.uint8)
            for k in range(60):
                test_images[k] = train_images[k]
                test[k]["y"] = train[k]["y"]
        def images(name, part, array):
            order = sorted(range(len(part)), key=lambda k: part[k]["id"])
            np.save(os.path.join(a.public, name), array[order])
        feats = ["x1", "x2"] + (["z"] if LEAK == "derived" else []) + (["day"] if LEAK in ("lookahead", "time-ordered") else [])
        os.makedirs(a.public, exist_ok=True)
        os.makedirs(a.private, exist_ok=True)
        def write(path, cols, data):
            with open(path, "w", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(cols)
                for r in sorted(data, key=lambda r: r["id"]) if LEAK != "sorted-ids" else data:
                    w.writerow([r[c] for c in cols])
        write(os.path.join(a.public, "train.csv"), ["id"] + feats + ["y"], train)
        write(os.path.join(a.public, "test.csv"), ["id"] + feats + (["hint"] if LEAK == "answers" else []), test)
        write(os.path.join(a.public, "sample_submission.csv"), ["id", "y"], [dict(r, y=0) for r in test])
        write(os.path.join(a.private, "answers.csv"), ["id", "y"], test)
        if LEAK == "image-duplicates":
            images("train_images.npy", train, train_images)
            images("test_images.npy", test, test_images)
        """#
    }

    static let description = """
    # Fixture

    Predict `y` for each `id` of `test.csv` from `x1` and `x2` (and `z`, `hint`, `day` when present).
    Files: `train.csv`, `test.csv`, `sample_submission.csv` (and `train_images.npy`, `test_images.npy` when present).
    """

    static let starter = """
    import pandas as pd
    from sklearn.linear_model import LinearRegression
    train = pd.read_csv("input/train.csv")
    test = pd.read_csv("input/test.csv")
    model = LinearRegression().fit(train[["x1", "x2"]], train["y"])
    pd.DataFrame({"id": test["id"], "y": model.predict(test[["x1", "x2"]])}).to_csv("submission/submission.csv", index=False)
    """

    /// A fixture task in `tasks`, leaking as `leak` says ("none" for a clean one), with a 20-entry board.
    @discardableResult
    static func fixture(in tasks: URL, id: String, leak: String, starter: String = starter,
                        description: String = description, boardSize: Int = 20) -> FixtureTask {
        let board = (0..<boardSize).map { 1.0 + Double($0) * 0.1 }
        let task = FixtureTask(in: tasks, id: id, board: board)
        task.write("prepare.py", prepareScript(leak: leak))
        task.write("starter.py", starter)
        task.write("description.md", description)
        return task
    }

    func check(_ tasks: URL, _ id: String, _ only: [String] = []) throws -> ProcessOutcome {
        try dojo.run(["task", "check", id, "--tasks", tasks.path] + only.flatMap { ["--only", $0] }, timeout: 1800)
    }

    @Test func titanicPassesEveryCheck() throws {
        let outcome = try dojo.run(["task", "check", "titanic"], timeout: 1800)
        #expect(outcome.exitCode == 0, "\(outcome.stdout.text)\n\(outcome.stderr.text)")
        let lines = outcome.stdout.text.split(separator: "\n")
        for check in ["load", "deterministic", "leaks", "starter", "board", "description"] {
            #expect(lines.contains { $0.hasPrefix("PASS  \(check) ") }, "\(check): \(outcome.stdout.text)")
        }
        #expect(outcome.stdout.text.contains("starter.py scores 0."))
        #expect(outcome.stdout.text.contains("leaderboard.csv: 28 entries, sorted best first (accuracy, higher is better)"))
        #expect(outcome.stdout.text.hasSuffix("titanic: 6 checks passed\n"))
    }

    @Test func aCleanFixturePassesAndEachLeakIsCaught() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let tasks = try Self.kitFolder(temp)
        let cases: [(String, String)] = [
            ("none", ""),
            ("derived", "column `z` alone predicts the test answers of `y` with skill 0.9"),
            ("sorted-ids", "the test ids (`id`) vs `y`"),
            ("answers", "test.csv column `hint` equals the answer `y`"),
            ("duplicates", "the duplicates give the answer away"),
            ("image-duplicates", "train_images.npy/test_images.npy rows: 60 test rows (60.0%) have one exact twin in train"),
            ("time-ordered", ""),
            ("lookahead", "no column of both train.csv and test.csv has every test value after every train value (tried: x1, x2, day)"),
        ]
        for (leak, finding) in cases {
            let task = Self.fixture(in: tasks, id: "leak-\(leak)", leak: leak)
            if leak == "time-ordered" || leak == "lookahead" {
                let toml = try String(contentsOf: task.taskTomlURL, encoding: .utf8)
                task.write("task.toml", toml.replacingOccurrences(of: "category = \"tabular-regression\"", with: "category = \"time-series\""))
            }
            let outcome = try check(tasks, "leak-\(leak)", ["leaks"])
            let text = outcome.stdout.text + outcome.stderr.text
            if finding.isEmpty {
                #expect(outcome.exitCode == 0, "\(text)")
                #expect(outcome.stdout.text.contains("PASS  leaks          no leak found by leakcheck.py"), "\(text)")
            } else {
                #expect(outcome.exitCode == 1, "\(leak): \(text)")
                #expect(outcome.stdout.text.contains("FAIL  leaks          the public files give answers away"), "\(leak): \(text)")
                #expect(outcome.stdout.text.contains("LEAK  "), "\(leak): \(text)")
                #expect(outcome.stdout.text.contains(finding), "\(leak): \(text)")
                #expect(outcome.stdout.text.contains("leak-\(leak): 1 check failed (leaks)"), "\(leak): \(text)")
            }
        }
    }

    /// A ranking task's test.csv has one row per candidate, so the rows of an id come in a run that
    /// shares its answer: the order check looks at the distinct ids (a clean task passes), and still
    /// catches ids handed out in the order of the answers.
    @Test func aRankingTaskIsJudgedOnTheOrderOfItsDistinctIds() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let tasks = try Self.kitFolder(temp)
        let script = #"""
        import argparse, csv, os, random
        p = argparse.ArgumentParser()
        for flag in ("--public", "--private"):
            p.add_argument(flag, required=True)
        p.add_argument("--seed", type=int, required=True)
        a = p.parse_args()
        rng = random.Random(a.seed)
        answers = [rng.choice(["3", "1 4", "2 5 6"]) for _ in range(150)]
        ids = list(range(1, 151))
        rng.shuffle(ids)
        if os.path.basename(os.getcwd()) == "ranked-sorted":
            answers.sort()
            ids = list(range(1, 151))  # ids handed out in the order of the answers
        os.makedirs(a.public, exist_ok=True)
        os.makedirs(a.private, exist_ok=True)
        def write(path, header, rows):
            with open(path, "w", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(rows)
        order = sorted(range(150), key=lambda k: ids[k])
        write(os.path.join(a.public, "train.csv"), ["id", "candidate", "x", "relevant"],
              [[1000 + i, c, round(rng.random(), 4), rng.randint(0, 1)] for i in range(100) for c in range(1, 7)])
        write(os.path.join(a.public, "test.csv"), ["id", "candidate", "x"],
              [[ids[k], c, round(rng.random(), 4)] for k in order for c in range(1, 7)])
        write(os.path.join(a.public, "sample_submission.csv"), ["id", "y"], [[ids[k], "1 2 3 4 5 6"] for k in order])
        write(os.path.join(a.private, "answers.csv"), ["id", "y"], [[ids[k], answers[k]] for k in order])
        """#
        for (id, finding) in [("ranked", ""), ("ranked-sorted", "LEAK  id-order: the test ids (`id`) vs `y`")] {
            let task = FixtureTask(in: tasks, id: id, board: (0..<20).map { 1.0 + Double($0) * 0.1 })
            task.write("prepare.py", script)
            let outcome = try check(tasks, id, ["leaks"])
            let text = outcome.stdout.text + outcome.stderr.text
            if finding.isEmpty {
                #expect(outcome.exitCode == 0, "\(text)")
                // Judged row by row, the six-row runs of each id would be 0.17 × random: a leak.
                #expect(outcome.stdout.text.contains("PASS  leaks          no leak found by leakcheck.py"), "\(text)")
            } else {
                #expect(outcome.exitCode == 1, "\(text)")
                #expect(outcome.stdout.text.contains(finding), "\(text)")
            }
        }
    }

    @Test func anAllowedSignalIsShownButNotALeak() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let tasks = try Self.kitFolder(temp)
        let task = Self.fixture(in: tasks, id: "allowed", leak: "derived")
        let toml = try String(contentsOf: task.taskTomlURL, encoding: .utf8)
        task.write("task.toml", toml + "\n[leakcheck]\nallow = [\"z\"]\nreason = \"z is measured, not derived (a test of the exemption)\"\n")
        let outcome = try check(tasks, "allowed", ["leaks"])
        #expect(outcome.exitCode == 0, "\(outcome.stdout.text)\n\(outcome.stderr.text)")
        #expect(outcome.stdout.text.contains("allow derived-column: column `z` alone predicts the test answers of `y`"))
        #expect(outcome.stdout.text.contains("z is measured, not derived"))
    }

    @Test func eachBrokenPartFailsItsCheckAndOnlyIt() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let tasks = try Self.kitFolder(temp)
        Self.fixture(in: tasks, id: "random", leak: "nondeterministic")
        Self.fixture(in: tasks, id: "crashing", leak: "none", starter: "raise ValueError('on purpose')\n")
        Self.fixture(in: tasks, id: "short-board", leak: "none", boardSize: 12)
        Self.fixture(in: tasks, id: "vague", leak: "none", description: "# Fixture\n\nPredict `y` from `train.csv` and `test.csv`.\n")
        let stale = Self.fixture(in: tasks, id: "stale-rows", leak: "none")
        let staleToml = try String(contentsOf: stale.taskTomlURL, encoding: .utf8)
        stale.write("task.toml", staleToml.replacingOccurrences(of: "[source]", with: "[data]\ntrain_rows = 300\ntest_rows = 99\n\n[source]"))
        let unsorted = Self.fixture(in: tasks, id: "unsorted", leak: "none")
        unsorted.write("leaderboard.csv", "rank,score\n" + (1...20).map { "\($0),\(Double($0 % 7))" }.joined(separator: "\n") + "\n")

        let expectations: [(String, String, String)] = [
            ("random", "deterministic", "two preparations with seed 42 differ: private/answers.csv, public/sample_submission.csv, public/test.csv, public/train.csv"),
            ("crashing", "starter", "starter.py failed"),
            ("short-board", "board", "a board needs at least 20 entries (leaderboard.csv: 12 entries)"),
            ("vague", "description", "description.md leaves things out"),
            ("stale-rows", "description", "task.toml's [data] rows are stale"),
            ("unsorted", "load", "the task does not load"),
        ]
        for (id, failing, message) in expectations {
            let outcome = try check(tasks, id)
            let text = outcome.stdout.text
            #expect(outcome.exitCode == 1, "\(id): \(text)\n\(outcome.stderr.text)")
            #expect(text.contains("FAIL  \(failing.padding(toLength: 13, withPad: " ", startingAt: 0))  \(message)"), "\(id): \(text)")
            #expect(text.contains("\(id): 1 check failed (\(failing))"), "\(id): \(text)")
        }
        let vague = try check(tasks, "vague", ["description"]).stdout.text
        #expect(vague.contains("files not named: sample_submission.csv"))
        #expect(vague.contains("test.csv: x1"), "\(vague)")
        #expect(vague.contains("train.csv: x2"), "\(vague)")
        let staleOut = try check(tasks, "stale-rows", ["description"]).stdout.text
        #expect(staleOut.contains("task.toml [data] test_rows = 99, but the prepared test.csv has 100 rows"), "\(staleOut)")
        #expect(!staleOut.contains("train_rows"), "\(staleOut)")
        let unsorted2 = try check(tasks, "unsorted").stdout.text
        #expect(unsorted2.contains("not sorted best first"), "\(unsorted2)")
    }

    @Test func aNewTaskFromTheTemplatePassesEveryCheck() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let tasks = try Self.kitFolder(temp)
        let created = try dojo.run(["task", "new", "mroz", "--kind", "tabular-classification", "--title", "Mroz: does she work?", "--tasks", tasks.path])
        #expect(created.exitCode == 0, "\(created.stderr.text)")
        let folder = tasks.appendingPathComponent("mroz")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["description.md", "leaderboard.csv", "make_leaderboard.py", "prepare.py", "starter.py", "task.toml"])
        let toml = try String(contentsOf: folder.appendingPathComponent("task.toml"), encoding: .utf8)
        #expect(toml.contains("id = \"mroz\"") && toml.contains("title = \"Mroz: does she work?\""))
        #expect(!toml.contains("__"))
        let description = try String(contentsOf: folder.appendingPathComponent("description.md"), encoding: .utf8)
        for section in ["## Overview", "## Data", "## Evaluation", "## Submission format", "## Workspace", "## Source and licence"] {
            #expect(description.contains(section))
        }

        let outcome = try check(tasks, "mroz")
        #expect(outcome.exitCode == 0, "\(outcome.stdout.text)\n\(outcome.stderr.text)")
        #expect(outcome.stdout.text.hasSuffix("mroz: 6 checks passed\n"), "\(outcome.stdout.text)")

        let again = try dojo.run(["task", "new", "mroz", "--tasks", tasks.path])
        #expect(again.exitCode != 0)
        #expect(again.stderr.text.contains("a folder for `mroz` already exists"))
        let badId = try dojo.run(["task", "new", "Bad Id", "--tasks", tasks.path])
        #expect(badId.exitCode != 0)
        #expect(badId.stderr.text.contains("`Bad Id` is not a valid task id"))
        let badKind = try dojo.run(["task", "new", "other", "--kind", "images", "--tasks", tasks.path])
        #expect(badKind.exitCode != 0)
        #expect(badKind.stderr.text.contains("--kind images: not a kind of task"))
    }

    /// --regenerate-board reruns make_leaderboard.py and compares: a committed score that the ladder no
    /// longer gives fails, and only that rank is reported (the other entries regenerate exactly).
    @Test func aBoardThatNoLongerRegeneratesFails() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let tasks = try Self.kitFolder(temp)
        let created = try dojo.run(["task", "new", "mroz", "--tasks", tasks.path])
        #expect(created.exitCode == 0, "\(created.stderr.text)")
        let board = tasks.appendingPathComponent("mroz/leaderboard.csv")
        let text = try String(contentsOf: board, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var first = lines[1].split(separator: ",").map(String.init)
        let original = try #require(Double(first[1]))
        first[1] = String(original + 0.01)
        lines[1] = first.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: board, atomically: true, encoding: .utf8)

        let outcome = try check(tasks, "mroz", ["board"])
        #expect(outcome.exitCode == 0, "without --regenerate-board only size and order are checked: \(outcome.stdout.text)")
        let regenerated = try dojo.run(["task", "check", "mroz", "--tasks", tasks.path, "--only", "board", "--regenerate-board"], timeout: 1800)
        let out = regenerated.stdout.text
        #expect(regenerated.exitCode == 1, "\(out)\n\(regenerated.stderr.text)")
        #expect(out.contains("FAIL  board          make_leaderboard.py gives a different board"), "\(out)")
        #expect(out.contains("rank 1: committed \(original + 0.01), regenerated \(original)"), "\(out)")
        #expect(!out.contains("rank 2:"), "\(out)")
    }
}
