/// The task picker (`dojo play` without a task): every task with its kind, title, data size, metric
/// and the person's best result on it from earlier trajectories; typing filters the list.
public struct PickerState: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        /// The prepared data's size (`2.1 MB`), nil when the task has not been prepared yet.
        public var size: String?
        /// The metric and its direction (`accuracy ↑`).
        public var metric: String
        /// The best graded step of earlier trajectories on the task (`0.8123 · gold · 3 runs`), nil when none.
        public var best: String?
        /// Why the task cannot be opened (its task.toml does not load), nil when it can.
        public var problem: String?

        public init(id: String, title: String, kind: String, size: String?, metric: String, best: String?, problem: String? = nil) {
            self.id = id
            self.title = title
            self.kind = kind
            self.size = size
            self.metric = metric
            self.best = best
            self.problem = problem
        }
    }

    public var entries: [Entry]
    /// The filter typed so far; an entry matches when its id, title or kind contains it (any case).
    public var filter = ""
    /// A position into `matches`.
    public var cursor = 0
    /// The first visible row of the list.
    public var top = 0
    /// The task chosen with Enter; the picker is done once it is set.
    public var chosen: String?
    /// Where the task folders and the trajectories were looked for (said when the list is empty).
    public var source: String

    public init(entries: [Entry], source: String) {
        self.entries = entries
        self.source = source
    }

    /// The indexes of the entries the filter lets through, in order.
    public var matches: [Int] {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return Array(entries.indices) }
        return entries.indices.filter { index in
            let entry = entries[index]
            return [entry.id, entry.title, entry.kind].contains { $0.lowercased().contains(needle) }
        }
    }

    /// The entry under the cursor.
    public var selected: Entry? {
        let matches = matches
        return matches.indices.contains(cursor) ? entries[matches[cursor]] : nil
    }
}
