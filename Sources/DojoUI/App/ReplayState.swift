import DojoKit

/// Replay mode's part of the state (`dojo replay A [B]`): the runs' step summaries, the cursor, playback,
/// the diff in view and the records loaded for it. Full records are never all held: only the ones the
/// view needs (the step at the cursor and what it is diffed against) are loaded, through effects.
public struct ReplayState: Sendable, Equatable {
    /// One trajectory being replayed.
    public struct Run: Sendable, Equatable {
        /// The file name, shown in titles and the legend.
        public var name: String
        /// The absolute path (fork and the sidecar need it).
        public var path: String
        /// Who took the steps (the header's agent name, or "human").
        public var agent: String
        public var task: String
        public var steps: [StepSummary]
        public var annotations: TrajectoryAnnotations
        /// Notes the trajectory itself carries (an agent's reasoning), shown in the logs with their step.
        public var notes: [NoteRecord]
        public var bestPosition: Int?
        public var improvementPositions: [Int]
        public var endReason: String?
        public var damagedLines: Int
        /// Where the damaged lines are (1-based); an unfinished last line is counted but has none.
        public var damagedLineNumbers: [Int]
        /// Control changes and skipped proposals (co-pilot), shown as rows between the steps.
        public var events: [RunEvent] = []

        public init(name: String, path: String, agent: String, task: String, steps: [StepSummary],
                    annotations: TrajectoryAnnotations, notes: [NoteRecord] = [], bestPosition: Int?,
                    improvementPositions: [Int], endReason: String?, damagedLines: Int = 0, damagedLineNumbers: [Int] = []) {
            self.name = name
            self.path = path
            self.agent = agent
            self.task = task
            self.steps = steps
            self.annotations = annotations
            self.notes = notes
            self.bestPosition = bestPosition
            self.improvementPositions = improvementPositions
            self.endReason = endReason
            self.damagedLines = damagedLines
            self.damagedLineNumbers = damagedLineNumbers
        }

        /// The nearest earlier execute_code step: what "the previous executed step" diffs against.
        public func previousExecuted(before position: Int) -> Int? {
            var candidate = min(position, steps.count) - 1
            while candidate >= 0 {
                if steps[candidate].action == .executeCode { return candidate }
                candidate -= 1
            }
            return nil
        }
    }

    /// Which run a loaded record belongs to.
    public enum Side: Int, Sendable, Equatable, Hashable { case a = 0, b = 1 }

    public struct RecordKey: Sendable, Equatable, Hashable {
        public var side: Side
        public var position: Int

        public init(_ side: Side, _ position: Int) {
            self.side = side
            self.position = position
        }
    }

    /// What the editor shows instead of the step's code.
    public enum DiffMode: Sendable, Equatable {
        case off, previous, best, otherRun

        var title: String {
            switch self {
            case .off: "off"
            case .previous: "against the previous executed step"
            case .best: "against the best step"
            case .otherRun: "run A against run B"
            }
        }
    }

    public enum PromptKind: Sendable, Equatable { case gotoStep, search, note, fork }

    public struct Prompt: Sendable, Equatable {
        public var kind: PromptKind
        public var text = ""
        /// The step number a note or fork is about.
        public var step: Int
        /// Search: the last query, which Enter on an empty prompt repeats.
        public var previous = ""

        public var label: String {
            switch kind {
            case .gotoStep: "Go to step: "
            case .search: previous.isEmpty ? "Search all steps: " : "Search all steps [\(Sanitizer.line(previous))]: "
            case .note: "Note on step \(step): "
            case .fork: "Fork from step \(step): (r)ebuild workspace, (c)lean start, (Esc) cancel "
            }
        }
    }

    public struct Playback: Sendable, Equatable {
        public static let speeds = [1, 2, 4, 8, 16, 32, 64]
        /// Recorded gaps longer than this are shortened to it (a long think or a slow step would stall playback).
        public static let longestGap = 5.0
        /// Steps-only mode: every step shows for this long (before the speed divides it).
        public static let stepsOnlyInterval = 1.0

        public var playing = false
        public var speed = 1
        public var stepsOnly = false
        /// When the next step is due, on the state's clock.
        public var nextAt: Double?

        public init() {}
    }

    public var runs: [Run]
    /// The step in view: a position into run A's steps (and, when comparing, the same position in run B's).
    public var cursor = 0
    /// The position whose records the panes show: it follows `cursor` once the records are loaded, so a
    /// frame never names a step (in a title or the status bar) whose code and output it does not show.
    public var shown: Int?
    /// The step list's first visible row.
    public var listTop = 0
    public var playback = Playback()
    public var diff: DiffMode = .off
    /// The records the view needs, loaded on demand (at most three).
    public var loaded: [RecordKey: StepRecord] = [:]
    /// Records that could not be read, with why.
    public var loadErrors: [RecordKey: String] = [:]
    /// The editor pane's diff, when one is shown, and its scroll.
    public var diffLines: [StyledLine]?
    public var diffTitle = ""
    public var diffScroll = 0
    /// The left-top pane shows the step list (true) or the task (false).
    public var showSteps = true
    public var prompt: Prompt?
    public var lastSearch = ""
    /// Damaged lines skipped and warnings from opening the files, shown above each step's logs.
    public var notices: [StyledLine] = []
    /// A search is running (it reads every step).
    public var searching = false

    public init(runs: [Run]) {
        self.runs = runs
        if runs.count > 1 { diff = .otherRun }
    }

    public var isComparing: Bool { runs.count > 1 }
    public var primary: Run { runs[0] }
    public var stepCount: Int { runs.map(\.steps.count).max() ?? 0 }

    /// The summary at the cursor in a run (nil when that run is shorter).
    public func summary(_ side: Side) -> StepSummary? { summary(side, at: cursor) }

    /// The summary at a position in a run (nil when that run is shorter).
    public func summary(_ side: Side, at position: Int) -> StepSummary? {
        guard runs.indices.contains(side.rawValue) else { return nil }
        let steps = runs[side.rawValue].steps
        return steps.indices.contains(position) ? steps[position] : nil
    }

    /// The records the current view needs: the step at the cursor, and what the diff compares it with.
    public var needed: [RecordKey] {
        guard !runs[0].steps.isEmpty || isComparing else { return [] }
        var keys: [RecordKey] = []
        if summary(.a) != nil { keys.append(RecordKey(.a, cursor)) }
        switch diff {
        case .off: break
        case .previous:
            if let previous = runs[0].previousExecuted(before: cursor) { keys.append(RecordKey(.a, previous)) }
        case .best:
            if let best = runs[0].bestPosition { keys.append(RecordKey(.a, best)) }
        case .otherRun:
            if summary(.b) != nil { keys.append(RecordKey(.b, cursor)) }
        }
        var seen = Set<RecordKey>()
        return keys.filter { seen.insert($0).inserted }
    }

    /// `step 12/340 · ▶ 8×` for the status bar.
    public var position: String {
        let count = stepCount
        guard count > 0 else { return "no steps" }
        let at = shown ?? cursor
        let number = summary(.a, at: at)?.step ?? summary(.b, at: at)?.step ?? at + 1
        return "step \(number) · \(at + 1)/\(count)"
    }

    public var playbackLabel: String {
        let mode = playback.stepsOnly ? " steps-only" : ""
        return (playback.playing ? "▶ " : "❚❚ ") + "\(playback.speed)×" + mode
    }
}
