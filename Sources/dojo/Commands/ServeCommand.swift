import ArgumentParser
import DojoKit
import Foundation
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the agent protocol on a Unix socket or a loopback TCP port; each connection is its own episode.",
        discussion: "The task is chosen by each connection's `reset` (params: task, seed). Runs until interrupted.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Listen on this Unix socket path.") var socket: String?
    @Option(help: "Listen on this loopback TCP port (0 picks a free one).") var port: UInt16?
    @Option(help: "The task when a reset names none.") var task: String?
    @Option(help: "The default split seed.") var seed = 42
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(name: .customLong("trajectories"), help: "Folder for the episodes' trajectories.") var trajectoriesDirectory: String?

    func validate() throws {
        if (socket == nil) == (port == nil) {
            throw ValidationError("give exactly one of --socket PATH or --port N")
        }
    }

    func run() throws {
        let services = try common.services()
        let folder = trajectoriesDirectory.map { URL(fileURLWithPath: $0) }
            ?? services.paths.trajectoriesDirectory.appendingPathComponent("serve")
        let factory = EpisodeFactory(services: services, defaultTask: task, defaultSeed: seed, maxSteps: sandboxOptions.maxSteps,
                                     sandbox: sandboxOptions, trajectories: folder)
        if let task { _ = try factory.environment(task: task, seed: nil) }  // prepare up front
        let server = ProtocolServer(address: socket.map { .unix($0) } ?? .tcp(port: port ?? 0)) {
            ProtocolSession(actor: .agent, factory: factory.environment)
        }
        let bound = try server.start()
        FileHandle.standardOutput.write(Data("dojo serve: listening on \(bound); trajectories in \(folder.path)\n".utf8))
        while true { sleep(3600) }
    }
}

/// Builds environments for protocol sessions, preparing each task once per process.
final class EpisodeFactory: Sendable {
    let services: Services
    let defaultTask: String?
    let defaultSeed: Int
    let maxSteps: Int?
    let sandbox: SandboxOptions
    let trajectories: URL?
    private let prepared = Mutex<[String: (TaskSpec, PreparedTask)]>([:])

    init(services: Services, defaultTask: String?, defaultSeed: Int, maxSteps: Int?, sandbox: SandboxOptions,
         trajectories: URL?) {
        self.sandbox = sandbox
        self.services = services
        self.defaultTask = defaultTask
        self.defaultSeed = defaultSeed
        self.maxSteps = maxSteps
        self.trajectories = trajectories
    }

    func environment(task requested: String?, seed requestedSeed: Int?) throws(DojoError) -> Environment {
        guard let id = requested ?? defaultTask else {
            throw DojoError(.usage, "reset needs a task", hint: "send params {\"task\": \"titanic\"}")
        }
        let seed = requestedSeed ?? defaultSeed
        let key = "\(id)#\(seed)"
        let (spec, data): (TaskSpec, PreparedTask)
        if let cached = prepared.withLock({ $0[key] }) {
            (spec, data) = cached
        } else {
            spec = try services.loader.load(id: id)
            do { data = try services.prepared(spec, seed: seed) } catch let error as DojoError { throw error } catch {
                throw DojoError(.preparation, "\(error)")
            }
            prepared.withLock { $0[key] = (spec, data) }
        }
        var limits = sandbox.apply(to: spec.limits)
        if let maxSteps { limits.maxSteps = maxSteps }
        let folder = trajectories
        let runner: any CodeRunner
        do { runner = try sandbox.runner(python: try services.interpreter(), limits: limits) } catch let error as DojoError {
            throw error
        } catch {
            throw DojoError(.sandbox, "\(error)")
        }
        return try Environment(
            task: spec, prepared: data, runner: runner, clock: SystemClock(),
            episodesDirectory: services.paths.episodesDirectory,
            configuration: .init(seed: seed, limits: limits, agent: ["kind": .string("socket")]),
            trajectoryPlacer: { _ in
                folder.map { TrajectoryNaming.defaultURL(in: $0, task: id) }
            })
    }
}
