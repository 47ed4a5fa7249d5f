import ArgumentParser
import DojoKit
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-execute every code step of a trajectory in a fresh sandbox and compare outcomes and scores.",
        discussion: "Exits 0 when every step matches the recording, 1 when any differs.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The trajectory (*.dojo.jsonl).") var trajectory: String
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "Relative score difference still counted as a match.") var tolerance = 1e-9
    @OptionGroup var sandboxOptions: SandboxOptions

    func run() throws {
        let services = try common.services()
        let recorded = try TrajectoryReader.read(URL(fileURLWithPath: trajectory))
        for damaged in recorded.damaged { Console.progress("warning: line \(damaged.line) is damaged and skipped: \(damaged.reason)") }
        let spec = try services.loader.load(id: recorded.header.task)
        var limits = sandboxOptions.apply(to: recorded.header.limits)
        limits.maxSteps = max(limits.maxSteps, recorded.steps.count + 1)
        limits.episodeTimeSeconds = max(limits.episodeTimeSeconds, 24 * 3600)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-verify-\(UUID().uuidString.prefix(8)).dojo.jsonl")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let environment = try services.episodes(for: spec, seed: recorded.header.seed, options: sandboxOptions.episode, limits: limits)
            .environment(seed: recorded.header.seed, agent: ["kind": .string("verify"), "trajectory": .string(trajectory)], trajectory: scratch)
        let report = try TrajectoryVerifier(tolerance: tolerance).verify(recorded, environment: environment) { check in
            if !json {
                let scores = check.recordedScore.map { String(format: "%.6g", $0) } ?? "-"
                let replayed = check.replayedScore.map { String(format: "%.6g", $0) } ?? "-"
                // Padded by hand: `%-13@` does not pad on Linux Foundation, so the columns drifted.
                let columns = [String(format: "step %3d", check.step), check.action.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0),
                               (check.matches ? "match" : "DIFF").padding(toLength: 5, withPad: " ", startingAt: 0),
                               "recorded \(scores)", "replayed \(replayed)"] + (check.reason.map { [$0] } ?? [])
                print(columns.joined(separator: "  "))
            }
        }
        if json {
            try Console.printJSON(report)
        } else {
            if report.taskChanged { print("note: the task folder changed since the recording (its digest differs)") }
            let differing = report.steps.filter { !$0.matches }.count
            print(report.allMatch ? "All \(report.steps.count) code steps match." : "\(differing) of \(report.steps.count) code steps differ.")
        }
        if !report.allMatch { throw ExitCode(1) }
    }
}
