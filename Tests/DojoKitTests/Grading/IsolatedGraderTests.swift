import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Grading in `dojo grade-worker` (issue 11): the same reports as in process, the score bit for bit;
/// links, FIFOs and oversized files refused by the host without reading them.
@Suite struct IsolatedGraderTests {
    struct Setup {
        let temp = TemporaryDirectory()
        let task: TaskSpec
        let prepared: PreparedTask
        let grader: Grader
        let isolated: IsolatedGrader

        init(limits: String = "") throws {
            _ = FixtureTask(in: temp.file("tasks"), limits: limits)
            task = try TaskLoader(tasksDirectory: temp.file("tasks")).load(id: "fixture")
            prepared = try PreparationCache(root: temp.file("prepared"), runner: SystemProcessRunner(),
                                            python: FixtureTask.systemPython).prepare(task, seed: 1).0
            grader = try Grader(task: task, prepared: prepared)
            isolated = IsolatedGrader(task: task, prepared: prepared, grader: grader, executable: DojoBinary().url,
                                      python: nil, bwrap: nil)
        }
    }

    @Test func theWorkersReportsEqualTheInProcessOnesBitForBit() throws {
        let setup = try Setup()
        defer { setup.temp.remove() }
        let answers = try String(contentsOf: setup.prepared.answersFile, encoding: .utf8)
        var random = SeededRandom(seed: 7)
        var lines = ["id,y"]
        for line in answers.split(separator: "\n").dropFirst() {
            let id = line.split(separator: ",")[0]
            lines.append("\(id),\(Double(random.next() % 1_000_000) / 7919.0)")
        }
        let noisy = setup.temp.write("noisy.csv", lines.joined(separator: "\n") + "\n")
        let broken = setup.temp.write("broken.csv", "id,y\n1,\"open\n")
        for file in [noisy, broken] {
            let inProcess = setup.grader.grade(fileAt: file)
            let isolated = setup.isolated.grade(fileAt: file)
            #expect(isolated == inProcess)
            #expect(isolated.rawScore?.bitPattern == inProcess.rawScore?.bitPattern)
            #expect(setup.isolated.validate(fileAt: file) == setup.grader.validate(fileAt: file))
        }
        #expect(setup.isolated.grade(fileAt: noisy).rawScore != nil)
    }

    @Test func linksFifosAndMissingFilesAreNeverOpenedForReading() throws {
        let setup = try Setup()
        defer { setup.temp.remove() }
        let link = setup.temp.file("link.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: setup.prepared.answersFile)
        let linked = setup.isolated.grade(fileAt: link)
        #expect(!linked.found && linked.rawScore == nil)
        #expect(linked.errors.first?.message.contains("symbolic link") == true)
        let fifo = setup.temp.file("fifo.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let piped = setup.isolated.grade(fileAt: fifo)
        #expect(!piped.found && piped.errors.first?.message.contains("not a regular file") == true)
        let missing = setup.isolated.grade(fileAt: setup.temp.file("none.csv"))
        #expect(!missing.found && missing.errors.first?.kind == .missingFile)
    }

    @Test func aFileOverTheCapIsRefusedAtOnce() throws {
        let setup = try Setup(limits: "submission_mb = 1")
        defer { setup.temp.remove() }
        #expect(setup.isolated.submissionCap == 1 << 20)
        let big = setup.temp.file("big.csv")
        FileManager.default.createFile(atPath: big.path, contents: Data("id,y\n".utf8))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 5 << 20)
        try handle.close()
        let report = setup.isolated.grade(fileAt: big)
        #expect(report.found && !report.valid)
        #expect(report.errors.map(\.kind) == [.tooLarge])
    }

    @Test func theDerivedCapIsGenerous() {
        let limits = TaskSpec.GradingLimits.defaults
        // 100 rows of one target: 12.8 kB of rows, or four times a 10 kB answers file, plus 1 MiB.
        #expect(IsolatedGrader.cap(limits: limits, answersRows: 100, answersBytes: 10_000, targetColumns: 1) == 40_000 + 1_048_576)
        #expect(IsolatedGrader.cap(limits: limits, answersRows: 1_000_000, answersBytes: 10_000_000, targetColumns: 10)
            == 704_000_000 + 1_048_576)
        var fixed = limits
        fixed.submissionMB = 3
        #expect(IsolatedGrader.cap(limits: fixed, answersRows: 1, answersBytes: 1, targetColumns: 1) == 3 << 20)
    }
}
