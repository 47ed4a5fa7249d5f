@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// Files read in two halves on two threads give exactly what one pass gives: the same score, errors,
/// example lines and warnings, whatever the file holds.
@Suite struct ParallelPassTests {
    /// A folder of answer and submission files, removed at the end of the test.
    final class Files {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-parallel-\(UUID())")
        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ name: String, _ text: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }
    }

    /// Checks `submission` against `answers` on one thread and on two (a minimum of 0 bytes splits any
    /// file), and returns both results.
    func bothWays(_ metric: Metric, targets: [String], answers: String, submission: String) throws -> (one: SubmissionCheck, two: SubmissionCheck) {
        let files = try Files()
        let answersURL = try files.write("answers.csv", answers)
        let submissionURL = try files.write("submission.csv", submission)
        let one = try SubmissionValidator(metric: metric, idColumn: "id", targetColumns: targets, answersFile: answersURL,
                                          parallelMinimumBytes: .max)
        let two = try SubmissionValidator(metric: metric, idColumn: "id", targetColumns: targets, answersFile: answersURL,
                                          parallelMinimumBytes: 0)
        let ids = { (key: AnswerKey) in (0..<key.ids.count).map(key.ids.key) }
        #expect(ids(one.answers) == ids(two.answers))
        #expect(one.answers.ids.indexed == two.answers.ids.indexed)
        #expect(one.answers.columns == two.answers.columns)
        #expect(one.answers.labels.names == two.answers.labels.names)
        return (one.check(fileAt: submissionURL), two.check(fileAt: submissionURL))
    }

    func regression(rows: Int, seed: UInt64) -> (answers: String, rows: [(id: String, value: String)]) {
        var random = SeededRandom(seed: seed)
        var answers = "id,y\n"
        var lines: [(String, String)] = []
        for i in 0..<rows {
            answers += "\(i),\(Double(random.next() % 10_000) / 7)\n"
            lines.append(("\(i)", "\(Double(random.next() % 10_000) / 3)"))
        }
        return (answers, lines)
    }

    func csv(_ rows: [(id: String, value: String)], end: String = "\n") -> String {
        "id,y\n" + rows.map { "\($0.id),\($0.value)" }.joined(separator: "\n") + end
    }

    @Test func aValidSubmissionInOrderShuffledOrWithoutTheLastLineEnd() throws {
        let (answers, rows) = regression(rows: 3000, seed: 1)
        var random = SeededRandom(seed: 2)
        for submission in [csv(rows), csv(rows.shuffled(using: &random)), csv(rows, end: ""),
                           csv(rows).replacingOccurrences(of: "\n", with: "\r\n")] {
            let (one, two) = try bothWays(Metric(.rmse), targets: ["y"], answers: answers, submission: submission)
            #expect(one.valid)
            #expect(two == one)
        }
    }

    @Test func problemsInEitherHalfAreReportedAsOnePassReportsThem() throws {
        let (answers, rows) = regression(rows: 3000, seed: 3)
        var early = rows, late = rows, across = rows, quoted = rows
        early[10].value = "abc"
        late[2900].value = ""
        late[2950].id = "nope"
        // The same id in both halves: each half alone sees nothing wrong.
        across[2990].id = across[5].id
        // A quoted value with a line end right at the middle of the file, and quoted ids elsewhere.
        quoted[1500].value = "\"1\n\(String(repeating: "2", count: 40))\""
        quoted[20].id = "\"\(quoted[20].id)\""
        for submission in [csv(early), csv(late), csv(across), csv(quoted), csv(Array(rows.dropLast(7)))] {
            let (one, two) = try bothWays(Metric(.rmse), targets: ["y"], answers: answers, submission: submission)
            #expect(!one.valid)
            #expect(two == one)
        }
    }

    @Test func labelsAndOneHotProbabilities() throws {
        var random = SeededRandom(seed: 4)
        let names = ["cat", "dog", "1", "1.0", "bird"]
        var labels = "id,label\n", predicted = "id,label\n"
        var onehot = "id,a,b,c\n", probabilities = "id,a,b,c\n"
        for i in 0..<4000 {
            // Answers' labels met in a different order in each half, and "1.0" matching "1".
            let name = names[Int(random.next() % UInt64(i < 2000 ? 2 : names.count))]
            labels += "\(i),\(name == "1.0" ? "1" : name)\n"
            predicted += "\(i),\(names[Int(random.next() % UInt64(names.count))])\n"
            let hot = Int(random.next() % 3)
            onehot += "\(i)," + (0..<3).map { $0 == hot ? "1" : "0" }.joined(separator: ",") + "\n"
            let p = Double(random.next() % 1000) / 1000
            probabilities += "\(i),\(p),\((1 - p) / 2),\((1 - p) / 2 + (i % 500 == 0 ? 0.01 : 0))\n"
        }
        let (one, two) = try bothWays(Metric(.accuracy), targets: ["label"], answers: labels, submission: predicted)
        #expect(one.valid)
        #expect(two == one)
        let (oneLoss, twoLoss) = try bothWays(Metric(.logLoss), targets: ["a", "b", "c"], answers: onehot, submission: probabilities)
        #expect(oneLoss.warnings.map(\.kind) == [.rowsNotNormalised])
        #expect(twoLoss == oneLoss)
    }

    @Test func answersWithUnsortedOrRepeatedIds() throws {
        // String ids out of order: the joined halves are hashed as one pass would have hashed them.
        var random = SeededRandom(seed: 5)
        let ids = (0..<3000).map { _ in String(random.next(), radix: 36) }
        let answers = "id,y\n" + ids.map { "\($0),1.5" }.joined(separator: "\n") + "\n"
        let submission = "id,y\n" + ids.reversed().map { "\($0),2" }.joined(separator: "\n") + "\n"
        let (one, two) = try bothWays(Metric(.mae), targets: ["y"], answers: answers, submission: submission)
        #expect(one.valid)
        #expect(two == one)
        // An id repeated across the answers' halves is the error one pass throws.
        let files = try Files()
        let repeated = try files.write("repeated.csv", answers + "\(ids[3]),2\n")
        for minimum in [0, Int.max] {
            #expect(throws: DojoError.self) {
                try SubmissionValidator(metric: Metric(.mae), idColumn: "id", targetColumns: ["y"], answersFile: repeated,
                                        parallelMinimumBytes: minimum)
            }
        }
    }
}
