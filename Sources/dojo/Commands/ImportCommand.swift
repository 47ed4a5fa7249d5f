import ArgumentParser
import DojoKit
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert another system's episode log into a Dojo trajectory (format: mle-dojo).",
        discussion: "dojo import mle-dojo env_history.json -o OUT.dojo.jsonl [--agent-trajectory agent_trajectory.json]")

    enum Format: String, ExpressibleByArgument, CaseIterable { case mleDojo = "mle-dojo" }

    @Argument(help: "The log's format: mle-dojo.") var format: Format
    @Argument(help: "MLE-Dojo's env_history.json.") var history: String
    @Option(name: .shortAndLong, help: "The trajectory to write (never overwritten).") var output: String
    @Option(name: .customLong("agent-trajectory"), help: "MLE-Dojo's agent_trajectory.json, to restore each step's code.")
    var agentTrajectory: String?

    func run() throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: history)) } catch {
            throw DojoError(.io, "cannot read the history: \(error.localizedDescription)", at: history)
        }
        let conversation: Data?
        if let agentTrajectory {
            do { conversation = try Data(contentsOf: URL(fileURLWithPath: agentTrajectory)) } catch {
                throw DojoError(.io, "cannot read the agent trajectory: \(error.localizedDescription)", at: agentTrajectory)
            }
        } else {
            conversation = nil
        }
        let imported = try MLEDojoImporter.convert(history: data, source: history, agentTrajectory: conversation)
        try MLEDojoImporter.write(imported, to: URL(fileURLWithPath: output))
        for warning in imported.warnings { Console.progress("warning: \(warning)") }
        let steps = imported.events.filter { if case .step = $0 { true } else { false } }.count
        print("imported \(steps) steps of \(imported.header.task) into \(output)")
    }
}
