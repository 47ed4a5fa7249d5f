import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// The one frame loop of the workbench (bubbletea's `Program`): it owns the terminal, the signals,
/// the event queue and the frame stats. Each turn it gathers the terminal's input and the mode's news
/// (step worker, agent, trajectory follower) as `AppEvent`s, adds a tick, runs each through
/// `AppUpdate.update`, hands every effect to the mode's `EffectHandler` and feeds the events that
/// answers back through `update` (and their effects too), then flushes the frame as a diff.
/// Play, co-pilot, watch, replay and the task picker differ only in their `Mode`.
@MainActor
final class Program {
    /// The screens the program runs, each with the handler that carries out its effects.
    enum Mode {
        /// `dojo play` (a person, a fork, or co-pilot with `--agent`): a step worker and maybe an agent.
        case play(PlayHandler)
        /// `dojo watch`: a trajectory follower, read-only.
        case watch(WatchHandler)
        /// `dojo replay`: the trajectory store, and fork.
        case replay(ReplayHandler)
        /// `dojo play` without a task: the task picker.
        case picker(PickerHandler)
        /// `dojo runs` (and `dojo replay` without a file): the runs browser.
        case runs(RunsHandler)
        /// `dojo eval`, `dojo eval watch`: the evaluation dashboard.
        case dashboard(DashboardHandler)

        var handler: any EffectHandler {
            switch self {
            case .play(let handler): handler
            case .watch(let handler): handler
            case .replay(let handler): handler
            case .picker(let handler): handler
            case .runs(let handler): handler
            case .dashboard(let handler): handler
            }
        }
    }

    /// Why the loop ended.
    enum Exit: String {
        case quit, signal
        case terminalLost = "terminal lost"
    }

    private(set) var state: AppState
    private let mode: Mode
    private let settings: WorkbenchSettings
    private let clock: any DojoClock
    private let signals = TerminationSignals()
    private var quit = false
    /// The data explorer's profiles, for every mode with panes.
    private let dataProfiles = DataProfileWorker()

    init(state: AppState, mode: Mode, settings: WorkbenchSettings, clock: any DojoClock = SystemClock()) {
        self.state = state
        self.mode = mode
        self.settings = settings
        self.clock = clock
    }

    /// Runs until the person quits, a signal arrives or the terminal goes; returns why.
    @discardableResult
    func run() throws(DojoError) -> Exit {
        signals.install()
        defer { signals.restore() }
        let terminal = try Terminal.forSession(noColor: settings.noColor)
        defer { terminal.end() }
        let handler = mode.handler
        terminal.fit(&state, now: clock.seconds())
        state.mouse.enabled = settings.mouse
        terminal.setMouse(settings.mouse && !state.mode.isWholeScreen)
        for note in settings.notes {
            state.logs.append(Sanitizer.line(note), "log.error")
            state.message = .init(text: Sanitizer.line(note), isError: true, at: state.now)
        }
        perform(handler.start(&state), handler, terminal)
        var frame = AppView.render(state)
        terminal.flush(frame)
        var lastSecond = Int(state.now)
        var stats = FrameStats()
        while !quit {
            var events = terminal.events(timeoutMilliseconds: 40)
            let typed = !events.isEmpty
            let inputAt = clock.seconds()
            events += handler.poll()
            events += dataProfiles.drain()
            if signals.arrived || terminal.isLost { break }
            let now = clock.seconds()
            let before = state
            var needsFrame = !events.isEmpty || Int(now) != lastSecond || handler.animates(state)
            lastSecond = Int(now)
            events.append(.tick(now: now))
            for event in events {
                perform(AppUpdate.update(&state, event), handler, terminal)
                if quit { break }
            }
            if quit { break }
            needsFrame = needsFrame || handler.changed(from: before, to: state)
            if needsFrame {
                AppView.render(state, into: &frame)
                terminal.flush(frame)
                if stats.isOn, typed { stats.record((clock.seconds() - inputAt) * 1000) }
            }
        }
        stats.write()
        let exit: Exit = signals.arrived ? .signal : terminal.isLost ? .terminalLost : .quit
        handler.finish(state, exit: exit)
        terminal.end()
        return exit
    }

    /// Carries out effects in order; the events they answer with go straight back through `update`,
    /// and the effects of those are carried out too.
    private func perform(_ effects: [Effect], _ handler: any EffectHandler, _ terminal: Terminal) {
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            switch effect {
            case .quit: quit = true
            case .redraw: terminal.invalidate()
            case .setMouse(let on): terminal.setMouse(on)
            case .profileData(let source): dataProfiles.start(source)
            default:
                let answers = handler.perform(effect, state: state, terminal: terminal)
                // An effect may hold the screen a long time (a fork, $EDITOR): the state's clock is set
                // before its answer, so a message it leaves is stamped now and stays its full time.
                if !answers.isEmpty, clock.seconds() - state.now > 0.5 {
                    pending += AppUpdate.update(&state, .tick(now: clock.seconds()))
                }
                for event in answers {
                    pending += AppUpdate.update(&state, event)
                }
            }
        }
    }
}
