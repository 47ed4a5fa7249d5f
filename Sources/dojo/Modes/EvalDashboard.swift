import DojoKit
import DojoTerminal
import DojoUI
import Foundation
import Synchronization

/// The live dashboard of an evaluation: `dojo eval watch RUN_DIR` from any terminal, and `dojo eval`
/// over its own run (`runShowing`). Enter on an episode opens the live watch of its trajectory (the
/// watch mode); quitting the watch comes back to the dashboard.
enum EvalDashboard {
    enum Outcome: Equatable {
        /// The person quit (in `dojo eval`: only once every episode has ended).
        case quit
        /// The person asked to stop the evaluation (q and y, or Ctrl-C).
        case stop
        /// SIGINT, SIGTERM or SIGHUP, or the terminal went away.
        case signal
    }

    /// Whether `dojo eval` shows the dashboard: not with `--no-tui`, and only on a terminal.
    static func shows(noTUI: Bool) -> Bool {
        !noTUI && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Shows the dashboard of `directory` until the person quits, asks to stop (only when `owner`:
    /// this process runs the evaluation), or a signal arrives.
    @MainActor
    static func show(_ directory: RunDirectory, owner: Bool, services: Services, settings: WorkbenchSettings) throws -> Outcome {
        let reader = EvalProgressReader(directory: directory)
        var kept: DashboardState?
        var message: AppState.Message?
        while true {
            var dashboard = kept ?? DashboardState(progress: reader.read(), owner: owner)
            dashboard.progress = reader.read()
            dashboard.chosen = nil
            var state = AppState(taskID: "", taskTitle: "", descriptionMarkdown: "", code: "", codePath: nil, defaultSavePath: "",
                                 board: nil, themes: settings.themes, themeIndex: settings.themeIndex, keyMap: settings.keyMap,
                                 width: 80, height: 24)
            state.mode = .dashboard(dashboard)
            state.message = message
            let program = Program(state: state, mode: .dashboard(DashboardHandler(reader: reader)), settings: settings)
            let exit = try program.run()
            let final = program.state.mode.dashboard
            kept = final
            guard exit == .quit else { return .signal }
            switch final?.chosen {
            case .stop?: return .stop
            case nil: return .quit
            case .watch(let episode)?:
                let exit = try watch(episode, services: services, settings: settings)
                guard exit == .quit else { return .signal }
                message = .init(text: "back from \(episode.key)", isError: false, at: SystemClock().seconds())
            }
        }
    }

    /// The watch mode on an episode's trajectory (it may appear a moment later), until q.
    @MainActor
    static func watch(_ episode: EvalProgress.Episode, services: Services, settings: WorkbenchSettings) throws -> Program.Exit {
        let spec = try? services.loader.load(id: episode.key.task)
        var state = ReadOnlyWorkbench.state(header: nil, spec: spec, source: episode.trajectory.path,
                                            mode: .watch(WatchState(source: episode.trajectory.path)), settings: settings)
        state.message = .init(text: "watching \(episode.key): q goes back to the dashboard", isError: false, at: SystemClock().seconds())
        let follower = TrajectoryFollower(url: episode.trajectory)
        return try Program(state: state, mode: .watch(WatchHandler(follower: follower, waitForFile: true)), settings: settings).run()
    }

    /// `dojo eval` with the dashboard: runs `work` (the evaluation) on the concurrency pool while the
    /// dashboard shows its run directory on this thread. Stopping from the dashboard (recorded in `stop`
    /// as the SIGINT Ctrl-C sends outside it), or a signal, cancels `work` (and `stop`, for the caller's
    /// stop logic); quitting is only possible once every episode has ended. Then waits for `work` and
    /// returns its result.
    ///
    /// The dashboard's program takes SIGINT, SIGTERM and SIGHUP while it is up and gives them back
    /// ignored (as a `StopSignals` of the caller's expects), not to their default action.
    static func runShowing<T: Sendable>(_ directory: RunDirectory, services: Services, settings: WorkbenchSettings,
                                        stop: StopSignals,
                                        _ work: @escaping @Sendable () async throws(DojoError) -> T) throws -> T {
        let result = Mutex<Result<T, DojoError>?>(nil)
        let task = Task {
            let outcome: Result<T, DojoError>
            do throws(DojoError) { outcome = .success(try await work()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
        }
        let outcome: Outcome
        do {
            outcome = try MainActor.assumeIsolated { () throws -> Outcome in
                try show(directory, owner: true, services: services, settings: settings)
            }
        } catch {
            task.cancel()
            throw error
        }
        for number in [SIGTERM, SIGINT, SIGHUP] { signal(number, SIG_IGN) }
        var cancelled = false
        while true {
            if let done = result.withLock({ $0 }) { return try done.get() }
            if !cancelled, outcome != .quit || stop.cancellation.isCancelled {
                cancelled = true
                if outcome == .stop { stop.stopAsInterrupt() } else { stop.cancellation.cancel() }
                Console.progress("stopping: every running episode ends, its status becomes interrupted…")
                task.cancel()
            }
            usleep(50_000)
        }
    }
}
