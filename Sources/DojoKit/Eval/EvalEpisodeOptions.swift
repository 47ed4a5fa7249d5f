import Foundation

/// The per-episode options of `dojo eval`, the same as `dojo run`'s: limit overrides, sandbox, the
/// agent's silence timeout and the split seed. Part of what an evaluation asked for (a resume must match them).
public struct EvalEpisodeOptions: Sendable, Codable, Equatable {
    public var sandbox: String
    public var maxSteps: Int?
    public var stepTimeout: Double?
    public var memoryMB: Int?
    public var maxProcesses: Int?
    public var maxFileMB: Int?
    public var diskMB: Int?
    public var outputMB: Int?
    public var gpus: String?
    public var cold: Bool
    public var silenceTimeout: Double
    /// The seed of the task's train/test split, the same for every episode (docs/eval.md, "Seeds").
    public var splitSeed: Int

    public init(sandbox: String = "bwrap", maxSteps: Int? = nil, stepTimeout: Double? = nil, memoryMB: Int? = nil,
                maxProcesses: Int? = nil, maxFileMB: Int? = nil, diskMB: Int? = nil, outputMB: Int? = nil, gpus: String? = nil,
                cold: Bool = false, silenceTimeout: Double = 600, splitSeed: Int = 42) {
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
        self.silenceTimeout = silenceTimeout
        self.splitSeed = splitSeed
    }

    enum CodingKeys: String, CodingKey {
        case sandbox, maxSteps = "max_steps", stepTimeout = "step_timeout", memoryMB = "memory_mb", maxProcesses = "max_processes"
        case maxFileMB = "max_file_mb", diskMB = "disk_mb", outputMB = "output_mb", gpus, cold, silenceTimeout = "silence_timeout"
        case splitSeed = "split_seed"
    }

    /// The `dojo run` options that carry these settings.
    public var runArguments: [String] {
        var arguments = ["--sandbox", sandbox, "--silence-timeout", Self.number(silenceTimeout), "--seed", String(splitSeed)]
        if let maxSteps { arguments += ["--max-steps", String(maxSteps)] }
        if let stepTimeout { arguments += ["--step-timeout", Self.number(stepTimeout)] }
        if let memoryMB { arguments += ["--memory-mb", String(memoryMB)] }
        if let maxProcesses { arguments += ["--max-processes", String(maxProcesses)] }
        if let maxFileMB { arguments += ["--max-file-mb", String(maxFileMB)] }
        if let diskMB { arguments += ["--disk-mb", String(diskMB)] }
        if let outputMB { arguments += ["--output-mb", String(outputMB)] }
        if let gpus { arguments += ["--gpus", gpus] }
        if cold { arguments.append("--cold") }
        return arguments
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `name: old → new` for every option that differs.
    public func differences(from other: EvalEpisodeOptions) -> [String] {
        func show<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "default" }
        var result: [String] = []
        func check<T: Equatable>(_ name: String, _ a: T?, _ b: T?) { if a != b { result.append("\(name): \(show(a)) → \(show(b))") } }
        check("--sandbox", sandbox, other.sandbox)
        check("--max-steps", maxSteps, other.maxSteps)
        check("--step-timeout", stepTimeout, other.stepTimeout)
        check("--memory-mb", memoryMB, other.memoryMB)
        check("--max-processes", maxProcesses, other.maxProcesses)
        check("--max-file-mb", maxFileMB, other.maxFileMB)
        check("--disk-mb", diskMB, other.diskMB)
        check("--output-mb", outputMB, other.outputMB)
        check("--gpus", gpus, other.gpus)
        check("--cold", cold, other.cold)
        check("--silence-timeout", silenceTimeout, other.silenceTimeout)
        check("--split-seed", splitSeed, other.splitSeed)
        return result
    }
}
