/// Co-pilot mode's part of the status bar: who has control, a pending proposal, auto-approve; and
/// the keys for the moment, from the key map.
enum CopilotStatus {
    static func status(_ copilot: CopilotState, keys: KeyMap, kept: Int = 0) -> ModeStatus {
        var segments: [StatusSegment] = []
        if copilot.endReason != nil {
            segments.append(StatusSegment("co-pilot · agent ended", priority: 2))
        } else if copilot.control == .human {
            segments.append(StatusSegment("co-pilot · you have control", "ui.statusline.running", priority: 0))
            if copilot.pending != nil { segments.append(StatusSegment("agent waiting", priority: 2)) }
        } else if copilot.isPendingShown {
            segments.append(StatusSegment("PENDING agent proposal", "ui.statusline.running", priority: 0))
        } else {
            segments.append(StatusSegment(copilot.inFlight != nil ? "co-pilot · agent step" : "co-pilot · agent thinking", priority: 1))
        }
        if copilot.autoApprove { segments.append(StatusSegment("auto", "ui.statusline.running", priority: 1)) }
        if kept > 0 { segments.append(StatusSegment("\(kept) kept (\(keys.hint(.swapKept)))", priority: 1)) }
        return ModeStatus(segments: segments, hints: keys.hintLine(hints(copilot)), shortHints: keys.hintLine(hints(copilot, short: true)))
    }

    /// The keys for the moment; `short` when the status bar is crowded (F1 lists them all).
    static func hints(_ copilot: CopilotState, short: Bool = false) -> [(Command, String)] {
        if short {
            if copilot.isPendingShown { return [(.approve, "approve"), (.skip, "skip"), (.help, "help")] }
            if copilot.control == .human, copilot.endReason == nil { return [(.handBack, "hand back"), (.help, "help")] }
            if copilot.endReason == nil { return [(.takeOver, "take over"), (.help, "help")] }
            return [(.help, "help")]
        }
        if copilot.isPendingShown { return [(.approve, "approve"), (.runEdited, "run edited"), (.skip, "skip"), (.takeOver, "take over")] }
        if copilot.endReason != nil { return [(.help, "help"), (.execute, "run"), (.validate, "validate"), (.quit, "quit")] }
        if copilot.control == .human { return [(.execute, "run"), (.validate, "validate"), (.handBack, "hand back"), (.quit, "quit")] }
        return [(.takeOver, "take over"), (.autoApprove, "auto"), (.help, "help"), (.quit, "quit")]
    }
}
