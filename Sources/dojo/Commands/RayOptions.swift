import ArgumentParser
import DojoKit
import Foundation

/// `dojo eval --ray ADDRESS` and its companions: the episodes run as Ray tasks on a cluster whose
/// nodes have Dojo and its tasks (docs/eval.md, "Many machines: Ray").
struct RayOptions: ParsableArguments {
    @Option(name: .customLong("ray"), help: ArgumentHelp(
        "Run each episode as a Ray task on the cluster at ADDRESS (the head's host:port, or `auto`).",
        discussion: "Needs `dojo setup ray` on this machine, and Dojo with its tasks on every node (docs/eval.md)."))
    var address: String?
    @Option(name: .customLong("ray-dojo"), help: "The dojo executable on the nodes (default: this dojo's path, the same on every node).")
    var dojo: String?
    @Option(name: .customLong("ray-tasks"), help: "The Tasks folder on the nodes (default: what their dojo finds).")
    var tasks: String?
    @Option(name: .customLong("ray-retries"), help: "Times an episode whose Ray worker or node is lost runs again from scratch.")
    var retries = 2

    var enabled: Bool { address != nil }

    func validate() throws {
        if let address, address.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--ray needs an address (host:port or auto)") }
        if retries < 0 { throw ValidationError("--ray-retries must be 0 or more") }
        if address == nil && (dojo != nil || tasks != nil) { throw ValidationError("--ray-dojo and --ray-tasks go with --ray ADDRESS") }
    }

    /// The manifest's record of the backend.
    func manifestBackend(parallel: Int) -> EvalManifest.Backend {
        EvalManifest.Backend(kind: address == nil ? "local" : "ray", address: address, parallel: parallel)
    }

    /// Connects to the cluster (the driver's messages go to RUN_DIR/ray-driver.log); nil without --ray.
    func backend(services: Services, directory: RunDirectory) throws -> RayBackend? {
        guard let address else { return nil }
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).standardizedFileURL
        Console.progress("connecting to the Ray cluster at \(address)")
        let backend = try RayBackend(
            address: address, ray: RayEnvironment(paths: services.paths, runner: services.processRunner),
            driverLog: directory.root.appendingPathComponent("ray-driver.log"), dojo: dojo ?? executable.path,
            extraArguments: ["--stop-with-parent"] + (tasks.map { ["--tasks", $0] } ?? []), loader: services.loader,
            workingDirectory: FileManager.default.currentDirectoryPath, lostRetries: retries)
        Console.progress("Ray cluster: \(backend.connection.nodes) node\(backend.connection.nodes == 1 ? "" : "s")")
        return backend
    }
}
