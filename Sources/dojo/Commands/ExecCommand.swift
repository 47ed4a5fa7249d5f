import ArgumentParser
import DojoKit
import Foundation

struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run one episode headless: reset, then one execute_code (or validate_code) step per file.",
        discussion: "Exits 0 when the steps ran, whatever the score; non-zero when dojo itself could not run them.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id.") var task: String
    @Argument(help: "Python files; each is one step of the same episode.") var files: [String]
    @Flag(help: "validate_code instead of execute_code: check the submission's format, never score it.") var validate = false
    @Flag(help: "Print the observation as JSON (an array when there are several files).") var json = false
    @Option(help: "Write the trajectory here (default: under $XDG_STATE_HOME/dojo/trajectories).") var trajectory: String?
    @Option(help: "The split seed.") var seed = 42
    @OptionGroup var sandboxOptions: SandboxOptions

    func run() throws {
        let services = try common.services()
        let spec = try services.loader.load(id: task)
        var codes: [String] = []
        for file in files {
            codes.append(try TextFile.read(file, what: "the code file"))
        }
        let trajectoryURL = trajectory.map { URL(fileURLWithPath: $0) } ?? TrajectoryNaming.defaultURL(in: services.paths.trajectoriesDirectory, task: spec.id)
        let environment = try services.episodes(for: spec, seed: seed, options: sandboxOptions.episode)
            .environment(seed: seed, agent: ["name": .string("dojo exec"), "kind": .string("cli")], trajectory: trajectoryURL)
        try environment.reset()
        Console.progress("trajectory: \(trajectoryURL.path)")
        var observations: [Observation] = []
        for (file, code) in zip(files, codes) {
            if environment.isOver { break }
            if !json { Console.progress("running \(file) (\(validate ? "validate_code" : "execute_code"))") }
            let observation = try environment.step(validate ? .validateCode(code) : .executeCode(code), actor: .human)
            observations.append(observation)
            if !json {
                print(TerminalText.sanitize(observation.feedback) + "\n")
                fflush(nil)  // each step's feedback is out before the next step starts (kill -9 loses none)
            }
        }
        environment.close(reason: "done")
        if json {
            if observations.count == 1 { try Console.printJSON(observations[0]) } else { try Console.printJSON(observations) }
        }
    }
}
