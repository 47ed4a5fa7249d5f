/// Which screen the workbench is, with that screen's own state: exactly one at a time, so no mode can
/// read or leave behind another's state. `AppUpdate.route` hands each event to the mode's
/// `ModeUpdate` in one switch; each mode's update gets its own state and the shared
/// workbench (`AppState`: panes, budget, chrome), never another mode's.
public enum AppMode: Sendable, Equatable {
    /// `dojo play TASK`: a person steps by hand.
    case play
    /// `dojo play --fork FILE --step N`: a person's episode forked from a trajectory's step.
    case fork(ForkState)
    /// `dojo play --agent CMD`: the agent proposes steps, the person decides.
    case copilot(CopilotState)
    /// `dojo watch`, `dojo run --watch`: the panes follow a trajectory, read-only.
    case watch(WatchState)
    /// `dojo replay A [B]`: recorded steps, read-only.
    case replay(ReplayState)
    /// `dojo play` without a task: the whole screen is the task list.
    case picker(PickerState)

    // Read-only views of the mode's state, for whoever ran the program (the command reads the picker's
    // choice or the steps watched) and for tests. Updates never use them: they get their own state.

    public var fork: ForkState? { if case .fork(let state) = self { state } else { nil } }
    public var copilot: CopilotState? { if case .copilot(let state) = self { state } else { nil } }
    public var watch: WatchState? { if case .watch(let state) = self { state } else { nil } }
    public var replay: ReplayState? { if case .replay(let state) = self { state } else { nil } }
    public var picker: PickerState? { if case .picker(let state) = self { state } else { nil } }

    /// Watch and replay: nothing changes the buffer or takes a step.
    public var isReadOnly: Bool {
        switch self {
        case .watch, .replay: true
        case .play, .fork, .copilot, .picker: false
        }
    }
}
