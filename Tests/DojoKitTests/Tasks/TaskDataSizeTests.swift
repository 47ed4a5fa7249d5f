import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TaskDataSizeTests {
    @Test func rowsAreCountedWithoutTheHeaderAndWithoutLineEndsInQuotedText() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        #expect(CSVRowCounter.rows(in: temp.write("a.csv", "id,text\n1,\"two\nlines\"\n2,\"say \"\"hi\"\"\nthere\"\n3,plain\n")) == 3)
        #expect(CSVRowCounter.rows(in: temp.write("b.csv", "id,x\n1,2\n2,3")) == 2)
        #expect(CSVRowCounter.rows(in: temp.write("c.csv", "id,x\n")) == 0)
        #expect(CSVRowCounter.rows(in: temp.write("d.csv", "")) == 0)
        #expect(CSVRowCounter.rows(in: temp.file("missing.csv")) == nil)
    }

    @Test func sizesHaveDocumentedThresholds() {
        #expect(TaskSize(rows: 9_999) == .small)
        #expect(TaskSize(rows: 10_000) == .medium)
        #expect(TaskSize(rows: 99_999) == .medium)
        #expect(TaskSize(rows: 100_000) == .large)
    }

    @Test func preparedDataIsCountedElseTheHintElseUnknown() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixture = FixtureTask(in: temp.file("tasks"))
        let loader = TaskLoader(tasksDirectory: temp.file("tasks"))
        var task = try loader.load(id: "fixture")
        #expect(TaskDataSize.of(task, preparedRoot: temp.file("prepared")).origin == .unknown)
        task.data = TaskSpec.DataHint(trainRows: 300, testRows: 100)
        #expect(TaskDataSize.of(task, preparedRoot: temp.file("prepared")) == TaskDataSize(trainRows: 300, testRows: 100, origin: .hint))
        let cache = PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(), python: FixtureTask.systemPython)
        _ = try cache.prepare(task, seed: 42)
        let size = TaskDataSize.of(task, preparedRoot: temp.file("prepared"))
        #expect(size == TaskDataSize(trainRows: 30, testRows: 10, origin: .prepared))
        #expect(size.size == .small)
        _ = fixture
    }
}
