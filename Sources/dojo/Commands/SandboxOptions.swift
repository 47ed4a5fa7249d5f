import ArgumentParser
import DojoKit
import Foundation

/// How task code is isolated and limited: `--sandbox` and the per-task limit overrides (`--max-steps`
/// among them), declared once for every command that runs episodes.
struct SandboxOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case bwrap, none }

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

    func apply(to limits: TaskSpec.Limits) -> TaskSpec.Limits {
        var limits = limits
        if let maxSteps { limits.maxSteps = maxSteps }
        if let stepTimeout { limits.stepTimeoutSeconds = stepTimeout }
        if let memoryMB { limits.memoryMB = memoryMB }
        if let maxProcesses { limits.maxProcesses = maxProcesses }
        if let maxFileMB { limits.maxFileMB = maxFileMB }
        if let diskMB { limits.diskMB = diskMB }
        if let outputMB { limits.outputMB = outputMB }
        return limits
    }

    func validate() throws {
        for (name, value) in [("--max-steps", maxSteps), ("--memory-mb", memoryMB), ("--max-processes", maxProcesses), ("--max-file-mb", maxFileMB),
                              ("--disk-mb", diskMB), ("--output-mb", outputMB)] {
            if let value, value <= 0 { throw ValidationError("\(name) must be positive") }
        }
        if let stepTimeout, stepTimeout <= 0 { throw ValidationError("--step-timeout must be positive") }
    }

    /// The runner the options ask for; bwrap is checked first, so a missing or unusable bwrap is a
    /// clear error before any step runs.
    /// `hidden`: the task's `[sandbox] hide`; the packaged data of every task is hidden anyway.
    func runner(python: URL, limits: TaskSpec.Limits, hidden: [String] = []) throws -> any CodeRunner {
        switch sandbox {
        case .none:
            Console.progress("warning: --sandbox none: the task code runs WITHOUT isolation, with your rights and network")
            return LocalCodeRunner(python: python)
        case .bwrap:
            try BubblewrapRunner.check()
            let visible: String? = switch gpus {
            case nil, "all": nil
            case "none": ""
            case let list?: list
            }
            return BubblewrapRunner(configuration: SandboxConfiguration(
                python: python, limits: limits, preload: cold ? [] : SandboxConfiguration.defaultPreload, gpus: visible,
                hidden: SandboxConfiguration.packagedData + hidden))
        }
    }
}
