import DojoKit
import Foundation

/// News of the sandbox's warm-up, which the workbench starts when it opens (issue 17: a warm first
/// step): the sandbox and the warm interpreter's imports, in the background.
public enum WarmUpNews: Sendable, Equatable {
    case started(at: Double)
    /// Done: `warm` is false when it was stopped or not finished within the startup timeout.
    case finished(warm: Bool, at: Double)
    /// The sandbox could not start or died while importing; the first step will try again.
    case failed(String, at: Double)
    /// Ctrl-C on a step that was waiting for the warm-up: it never started and used no step.
    case queuedStepCancelled
}

/// Where the warm-up is: not started (a read-only mode, or before the episode), under way, over.
public enum WarmUpState: Sendable, Equatable {
    case none
    case warming(since: Double)
    case warm(seconds: Double)
    case cold(String)

    public var isWarming: Bool { if case .warming = self { true } else { false } }
}

/// The warm-up's share of the workbench: the state, the Logs, and the status bar's segment.
public enum WarmUpUpdate {
    static func apply(_ news: WarmUpNews, _ state: inout AppState) {
        switch news {
        case .started(let at):
            state.warmUp = .warming(since: at)
        case .finished(let warm, let at):
            let since: Double = if case .warming(let since) = state.warmUp { since } else { at }
            state.warmUp = warm ? .warm(seconds: max(0, at - since)) : .cold("not finished")
            if warm {
                state.logs.append("Sandbox warm in \(String(format: "%.1f", max(0, at - since))) s: numpy, pandas and scikit-learn are imported; steps start at once.", "log.info")
            }
            waited(until: at, &state)
        case .failed(let text, let at):
            state.warmUp = .cold(text)
            for line in Sanitizer.lines(of: "the sandbox did not warm up: \(text); the first step starts it again") {
                state.logs.append(line, "log.warning")
            }
            waited(until: at, &state)
        case .queuedStepCancelled:
            guard state.running != nil else { return }
            state.running = nil
            state.logs.append("cancelled before it started (it was waiting for the warm-up): no step used", "log.warning")
            state.message = .init(text: "step cancelled before it started", isError: false, at: state.now)
        }
    }

    /// A step sent during the warm-up starts now: the wait is logged, and the step's own clock
    /// (the status bar's "executing N s") starts from here, as its recorded duration does.
    private static func waited(until at: Double, _ state: inout AppState) {
        guard var running = state.running, at > running.startedAt else { return }
        state.logs.append("(the step waited \(String(format: "%.1f", at - running.startedAt)) s for the warm-up; its time starts now)", "log.info")
        running.startedAt = at
        state.running = running
    }

    /// The status bar's segment while the warm-up runs: "warming…", or the wait of a step sent meanwhile.
    public static func segments(_ state: AppState) -> [StatusSegment] {
        guard case .warming(let since) = state.warmUp else { return [] }
        if let running = state.running {
            let frame = AppView.spinner[Int(max(0, state.now - running.startedAt) * 10) % AppView.spinner.count]
            return [StatusSegment("\(frame) waiting for the warm-up \(String(format: "%.1f", max(0, state.now - running.startedAt)))s",
                                  "ui.statusline.running", priority: 0)]
        }
        return [StatusSegment("warming… \(Int(max(0, state.now - since)))s", "ui.statusline.running", priority: 1)]
    }

    /// The running step as the status bar shows it: none while it waits for the warm-up (the
    /// warm-up's segment says so instead).
    public static func shownRunning(_ state: AppState) -> AppState.Running? {
        state.warmUp.isWarming ? nil : state.running
    }
}
