import Foundation

/// How an episode's code is isolated and limited: the sandbox, the task-limit overrides (`--max-steps`
/// among them), the GPUs it sees, a warm or cold interpreter. Every command that runs episodes takes
/// these (its `SandboxOptions` on the command line fills them); their meaning is here, once.
public struct RunnerOptions: Sendable, Equatable {
    public enum Sandbox: String, Sendable, CaseIterable {
        /// Each episode in a bubblewrap sandbox (the default).
        case bwrap
        /// No isolation: the code runs with the user's rights and network (a warning in every observation).
        case none
    }

    public var sandbox: Sandbox = .bwrap
    public var maxSteps: Int?
    public var stepTimeout: Double?
    public var memoryMB: Int?
    public var maxProcesses: Int?
    public var maxFileMB: Int?
    public var diskMB: Int?
    public var outputMB: Int?
    /// `all` or nil: every GPU; `none`: no GPU; else a list such as `0,1`.
    public var gpus: String?
    /// No warm interpreter: each step imports its libraries itself.
    public var cold = false

    public init(sandbox: Sandbox = .bwrap) { self.sandbox = sandbox }

    /// The task's limits with the overrides applied.
    public func apply(to limits: TaskSpec.Limits) -> TaskSpec.Limits {
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

    /// What is wrong with the overrides (by their option names), nil when nothing is.
    public var problem: String? {
        for (name, value) in [("--max-steps", maxSteps), ("--memory-mb", memoryMB), ("--max-processes", maxProcesses), ("--max-file-mb", maxFileMB),
                              ("--disk-mb", diskMB), ("--output-mb", outputMB)] {
            if let value, value <= 0 { return "\(name) must be positive" }
        }
        if let stepTimeout, stepTimeout <= 0 { return "--step-timeout must be positive" }
        return nil
    }

    /// The runner the options ask for; bwrap is checked first, so a missing or unusable bwrap is a
    /// clear error before any step runs. `warn` hears about running without isolation. `hidden`: the
    /// task's `[sandbox] hide`; the packaged data of every task is hidden anyway.
    public func runner(python: URL, limits: TaskSpec.Limits, hidden: [String] = [],
                       warn: (String) -> Void) throws(DojoError) -> any CodeRunner {
        switch sandbox {
        case .none:
            warn("warning: --sandbox none: the task code runs WITHOUT isolation, with your rights and network")
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
