import Foundation

/// One step's code to run in an episode's workspace.
public struct CodeRunRequest: Sendable {
    public var code: String
    public var workspace: Workspace
    public var step: Int
    public var timeout: Double
    public var outputCap: Int
    public var onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)?
    public var cancellation: Cancellation?

    public init(code: String, workspace: Workspace, step: Int, timeout: Double, outputCap: Int = 256 * 1024,
                onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)? = nil, cancellation: Cancellation? = nil) {
        self.code = code
        self.workspace = workspace
        self.step = step
        self.timeout = timeout
        self.outputCap = outputCap
        self.onOutput = onOutput
        self.cancellation = cancellation
    }
}

/// Runs a step's code; the sandbox issue puts bubblewrap behind this interface.
public protocol CodeRunner: Sendable {
    /// How the code is isolated, as shown in observations ("none" for the local runner).
    var isolation: String { get }
    func run(_ request: CodeRunRequest) throws(DojoError) -> ProcessOutcome
    /// The file name the step's script has, as tracebacks show it.
    func scriptPath(for request: CodeRunRequest) -> String
    /// The episode of this workspace is over: whatever the runner keeps for it (a sandbox, warm
    /// interpreters) ends now.
    func endEpisode(_ workspace: Workspace)
    /// Where the code sees the workspace root, when not at its host path (a sandbox's mount point).
    var codeWorkspaceRoot: String? { get }
    /// Gets ready for the episode's first step now (a sandbox started, its interpreter's imports done),
    /// so that step does not pay for it: true when ready, false when cancelled or not done in time.
    func warmUp(_ workspace: Workspace, cancellation: Cancellation?) throws(DojoError) -> Bool
}

extension CodeRunner {
    public func endEpisode(_ workspace: Workspace) {}
    public var codeWorkspaceRoot: String? { nil }
    /// Nothing to warm: each step starts its own interpreter.
    public func warmUp(_ workspace: Workspace, cancellation: Cancellation?) throws(DojoError) -> Bool { true }
}

/// The first runner: the environment's Python, the workspace as working directory, a minimal
/// environment, and a wall timeout that kills the whole process group. No isolation.
public struct LocalCodeRunner: CodeRunner {
    public let python: URL
    public let processRunner: any ProcessRunning

    public init(python: URL, processRunner: any ProcessRunning = SystemProcessRunner()) {
        self.python = python
        self.processRunner = processRunner
    }

    public var isolation: String { "none" }

    public func scriptPath(for request: CodeRunRequest) -> String {
        request.workspace.scriptsDirectory.appendingPathComponent("step_\(request.step).py").path
    }

    public func run(_ request: CodeRunRequest) throws(DojoError) -> ProcessOutcome {
        let script = URL(fileURLWithPath: scriptPath(for: request))
        do {
            try FileManager.default.createDirectoryIfNeeded(request.workspace.scriptsDirectory)
            try request.code.write(to: script, atomically: true, encoding: .utf8)
        } catch let error as DojoError { throw error } catch {
            throw DojoError(.io, "cannot write the step's code: \(error.localizedDescription)", at: script.path)
        }
        let environment = [
            "PATH": "\(python.deletingLastPathComponent().path):/usr/local/bin:/usr/bin:/bin",
            "HOME": request.workspace.working.path,
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLBACKEND": "Agg",
        ]
        return try processRunner.run(ProcessSpec(
            executable: python.path, arguments: ["-u", script.path], environment: environment,
            workingDirectory: request.workspace.root, timeout: request.timeout, outputCap: request.outputCap,
            onOutput: request.onOutput, cancellation: request.cancellation))
    }
}
