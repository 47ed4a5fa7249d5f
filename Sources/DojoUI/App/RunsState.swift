import DojoKit

/// The runs browser (`dojo runs`, `dojo replay` without a file): one row per trajectory Dojo knows,
/// with its task, agent, date, steps, best score and outcome; `/` filters, `s` sorts, Space marks
/// two for a comparison, Enter replays, `d` deletes after asking.
public struct RunsState: Sendable, Equatable {
    /// One run, as the list shows it.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var task: String
        public var agent: String
        /// `2026-12-03 10:14` (the header's start, UTC).
        public var date: String
        public var seed: Int
        public var steps: Int
        public var best: TrajectoryDigest.Best?
        public var outcome: RunOutcome
        /// The files deleting the run removes besides the trajectory (names only).
        public var companions: [String]

        public init(path: String, task: String, agent: String, date: String, seed: Int, steps: Int,
                    best: TrajectoryDigest.Best?, outcome: RunOutcome, companions: [String] = []) {
            self.path = path
            self.task = task
            self.agent = agent
            self.date = date
            self.seed = seed
            self.steps = steps
            self.best = best
            self.outcome = outcome
            self.companions = companions
        }

        /// The entry of a listed run.
        public init(_ record: RunRecord) {
            let digest = record.digest
            self.init(path: record.url.path, task: digest.header.task, agent: digest.agentLabel,
                      date: Self.displayDate(digest.header.startedAt), seed: digest.header.seed, steps: digest.steps,
                      best: digest.best, outcome: record.outcome,
                      companions: record.files.dropFirst().map(\.lastPathComponent))
        }

        /// `2026-12-03T10:14:58Z` → `2026-12-03 10:14`; anything else as it is.
        public static func displayDate(_ iso: String) -> String {
            guard iso.count >= 16, iso.dropFirst(10).first == "T" else { return iso }
            return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5)
        }

        /// `0.8123 gold`, or `–` when no step was graded.
        public var bestText: String {
            guard let best else { return "–" }
            return [AppUpdate.format(best.rawScore), best.medal?.rawValue].compactMap { $0 }.joined(separator: " ")
        }

        public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

        /// What messages call the run: an evaluation episode by its folder (`baseline/titanic/seed-1`,
        /// `…/seed-1/interrupted-1`), any other trajectory by its file name.
        public var name: String {
            let parts = path.split(separator: "/")
            guard fileName == "trajectory.dojo.jsonl", let episodes = parts.lastIndex(of: "episodes"), episodes + 2 < parts.count - 1 else {
                return fileName
            }
            return parts[(episodes + 1)..<(parts.count - 1)].joined(separator: "/")
        }

        /// Whether every word of a filter matches: `field:value` that field (task, agent, date, outcome,
        /// seed, file), a plain word any of them; any case.
        func matches(_ words: [Substring]) -> Bool {
            let fields: [String: String] = ["task": task, "agent": agent, "date": date, "outcome": outcome.label,
                                            "seed": String(seed), "file": fileName]
            return words.allSatisfy { word in
                if let colon = word.firstIndex(of: ":"), let field = fields[word[..<colon].lowercased()] {
                    let value = word[word.index(after: colon)...].lowercased()
                    return field.lowercased().contains(value)
                }
                let needle = word.lowercased()
                return fields.values.contains { $0.lowercased().contains(needle) }
            }
        }
    }

    public enum Sort: String, Sendable, Equatable, CaseIterable {
        /// Newest first.
        case date
        /// By task, and within a task the best score first (the metric's direction); unscored last.
        case score

        var label: String {
            switch self {
            case .date: "newest first"
            case .score: "best score first (by task)"
            }
        }
    }

    /// What Enter chose: the program ends and the command opens it, then comes back here.
    public enum Choice: Sendable, Equatable {
        case replay(String)
        case compare(String, String)
    }

    public var entries: [Entry]
    public var filter = ""
    /// Typed keys go to the filter (after `/`, until Enter or Esc).
    public var editingFilter = false
    public var sort: Sort = .date
    /// A position into `visible`.
    public var cursor = 0
    public var top = 0
    /// Marked runs by path, in the order marked (at most two: A and B of a comparison).
    public var marked: [String] = []
    /// The run `d` asked about; `y` deletes it.
    public var confirmingDelete: Entry?
    public var showHelp = false
    public var helpScroll = 0
    public var chosen: Choice?
    /// Where runs were looked for (said when there are none).
    public var sources: [String]
    /// Files that are not readable trajectories, `path: why` (counted in the title, listed in help).
    public var problems: [String]

    public init(entries: [Entry], sources: [String], problems: [String] = []) {
        self.entries = entries
        self.sources = sources
        self.problems = problems
    }

    /// The indexes of the entries the filter lets through, in the sort's order.
    public var visible: [Int] {
        let words = filter.split(separator: " ")
        let passing = entries.indices.filter { words.isEmpty || entries[$0].matches(words) }
        switch sort {
        case .date:
            return passing.sorted { (entries[$0].date, entries[$0].path) > (entries[$1].date, entries[$1].path) }
        case .score:
            return passing.sorted { a, b in
                let x = entries[a], y = entries[b]
                if x.task != y.task { return x.task < y.task }
                switch (x.best, y.best) {
                case let (first?, second?):
                    if first.beats(second) { return true }
                    if second.beats(first) { return false }
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): break
                }
                return (x.date, x.path) > (y.date, y.path)
            }
        }
    }

    /// The entry under the cursor.
    public var selected: Entry? {
        let visible = visible
        return visible.indices.contains(cursor) ? entries[visible[cursor]] : nil
    }

    /// Replaces the entries (after a new listing), keeping the cursor on the same run when it is still there
    /// and only the marks of runs still listed.
    public mutating func replace(_ newEntries: [Entry], problems: [String]) {
        let path = selected?.path
        entries = newEntries
        self.problems = problems
        marked = marked.filter { path in newEntries.contains { $0.path == path } }
        if let path, let position = visible.firstIndex(where: { entries[$0].path == path }) { cursor = position }
        cursor = max(0, min(cursor, visible.count - 1))
    }
}
