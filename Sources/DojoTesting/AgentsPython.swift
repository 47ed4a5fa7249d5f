import DojoKit
import Foundation

/// The Python that the real agent-side clients run in: gymnasium and the official MCP SDK, built by
/// `.ci/agents-venv` (`make agents-venv`, which `make test` runs first) from Agents/gym/requirements-test.txt.
public struct AgentsPython: Sendable {
    public let interpreter: URL

    /// Finds (or builds, when the requirements changed) the environment; throws with the script's words.
    public init() throws {
        let root = DojoBinary.repositoryRoot()
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: root.appendingPathComponent(".ci/agents-venv").path, arguments: [],
            environment: ProcessInfo.processInfo.environment, timeout: 1800, outputCap: 1 << 20))
        let path = outcome.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.exitCode == 0, !path.isEmpty else {
            throw DojoError(.usage, ".ci/agents-venv failed (exit \(outcome.exitCode.map(String.init) ?? "?")): \(outcome.stderr.text)",
                            hint: "run make agents-venv (it needs PyPI once)")
        }
        interpreter = URL(fileURLWithPath: path)
    }

    /// The environment a client runs in: this checkout's dojo binary, tasks and dojo_gym.
    public static func environment(extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let root = DojoBinary.repositoryRoot()
        environment["DOJO_TASKS"] = root.appendingPathComponent("Tasks").path
        environment["DOJO_BIN"] = DojoBinary().url.path
        environment["PYTHONPATH"] = root.appendingPathComponent("Agents/gym").path
        environment["PYTHONUNBUFFERED"] = "1"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs a script with arguments; the outcome holds its stdout and stderr.
    public func run(_ script: URL, _ arguments: [String] = [], environment extra: [String: String] = [:],
                    timeout: Double = 1800) throws -> ProcessOutcome {
        try SystemProcessRunner().run(ProcessSpec(
            executable: interpreter.path, arguments: [script.path] + arguments,
            environment: Self.environment(extra: extra), timeout: timeout, outputCap: 64 << 20))
    }

    /// Tests/Clients/NAME: the client scripts the tests drive Dojo with.
    public static func client(_ name: String) -> URL {
        DojoBinary.repositoryRoot().appendingPathComponent("Tests/Clients").appendingPathComponent(name)
    }
}
