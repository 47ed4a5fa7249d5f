import DojoKit
import DojoTerminal
import DojoUI
import Foundation

/// The evaluation dashboard's news: the run directory read again every `interval` seconds (status
/// files, and the new lines of running episodes' trajectories). It has no effects: Enter and stop
/// end the program with a choice that `EvalDashboard` carries out.
@MainActor
final class DashboardHandler: EffectHandler {
    private let reader: EvalProgressReader
    private let clock: any DojoClock
    private let interval: Double
    private var lastRead: Double

    init(reader: EvalProgressReader, clock: any DojoClock = SystemClock(), interval: Double = 1) {
        self.reader = reader
        self.clock = clock
        self.interval = interval
        lastRead = clock.seconds()
    }

    func poll() -> [AppEvent] {
        let now = clock.seconds()
        guard now - lastRead >= interval else { return [] }
        lastRead = now
        return [.evalProgress(reader.read(now: clock.date()))]
    }

    func perform(_ effect: Effect, state: AppState, terminal: Terminal) -> [AppEvent] { [] }
}
