import DojoKit

/// A forked episode (`dojo play --fork FILE --step N`): where it came from and how far the rebuild
/// of the workspace (re-running the source's earlier steps) has got.
public struct ForkState: Sendable, Equatable {
    /// The source trajectory's path.
    public var source: String
    /// The source step the fork starts from.
    public var step: Int
    /// The step whose code the editor started with; nil when it started from the task's starter.
    public var codeStep: Int?
    /// Started without rebuilding the workspace.
    public var clean: Bool
    /// The source steps to re-run, in order (empty when clean).
    public var planned: [Int]
    /// A re-run in progress: the source step and its position (1-based) in `planned`.
    public struct Current: Sendable, Equatable {
        public var step: Int
        public var position: Int
    }

    public var current: Current?
    public var results: [WorkspaceRebuild.Result] = []
    /// True until the rebuild has finished (or stopped); steps wait for it.
    public var rebuilding: Bool
    public var cancelling = false
    public var startedAt: Double?

    public init(source: String, step: Int, codeStep: Int?, clean: Bool, planned: [Int]) {
        self.source = source
        self.step = step
        self.codeStep = codeStep
        self.clean = clean
        self.planned = clean ? [] : planned
        // An empty plan still ends with the worker's report (it writes the note), so wait for it.
        rebuilding = !clean
    }

    /// "rebuilding workspace: step 3 (2 of 5)", for the status bar.
    public var progressText: String {
        guard let current else { return "rebuilding workspace…" }
        return "rebuilding workspace: step \(current.step) (\(current.position) of \(planned.count))"
    }
}
