import Foundation
import Synchronization

/// Runs each step's code under bubblewrap (docs/sandbox.md), one sandbox per episode with a warm
/// interpreter inside (see docs/sandbox.md). The sandbox starts with the episode's first step and
/// ends with the episode (`endEpisode`), or earlier when a step kills it; the next step then starts
/// a new one on the same workspace.
public final class BubblewrapRunner: CodeRunner {
    public let configuration: SandboxConfiguration
    private let sessions = Mutex<[String: SandboxSession]>([:])

    public init(configuration: SandboxConfiguration) {
        self.configuration = configuration
    }

    deinit {
        let all = sessions.withLock { sessions in
            let all = Array(sessions.values)
            sessions.removeAll()
            return all
        }
        for session in all { session.end() }
    }

    public var isolation: String { "bwrap" }
    public var codeWorkspaceRoot: String? { SandboxSession.workspaceMount }

    public func scriptPath(for request: CodeRunRequest) -> String {
        "\(SandboxSession.codeMount)/step_\(request.step).py"
    }

    public func run(_ request: CodeRunRequest) throws(DojoError) -> ProcessOutcome {
        let name = "step_\(request.step).py"
        let script = request.workspace.scriptsDirectory.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectoryIfNeeded(request.workspace.scriptsDirectory)
            try request.code.write(to: script, atomically: true, encoding: .utf8)
        } catch let error as DojoError { throw error } catch {
            throw DojoError(.io, "cannot write the step's code: \(error.localizedDescription)", at: script.path)
        }
        guard let session = try liveSession(for: request.workspace, cancellation: request.cancellation) else {
            // Cancelled while the sandbox started: nothing ran.
            return ProcessOutcome(exitCode: nil, signal: nil, timedOut: false, cancelled: true, durationMs: 0,
                                  stdout: CapturedOutput(cap: request.outputCap), stderr: CapturedOutput(cap: request.outputCap))
        }
        return try session.run(request, scriptName: name)
    }

    /// Starts the episode's sandbox now and waits until its warm interpreter has imported its modules,
    /// so the first step finds them loaded (the workbench does this when it opens). True when warm;
    /// false when cancelled or still importing after the startup timeout. Call it on the thread that
    /// will run the steps: the sandbox dies with the thread that started it.
    public func warmUp(_ workspace: Workspace, cancellation: Cancellation?) throws(DojoError) -> Bool {
        guard let session = try liveSession(for: workspace, cancellation: cancellation) else { return false }
        return try session.waitUntilWarm(cancellation: cancellation)
    }

    /// The episode's running sandbox, started if there is none (or it died); nil when cancelled while starting.
    private func liveSession(for workspace: Workspace, cancellation: Cancellation?) throws(DojoError) -> SandboxSession? {
        let key = workspace.episodeDirectory.path
        let existing = sessions.withLock { $0[key] }
        if let existing, existing.alive { return existing }
        existing?.end()
        let session = SandboxSession(workspace: workspace, configuration: configuration)
        guard try session.start(cancellation: cancellation) else { return nil }
        sessions.withLock { $0[key] = session }
        return session
    }

    public func endEpisode(_ workspace: Workspace) {
        let session = sessions.withLock { $0.removeValue(forKey: workspace.episodeDirectory.path) }
        session?.end()
    }

    /// Whether bwrap can build a sandbox here; the error says why not and how to fix it.
    public static func check(bwrap: String = "bwrap") throws(DojoError) {
        guard let path = SystemProcessRunner.resolve(bwrap, environment: [:]) else {
            throw SandboxSession.bwrapMissing(bwrap)
        }
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: path,
            arguments: ["--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                        "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
                        "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev", "/usr/bin/true"],
            environment: ["PATH": "/usr/bin:/bin"], timeout: 30))
        guard outcome.succeeded else {
            throw SandboxSession.startFailure(log: outcome.stderr.text + outcome.stdout.text, timedOut: outcome.timedOut, seconds: 30)
        }
    }
}
