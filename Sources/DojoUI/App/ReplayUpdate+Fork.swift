extension ReplayUpdate {
    /// Back from a fork's session: the message line says where its trajectory went, and a line on top
    /// of every step's logs keeps saying it for the rest of the replay (issue 17, bug 10).
    static func forkSaved(_ outcome: ForkOutcome, _ replay: inout ReplayState, _ state: inout AppState) {
        let path = Sanitizer.line(outcome.path)
        let later = outcome.laterEpisodes == 0 ? ""
            : " (and \(outcome.laterEpisodes) later episode\(outcome.laterEpisodes == 1 ? "" : "s") beside it, after a reset)"
        let how = outcome.clean ? " (clean start)" : ""
        let failed = outcome.status == 0 ? "" : " (dojo play exited with status \(outcome.status))"
        say("the fork of step \(outcome.step)\(how) is saved: \(path)\(failed)", error: outcome.status != 0, &state)
        let line = StyledLine("fork of step \(outcome.step)\(how) saved\(failed) (dojo replay FILE replays it): \(path)\(later)",
                              outcome.status == 0 ? "log.success" : "log.error")
        replay.notices.append(line)
        show(&replay, &state)
    }
}
