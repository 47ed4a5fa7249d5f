import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo competitions` end to end through the real binary, real bwrap and real Python, on the fixture
/// clones of both anchors (Tests/Fixtures/competitions) with synthetic raw data from make_raw.py: import,
/// the anchor's own prepare in the sandbox, then Dojo's grade of random submissions compared with the
/// anchor's own grade()/evaluate() run in the same Python environment; and every error case.
@Suite(.serialized) struct CompetitionImportTests {
    let dojo = DojoBinary()
    static let fixtures = DojoBinary.repositoryRoot().appendingPathComponent("Tests/Fixtures/competitions")

    /// A home of its own, the task environment's Python and synthetic raw data of both competitions.
    struct World {
        let temp: TemporaryDirectory
        let home: TestHome
        let python: URL
        var raw: URL { temp.file("raw") }
        var userTasks: URL { home.dataHome.appendingPathComponent("dojo/tasks") }
        func environment(_ extra: [String: String] = [:]) -> [String: String] { home.environment(extra) }
    }

    func world() throws -> World {
        let temp = TemporaryDirectory(prefix: "dojo-competitions")
        let home = TestHome(temp)
        let setup = try dojo.run(["setup"], timeout: 1800, environment: home.environment())
        #expect(setup.exitCode == 0, "\(setup.stderr.text)")
        let python = home.cacheHome.appendingPathComponent("dojo/venv/bin/python")
        let made = try SystemProcessRunner().run(ProcessSpec(
            executable: python.path, arguments: [Self.fixtures.appendingPathComponent("make_raw.py").path, temp.file("raw").path],
            environment: ["PATH": "/usr/bin:/bin"], timeout: 300))
        #expect(made.exitCode == 0, "\(made.stderr.text)")
        return World(temp: temp, home: home, python: python)
    }

    /// A copy of the MLE-bench fixture clone after `git lfs pull`: its leaderboard.csv files hold a board
    /// in the layout of MLE-bench's Kaggle dumps (the scores of MLE-Dojo's private board of the same competition).
    static func mleBenchClone(_ world: World) throws -> URL {
        let clone = world.temp.file("mle-bench")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("mle-bench"), to: clone)
        for id in ["spaceship-titanic", "random-acts-of-pizza"] {
            let board = try CSVTable.load(fixtures.appendingPathComponent("mle-dojo/mledojo/competitions/\(id)/info/private_leaderboard.csv"))
            var text = "scoreNullable,teamId,hasTeamName,submissionDate,score,hasScore\n"
            for (index, row) in board.rows.enumerated() { text += "\(row[1]),\(1000 + index),True,2024-01-01 00:00:00,\(row[1]),True\n" }
            try text.write(to: clone.appendingPathComponent("mlebench/competitions/\(id)/leaderboard.csv"), atomically: true, encoding: .utf8)
        }
        return clone
    }

    static func zip(_ world: World, folder: URL, name: String) throws -> URL {
        let target = world.temp.file("\(name).zip")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: world.python.path, arguments: ["-m", "zipfile", "-c", target.path] + files,
            environment: ["PATH": "/usr/bin:/bin"], workingDirectory: folder, timeout: 120))
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        return target
    }

    /// Writes `count` random submissions from the prepared sample submission: labels drawn from `labels`,
    /// else probabilities.
    static let makeSubmissions = #"""
    import sys, numpy as np, pandas as pd
    sample, out, count, labels = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    frame = pd.read_csv(sample)
    rng = np.random.default_rng(11)
    target = frame.columns[1]
    for i in range(count):
        s = frame.copy()
        if labels:
            choices = labels.split(",")
            s[target] = [choices[k] for k in rng.integers(0, len(choices), len(s))]
        else:
            s[target] = rng.random(len(s)).round(int(rng.integers(2, 17)))
        s = s.sample(frac=1, random_state=i)
        s.to_csv(f"{out}/submission{i}.csv", index=False)
    """#

    /// The anchor's own score of each submission, as its own code computes it: `repr` per line.
    static let anchorScores = #"""
    import sys
    from pathlib import Path
    anchor, clone, competition, answers = sys.argv[1:5]
    sys.path.insert(0, clone)
    import pandas as pd
    for path in sys.argv[5:]:
        if anchor == "mle-bench":
            from mlebench.utils import import_fn, load_answers, read_csv
            grade = import_fn(f"mlebench.competitions.{competition}.grade:grade")
            print(repr(grade(read_csv(path), load_answers(Path(answers)))))
        else:
            from mledojo.competitions import get_metric
            metric = get_metric(competition)()
            submission, truth = pd.read_csv(path), pd.read_csv(answers)
            metric.validate_submission(submission, truth)
            print(repr(metric.evaluate(truth, submission)))
    """#

    static func python(_ world: World, _ script: String, _ arguments: [String]) throws -> String {
        let file = world.temp.write("script-\(UUID().uuidString.prefix(6)).py", script)
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: world.python.path, arguments: [file.path] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1", "HOME": world.temp.url.path], timeout: 600))
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        return outcome.stdout.text
    }

    /// `"raw_score" : 0.575` of `dojo grade --json`, read with the correctly rounded decimal parser.
    static func rawScore(_ json: String) -> Double? {
        guard let range = json.range(of: #""raw_score" : [-0-9.eE+]+"#, options: .regularExpression) else { return nil }
        return DecimalParser.parse(String(json[range].split(separator: ":")[1]).trimmingCharacters(in: .whitespaces))
    }

    /// Every `"raw_score" : x` of a `dojo grade --json` array, in order.
    static func rawScores(_ json: String) -> [Double] {
        json.components(separatedBy: #""raw_score" : "#).dropFirst().compactMap { piece in
            DecimalParser.parse(String(piece.prefix { !",\n }".contains($0) }))
        }
    }

    static func prepared(_ world: World, task: String) throws -> URL {
        let root = world.home.cacheHome.appendingPathComponent("dojo/prepared")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix("\(task)-") && $0.hasSuffix("-seed42") && $0.count == task.count + 24 }
        try #require(names.count == 1, "prepared folders of \(task): \(names)")
        return root.appendingPathComponent(names[0])
    }

    /// Grades random submissions with `dojo grade` and with the anchor's own code: the same doubles.
    func compareScores(_ world: World, task: String, anchor: String, clone: URL, competition: String, answers: String,
                       labels: String, count: Int = 4) throws -> [Double] {
        let prepared = try Self.prepared(world, task: task)
        let folder = world.temp.file("submissions-\(task)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try Self.python(world, Self.makeSubmissions, [prepared.appendingPathComponent("public/sample_submission.csv").path, folder.path, String(count), labels])
        let files = (0..<count).map { folder.appendingPathComponent("submission\($0).csv").path }
        let expected = try Self.python(world, Self.anchorScores, [anchor, clone.path, competition, prepared.appendingPathComponent("private/\(answers)").path] + files)
            .split(whereSeparator: \.isNewline).map { DecimalParser.parse(String($0)) }
        #expect(expected.count == count)
        // One `dojo grade` for all the files: one grader, so a Python metric's warm interpreter grades them all.
        let graded = try dojo.run(["grade", task] + files + ["--json"], environment: world.environment())
        #expect(graded.exitCode == 0, "\(graded.stdout.text)\(graded.stderr.text)")
        let scores = Self.rawScores(graded.stdout.text)
        #expect(scores.count == count, "\(graded.stdout.text.prefix(2000))")
        for (index, score) in scores.enumerated() where index < expected.count {
            #expect(score == expected[index], "submission \(index): dojo \(score), \(anchor) \(String(describing: expected[index]))")
        }
        // Not all the same: the random submissions exercise the metric.
        #expect(Set(scores).count > 1)
        return scores
    }

    @Test func mleDojoPizzaIsImportedPreparedAndGradedAsMLEDojoGradesIt() throws {
        let world = try world()
        defer { world.temp.remove() }
        let clone = Self.fixtures.appendingPathComponent("mle-dojo")
        let imported = try dojo.run(["competitions", "import", clone.path, "random-acts-of-pizza", "--raw", world.raw.appendingPathComponent("random-acts-of-pizza").path],
                                    environment: world.environment())
        #expect(imported.exitCode == 0, "\(imported.stderr.text)")
        #expect(imported.stdout.text.contains("MLE-Dojo's own grading code"))
        #expect(imported.stderr.text.contains("giver_username_if_known"), "the leak warning is shown at import")
        let folder = world.userTasks.appendingPathComponent("random-acts-of-pizza")
        let toml = try String(contentsOf: folder.appendingPathComponent("task.toml"), encoding: .utf8)
        #expect(toml.contains(#"files = ["public_leaderboard.csv", "private_leaderboard.csv"]"#))
        #expect(toml.contains(#"ranking = "mle-dojo""#))
        #expect(try String(contentsOf: folder.appendingPathComponent("description.md"), encoding: .utf8).hasPrefix("> **Warning"))
        // The raw data stays (MLE-Dojo's prepare removes it at its end; Dojo binds it read-only).
        #expect(FileManager.default.fileExists(atPath: world.raw.appendingPathComponent("random-acts-of-pizza/train.json").path))

        let tasks = try dojo.run(["tasks", "--json"], environment: world.environment())
        #expect(tasks.stdout.text.contains(#""id" : "random-acts-of-pizza""#) && tasks.stdout.text.contains(#""id" : "titanic""#))
        _ = try compareScores(world, task: "random-acts-of-pizza", anchor: "mle-dojo", clone: clone, competition: "random-acts-of-pizza",
                              answers: "test_answer.csv", labels: "")
        let prepared = try Self.prepared(world, task: "random-acts-of-pizza")
        let graded = try dojo.run(["grade", "random-acts-of-pizza", prepared.appendingPathComponent("public/sample_submission.csv").path, "--json"],
                                  environment: world.environment())
        #expect(graded.stdout.text.contains("known_issue") && graded.stdout.text.contains("giver_username_if_known"))
        let listed = try dojo.run(["competitions", "list", clone.path], environment: world.environment())
        #expect(listed.stdout.text.contains("imported as random-acts-of-pizza, prepared"), "\(listed.stdout.text)")
    }

    @Test func mleBenchSpaceshipFromAZipGradesWithAccuracyEqualToItsGrader() throws {
        let world = try world()
        defer { world.temp.remove() }
        let clone = try Self.mleBenchClone(world)
        let zip = try Self.zip(world, folder: world.raw.appendingPathComponent("spaceship-titanic"), name: "spaceship-titanic")
        let imported = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic", "--raw", zip.path], environment: world.environment())
        #expect(imported.exitCode == 0, "\(imported.stderr.text)")
        #expect(imported.stdout.text.contains("metric: accuracy (catalogue"))
        // Synthetic data: the zip's md5 and the prepared files' differ from checksums.yaml, said plainly.
        #expect(imported.stdout.text.contains("not 67c177886736583aff9b947e121395a9 as in MLE-bench's checksums.yaml"))
        #expect(imported.stderr.text.contains("checksum mismatch in the prepared private files: test.csv (differs)"))
        let toml = try String(contentsOf: world.userTasks.appendingPathComponent("spaceship-titanic/task.toml"), encoding: .utf8)
        #expect(toml.contains(#"ranking = "mle-bench""#) && toml.contains("medals = false") && toml.contains(#"name = "accuracy""#))
        _ = try compareScores(world, task: "spaceship-titanic", anchor: "mle-bench", clone: clone, competition: "spaceship-titanic",
                              answers: "test.csv", labels: "True,False")
        // awards_medals: false: no medal and no thresholds.
        let prepared = try Self.prepared(world, task: "spaceship-titanic")
        let graded = try dojo.run(["grade", "spaceship-titanic", prepared.appendingPathComponent("public/sample_submission.csv").path, "--json"],
                                  environment: world.environment())
        #expect(graded.stdout.text.contains(#""medal" : null"#) && !graded.stdout.text.contains("medal_thresholds"), "\(graded.stdout.text)")

        // The same competition from the other anchor needs another id.
        let twice = try dojo.run(["competitions", "import", Self.fixtures.appendingPathComponent("mle-dojo").path, "spaceship-titanic"],
                                 environment: world.environment())
        #expect(twice.exitCode != 0 && twice.stderr.text.contains("--as spaceship-titanic-mle-dojo"), "\(twice.stderr.text)")
    }

    @Test func mleBenchPizzaAndSpaceshipThroughTheirOwnPythonGradeAlike() throws {
        let world = try world()
        defer { world.temp.remove() }
        let clone = try Self.mleBenchClone(world)
        let pizza = try dojo.run(["competitions", "import", clone.path, "random-acts-of-pizza", "--raw", world.raw.appendingPathComponent("random-acts-of-pizza").path],
                                 environment: world.environment())
        #expect(pizza.exitCode == 0, "\(pizza.stderr.text)")
        // Dojo's roc_auc is 1 ulp off scikit-learn's now and then: MLE-bench's own code grades it.
        #expect(pizza.stdout.text.contains("MLE-bench's own grading code"))
        _ = try compareScores(world, task: "random-acts-of-pizza", anchor: "mle-bench", clone: clone, competition: "random-acts-of-pizza",
                              answers: "test.csv", labels: "")
        let bridged = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic", "--python-metric", "--as", "spaceship-py",
                                    "--raw", world.raw.appendingPathComponent("spaceship-titanic").path], environment: world.environment())
        #expect(bridged.exitCode == 0, "\(bridged.stderr.text)")
        #expect(bridged.stdout.text.contains("MLE-bench's own grading code"))
        _ = try compareScores(world, task: "spaceship-py", anchor: "mle-bench", clone: clone, competition: "spaceship-titanic",
                              answers: "test.csv", labels: "True,False")
        // The bridge reports MLE-bench's InvalidSubmissionError as an invalid submission.
        let prepared = try Self.prepared(world, task: "spaceship-py")
        let sample = try String(contentsOf: prepared.appendingPathComponent("public/sample_submission.csv"), encoding: .utf8)
        let short = world.temp.write("short.csv", sample.split(separator: "\n").dropLast(3).joined(separator: "\n") + "\n")
        let invalid = try dojo.run(["grade", "spaceship-py", short.path, "--json"], environment: world.environment())
        #expect(invalid.exitCode == 1)
    }

    /// The shipped baseline agent (`dojo run --agent`) plays an imported competition end to end: MLE-bench's
    /// spaceship-titanic graded by the catalogue's accuracy, and graded by MLE-bench's own code through the
    /// warm grading interpreter. Both reach a valid graded submission placed on the human board, with the
    /// same scores (the two metrics are proven equal).
    @Test func theBaselineAgentPlaysAnImportedCompetitionToAPlacedScore() throws {
        let world = try world()
        defer { world.temp.remove() }
        let clone = try Self.mleBenchClone(world)
        let raw = world.raw.appendingPathComponent("spaceship-titanic").path
        for arguments in [["spaceship-titanic"], ["spaceship-titanic", "--python-metric", "--as", "spaceship-py"]] {
            let imported = try dojo.run(["competitions", "import", clone.path] + arguments + ["--raw", raw], environment: world.environment())
            #expect(imported.exitCode == 0, "\(imported.stderr.text)")
        }
        let agent = "python3 \(DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path)"
        var bestScores: [Double] = []
        for task in ["spaceship-titanic", "spaceship-py"] {
            let trajectory = world.temp.file("\(task).dojo.jsonl")
            let run = try dojo.run(["run", task, "--agent", agent, "--trajectory", trajectory.path], timeout: 1800,
                                   environment: world.environment(["DOJO_EPISODES": world.temp.file("episodes").path]))
            #expect(run.exitCode == 0, "\(run.stdout.text)\(run.stderr.text)")
            let steps = try String(contentsOf: trajectory, encoding: .utf8).split(whereSeparator: \.isNewline).compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }.filter { $0["type"] as? String == "step" }
            let graded = steps.compactMap { ($0["observation"] as? [String: Any])?["submission"] as? [String: Any] }
                .filter { $0["valid"] as? Bool == true && $0["raw_score"] is Double }
            try #require(!graded.isEmpty, "\(task): no graded valid submission; \(run.stdout.text)")
            for submission in graded {
                let position = (submission["position"] as? [String: Any])?["private"] as? [String: Any]
                #expect((position?["position"] as? Int ?? 0) > 0 && (position?["total"] as? Int ?? 0) > 100, "\(task): \(submission)")
                #expect(submission["human_rank"] is Double, "\(task): \(submission)")
                #expect(submission["ranking"] as? String == "mle-bench")
            }
            bestScores.append(graded.compactMap { $0["raw_score"] as? Double }.max() ?? -1)
            #expect(run.stdout.text.contains("human rank"), "\(run.stdout.text)")
        }
        // The catalogue's accuracy and MLE-bench's own grader agree on the agent's (deterministic) submissions.
        #expect(bestScores.count == 2 && bestScores[0] == bestScores[1], "\(bestScores)")
    }

    @Test func mleDojoPlaceholderPrepareSaysWhereItsDataComesFromAndTakesThePreSplitFolder() throws {
        let world = try world()
        defer { world.temp.remove() }
        let clone = Self.fixtures.appendingPathComponent("mle-dojo")
        // The Kaggle download is not what a placeholder prepare needs: a clear message.
        let wrong = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic", "--raw", world.raw.appendingPathComponent("spaceship-titanic").path],
                                 environment: world.environment())
        #expect(wrong.exitCode != 0)
        #expect(wrong.stderr.text.contains("is a placeholder: its data comes pre-split (from DSBench"), "\(wrong.stderr.text)")
        // A pre-split folder (DSBench's layout): train, test, sample submission and answers.
        let split = world.temp.file("dsbench")
        _ = try Self.python(world, #"""
        import sys, os, pandas as pd
        raw, out = sys.argv[1], sys.argv[2]
        frame = pd.read_csv(raw)
        train, test = frame.iloc[:300], frame.iloc[300:]
        os.makedirs(f"{out}/data_resplit/spaceship-titanic"); os.makedirs(f"{out}/answers/spaceship-titanic")
        train.to_csv(f"{out}/data_resplit/spaceship-titanic/train.csv", index=False)
        test.drop(columns="Transported").to_csv(f"{out}/data_resplit/spaceship-titanic/test.csv", index=False)
        test[["PassengerId", "Transported"]].assign(Transported=False).to_csv(f"{out}/data_resplit/spaceship-titanic/sample_submission.csv", index=False)
        test[["PassengerId", "Transported"]].to_csv(f"{out}/answers/spaceship-titanic/test_answer.csv", index=False)
        """#, [world.raw.appendingPathComponent("spaceship-titanic/train.csv").path, split.path])
        let imported = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic", "--raw", split.path], environment: world.environment())
        #expect(imported.exitCode == 0, "\(imported.stderr.text)")
        _ = try compareScores(world, task: "spaceship-titanic", anchor: "mle-dojo", clone: clone, competition: "spaceship-titanic",
                              answers: "test_answer.csv", labels: "True,False")
    }

    /// A competition whose prepare() unpacks a nested zip into the raw folder and then deletes it (as
    /// MLE-Dojo's leaf-classification does): it works on a view, and the user's raw folder is unchanged.
    @Test func prepareMayUnpackIntoRawAndDeleteItWithoutTouchingTheUsersCopy() throws {
        let world = try world()
        defer { world.temp.remove() }
        let clone = try Self.mleBenchClone(world)
        let folder = clone.appendingPathComponent("mlebench/competitions/nested-demo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let spaceship = clone.appendingPathComponent("mlebench/competitions/spaceship-titanic")
        for name in ["grade.py", "leaderboard.csv", "description.md"] {
            try FileManager.default.copyItem(at: spaceship.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try """
        id: nested-demo
        name: Nested demo
        competition_type: simple
        awards_medals: true
        dataset:
          answers: nested-demo/prepared/private/test.csv
          sample_submission: nested-demo/prepared/public/sample_submission.csv
        grader:
          name: accuracy
          grade_fn: mlebench.competitions.nested-demo.grade:grade
        preparer: mlebench.competitions.nested-demo.prepare:prepare
        """.write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        try #"""
        import shutil, zipfile
        from mlebench.utils import read_csv
        def prepare(raw, public, private):
            zipfile.ZipFile(raw / "inner.zip").extractall(raw)
            # A folder it unpacked, removed and checked gone (as MLE-bench's aerial-cactus-identification does).
            zipfile.ZipFile(raw / "inner.zip").extractall(raw / "unpacked")
            shutil.rmtree(raw / "unpacked")
            assert not (raw / "unpacked").exists(), "raw/unpacked/ should not exist"
            frame = read_csv(raw / "train.csv")
            train, test = frame.iloc[:300], frame.iloc[300:]
            train.to_csv(public / "train.csv", index=False)
            test.drop(columns="Transported").to_csv(public / "test.csv", index=False)
            test[["PassengerId", "Transported"]].assign(Transported=False).to_csv(public / "sample_submission.csv", index=False)
            test.to_csv(private / "test.csv", index=False)
            shutil.rmtree(raw)
        """#.write(to: folder.appendingPathComponent("prepare.py"), atomically: true, encoding: .utf8)
        let raw = world.temp.file("nested-raw")
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        let inner = try Self.zip(world, folder: world.raw.appendingPathComponent("spaceship-titanic"), name: "inner")
        try FileManager.default.moveItem(at: inner, to: raw.appendingPathComponent("inner.zip"))
        let before = try Data(contentsOf: raw.appendingPathComponent("inner.zip"))
        let imported = try dojo.run(["competitions", "import", clone.path, "nested-demo", "--raw", raw.path], environment: world.environment())
        #expect(imported.exitCode == 0, "\(imported.stderr.text)")
        #expect(imported.stdout.text.contains("metric: accuracy (catalogue"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: raw.path) == ["inner.zip"])
        #expect(try Data(contentsOf: raw.appendingPathComponent("inner.zip")) == before)
        _ = try compareScores(world, task: "nested-demo", anchor: "mle-bench", clone: clone, competition: "nested-demo",
                              answers: "test.csv", labels: "True,False", count: 3)
        // No view is left behind in the cache.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: world.home.cacheHome.appendingPathComponent("dojo/prepared").path)
            .filter { $0.hasPrefix(".raw-") }
        #expect(leftovers.isEmpty)
    }

    @Test func errorsAreClear() throws {
        let world = try world()
        defer { world.temp.remove() }
        // A plain clone: leaderboard.csv is a Git LFS pointer.
        let pointer = try dojo.run(["competitions", "import", Self.fixtures.appendingPathComponent("mle-bench").path, "spaceship-titanic"],
                                   environment: world.environment())
        #expect(pointer.exitCode != 0 && pointer.stderr.text.contains("Git LFS pointer") && pointer.stderr.text.contains("git lfs pull"), "\(pointer.stderr.text)")
        let clone = try Self.mleBenchClone(world)
        // A file that is not a zip, and a zip cut in half.
        let garbage = world.temp.write("garbage.zip", "this is not a zip file\n")
        let broken = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic", "--raw", garbage.path], environment: world.environment())
        #expect(broken.exitCode != 0 && broken.stderr.text.contains("garbage.zip is not a readable zip file"), "\(broken.stderr.text)")
        let zip = try Self.zip(world, folder: world.raw.appendingPathComponent("spaceship-titanic"), name: "spaceship-titanic")
        let bytes = try Data(contentsOf: zip)
        let cut = world.temp.file("cut.zip")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        let truncated = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic", "--raw", cut.path], environment: world.environment())
        #expect(truncated.exitCode != 0 && truncated.stderr.text.contains("cut.zip is not a readable zip file"), "\(truncated.stderr.text)")
        // Unknown competition, not a clone, a built-in id.
        let unknown = try dojo.run(["competitions", "import", clone.path, "no-such-competition"], environment: world.environment())
        #expect(unknown.exitCode != 0 && unknown.stderr.text.contains("has no competition `no-such-competition`"))
        let notClone = try dojo.run(["competitions", "list", world.temp.url.path], environment: world.environment())
        #expect(notClone.exitCode != 0 && notClone.stderr.text.contains("is not a clone of MLE-bench or MLE-Dojo"))
        let builtIn = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic", "--as", "titanic"], environment: world.environment())
        #expect(builtIn.exitCode != 0 && builtIn.stderr.text.contains("already a built-in task"))
        // Imported without data: prepare says how to add it.
        let bare = try dojo.run(["competitions", "import", clone.path, "spaceship-titanic"], environment: world.environment())
        #expect(bare.exitCode == 0, "\(bare.stderr.text)")
        let prepare = try dojo.run(["prepare", "spaceship-titanic"], environment: world.environment())
        #expect(prepare.exitCode != 0 && prepare.stderr.text.contains("has no raw data yet"), "\(prepare.stderr.text)")
    }

    @Test func downloadRunsTheKaggleCommandAndExplainsUnacceptedRules() throws {
        let world = try world()
        defer { world.temp.remove() }
        let zip = try Self.zip(world, folder: world.raw.appendingPathComponent("spaceship-titanic"), name: "fixture")
        // A stand-in `kaggle` (no network here): serves the fixture zip, or refuses as Kaggle does before the rules are accepted.
        let bin = world.temp.file("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = world.temp.write("bin/kaggle", """
        #!/bin/sh
        # kaggle competitions download -c ID -p DIR
        id="$4"; dir="$6"
        if [ "$id" = "closed-rules" ]; then
          echo "403 - Forbidden - You must accept this competition's rules before you'll be able to download files." >&2
          exit 1
        fi
        printf 'Downloading %s.zip to %s\\n' "$id" "$dir"
        for p in 0 25 50 75 100; do printf '\\r%s%%|####| 9.61k/9.61k' "$p"; done
        printf '\\n'
        cp "\(zip.path)" "$dir/$id.zip"
        """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let path = "\(bin.path):/usr/bin:/bin"
        let target = world.temp.file("downloads")
        let downloaded = try dojo.run(["competitions", "download", "spaceship-titanic", "--to", target.path], environment: world.environment(["PATH": path]))
        #expect(downloaded.exitCode == 0, "\(downloaded.stderr.text)")
        #expect(downloaded.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines) == target.appendingPathComponent("spaceship-titanic.zip").path)
        #expect(downloaded.stderr.text.contains("50%"), "progress is shown: \(downloaded.stderr.text)")
        #expect(try Data(contentsOf: target.appendingPathComponent("spaceship-titanic.zip")) == Data(contentsOf: zip))
        let refused = try dojo.run(["competitions", "download", "closed-rules", "--to", target.path], environment: world.environment(["PATH": path]))
        #expect(refused.exitCode != 0)
        #expect(refused.stderr.text.contains("rules have not been accepted") && refused.stderr.text.contains("https://www.kaggle.com/competitions/closed-rules/rules"),
                "\(refused.stderr.text)")
        let missing = try dojo.run(["competitions", "download", "x", "--to", target.path], environment: world.environment(["PATH": "/nonexistent"]))
        #expect(missing.exitCode != 0 && missing.stderr.text.contains("pip install kaggle"))
    }
}
