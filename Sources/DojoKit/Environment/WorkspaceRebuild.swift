import Foundation

/// A fork's workspace rebuilt: the code of the source trajectory's earlier steps re-run in order in
/// the new episode's workspace, outside the episode's steps (not counted, not graded, time not
/// charged), and what was re-run recorded as a note in the new trajectory.
public enum WorkspaceRebuild {
    /// A step to re-run: its number in the source trajectory and its code.
    public struct Step: Sendable, Equatable {
        public var step: Int
        public var code: String

        public init(step: Int, code: String) {
            self.step = step
            self.code = code
        }
    }

    /// How one re-run ended.
    public struct Result: Sendable, Equatable {
        public var step: Int
        public var exitCode: Int32?
        public var signal: Int32?
        public var timedOut: Bool
        public var cancelled: Bool
        public var durationMs: Int

        public init(step: Int, exitCode: Int32?, signal: Int32? = nil, timedOut: Bool = false, cancelled: Bool = false, durationMs: Int) {
            self.step = step
            self.exitCode = exitCode
            self.signal = signal
            self.timedOut = timedOut
            self.cancelled = cancelled
            self.durationMs = durationMs
        }

        public var succeeded: Bool { exitCode == 0 && !timedOut && !cancelled }

        /// "exit 0", "exit 1", "timed out", "cancelled", "signal 9".
        public var summary: String {
            cancelled ? "cancelled" : timedOut ? "timed out" : exitCode.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        }
    }

    public enum Progress: Sendable, Equatable {
        /// `position` counts from 1 up to `total`.
        case stepStarted(step: Int, position: Int, total: Int)
        case stepFinished(Result, position: Int, total: Int)
    }

    public struct Report: Sendable, Equatable {
        public var planned: [Int]
        public var results: [Result]
        /// The person stopped it; the steps after the last result did not run.
        public var cancelled: Bool
        /// Dojo could not run a step (not the code's failure: the sandbox's); the rebuild stopped there.
        public var failure: String?

        public init(planned: [Int], results: [Result], cancelled: Bool, failure: String? = nil) {
            self.planned = planned
            self.results = results
            self.cancelled = cancelled
            self.failure = failure
        }

        public var isComplete: Bool { !cancelled && failure == nil && results.count == planned.count }

        /// One line for the log and the trajectory note.
        public var summary: String {
            let ran = results.map { "\($0.step) (\($0.summary))" }.joined(separator: ", ")
            if planned.isEmpty { return "nothing to re-run: no earlier step ran code" }
            if isComplete { return "re-ran step\(planned.count == 1 ? "" : "s") \(ran)" }
            let done = results.filter { !$0.cancelled }.count
            let why = failure.map { "stopped: \($0)" } ?? "cancelled"
            return "\(why) after \(done) of \(planned.count) steps" + (ran.isEmpty ? "" : "; ran \(ran)")
        }
    }

    /// Re-runs the steps in order; stops early when `cancellation` is cancelled or dojo cannot run one.
    /// Writes the note (`actor` human: the person chose to fork) before returning.
    public static func run(_ steps: [Step], in environment: Environment, forkedFrom source: String, at forkStep: Int,
                           progress: (Progress) -> Void = { _ in },
                           onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)? = nil,
                           cancellation: Cancellation = Cancellation()) throws(DojoError) -> Report {
        var results: [Result] = []
        var failure: String?
        for (offset, step) in steps.enumerated() {
            if cancellation.isCancelled { break }
            progress(.stepStarted(step: step.step, position: offset + 1, total: steps.count))
            let outcome: ProcessOutcome
            do {
                outcome = try environment.runOutsideSteps(step.code, scriptNumber: step.step, onOutput: onOutput, cancellation: cancellation)
            } catch {
                failure = error.message
                break
            }
            let result = Result(step: step.step, exitCode: outcome.exitCode, signal: outcome.signal, timedOut: outcome.timedOut,
                                cancelled: outcome.cancelled, durationMs: outcome.durationMs)
            results.append(result)
            progress(.stepFinished(result, position: offset + 1, total: steps.count))
        }
        let report = Report(planned: steps.map(\.step), results: results,
                            cancelled: failure == nil && results.count < steps.count || results.last?.cancelled == true, failure: failure)
        try environment.note("forked from \(source) at step \(forkStep); rebuilt the workspace: \(report.summary)", actor: .human, data: [
            "rebuild": .object([
                "planned": .array(report.planned.map { .number(Double($0)) }),
                "steps": .array(results.map { result in
                    var entry: [String: JSONValue] = [
                        "step": .number(Double(result.step)), "duration_ms": .number(Double(result.durationMs)),
                        "exit_code": result.exitCode.map { .number(Double($0)) } ?? .null,
                    ]
                    if let signal = result.signal { entry["signal"] = .number(Double(signal)) }
                    if result.timedOut { entry["timed_out"] = .bool(true) }
                    if result.cancelled { entry["cancelled"] = .bool(true) }
                    return .object(entry)
                }),
                "complete": .bool(report.isComplete),
                "cancelled": .bool(report.cancelled),
                "failure": failure.map { .string($0) } ?? .null,
            ]),
        ])
        return report
    }

    /// The note of a fork that starts clean.
    public static func recordClean(in environment: Environment, forkedFrom source: String, at forkStep: Int) throws(DojoError) {
        try environment.note("forked from \(source) at step \(forkStep); started clean: the workspace was not rebuilt", actor: .human,
                             data: ["rebuild": .object(["clean": .bool(true)])])
    }
}
