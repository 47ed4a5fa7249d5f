import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TaskLoaderTests {
    @Test func loadsAFixtureTask() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = FixtureTask(in: temp.url, limits: "step_timeout_s = 5\nmax_steps = 3")
        let task = try TaskLoader(tasksDirectory: temp.url).load(id: "fixture")
        #expect(task.metric.metric.kind == .rmse)
        #expect(task.submission.targetColumns == ["y"])
        #expect(task.limits.stepTimeoutSeconds == 5)
        #expect(task.limits.maxSteps == 3)
        #expect(task.limits.memoryMB == TaskSpec.Limits.defaults.memoryMB)
        #expect(task.boards.kind == .reference)
        #expect(task.boards.size == 10)
    }

    @Test func readsTheSandboxLimitsAndDefaultsTheMissingOnes() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = FixtureTask(in: temp.url, limits: "max_processes = 32\nmax_file_mb = 10\ndisk_mb = 100\noutput_mb = 2")
        let limits = try TaskLoader(tasksDirectory: temp.url).load(id: "fixture").limits
        #expect(limits.maxProcesses == 32)
        #expect(limits.maxFileMB == 10)
        #expect(limits.diskMB == 100)
        #expect(limits.outputMB == 2)
        #expect(limits.memoryMB == TaskSpec.Limits.defaults.memoryMB)
        // A trajectory header written before these limits existed still decodes.
        let old = #"{"step_timeout_s": 5, "memory_mb": 100, "max_steps": 3, "episode_time_s": 60}"#
        let decoded = try JSONDecoder().decode(TaskSpec.Limits.self, from: Data(old.utf8))
        #expect(decoded.maxProcesses == TaskSpec.Limits.defaults.maxProcesses)
        #expect(decoded.memoryMB == 100)
    }

    private func loadError(_ edit: (FixtureTask) -> Void) -> DojoError? {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixture = FixtureTask(in: temp.url)
        edit(fixture)
        return #expect(throws: DojoError.self) { try TaskLoader(tasksDirectory: temp.url).load(id: "fixture") }
    }

    private func replacing(_ old: String, with new: String) -> (FixtureTask) -> Void {
        { fixture in
            let text = (try? String(contentsOf: fixture.taskTomlURL, encoding: .utf8)) ?? ""
            fixture.write("task.toml", text.replacingOccurrences(of: old, with: new))
        }
    }

    @Test func aSyntaxErrorNamesTheFileAndLine() {
        let error = loadError(replacing("[metric]", with: "[metric"))
        #expect(error?.location?.hasPrefix("fixture/task.toml, line ") == true)
        #expect(error?.message.contains("TOML syntax error") == true)
    }

    @Test func aWrongTypeNamesTheKeyAndWhatWasExpected() {
        let error = loadError(replacing("[limits]", with: "[limits]\nmax_steps = \"ten\""))
        #expect(error?.location == "fixture/task.toml")
        #expect(error?.message == "key `limits.max_steps`: expected a positive integer, found a string")
    }

    @Test func aMissingKeyIsNamed() {
        let error = loadError(replacing("id_column = \"id\"", with: ""))
        #expect(error?.message == "key `submission.id_column`: expected a string, the key is missing")
    }

    @Test func anUnknownMetricListsTheKnownOnes() {
        let error = loadError(replacing("name = \"rmse\"", with: "name = \"bleu\""))
        #expect(error?.message == "key `metric.name`: unknown metric \"bleu\"")
        #expect(error?.hint?.contains("accuracy") == true)
    }

    @Test func aMissingPrepareScriptIsReported() {
        let error = loadError { try? FileManager.default.removeItem(at: $0.directory.appendingPathComponent("prepare.py")) }
        #expect(error?.message == "the task has no prepare.py")
    }

    @Test func aLeaderboardThatDoesNotParseNamesItsLine() {
        let error = loadError { $0.write("leaderboard.csv", "rank,score\n1,0.5\n2,abc\n") }
        #expect(error?.location == "leaderboard.csv, line 3")
        #expect(error?.message == "score `abc` is not a finite number")
    }

    @Test func aLeaderboardOutOfOrderIsReported() {
        // RMSE is lower-is-better, so a worse score may not come first.
        let error = loadError { $0.write("leaderboard.csv", "rank,score\n1,3\n2,1\n") }
        #expect(error?.message.contains("not sorted best first") == true)
    }

    @Test func anUnknownCategoryListsTheTenKinds() {
        let error = loadError(replacing("category = \"tabular-regression\"", with: "category = \"tabular\""))
        #expect(error?.location == "fixture/task.toml")
        #expect(error?.message == "key `category`: \"tabular\" is not a kind of task")
        #expect(error?.hint == "use one of: tabular-classification, tabular-regression, time-series, text, image, count, survival, multi-label, ranking, geospatial")
    }

    @Test func theDataHintIsReadAndChecked() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixture = FixtureTask(in: temp.url)
        let text = try String(contentsOf: fixture.taskTomlURL, encoding: .utf8)
        fixture.write("task.toml", text.replacingOccurrences(of: "[source]", with: "[data]\ntrain_rows = 30\ntest_rows = 10\n\n[source]"))
        let task = try TaskLoader(tasksDirectory: temp.url).load(id: "fixture")
        #expect(task.kind == .tabularRegression)
        #expect(task.data == TaskSpec.DataHint(trainRows: 30, testRows: 10))
        let error = loadError(replacing("[source]", with: "[data]\ntrain_rows = -3\n\n[source]"))
        #expect(error?.message == "key `data.train_rows`: expected a positive integer, found -3")
    }

    @Test func theSandboxHideListIsReadAndEveryEntryChecked() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixture = FixtureTask(in: temp.url)
        let text = try String(contentsOf: fixture.taskTomlURL, encoding: .utf8)
        #expect(try TaskLoader(tasksDirectory: temp.url).load(id: "fixture").hiddenData == [])
        fixture.write("task.toml", text + "\n[sandbox]\nhide = [\"/usr/share/mydata\", \"python:mypackage/data\"]\n")
        #expect(try TaskLoader(tasksDirectory: temp.url).load(id: "fixture").hiddenData == ["/usr/share/mydata", "python:mypackage/data"])
        for bad in ["relative/path", "python:/abs", "python:../escape", "/usr/../etc", "/", "python:"] {
            let error = loadError { fixture in
                let original = (try? String(contentsOf: fixture.taskTomlURL, encoding: .utf8)) ?? ""
                fixture.write("task.toml", original + "\n[sandbox]\nhide = [\"\(bad)\"]\n")
            }
            #expect(error?.message == "key `sandbox.hide`: \"\(bad)\" is neither an absolute path nor python:<path in site-packages>")
            #expect(error?.location == "fixture/task.toml")
        }
    }

    @Test func theIdMustMatchTheFolder() {
        let error = loadError(replacing("id = \"fixture\"", with: "id = \"other\""))
        #expect(error?.message.contains("the folder's name") == true)
    }

    @Test func anUnknownTaskListsTheKnownOnes() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        _ = FixtureTask(in: temp.url)
        let error = #expect(throws: DojoError.self) { try TaskLoader(tasksDirectory: temp.url).load(id: "nope") }
        #expect(error?.kind == .taskNotFound)
        #expect(error?.hint == "known tasks: fixture")
    }

    @Test func theShippedTasksAllLoad() throws {
        let tasks = DojoBinary.repositoryRoot().appendingPathComponent("Tasks")
        let loaded = try TaskLoader(tasksDirectory: tasks).loadAll()
        let ids = try loaded.map { try $0.get().id }
        // Every folder with a task.toml is a shipped task, in name order.
        let folders = try FileManager.default.contentsOfDirectory(atPath: tasks.path).filter {
            FileManager.default.fileExists(atPath: tasks.appendingPathComponent("\($0)/task.toml").path)
        }.sorted()
        #expect(ids == folders)
        #expect(Set(["diamonds", "penguins", "titanic", "telco-churn", "crash-fatality"]).isSubset(of: Set(ids)))
        for result in loaded {
            let task = try result.get()
            #expect(task.boards.size >= 20, "\(task.id) needs a reference board of at least 20 entries")
            #expect(task.boards.kind == .reference)
            #expect(task.starterCode() != nil)
        }
    }
}
