import ArgumentParser
import DojoKit
import Foundation

/// `dojo grade-worker`: the child process that grades one submission (see `IsolatedGrader`). The
/// host starts it with memory and CPU-time limits already set and the submission on stdin; it prints
/// one `DOJO_GRADE {…}` line. Not for people: hidden from the help.
struct GradeWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade-worker", abstract: "Grade the submission on stdin (used by dojo itself).", shouldDisplay: false)

    @Option(help: "The grading job, as JSON.") var job: String
    @Option(help: "What messages call the submission.") var name = "submission.csv"

    func run() throws {
        let decoded: GradingJob
        do { decoded = try JSONDecoder().decode(GradingJob.self, from: Data(job.utf8)) } catch {
            throw DojoError(.usage, "the grading job is not valid JSON: \(error)")
        }
        // The descriptor the host opened (without following links): /proc/self/fd/0 reopens that same file.
        let answer = try decoded.run(submission: URL(fileURLWithPath: "/proc/self/fd/0"), name: name)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let line = GradingJob.answerMarker + String(decoding: try encoder.encode(answer), as: UTF8.self) + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}
