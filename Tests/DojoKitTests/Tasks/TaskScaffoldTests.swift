import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TaskScaffoldTests {
    @Test func idsAreFolderNamesWithoutSurprises() throws {
        for id in ["bike-demand", "mnist_5k", "a1"] { try TaskScaffold.checkId(id) }
        for id in ["", "Bike", "1st", "bike demand", "../up", "template", "é", String(repeating: "a", count: 41)] {
            let error = #expect(throws: DojoError.self) { try TaskScaffold.checkId(id) }
            #expect(error?.message == "`\(id)` is not a valid task id")
        }
    }

    @Test func theTemplateBecomesALoadableTaskWithItsMarkersReplaced() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        try FileManager.default.copyItem(at: DojoBinary.repositoryRoot().appendingPathComponent("Tasks/template"),
                                         to: temp.file("template"))
        let scaffold = TaskScaffold(tasksDirectory: temp.url)
        let (folder, files) = try scaffold.create(id: "wages", title: "Wages: who earns what?", kind: .tabularRegression)
        #expect(files == ["description.md", "leaderboard.csv", "make_leaderboard.py", "prepare.py", "starter.py", "task.toml"])
        let task = try TaskLoader(tasksDirectory: temp.url).load(id: "wages")
        #expect(task.title == "Wages: who earns what?")
        #expect(task.kind == .tabularRegression)
        #expect(task.directory.standardizedFileURL.path == folder.standardizedFileURL.path)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("__ID__") && !text.contains("__TITLE__") && !text.contains("__KIND__"), "\(file)")
        }
        #expect(task.descriptionText().hasPrefix("# Wages: who earns what?\n"))
        // The template folder is not a task; no staging folder is left behind.
        #expect(try TaskLoader(tasksDirectory: temp.url).taskDirectories().map(\.lastPathComponent) == ["wages"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).sorted() == ["template", "wages"])

        let again = #expect(throws: DojoError.self) { try scaffold.create(id: "wages", title: nil, kind: .text) }
        #expect(again?.message == "a folder for `wages` already exists")
        let none = #expect(throws: DojoError.self) { try TaskScaffold(tasksDirectory: temp.file("empty")).create(id: "x", title: nil, kind: .text) }
        #expect(none?.message == "there is no task template")
    }
}
