import ArgumentParser
import DojoKit
import Foundation

/// How task code is isolated and limited, on the command line: `--sandbox` and the per-task limit
/// overrides (`--max-steps` among them), declared once for every command that runs episodes. What
/// they mean is DojoKit's `RunnerOptions`.
struct SandboxOptions: ParsableArguments {
    typealias Kind = RunnerOptions.Sandbox

    @Option(help: "bwrap (default): each episode in a bubblewrap sandbox; none: no isolation (a warning in every observation).")
    var sandbox: Kind = .bwrap
    @Option(name: .customLong("max-steps"), help: "Override the task's max_steps.") var maxSteps: Int?
    @Option(name: .customLong("step-timeout"), help: "Override the task's step_timeout_s.") var stepTimeout: Double?
    @Option(name: .customLong("memory-mb"), help: "Override the task's memory_mb.") var memoryMB: Int?
    @Option(name: .customLong("max-processes"), help: "Override the task's max_processes.") var maxProcesses: Int?
    @Option(name: .customLong("max-file-mb"), help: "Override the task's max_file_mb.") var maxFileMB: Int?
    @Option(name: .customLong("disk-mb"), help: "Override the task's disk_mb (working/ and submission/ together).") var diskMB: Int?
    @Option(name: .customLong("output-mb"), help: "Override the task's output_mb (what a step may print).") var outputMB: Int?
    @Option(help: "GPUs the code sees where /dev/nvidia* exists: all (default), none, or a list such as 0,1.") var gpus: String?
    @Flag(name: .customLong("cold"), help: "No warm interpreter: each step imports its libraries itself.") var cold = false

    /// The options as DojoKit takes them (their meaning, the runner they ask for: `RunnerOptions`).
    var episode: RunnerOptions {
        var options = RunnerOptions(sandbox: sandbox)
        options.maxSteps = maxSteps
        options.stepTimeout = stepTimeout
        options.memoryMB = memoryMB
        options.maxProcesses = maxProcesses
        options.maxFileMB = maxFileMB
        options.diskMB = diskMB
        options.outputMB = outputMB
        options.gpus = gpus
        options.cold = cold
        return options
    }

    /// The task's limits with the overrides.
    func apply(to limits: TaskSpec.Limits) -> TaskSpec.Limits { episode.apply(to: limits) }

    func validate() throws {
        if let problem = episode.problem { throw ValidationError(problem) }
    }
}

extension RunnerOptions.Sandbox: ExpressibleByArgument {}
