import ArgumentParser
import DojoKit
import Foundation

struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup", abstract: "Create (or update) the Python environment from Tasks/requirements.txt.",
        discussion: """
        `dojo setup ray` builds instead the small environment `dojo eval --ray` drives a Ray cluster from \
        (the pinned Ray of Agents/ray/requirements.txt, in the cache's ray-venv; docs/eval.md).
        """)

    enum Component: String, ExpressibleByArgument, CaseIterable {
        case tasks, ray
    }

    @OptionGroup var common: CommonOptions
    @Argument(help: "Which environment: tasks (the default) or ray.") var component: Component = .tasks
    @Flag(help: "Rebuild even when the environment is up to date.") var force = false

    func run() throws {
        let services = try common.services()
        let python: PythonEnvironment
        let name: String
        switch component {
        case .tasks:
            python = services.python
            name = "Python environment"
        case .ray:
            python = RayEnvironment(paths: services.paths, runner: services.processRunner).python
            name = "Ray environment"
        }
        let before = try python.state()
        let interpreter = try python.ensure(force: force, progress: Console.progress)
        print(before == .ready && !force ? "\(name) up to date: \(interpreter.path)" : "\(name) ready: \(interpreter.path)")
    }
}
