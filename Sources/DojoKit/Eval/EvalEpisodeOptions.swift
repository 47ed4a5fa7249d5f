import Foundation

/// The per-episode options of `dojo eval`, the same as `dojo run`'s: the sandbox and limit overrides
/// (`RunnerOptions`, declared there once), the agent's silence timeout and the split seed. Part of what
/// an evaluation asked for (a resume must match them).
///
/// In `manifest.json` the runner options sit flat beside `silence_timeout` and `split_seed`
/// (`sandbox`, `max_steps`, …, `cold`), as manifests have always had them. `options.maxSteps` and the
/// like read and write the wrapped `RunnerOptions` (dynamic member lookup).
@dynamicMemberLookup
public struct EvalEpisodeOptions: Sendable, Codable, Equatable {
    /// The sandbox and the task-limit overrides.
    public var runner: RunnerOptions
    public var silenceTimeout: Double
    /// The seed of the task's train/test split, the same for every episode (docs/eval.md, "Seeds").
    public var splitSeed: Int

    public init(runner: RunnerOptions = RunnerOptions(), silenceTimeout: Double = 600, splitSeed: Int = 42) {
        self.runner = runner
        self.silenceTimeout = silenceTimeout
        self.splitSeed = splitSeed
    }

    public subscript<T>(dynamicMember keyPath: WritableKeyPath<RunnerOptions, T>) -> T {
        get { runner[keyPath: keyPath] }
        set { runner[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case silenceTimeout = "silence_timeout", splitSeed = "split_seed"
    }

    public init(from decoder: any Decoder) throws {
        runner = try RunnerOptions(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        silenceTimeout = try c.decodeIfPresent(Double.self, forKey: .silenceTimeout) ?? 600
        splitSeed = try c.decodeIfPresent(Int.self, forKey: .splitSeed) ?? 42
    }

    public func encode(to encoder: any Encoder) throws {
        try runner.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(silenceTimeout, forKey: .silenceTimeout)
        try c.encode(splitSeed, forKey: .splitSeed)
    }

    /// The `dojo run` options that carry these settings.
    public var runArguments: [String] {
        runner.arguments + ["--silence-timeout", Self.number(silenceTimeout), "--seed", String(splitSeed)]
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `name: old → new` for every option that differs.
    public func differences(from other: EvalEpisodeOptions) -> [String] {
        var result = runner.differences(from: other.runner)
        if silenceTimeout != other.silenceTimeout {
            result.append("--silence-timeout: \(Self.number(silenceTimeout)) → \(Self.number(other.silenceTimeout))")
        }
        if splitSeed != other.splitSeed { result.append("--split-seed: \(splitSeed) → \(other.splitSeed)") }
        return result
    }
}
