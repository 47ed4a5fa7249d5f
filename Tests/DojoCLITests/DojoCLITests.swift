import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real `dojo` binary on the shipped tasks, through the real Python environment, as a user runs it.
@Suite struct DojoCLITests {
    let dojo = DojoBinary()

    func json(_ outcome: ProcessOutcome) throws -> [String: Any] {
        let data = Data(outcome.stdout.text.utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "stdout: \(outcome.stdout.text)\nstderr: \(outcome.stderr.text)")
    }

    func script(_ temp: TemporaryDirectory, _ name: String, _ code: String) -> String {
        temp.write(name, code).path
    }

    @Test func tasksJSONListsTheShippedTasks() throws {
        let outcome = try dojo.run(["tasks", "--json"])
        #expect(outcome.exitCode == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [[String: Any]])
        let byId = Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["id"] as? String).map { ($0, row) } })
        #expect(rows.compactMap { $0["id"] as? String } == rows.compactMap { $0["id"] as? String }.sorted())
        #expect(Set(["diamonds", "penguins", "titanic", "telco-churn", "crash-fatality"]).isSubset(of: Set(byId.keys)))
        #expect(byId["telco-churn"]?["metric"] as? String == "roc_auc" && byId["crash-fatality"]?["metric"] as? String == "log_loss")
        for row in rows {
            #expect(row["error"] == nil)
            #expect((row["board_size"] as? Int ?? 0) >= 20)
            #expect(row["board_kind"] as? String == "reference")
            #expect(TaskKind(rawValue: row["kind"] as? String ?? "") != nil)
            #expect(!(row["summary"] as? String ?? "").isEmpty)
        }
        #expect(byId["diamonds"]?["metric"] as? String == "rmsle")
        #expect(byId["penguins"]?["metric"] as? String == "log_loss")
        #expect(byId["titanic"]?["metric"] as? String == "accuracy")
        #expect(byId["titanic"]?["kind"] as? String == "tabular-classification")
        // Rows come from the prepared data when cached, else from task.toml's [data] hint: 982 + 327 either way.
        #expect(byId["titanic"]?["train_rows"] as? Int == 982)
        #expect(byId["titanic"]?["test_rows"] as? Int == 327)
        #expect(byId["titanic"]?["size"] as? String == "small")
    }

    @Test func tasksFilterByKindMetricSizeAndSuite() throws {
        func ids(_ arguments: [String]) throws -> [String] {
            let outcome = try dojo.run(["tasks", "--json"] + arguments)
            #expect(outcome.exitCode == 0, "\(arguments): \(outcome.stderr.text)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [[String: Any]])
            return rows.compactMap { $0["id"] as? String }
        }
        let regression = try ids(["--kind", "tabular-regression"])
        #expect(regression.contains("diamonds") && !regression.contains("titanic"))
        let accuracy = try ids(["--metric", "accuracy"])
        #expect(accuracy.contains("titanic") && !accuracy.contains("penguins"))
        let medium = try ids(["--size", "medium"])
        #expect(medium.contains("diamonds") && !medium.contains("titanic"))
        #expect(try ids(["--kind", "tabular-classification", "--size", "small", "--metric", "log_loss"]).contains("penguins"))
        let lite = try ids(["--suite", "lite"])
        #expect(lite.contains("titanic") && !lite.contains("penguins"))

        let text = try dojo.run(["tasks", "--kind", "tabular-classification"])
        #expect(text.exitCode == 0)
        let rows = text.stdout.text.split(separator: "\n").map(String.init)
        let line = try #require(rows.first { $0.hasPrefix("titanic ") })
        #expect(line.contains("tabular-classification") && line.contains("accuracy ↑") && line.contains("982") && line.contains("327"))
        // Issue 17, bug 13: a header, and every row's metric under it (the column was misaligned).
        let header = try #require(rows.first { $0.hasPrefix("TASK ") })
        let metricColumn = try #require(header.range(of: "METRIC")).lowerBound.utf16Offset(in: header)
        for row in rows where row != header && !row.isEmpty {
            let cell = row.utf16.dropFirst(metricColumn)
            #expect(["accuracy", "log_loss", "roc_auc"].contains { String(cell)?.hasPrefix($0) == true }, "\(row)")
        }
        #expect(line.contains("small") && line.contains("Predict which passengers of the RMS Titanic survived"))

        let suites = try dojo.run(["tasks", "--suites"])
        #expect(suites.exitCode == 0)
        #expect(suites.stdout.text.contains("lite "))
        #expect(suites.stdout.text.contains("full "))

        for (arguments, message) in [(["--kind", "images"], "--kind images: not a kind of task"),
                                     (["--size", "huge"], "--size huge: not a size"),
                                     (["--suite", "nope"], "no suite `nope`")] {
            let bad = try dojo.run(["tasks"] + arguments)
            #expect(bad.exitCode != 0)
            #expect(bad.stderr.text.contains(message), "\(bad.stderr.text)")
        }
    }

    @Test func aScikitLearnSolutionIsValidScoredAndPlaced() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let code = """
        import pandas as pd
        from sklearn.ensemble import RandomForestClassifier
        train = pd.read_csv("input/train.csv")
        test = pd.read_csv("input/test.csv")
        def feats(df):
            return pd.DataFrame({"female": (df["Sex"] == "female").astype(int), "pclass": df["Pclass"],
                                 "age": df["Age"].fillna(-1)})
        model = RandomForestClassifier(n_estimators=100, max_depth=5, random_state=0).fit(feats(train), train["Survived"])
        pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": model.predict(feats(test))}).to_csv("submission/submission.csv", index=False)
        """
        let outcome = try dojo.run(["exec", "titanic", script(temp, "rf.py", code), "--json", "--trajectory", temp.file("t.dojo.jsonl").path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let observation = try json(outcome)
        #expect(observation["status"] as? String == "ok")
        let submission = try #require(observation["submission"] as? [String: Any])
        #expect(submission["valid"] as? Bool == true)
        let score = try #require(submission["raw_score"] as? Double)
        #expect(score > 0.7 && score <= 1)
        let position = try #require((submission["position"] as? [String: Any])?["private"] as? [String: Any])
        #expect((position["position"] as? Int ?? 0) >= 1)
        #expect(position["total"] as? Int == 28 || (position["total"] as? Int ?? 0) >= 20)
        #expect(submission.keys.contains("medal"))
        #expect((observation["reward"] as? Double ?? -1) == (submission["human_rank"] as? Double ?? -2))
        let trajectory = try TrajectoryReader.read(temp.file("t.dojo.jsonl"))
        #expect(trajectory.steps.count == 1)
        // The trajectory holds the observation exactly as printed (JSONSerialization above rounds the last digit).
        let printed = try JSONDecoder().decode(Observation.self, from: Data(outcome.stdout.text.utf8))
        #expect(trajectory.steps[0].observation == printed)
    }

    @Test func aRaisingScriptIsAnErrorWithItsTraceback() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let code = "import pandas as pd\ntrain = pd.read_csv('input/train.csv')\nprint(train['NoSuchColumn'])\n"
        let outcome = try dojo.run(["exec", "titanic", script(temp, "bad.py", code), "--json", "--trajectory", temp.file("t.dojo.jsonl").path])
        #expect(outcome.exitCode == 0)
        let observation = try json(outcome)
        #expect(observation["status"] as? String == "error")
        let execution = try #require(observation["execution"] as? [String: Any])
        #expect((execution["stderr"] as? String)?.contains("Traceback (most recent call last)") == true)
        #expect(execution["exit_code"] as? Int == 1)
        let feedback = observation["feedback"] as? String ?? ""
        #expect(feedback.contains("KeyError: 'NoSuchColumn' (line 3 of your code)"))
        #expect(feedback.contains("Likely cause: a column or key that does not exist"))
    }

    /// A wrong path says what is wrong with it: missing, a folder, not text; and names it.
    @Test func aWrongPathSaysWhatIsWrongWithIt() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let binary = temp.file("binary.py")
        try Data([0xff, 0xfe, 0x00, 0x81]).write(to: binary)
        for (path, message) in [(temp.file("missing.py").path, "the code file does not exist"),
                                (temp.url.path, "the code file is a folder, not a file"),
                                (binary.path, "the code file is not UTF-8 text")] {
            let outcome = try dojo.run(["exec", "titanic", path])
            #expect(outcome.exitCode != 0)
            #expect(outcome.stderr.text.contains("\(path): \(message)"), "\(outcome.stderr.text)")
        }
        let missing = temp.file("nope.csv").path
        let grade = try dojo.run(["grade", "titanic", missing])
        #expect(grade.exitCode == 1)
        #expect(grade.stdout.text.contains("Submission not found: \(missing)"), "\(grade.stdout.text)")
        let bad = temp.write("bad.csv", "PassengerId,Survived\n892,0\n893,x\n")
        let invalid = try dojo.run(["grade", "titanic", bad.path]).stdout.text
        #expect(invalid.contains("e.g. 892 (line 2)") && !invalid.contains("(lines"), "\(invalid)")
        // A message that names its line gets no "(line 2)" after it.
        let malformed = try dojo.run(["grade", "titanic", temp.write("bad2.csv", "PassengerId,Survived\n892,0,1\n893,1\n893,1\n").path]).stdout.text
        #expect(malformed.contains("e.g. line 2 (3 fields); quote fields that contain commas\n"), "\(malformed)")
        #expect(malformed.contains("e.g. 893 (line 4)\n"), "\(malformed)")
    }

    /// Python 3.11 prints "Did you mean" only from the interpreter's own traceback printer.
    @Test func aMisspelledNameKeepsPythonsSuggestion() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let code = "train = 1\nimport os\nprint(os.pathh if trian else 0)\n"
        let outcome = try dojo.run(["exec", "titanic", script(temp, "typo.py", code), "--json", "--trajectory", temp.file("t.dojo.jsonl").path])
        let observation = try json(outcome)
        let execution = try #require(observation["execution"] as? [String: Any])
        let stderr = execution["stderr"] as? String ?? ""
        #expect(stderr.contains("NameError: name 'trian' is not defined. Did you mean: 'train'?"), "\(stderr)")
        #expect(stderr.contains("File \"/dojo/code/step_1.py\", line 3"), "\(stderr)")
        #expect((observation["feedback"] as? String ?? "").contains("Did you mean: 'train'?"))
    }

    @Test func anEndlessLoopTimesOutAndLeavesNothingBehind() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let marker = "dojo-loop-\(UUID().uuidString.prefix(8))"
        // The script also starts a child that would outlive it; the timeout must take both.
        let code = "import subprocess\nsubprocess.Popen(['bash', '-c', 'exec -a \(marker) sleep 600'])\nwhile True:\n    pass\n"
        let outcome = try dojo.run(["exec", "titanic", script(temp, "loop.py", code), "--json", "--step-timeout", "5",
                                    "--trajectory", temp.file("t.dojo.jsonl").path])
        #expect(outcome.exitCode == 0)
        let observation = try json(outcome)
        let execution = try #require(observation["execution"] as? [String: Any])
        #expect(execution["timed_out"] as? Bool == true)
        #expect((execution["duration_ms"] as? Int ?? 0) >= 5000)
        #expect(observation["status"] as? String == "error")
        let leftovers = try SystemProcessRunner().run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "ps -eo args= | grep -c '^\(marker)' || true"]))
        #expect(leftovers.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func aFlawedSubmissionGetsOneErrorPerProblemNamingRows() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        // Drop the first id, repeat the second, and write a word where a price belongs.
        let code = """
        import pandas as pd
        sub = pd.read_csv("input/sample_submission.csv")
        sub["price"] = sub["price"].astype(object)
        sub.loc[5, "price"] = "expensive"
        sub = pd.concat([sub.iloc[1:], sub.iloc[[1]]])
        sub.to_csv("submission/submission.csv", index=False)
        """
        let outcome = try dojo.run(["exec", "diamonds", script(temp, "flawed.py", code), "--json", "--trajectory", temp.file("t.dojo.jsonl").path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let submission = try #require(try json(outcome)["submission"] as? [String: Any])
        #expect(submission["valid"] as? Bool == false)
        let errors = try #require(submission["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["kind"] as? String } == ["missing_id", "duplicate_id", "non_numeric"])
        let duplicate = errors[1]["rows"] as? [Int] ?? []
        let nonNumeric = errors[2]["rows"] as? [Int] ?? []
        #expect(!duplicate.isEmpty && !nonNumeric.isEmpty)
        #expect(nonNumeric == [6])  // line 6: the header, then rows for sample ids 2…6
        #expect(submission["raw_score"] is NSNull)
    }

    @Test func killingDojoMidEpisodeLeavesReadableSteps() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("killed.dojo.jsonl")
        let marker = "dojo-killed-\(UUID().uuidString.prefix(8))"
        let quick = script(temp, "quick.py", "print('quick')\n")
        let slow = script(temp, "slow.py", "import os\nos.execvp('bash', ['bash', '-c', 'exec -a \(marker) sleep 600'])\n")
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
        let process = Process()
        process.executableURL = dojo.url
        process.arguments = ["exec", "titanic", quick, quick, slow, "--validate", "--trajectory", trajectory.path]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the third step's code is running, then kill dojo outright.
        var waited = 0.0
        while waited < 120, try processCount(marker) == 0 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 0.1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        _ = try SystemProcessRunner().run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "pkill -9 -f '^\(marker)' || true"]))

        let read = try TrajectoryReader.read(trajectory)
        #expect(read.steps.map(\.index) == [1, 2])
        #expect(read.steps.allSatisfy { $0.observation.execution?.stdout == "quick\n" })
        #expect(read.damaged.isEmpty)
        #expect(read.end == nil)
    }

    @Test func gradeAndScoreCommands() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let answers = temp.write("answers.csv", "id,y\n1,1\n2,2\n3,3\n")
        let good = temp.write("good.csv", "id,y\n3,3\n1,1\n2,2.5\n")
        let outcome = try dojo.run(["score", "--metric", "rmse", "--answers", answers.path, "--submission", good.path, "--json"])
        #expect(outcome.exitCode == 0)
        let result = try json(outcome)
        #expect(result["valid"] as? Bool == true)
        #expect(abs((result["raw_score"] as? Double ?? 0) - (0.25 / 3).squareRoot()) < 1e-12)
        let bad = temp.write("bad.csv", "id,y\n1,x\n")
        let invalid = try dojo.run(["score", "--metric", "rmse", "--answers", answers.path, "--submission", bad.path])
        #expect(invalid.exitCode == 1)
        #expect(invalid.stdout.text.contains("error [non_numeric]"))
        let unknown = try dojo.run(["score", "--metric", "bleu", "--answers", answers.path, "--submission", bad.path])
        #expect(unknown.exitCode != 0)
        #expect(unknown.stderr.text.contains("unknown metric \"bleu\""))

        // Arguments: F-beta needs beta; macro averaging over three labels.
        let labels = temp.write("labels.csv", "id,y\n1,a\n2,b\n3,c\n4,a\n")
        let guesses = temp.write("guesses.csv", "id,y\n4,a\n3,c\n2,a\n1,a\n")
        let fbeta = try dojo.run(["score", "--metric", "fbeta", "--arg", "beta=2", "--arg", "average=macro",
                                  "--answers", labels.path, "--submission", guesses.path, "--json"])
        #expect(fbeta.exitCode == 0)
        // Per class (tp, true, predicted): a (2, 2, 3), b (0, 1, 0), c (1, 1, 1) → F2 = 5tp / (4·true + predicted).
        let expected = (10.0 / 11 + 0 + 1) / 3
        #expect(abs((try json(fbeta)["raw_score"] as? Double ?? 0) - expected) < 1e-12)
        let noBeta = try dojo.run(["score", "--metric", "fbeta", "--answers", labels.path, "--submission", guesses.path])
        #expect(noBeta.exitCode != 0)
        #expect(noBeta.stderr.text.contains("fbeta needs the argument `beta`"))
        // A degenerate case is invalid with a clear kind, never a NaN score.
        let flat = temp.write("flat.csv", "id,y\n1,2\n2,2\n3,2\n")
        let pearson = try dojo.run(["score", "--metric", "pearson", "--answers", answers.path, "--submission", flat.path, "--json"])
        #expect(pearson.exitCode == 1)
        #expect(try json(pearson)["raw_score"] is NSNull)
        #expect(pearson.stdout.text.contains("degenerate"))
    }

    /// Bug 13 of issue 17: the tasks table's columns line up under a header.
    @Test func theTasksTableLinesUpItsColumns() throws {
        let outcome = try dojo.run(["tasks"])
        #expect(outcome.exitCode == 0)
        let lines = outcome.stdout.text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasPrefix("TASK "), "\(header)")
        let metricColumn = try #require(header.range(of: "METRIC")).lowerBound.utf16Offset(in: header)
        let summaryColumn = try #require(header.range(of: "SUMMARY")).lowerBound.utf16Offset(in: header)
        for line in lines.dropFirst() where !line.hasPrefix("(") {
            let characters = Array(line)
            // The metric starts at the header's column (after two spaces), the summary at its own.
            #expect(characters.count > summaryColumn, "\(line)")
            #expect(characters[metricColumn - 1] == " " && characters[metricColumn] != " ", "\(line)")
            #expect(characters[summaryColumn - 1] == " " && characters[summaryColumn - 2] == " " && characters[summaryColumn] != " ", "\(line)")
        }
        #expect(lines.contains { $0.hasPrefix("titanic ") && $0.contains("accuracy ↑") && $0.contains("982") && $0.contains("327") })
    }

    /// Bug 13: an unknown option is suggested a near name only when it is a likely typo.
    @Test func anUnknownOptionGetsASuggestionOnlyWhenItIsCloseToOne() throws {
        let bogus = try dojo.run(["run", "titanic", "--agent", "true", "--bogus"])
        #expect(bogus.exitCode == 64)
        #expect(bogus.stderr.text.contains("Unknown option '--bogus'\n"), "\(bogus.stderr.text)")
        #expect(!bogus.stderr.text.contains("Did you mean"))
        #expect(bogus.stderr.text.contains("Usage: dojo run"))
        let typo = try dojo.run(["run", "titanic", "--agent", "true", "--sed", "3"])
        #expect(typo.stderr.text.contains("Unknown option '--sed'. Did you mean '--seed'?"), "\(typo.stderr.text)")
        let swapped = try dojo.run(["run", "titanic", "--agent", "true", "--trajcetory", "x"])
        #expect(swapped.stderr.text.contains("Did you mean '--trajectory'?"), "\(swapped.stderr.text)")
        let help = try dojo.run(["run", "--help"])
        #expect(help.exitCode == 0 && help.stdout.text.contains("USAGE: dojo run"))
    }

    /// Bug 13: `dojo grade --json` names the rank for the board kind: titanic's board is a reference board.
    @Test func gradeJSONNamesTheRankForTheBoardKind() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let code = """
        import pandas as pd
        test = pd.read_csv("input/test.csv")
        print(pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": 0}).to_csv(index=False), end="")
        """
        let exec = try dojo.run(["exec", "titanic", script(temp, "zeros.py", code), "--json", "--trajectory", temp.file("t.dojo.jsonl").path])
        let execution = try #require(try json(exec)["execution"] as? [String: Any])
        let submission = temp.write("zeros.csv", try #require(execution["stdout"] as? String))
        let outcome = try dojo.run(["grade", "titanic", submission.path, "--json"])
        #expect(outcome.exitCode == 0, "\(outcome.stdout.text)\(outcome.stderr.text)")
        let report = try json(outcome)
        #expect(report["board_kind"] as? String == "reference")
        #expect(report["reference_rank"] is Double)
        #expect(report["human_rank"] == nil)
    }

    @Test func aMissingTaskIsAClearErrorNotACrash() throws {
        let outcome = try dojo.run(["prepare", "atlantis"])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stderr.text.contains("no task `atlantis`"))
        #expect(outcome.stderr.text.contains("known tasks: "))
        #expect(outcome.stderr.text.contains("titanic"))
    }
}

func processCount(_ marker: String) throws -> Int {
    let outcome = try SystemProcessRunner().run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "ps -eo args= | grep -c '^\(marker)' || true"]))
    return Int(outcome.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}
