import DojoKit

extension StepDisplay {
    /// What a `request_info` (or `reset`) returned and what `get_history` listed, in the logs below the
    /// feedback ("see info." says no more): each `info` field by name, multi-line text indented under it,
    /// every value in plain text. Shared by play, co-pilot, watch and replay (through `logObservation`).
    static func logInfo(_ observation: Observation, _ state: inout AppState) {
        if let info = observation.info, !info.isEmpty {
            state.logs.append("info:", "log.info")
            for (key, value) in info.sorted(by: { $0.key < $1.key }) {
                let lines = Sanitizer.lines(of: value.plainText)
                if lines.count <= 1 {
                    state.logs.append("  \(Sanitizer.line(key)): \(lines.first ?? "")", "log.stdout")
                } else {
                    state.logs.append("  \(Sanitizer.line(key)):", "log.info")
                    for line in lines { state.logs.append("    " + line, "log.stdout") }
                }
            }
        }
        if let history = observation.history, !history.isEmpty {
            state.logs.append("history:", "log.info")
            for entry in history {
                let score = entry.rawScore.map { " · score \(AppUpdate.format($0))" } ?? ""
                state.logs.append("  step \(entry.step) · \(entry.action.rawValue) · \(entry.actor.rawValue) · \(entry.status.rawValue)\(score)"
                                  + " · t \(AppUpdate.format(entry.seconds, digits: 1)) s", "log.stdout")
            }
        }
    }
}
