import DojoKit
import Foundation

/// Play's run history (issue 17): every step of the episode so far, kept as it finishes, shown on a
/// key as a step list in the Task pane (replay's `StepListView`) with the diff of any two steps in the
/// Editor pane while the list has the focus. Only what the list and the diff need is kept (no output:
/// that is in the Logs).
public struct StepHistory: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var summary: StepSummary
        /// The step's code; nil for an action without code (request_info, get_history).
        public var code: String?
        public var durationMs: Int?
        /// The place on the board (`15/28`, the private board's where there are both).
        public var boardPosition: BoardPosition?

        public init(summary: StepSummary, code: String?, durationMs: Int?, boardPosition: BoardPosition?) {
            self.summary = summary
            self.code = code
            self.durationMs = durationMs
            self.boardPosition = boardPosition
        }
    }

    public var entries: [Entry] = []
    /// The list is in the Task pane.
    public var open = false
    /// The step in view (a position into `entries`).
    public var cursor = 0
    public var listTop = 0
    /// The step the diff is against, when marked; else the previous executed step.
    public var base: Int?
    public var diffScroll = 0
    /// The clock reading the episode started at: the list's time column counts from it.
    public var startedAt: Double?

    public init() {}

    /// The history as replay's state, for `StepListView` and the row arithmetic it shares with replay.
    public var asReplay: ReplayState {
        let steps = entries.map(\.summary)
        var best: Int?
        for (i, step) in steps.enumerated() {
            guard let score = step.rawScore else { continue }
            if let current = best, let currentScore = steps[current].rawScore,
               !(step.higherIsBetter ?? true ? score > currentScore : score < currentScore) { continue }
            best = i
        }
        let run = ReplayState.Run(name: "this episode", path: "", agent: "human", task: "",
                                  steps: steps, annotations: TrajectoryAnnotations(sidecar: URL(fileURLWithPath: "/dev/null")),
                                  bestPosition: best, improvementPositions: [], endReason: nil)
        var replay = ReplayState(runs: [run])
        replay.cursor = cursor
        replay.listTop = listTop
        return replay
    }

    /// The position the diff compares the cursor's step with, and how it was chosen.
    public var diffBase: (position: Int, label: String)? {
        if let base, base != cursor, entries.indices.contains(base) { return (base, "marked") }
        var candidate = cursor - 1
        while candidate >= 0 {
            if entries[candidate].summary.action == .executeCode { return (candidate, "previous executed") }
            candidate -= 1
        }
        return nil
    }

    /// The diff of the cursor's step against its base, and its title.
    public func diff() -> (title: String, lines: [StyledLine]) {
        guard entries.indices.contains(cursor) else { return ("diff", [StyledLine("no steps yet", "ui.text.dim")]) }
        let new = entries[cursor]
        guard new.code != nil else { return ("step \(new.summary.step)", Self.codeLines(new)) }
        guard let base = diffBase else {
            return ("step \(new.summary.step)", [StyledLine("no executed step before step \(new.summary.step) to diff against; m marks one", "ui.text.dim")]
                    + Self.codeLines(new))
        }
        let old = entries[base.position]
        let title = "diff step \(old.summary.step) → \(new.summary.step) (\(base.label))"
        let oldName = "step \(old.summary.step) (\(base.label))", newName = "step \(new.summary.step)"
        let lines = LineDiff.unified(old: old.code ?? "", new: new.code ?? "", oldName: oldName, newName: newName)
        if !lines.contains(where: { $0.kind == .added || $0.kind == .removed }) {
            return (title, [StyledLine("--- \(oldName)", "diff.minus"), StyledLine("+++ \(newName)", "diff.plus"),
                            StyledLine("(the code is the same)", "ui.text.dim")])
        }
        return (title, LineDiff.styledLines(lines))
    }

    static func codeLines(_ entry: Entry) -> [StyledLine] {
        guard let code = entry.code else { return [StyledLine("(\(entry.summary.action.rawValue): no code)", "ui.text.dim")] }
        return [StyledLine()] + Sanitizer.lines(of: code).map { StyledLine($0, "") }
    }

    /// The list's extra columns, by position: time since the start, duration, place on the board.
    public var details: [StepListView.Detail] {
        entries.map { StepListView.Detail(durationMs: $0.durationMs, boardPosition: $0.boardPosition) }
    }
}
