import Foundation

/// How an episode's code is isolated and limited: the sandbox, the task-limit overrides (`--max-steps`
/// among them), the GPUs it sees, a warm or cold interpreter. Every command that runs episodes takes
/// these (its `SandboxOptions` on the command line fills them); their meaning is here, once.
///
/// Codable (snake_case keys, nil overrides left out) so that an evaluation's manifest records them
/// as asked (`EvalEpisodeOptions` wraps them), and `arguments` gives them back as `dojo run` options.
public struct RunnerOptions: Sendable, Equatable, Codable {
    public enum Sandbox: String, Sendable, CaseIterable, Codable {
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

    public init(sandbox: Sandbox = .bwrap, maxSteps: Int? = nil, stepTimeout: Double? = nil, memoryMB: Int? = nil,
                maxProcesses: Int? = nil, maxFileMB: Int? = nil, diskMB: Int? = nil, outputMB: Int? = nil, gpus: String? = nil,
                cold: Bool = false) {
        self.sandbox = sandbox
        self.maxSteps = maxSteps
        self.stepTimeout = stepTimeout
        self.memoryMB = memoryMB
        self.maxProcesses = maxProcesses
        self.maxFileMB = maxFileMB
        self.diskMB = diskMB
        self.outputMB = outputMB
        self.gpus = gpus
        self.cold = cold
    }

    enum CodingKeys: String, CodingKey {
        case sandbox, maxSteps = "max_steps", stepTimeout = "step_timeout", memoryMB = "memory_mb", maxProcesses = "max_processes"
        case maxFileMB = "max_file_mb", diskMB = "disk_mb", outputMB = "output_mb", gpus, cold
    }

    /// Missing keys are the defaults (a manifest written before a key existed stays readable).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sandbox = try c.decodeIfPresent(Sandbox.self, forKey: .sandbox) ?? .bwrap
        maxSteps = try c.decodeIfPresent(Int.self, forKey: .maxSteps)
        stepTimeout = try c.decodeIfPresent(Double.self, forKey: .stepTimeout)
        memoryMB = try c.decodeIfPresent(Int.self, forKey: .memoryMB)
        maxProcesses = try c.decodeIfPresent(Int.self, forKey: .maxProcesses)
        maxFileMB = try c.decodeIfPresent(Int.self, forKey: .maxFileMB)
        diskMB = try c.decodeIfPresent(Int.self, forKey: .diskMB)
        outputMB = try c.decodeIfPresent(Int.self, forKey: .outputMB)
        gpus = try c.decodeIfPresent(String.self, forKey: .gpus)
        cold = try c.decodeIfPresent(Bool.self, forKey: .cold) ?? false
    }

    /// The overrides as their command-line options, name and value (`--max-steps 3`), in declaration order;
    /// nil overrides are left out. `--sandbox` is always there.
    public var overrides: [(option: String, value: String?)] {
        func number(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }
        var result: [(option: String, value: String?)] = [("--sandbox", sandbox.rawValue)]
        if let maxSteps { result.append(("--max-steps", String(maxSteps))) }
        if let stepTimeout { result.append(("--step-timeout", number(stepTimeout))) }
        if let memoryMB { result.append(("--memory-mb", String(memoryMB))) }
        if let maxProcesses { result.append(("--max-processes", String(maxProcesses))) }
        if let maxFileMB { result.append(("--max-file-mb", String(maxFileMB))) }
        if let diskMB { result.append(("--disk-mb", String(diskMB))) }
        if let outputMB { result.append(("--output-mb", String(outputMB))) }
        if let gpus { result.append(("--gpus", gpus)) }
        if cold { result.append(("--cold", nil)) }
        return result
    }

    /// The options of `dojo run` (and every command taking `SandboxOptions`) that ask for these.
    public var arguments: [String] { overrides.flatMap { [$0.option] + ($0.value.map { [$0] } ?? []) } }

    /// `--option: old → new` for every override that differs (`default` where one is not given).
    public func differences(from other: RunnerOptions) -> [String] {
        let mine = Dictionary(overrides.map { ($0.option, $0.value ?? "yes") }, uniquingKeysWith: { a, _ in a })
        let theirs = Dictionary(other.overrides.map { ($0.option, $0.value ?? "yes") }, uniquingKeysWith: { a, _ in a })
        // Every option, in the order `overrides` gives them.
        let order = RunnerOptions(maxSteps: 1, stepTimeout: 1, memoryMB: 1, maxProcesses: 1, maxFileMB: 1, diskMB: 1, outputMB: 1, gpus: "",
                                  cold: true).overrides.map(\.option)
        return order.compactMap { option in
            let a = mine[option], b = theirs[option]
            guard a != b else { return nil }
            return "\(option): \(a ?? (option == "--cold" ? "no" : "default")) → \(b ?? (option == "--cold" ? "no" : "default"))"
        }
    }

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
