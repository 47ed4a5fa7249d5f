import ArgumentParser
import DojoKit
import Foundation
import MCP
import Synchronization

/// `dojo mcp [--task ID]`: one episode served as an MCP server over stdio (docs/mcp.md).
struct McpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve one episode to an MCP client over stdio: the five actions as tools, the task as resources.",
        discussion: "Configure it in an MCP client as the command `dojo mcp --task titanic` (docs/mcp.md). "
            + "The episode is recorded as any other; `dojo watch` shows it live. Logs go to stderr.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Serve only this task (the reset tool's task may then be left out).") var task: String?
    @Option(help: "The default split seed.") var seed = 42
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(name: .customLong("trajectories"), help: "Folder for the episodes' trajectories (default: the trajectories folder's mcp/).")
    var trajectoriesDirectory: String?

    func run() throws {
        let services = try common.services()
        let folder = trajectoriesDirectory.map { URL(fileURLWithPath: $0) }
            ?? services.paths.trajectoriesDirectory.appendingPathComponent("mcp")
        let factory = EpisodeFactory(services: services, defaultTask: task, defaultSeed: seed, options: sandboxOptions.episode,
                                     trajectories: folder, agent: ["kind": .string("mcp")])
        if let task { _ = try factory.environment(task: task, seed: nil) }  // prepare before the client waits on it
        let episode = McpEpisode(factory: factory, fixedTask: task)
        Console.progress("MCP server on stdio; trajectories in \(folder.path)")

        // A client that vanishes mid-step must not kill us on the answer's write (SIGPIPE): the episode
        // still has to be closed with its reason.
        signal(SIGPIPE, SIG_IGN)
        let finished = DispatchSemaphore(value: 0)
        let signals = [SIGTERM, SIGINT, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                episode.shutdown(reason: "dojo mcp stopped by signal \(number)")
                Foundation.exit(128 + number)
            }
            source.resume()
            return source
        }
        let failure = LockedBox<String?>(nil)
        Task {
            let server = Server(name: "dojo", version: DojoVersion.current, title: "Dojo", instructions: McpServer.instructions,
                                capabilities: .init(resources: .init(subscribe: false, listChanged: false),
                                                    tools: .init(listChanged: false)))
            await McpServer(episode: episode, log: Console.progress).register(on: server)
            do {
                try await server.start(transport: StdioTransport())
                await server.waitUntilCompleted()
            } catch {
                failure.set("\(error)")
            }
            finished.signal()
        }
        finished.wait()
        episode.shutdown(reason: "the MCP client disconnected")
        for source in signals { source.cancel() }
        if let message = failure.value {
            throw DojoError(.usage, "the MCP server could not start on stdio: \(message)", hint: "run dojo mcp from an MCP client")
        }
    }
}

/// A value one thread sets and another reads after a semaphore.
final class LockedBox<T: Sendable>: Sendable {
    private let storage: Mutex<T>
    init(_ value: T) { storage = Mutex(value) }
    func set(_ value: T) { storage.withLock { $0 = value } }
    var value: T { storage.withLock { $0 } }
}
