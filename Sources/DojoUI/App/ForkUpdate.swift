import DojoKit
import Foundation

/// A forked episode's rebuild in the UI: progress in the status bar, each re-run's output and exit
/// status in the Logs pane, and what the person starts with once it is over.
enum ForkUpdate: ModeUpdate {
    /// The fork's share of an event: the episode starting or failing, and the rebuild's progress.
    static func update(_ event: AppEvent, _ fork: inout ForkState, _ state: inout AppState) -> [Effect] {
        switch event {
        case .episodeStarted: started(fork, &state)
        case .episodeFailed: fork.rebuilding = false
        case .rebuild(let progress): apply(progress, &fork, &state)
        case .rebuildFinished(let report, let budget, let at): finished(report, budget: budget, at: at, &fork, &state)
        default: break
        }
        return []
    }

    /// A fork's part of the status bar: a person's episode, and the rebuild while it runs.
    static func status(_ fork: ForkState, _ state: AppState) -> ModeStatus {
        var status = AppUpdate.playStatus(state.keyMap)
        if fork.rebuilding {
            let frame = AppView.spinner[Int(max(0, state.now - (fork.startedAt ?? state.now)) * 10) % AppView.spinner.count]
            status.trailing = [StatusSegment("\(frame) \(fork.cancelling ? "stopping the rebuild" : fork.progressText)", "ui.statusline.running", priority: 0)]
        }
        return status
    }

    /// Logged when the episode starts.
    static func started(_ fork: ForkState, _ state: inout AppState) {
        let code = fork.codeStep.map { "step \($0)'s code" } ?? "the task's starter (no step up to \(fork.step) ran code)"
        state.logs.append("Forked from \(Sanitizer.line(fork.source)) at step \(fork.step); the editor has \(code).", "log.info")
        if fork.clean {
            state.logs.append("Started clean (--clean): the workspace was not rebuilt.", "log.info")
        } else if !fork.planned.isEmpty {
            let steps = fork.planned.map(String.init).joined(separator: ", ")
            state.logs.append("Rebuilding the workspace as it was before step \(fork.step): re-running step\(fork.planned.count == 1 ? "" : "s") \(steps) "
                              + "(not counted, not graded; \(state.keyMap.hint(.cancelStep)) stops and keeps what was rebuilt).", "log.info")
        }
    }

    static func apply(_ progress: WorkspaceRebuild.Progress, _ fork: inout ForkState, _ state: inout AppState) {
        switch progress {
        case .stepStarted(let step, let position, let total):
            fork.current = .init(step: step, position: position)
            if fork.startedAt == nil { fork.startedAt = state.now }
            state.stdoutSanitizer = Sanitizer()
            state.stderrSanitizer = Sanitizer()
            state.logs.append("", "")
            state.logs.append("── rebuilding workspace: step \(step) (\(position) of \(total)) ──", "log.info")
            state.logs.follow = true
        case .stepFinished(let result, _, _):
            for (sanitizer, scope) in [(\AppState.stdoutSanitizer, "log.stdout"), (\AppState.stderrSanitizer, "log.stderr")] {
                if let rest = state[keyPath: sanitizer].finish() { state.logs.append(rest, scope) }
            }
            fork.results.append(result)
            let seconds = String(format: "%.2f", Double(result.durationMs) / 1000)
            state.logs.append("step \(result.step): \(result.summary) · \(seconds) s", result.succeeded ? "log.success" : "log.error")
        }
    }

    static func finished(_ report: WorkspaceRebuild.Report, budget: Budget, at: Double, _ fork: inout ForkState, _ state: inout AppState) {
        fork.rebuilding = false
        fork.current = nil
        fork.cancelling = false
        // The rebuild's time is not charged: the budget was read after it.
        state.budget = budget
        state.budgetAt = at
        let run = "\(state.keyMap.hint(.execute)) runs the editor's code on it"
        let failed = report.results.filter { !$0.succeeded && !$0.cancelled }.map { "step \($0.step) \($0.summary)" }
        let text: String
        let isError: Bool
        if report.planned.isEmpty {
            text = "nothing to rebuild: no step before \(fork.step) ran code; \(run)"
            isError = false
        } else if report.isComplete {
            text = "workspace rebuilt (\(report.planned.count) step\(report.planned.count == 1 ? "" : "s") re-run"
                + (failed.isEmpty ? "" : "; \(failed.joined(separator: ", "))") + "); \(run)"
            isError = !failed.isEmpty
        } else {
            let done = report.results.filter { !$0.cancelled }.count
            let why = report.failure.map { "rebuild stopped (\(Sanitizer.line($0)))" } ?? "rebuild cancelled"
            text = "\(why) after \(done) of \(report.planned.count) steps: the workspace has only what they left; \(run)"
            isError = true
        }
        state.logs.append(text, isError ? "log.warning" : "log.success")
        state.message = .init(text: text, isError: isError, at: state.now)
    }

    /// Execute or validate while the rebuild runs: refused, with why (short: the progress is beside it).
    static func refuseStep(_ state: inout AppState) {
        state.message = .init(text: "wait for the rebuild (\(state.keyMap.hint(.cancelStep)) stops it)", isError: true, at: state.now)
    }

    static func cancel(_ fork: inout ForkState, _ state: inout AppState) -> [Effect] {
        guard fork.rebuilding else { return [] }
        fork.cancelling = true
        state.message = .init(text: "stopping the rebuild…", isError: false, at: state.now)
        return [.cancelStep]
    }
}
