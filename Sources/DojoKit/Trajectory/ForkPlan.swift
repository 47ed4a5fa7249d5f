import Foundation

/// What a fork from step N of a trajectory starts with (`dojo play --fork FILE --step N`):
/// - the editor: step N's code when N ran code, else the code of the latest step before N that did,
///   else nothing (the task's starter);
/// - the workspace: as it was just before step N ran, rebuilt by re-running the code of every
///   earlier step whose code ran (`validate_code` and `execute_code` both write to the workspace);
///   a step the person cancelled is left out, since only part of it ran;
/// - the header: `forked_from` = `{"file": absolute path, "step": N}`; the task and seed are the trajectory's.
public struct ForkPlan: Sendable, Equatable {
    /// The source trajectory, as an absolute path.
    public var source: URL
    public var step: Int
    public var header: TrajectoryHeader
    /// The step whose code the editor starts with; nil when no step up to N ran code.
    public var codeStep: Int?
    public var code: String?
    /// The earlier steps to re-run, in order.
    public var rebuild: [WorkspaceRebuild.Step]

    public var task: String { header.task }
    public var seed: Int { header.seed }
    public var forkedFrom: [String: JSONValue] { ["file": .string(source.path), "step": .number(Double(step))] }

    /// Reads the trajectory and plans the fork from its step `step` (the observation's step number);
    /// `clean`: nothing to re-run.
    public static func read(_ file: URL, step: Int, clean: Bool = false) throws(DojoError) -> ForkPlan {
        let url = file.standardizedFileURL.absoluteURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DojoError(.trajectory, "no trajectory file here", at: url.path, hint: "pass the *.dojo.jsonl file to fork from")
        }
        guard !isDirectory.boolValue else {
            throw DojoError(.trajectory, "this is a folder, not a trajectory file", at: url.path, hint: "pass the *.dojo.jsonl file to fork from")
        }
        // Through the index: only the code steps up to N are decoded, never the whole file at once.
        let index = try TrajectoryIndex.open(url)
        return try plan(header: index.header, steps: index.steps.map { ($0.step, $0.action) }, damaged: index.damaged,
                        source: url, step: step, clean: clean) { (position: Int) throws(DojoError) in try index.record(at: position) }
    }

    public static func plan(_ trajectory: Trajectory, source: URL, step: Int, clean: Bool = false) throws(DojoError) -> ForkPlan {
        let records = trajectory.steps
        return try plan(header: trajectory.header, steps: records.map { ($0.observation.step, $0.action.name) }, damaged: trajectory.damaged,
                        source: source, step: step, clean: clean) { (position: Int) throws(DojoError) in records[position] }
    }

    /// `steps`: each step's number and action, in file order; `record` reads the step at a position.
    static func plan(header: TrajectoryHeader, steps: [(step: Int, action: ActionName)], damaged: [Trajectory.DamagedLine],
                     source: URL, step: Int, clean: Bool,
                     record: (Int) throws(DojoError) -> StepRecord) throws(DojoError) -> ForkPlan {
        guard let targetPosition = steps.firstIndex(where: { $0.step == step }) else {
            let numbers = steps.map(\.step)
            let has = numbers.isEmpty ? "it has no steps" : numbers.count == 1 ? "it has step \(numbers[0])"
                : "it has steps \(numbers.min() ?? 0)–\(numbers.max() ?? 0)"
            throw DojoError(.usage, "step \(step) is not in the trajectory (\(has))", at: source.path,
                            hint: numbers.isEmpty ? "fork from a trajectory with steps" : "pass --step with one of its step numbers")
        }
        // A damaged line could be an earlier step: rebuilding without it would not give that step's workspace.
        if !clean, let damaged = damaged.first {
            throw DojoError(.trajectory, "line \(damaged.line) is damaged (\(damaged.reason)), so the workspace before step \(step) cannot be rebuilt faithfully",
                            at: source.path, hint: "fork with --clean to start from step \(step)'s code without rebuilding")
        }
        func ranCode(_ action: ActionName) -> Bool { action == .executeCode || action == .validateCode }
        let earlier = steps.indices.filter { steps[$0].step < step && ranCode(steps[$0].action) }
        let codePosition = ranCode(steps[targetPosition].action) ? targetPosition : earlier.last
        let codeRecord = try codePosition.map { (position: Int) throws(DojoError) in try record(position) }
        var rebuild: [WorkspaceRebuild.Step] = []
        if !clean {
            for position in earlier {
                let earlierRecord = try record(position)
                guard let code = earlierRecord.action.code, let execution = earlierRecord.observation.execution,
                      execution.cancelled != true else { continue }
                rebuild.append(WorkspaceRebuild.Step(step: earlierRecord.observation.step, code: code))
            }
        }
        return ForkPlan(source: source, step: step, header: header, codeStep: codeRecord?.observation.step,
                        code: codeRecord?.action.code, rebuild: rebuild)
    }
}
