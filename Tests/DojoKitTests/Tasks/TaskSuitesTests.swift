import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TaskSuitesTests {
    let tasks: [String: TaskKind?] = ["titanic": .tabularClassification, "diamonds": .tabularRegression,
                                      "reviews": .text, "broken": nil]

    @Test func listedIdsKindsAndTheWildcardResolve() throws {
        let text = """
        [lite]
        description = "One per kind."
        tasks = ["titanic", "reviews"]

        [tabular]
        description = "Tabular."
        kinds = ["tabular-classification", "tabular-regression"]

        [full]
        description = "Everything."
        tasks = ["*"]

        [mixed]
        description = "Text plus one."
        tasks = ["diamonds"]
        kinds = ["text"]
        """
        let suites = try TaskSuites.parse(text, file: "suites.toml", tasks: tasks)
        #expect(suites.names == ["full", "lite", "mixed", "tabular"])
        #expect(try suites.taskIds(in: "lite") == ["reviews", "titanic"])
        #expect(try suites.taskIds(in: "tabular") == ["diamonds", "titanic"])
        #expect(try suites.taskIds(in: "full") == ["broken", "diamonds", "reviews", "titanic"])
        #expect(try suites.taskIds(in: "mixed") == ["diamonds", "reviews"])
        let missing = #expect(throws: DojoError.self) { try suites.taskIds(in: "nope") }
        #expect(missing?.message == "no suite `nope`")
        #expect(missing?.hint == "known suites: full, lite, mixed, tabular")
    }

    @Test func anUnknownTaskIdNamesTheSuiteAndTheId() {
        let error = #expect(throws: DojoError.self) {
            try TaskSuites.parse("[lite]\ndescription = \"x\"\ntasks = [\"titanic\", \"mnist\"]\n", file: "suites.toml", tasks: tasks)
        }
        #expect(error?.message == "suite `lite`: no task `mnist`")
        #expect(error?.location == "suites.toml")
    }

    @Test func badSuitesSaySo() {
        let cases: [(String, String)] = [
            ("[a]\ndescription = \"x\"\nkinds = [\"images\"]\n", "suite `a`: unknown kind `images`"),
            ("[a]\ndescription = \"x\"\n", "suite `a` names no tasks"),
            ("[a]\ndescription = \"x\"\ntasks = [\"titanic\"]\nseed = 3\n", "suite `a`: unknown key `seed`"),
            ("a = 3\n", "`a` is not a suite: expected a table [a]"),
            ("[a]\ntasks = [\"titanic\"]\n", "key `a.description`: expected a string, the key is missing"),
            ("[a]\ndescription = \"x\"\ntasks = [\"titanic\", \"titanic\"]\n", "suite `a`: task `titanic` is listed twice"),
        ]
        for (text, message) in cases {
            let error = #expect(throws: DojoError.self) { try TaskSuites.parse(text, file: "suites.toml", tasks: tasks) }
            #expect(error?.message == message)
        }
    }

    /// The shipped suites: every listed id exists, `full` is every task and `lite` has at most one task per kind.
    @Test func theShippedSuitesLoadAndListOnlyExistingTasks() throws {
        let loader = TaskLoader(tasksDirectory: DojoBinary.repositoryRoot().appendingPathComponent("Tasks"))
        let suites = try TaskSuites.load(loader: loader)
        #expect(Set(suites.names).isSuperset(of: ["lite", "full", "tabular"]))
        let all = try loader.taskDirectories().map(\.lastPathComponent)
        #expect(try suites.taskIds(in: "full") == all)
        for suite in suites.suites {
            for id in suite.taskIds { #expect(all.contains(id), "suite \(suite.name) lists \(id)") }
        }
        let lite = try suites.taskIds(in: "lite").map { try loader.load(id: $0) }
        #expect(Set(lite.map(\.kind)).count == lite.count, "lite has one task per kind")
    }
}
