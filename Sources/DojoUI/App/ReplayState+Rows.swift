import DojoKit

extension ReplayState {
    /// Something that happened between steps and is shown as its own row in the step list: control
    /// passing between the person and the agent, a skipped co-pilot proposal, auto-approve switched.
    /// The cursor moves over steps only; these rows sit between them.
    public struct RunEvent: Sendable, Equatable {
        /// How many steps came before it (0: before the first step).
        public var afterSteps: Int
        public var t: Double
        /// The row's text (after its mark).
        public var text: String
        public var mark: String
        public var scope: String

        public init(afterSteps: Int, t: Double, mark: String, text: String, scope: String) {
            self.afterSteps = afterSteps
            self.t = t
            self.mark = mark
            self.text = text
            self.scope = scope
        }

        /// A hand-over: `⇄ control → agent: the person handed control back`.
        public static func control(_ record: ControlRecord, afterSteps: Int) -> RunEvent {
            let to = record.to == .human ? "person" : "agent"
            return RunEvent(afterSteps: afterSteps, t: record.t, mark: "⇄",
                            text: "control → \(to)" + (record.reason.map { ": \(Sanitizer.line($0))" } ?? ""), scope: "ui.text.dim")
        }

        /// The co-pilot's notes that are events (a skip, auto-approve on or off); nil for other notes
        /// (reasoning, an edited proposal: those stay with their step's logs).
        public static func copilot(_ note: NoteRecord, afterSteps: Int) -> RunEvent? {
            guard let kind = note.data?["copilot"]?.stringValue else { return nil }
            switch kind {
            case "skipped":
                let action = note.data?["proposal"]?["type"]?.stringValue.map { " (\(Sanitizer.line($0)))" } ?? ""
                return RunEvent(afterSteps: afterSteps, t: note.t, mark: "⤼", text: "skipped the agent's proposal\(action)", scope: "log.warning")
            case "auto_approve":
                let on = note.data?["on"] == .bool(true)
                return RunEvent(afterSteps: afterSteps, t: note.t, mark: "⇄", text: "auto-approve \(on ? "on" : "off")", scope: "ui.text.dim")
            default: return nil
            }
        }

        /// A run's events in file order, from its control records and its notes.
        public static func of(controls: [TrajectoryIndex.ControlMark], notes: [TrajectoryIndex.NoteMark]) -> [RunEvent] {
            let all = controls.map { (Double($0.afterSteps), $0.record.t, Optional(control($0.record, afterSteps: $0.afterSteps))) }
                + notes.map { (Double($0.afterSteps), $0.record.t, copilot($0.record, afterSteps: $0.afterSteps)) }
            return all.compactMap { $0.2 == nil ? nil : $0 }
                .enumerated().sorted { ($0.element.0, $0.element.1, $0.offset) < ($1.element.0, $1.element.1, $1.offset) }
                .compactMap(\.element.2)
        }
    }

    /// A row of the step list: a step (by position) or an event between steps (by index in run A's events).
    public enum ListRow: Sendable, Equatable {
        case step(Int)
        case event(Int)
    }

    /// Events have rows when one run is replayed; comparing, the rows pair the runs' steps by position.
    var eventRows: [RunEvent] { isComparing ? [] : runs.first?.events ?? [] }

    /// How many rows the step list has.
    public var listRowCount: Int { stepCount + eventRows.count }

    /// The row of the step at `position`.
    public func listRow(ofPosition position: Int) -> Int {
        let events = eventRows
        guard !events.isEmpty else { return position }
        // Events placed before the step: those after at most `position` steps.
        var low = 0, high = events.count
        while low < high {
            let mid = (low + high) / 2
            if events[mid].afterSteps <= position { low = mid + 1 } else { high = mid }
        }
        return position + low
    }

    /// What the list shows at `row`.
    public func listItem(atRow row: Int) -> ListRow {
        let events = eventRows
        guard !events.isEmpty else { return .step(row) }
        // Event i is at row afterSteps + i, rising with i.
        var low = 0, high = events.count
        while low < high {
            let mid = (low + high) / 2
            if events[mid].afterSteps + mid < row { low = mid + 1 } else { high = mid }
        }
        if low < events.count, events[low].afterSteps + low == row { return .event(low) }
        return .step(row - low)
    }
}
