import ArgumentParser
import DojoKit
import Foundation

struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare", abstract: "Prepare a task's data into the cache (instant when cached and intact).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id (or a path to a task folder).") var task: String
    @Option(help: "The split seed.") var seed = 42

    func run() throws {
        let services = try common.services()
        let spec = try services.loader.load(id: task)
        let cache = try services.preparationCache()
        let (prepared, outcome) = try cache.prepare(spec, seed: seed, progress: Console.progress)
        let state: String
        switch outcome {
        case .cached: state = "cached, checksums verified"
        case .prepared: state = "prepared"
        case .rebuilt(let reason): state = "rebuilt (\(reason))"
        }
        print("\(spec.id) (seed \(seed)): \(state), \(prepared.checksums.count) files in \(prepared.directory.path)")
    }
}
