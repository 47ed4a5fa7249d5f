/// Co-pilot mode's status bar pieces: who has control, a pending proposal, auto-approve; key hints.
enum CopilotStatus {
    static func segments(_ copilot: CopilotState) -> [(text: String, scope: String, priority: Int)] {
        var segments: [(text: String, scope: String, priority: Int)] = []
        if copilot.endReason != nil {
            segments.append(("co-pilot · agent ended", "ui.statusline", 2))
        } else if copilot.control == .human {
            segments.append(("co-pilot · you have control", "ui.statusline.running", 0))
            if copilot.pending != nil { segments.append(("agent waiting", "ui.statusline", 2)) }
        } else if copilot.isPendingShown {
            segments.append(("PENDING agent proposal", "ui.statusline.running", 0))
        } else {
            segments.append((copilot.inFlight != nil ? "co-pilot · agent step" : "co-pilot · agent thinking", "ui.statusline", 1))
        }
        if copilot.autoApprove { segments.append(("auto", "ui.statusline.running", 1)) }
        return segments
    }

    /// The keys for the moment; `short` when the status bar is crowded (F1 lists them all).
    static func hints(_ copilot: CopilotState, keys: KeyMap, short: Bool = false) -> String {
        if short {
            if copilot.isPendingShown { return "\(keys.hint(.approve)) approve  \(keys.hint(.skip)) skip  \(keys.hint(.help)) help " }
            if copilot.control == .human, copilot.endReason == nil { return "\(keys.hint(.handBack)) hand back  \(keys.hint(.help)) help " }
            if copilot.endReason == nil { return "\(keys.hint(.takeOver)) take over  \(keys.hint(.help)) help " }
            return "\(keys.hint(.help)) help "
        }
        if copilot.isPendingShown {
            return "\(keys.hint(.approve)) approve  \(keys.hint(.runEdited)) run edited  \(keys.hint(.skip)) skip  \(keys.hint(.takeOver)) take over "
        }
        if copilot.endReason != nil {
            return "\(keys.hint(.help)) help  \(keys.hint(.execute)) run  \(keys.hint(.validate)) validate  \(keys.hint(.quit)) quit "
        }
        if copilot.control == .human {
            return "\(keys.hint(.execute)) run  \(keys.hint(.validate)) validate  \(keys.hint(.handBack)) hand back  \(keys.hint(.quit)) quit "
        }
        return "\(keys.hint(.takeOver)) take over  \(keys.hint(.autoApprove)) auto  \(keys.hint(.help)) help  \(keys.hint(.quit)) quit "
    }
}
