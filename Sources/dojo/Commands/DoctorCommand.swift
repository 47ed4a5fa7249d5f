import ArgumentParser
import DojoKit
import Foundation

/// `dojo doctor`: lists what a killed `dojo` left behind (episode folders and cgroups whose owner is
/// gone) and removes it. Every reset cleans these too; this is the explicit, verbose way.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "List and remove what a killed dojo left behind: stale episode folders and cgroups.",
        discussion: "Stale: the folder's owner record is not locked by a living dojo, or the cgroup is named after a process that is gone. "
            + "Episode folders without any owner record (from an older dojo) are removed too.")

    @OptionGroup var common: CommonOptions
    @Flag(name: .customLong("dry-run"), help: "Only list; remove nothing.") var dryRun = false

    func run() throws {
        let services = try common.services()
        let stale = StaleEpisodes(episodesDirectory: services.paths.episodesDirectory)
        let items = dryRun ? stale.find(includeOwnerless: true) : stale.clean(includeOwnerless: true)
        if items.isEmpty {
            print("Nothing stale in \(services.paths.episodesDirectory.path) or the cgroups.")
            return
        }
        for item in items { print("\(dryRun ? "stale" : "removed") \(item)") }
        if !dryRun {
            let left = stale.find(includeOwnerless: true)
            for item in left { print("could not remove \(item)") }
            if !left.isEmpty { throw ExitCode(1) }
        }
    }
}
