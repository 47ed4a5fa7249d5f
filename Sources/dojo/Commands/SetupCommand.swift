import ArgumentParser
import DojoKit
import Foundation

struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup", abstract: "Create (or update) the Python environment from Tasks/requirements.txt.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Rebuild even when the environment is up to date.") var force = false

    func run() throws {
        let services = try common.services()
        let python = services.python
        let before = try python.state()
        let interpreter = try python.ensure(force: force, progress: Console.progress)
        print(before == .ready && !force ? "Python environment up to date: \(interpreter.path)" : "Python environment ready: \(interpreter.path)")
    }
}
