import DojoKit

/// How one recorded step fills the panes: its code in the editor (read-only), its output in the logs.
/// Shared by watch mode and replay mode.
enum StepDisplay {
    /// The step's code, or a one-line comment saying the action had none.
    static func code(of record: StepRecord) -> String {
        let step = record.observation.step
        switch record.action {
        case .executeCode(let text), .validateCode(let text): return text
        case .requestInfo(let type): return "# step \(step): request_info \(type.rawValue) (no code)"
        case .getHistory: return "# step \(step): get_history (no code)"
        case .reset: return "# step \(step): reset (no code)"
        }
    }

    /// Puts the step's code in the editor as an unmodified buffer named after the step.
    static func putCode(_ record: StepRecord, name: String? = nil, _ state: inout AppState) {
        state.editor.replaceAll(with: code(of: record))
        state.editor.savedRevision = state.editor.revision
        state.editor.goTo(line: 0)
        state.bufferName = name ?? "step \(record.observation.step)"
    }

    /// Appends the step's heading, output and feedback, and the notes attached to it, to the logs.
    static func log(_ record: StepRecord, notes: [NoteRecord], label: String = "", _ state: inout AppState) {
        let observation = record.observation
        state.logs.append("── \(label)step \(observation.step) · \(record.action.name.rawValue) · \(record.actor.rawValue) · \(observation.status.rawValue) "
                          + String(repeating: "─", count: 20), "log.info")
        AppUpdate.logObservation(observation, streamed: false, &state)
        for note in notes where note.step == observation.step { logNote(note, &state) }
    }

    static func logNote(_ note: NoteRecord, _ state: inout AppState) {
        let lines = Sanitizer.lines(of: note.text)
        for (i, line) in lines.enumerated() {
            state.logs.append((i == 0 ? "note (\(note.actor.rawValue)): " : "  ") + line, "log.warning")
        }
    }
}
