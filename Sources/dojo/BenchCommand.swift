import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks that print figures and ratios (build with -c release).",
        subcommands: [BenchServeCommand.self])
}
