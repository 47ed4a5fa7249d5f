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
    @Option(name: .customLong("token-file"), help: "Clients must send the token in this file (made with a new random token, mode 0600, if missing).")
    var tokenFile: String?
    @Flag(name: .customLong("insecure-no-token"), help: "Serve --port without a token: any local process can connect and run code.")
    var insecureNoToken = false
    @Option(name: .customLong("max-connections"), help: "Connections served at once; more are refused with an error.")
    var maxConnections = ProtocolServer.defaultMaxConnections

    func validate() throws {
        if (socket == nil) == (port == nil) {
            throw ValidationError("give exactly one of --socket PATH or --port N")
        }
        if insecureNoToken && tokenFile != nil {
            throw ValidationError("give at most one of --token-file and --insecure-no-token")
        }
        if maxConnections < 1 { throw ValidationError("--max-connections must be at least 1") }
    }

    /// The token clients must send: none on a Unix socket (mode 0600) unless --token-file asks for one;
    /// on a port, from --token-file, else a new one printed at start, unless --insecure-no-token.
    func token() throws -> (token: String?, announce: String?) {
        if let tokenFile {
            let url = URL(fileURLWithPath: tokenFile)
            if FileManager.default.fileExists(atPath: url.path) {
                guard let text = try? String(contentsOf: url, encoding: .utf8),
                      case let token = text.trimmingCharacters(in: .whitespacesAndNewlines), token.utf8.count >= 16 else {
                    throw DojoError(.usage, "the token file is unreadable or holds fewer than 16 characters", at: url.path,
                                    hint: "put a long random token in it, or delete it to have one made")
                }
                return (token, "clients must send the token in \(url.path)")
            }
            let token = Self.newToken()
            let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw DojoError(.io, "cannot create the token file: \(String(cString: strerror(errno)))", at: url.path)
            }
            let bytes = Array((token + "\n").utf8)
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == bytes.count else { throw DojoError(.io, "cannot write the token file", at: url.path) }
            return (token, "clients must send the token written to \(url.path)")
        }
        if port == nil || insecureNoToken { return (nil, nil) }
        let token = Self.newToken()
        return (token, "token: \(token) (clients send it with the auth method, or DOJO_TOKEN for Agents/dojo_client.py)")
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    func run() throws {
        let services = try common.services()
        let folder = trajectoriesDirectory.map { URL(fileURLWithPath: $0) }
            ?? services.paths.trajectoriesDirectory.appendingPathComponent("serve")
        let factory = EpisodeFactory(services: services, defaultTask: task, defaultSeed: seed, options: sandboxOptions.episode,
                                     trajectories: folder)
        if let task { _ = try factory.environment(task: task, seed: nil) }  // prepare up front
        let (token, announce) = try token()
        if port != nil && token == nil {
            Console.progress("warning: --insecure-no-token: any process on this machine can connect to the port and run code in the sandbox")
        }
        let server = ProtocolServer(address: socket.map { .unix($0) } ?? .tcp(port: port ?? 0), maxConnections: maxConnections) {
            ProtocolSession(actor: .agent, token: token, factory: factory.environment)
        }
        let bound = try server.start()
        var lines = "dojo serve: listening on \(bound); trajectories in \(folder.path)\n"
        if let announce { lines += "dojo serve: \(announce)\n" }
        FileHandle.standardOutput.write(Data(lines.utf8))
        while true { sleep(3600) }
    }
}

/// Builds environments for protocol sessions, preparing each task (and its `EpisodeBuilder`) once per
/// process and seed.
final class EpisodeFactory: Sendable {
    let services: Services
    let defaultTask: String?
    let defaultSeed: Int
    let options: RunnerOptions
    let trajectories: URL?
    /// The trajectory header's `agent` (how the episodes are driven).
    let agent: [String: JSONValue]
    private let builders = Mutex<[String: EpisodeBuilder]>([:])

    init(services: Services, defaultTask: String?, defaultSeed: Int, options: RunnerOptions,
         trajectories: URL?, agent: [String: JSONValue] = ["kind": .string("socket")]) {
        self.agent = agent
        self.options = options
        self.services = services
        self.defaultTask = defaultTask
        self.defaultSeed = defaultSeed
        self.trajectories = trajectories
    }

    func environment(task requested: String?, seed requestedSeed: Int?) throws(DojoError) -> Environment {
        guard let id = requested ?? defaultTask else {
            throw DojoError(.usage, "reset needs a task", hint: "send params {\"task\": \"titanic\"}")
        }
        let seed = requestedSeed ?? defaultSeed
        let key = "\(id)#\(seed)"
        let builder: EpisodeBuilder
        if let cached = builders.withLock({ $0[key] }) {
            builder = cached
        } else {
            // A client names a task of the registry, never a path; the operator's --task may be either.
            let spec = requested == nil ? try services.loader.load(id: id) : try services.loader.loadRegistered(id: id)
            builder = try services.episodes(for: spec, seed: seed, options: options)
            builders.withLock { $0[key] = builder }
        }
        let folder = trajectories
        return try builder.environment(seed: seed, agent: agent, placer: { _ in folder.map { TrajectoryNaming.defaultURL(in: $0, task: id) } })
    }
}
