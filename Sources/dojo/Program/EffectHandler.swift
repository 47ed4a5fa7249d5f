import DojoKit
import DojoTerminal
import DojoUI

/// A mode's side of the `Program`: what it feeds the loop (its news) and how it carries out the
/// effects `AppUpdate` returns. Only the effects that need the outside world come here; the program
/// itself handles `quit` and `redraw`.
@MainActor
protocol EffectHandler: AnyObject {
    /// Once, when the screen has opened: starts the mode's work; the effects are carried out at once.
    func start(_ state: inout AppState) -> [Effect]
    /// The mode's news since the last turn (step output, agent requests, new trajectory lines).
    func poll() -> [AppEvent]
    /// Carries out one effect; the events it answers with go back through `update`.
    func perform(_ effect: Effect, state: AppState, terminal: Terminal) -> [AppEvent]
    /// Whether the screen moves on its own (a running step's spinner), so every turn draws a frame.
    func animates(_ state: AppState) -> Bool
    /// Whether a turn changed what is shown without an event from outside (replay's playback).
    func changed(from old: AppState, to new: AppState) -> Bool
    /// Once, when the loop ends: stops what the mode runs and records why.
    func finish(_ state: AppState, exit: Program.Exit)
}

extension EffectHandler {
    func start(_ state: inout AppState) -> [Effect] { [] }
    func poll() -> [AppEvent] { [] }
    func animates(_ state: AppState) -> Bool { false }
    func changed(from old: AppState, to new: AppState) -> Bool { false }
    func finish(_ state: AppState, exit: Program.Exit) {}
}
