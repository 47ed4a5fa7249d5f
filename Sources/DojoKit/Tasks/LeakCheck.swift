import Foundation

/// Runs `leakcheck.py` (beside the task folders) in the task environment on a prepared task: exit 0
/// no leak, 1 a leak, anything else a check that could not run.
public struct LeakCheck: Sendable {
    public struct Result: Sendable, Equatable {
        public var leaked: Bool
        /// Every line leakcheck.py printed (ok / LEAK / allow / note / info).
        public var lines: [String]
    }

    public static let scriptName = "leakcheck.py"

    public let script: URL
    public let python: URL
    public let runner: any ProcessRunning

    public init(tasksDirectory: URL, python: URL, runner: any ProcessRunning) {
        script = tasksDirectory.appendingPathComponent(Self.scriptName)
        self.python = python
        self.runner = runner
    }

    public func run(_ task: TaskSpec, prepared: PreparedTask) throws(DojoError) -> Result {
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw DojoError(.taskFormat, "the leak check is missing", at: script.path,
                            hint: "copy Tasks/\(Self.scriptName) of the Dojo repository beside the task folders")
        }
        let outcome = try runner.run(ProcessSpec(
            executable: python.path,
            arguments: [script.path, "--public", prepared.publicDirectory.path, "--private", prepared.privateDirectory.path,
                        "--task-toml", task.directory.appendingPathComponent("task.toml").path],
            environment: ["PATH": "\(python.deletingLastPathComponent().path):/usr/local/bin:/usr/bin:/bin",
                          "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
                          "OMP_NUM_THREADS": "1"],
            workingDirectory: task.directory, timeout: 1800))
        let lines = outcome.stdout.text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        switch outcome.exitCode {
        case 0: return Result(leaked: false, lines: lines)
        case 1: return Result(leaked: true, lines: lines)
        default:
            let reason = outcome.timedOut ? "timed out after 30 minutes" : PythonEnvironment.lastLine(outcome.stderr.text)
            throw DojoError(.preparation, "the leak check could not run: \(reason)", at: script.path,
                            hint: "run it by hand: python \(Self.scriptName) --public P --private Q --task-toml T")
        }
    }
}
