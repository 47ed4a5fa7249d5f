import DojoKit
import Foundation

/// `dojo eval`'s presenter while the dashboard has the screen: silent during the run (the dashboard
/// reads the run directory), then the `--no-tui` totals line once the screen is closed.
final class EvalDashboardPresenter: EvalPresenter {
    func handle(_ event: EvalRunner.Event) {}

    func finish(statuses: [EpisodeStatus], request: EvalManifest.Request, ranNow: [EpisodeStatus]) {
        EvalLines(write: { line in
            print(line)
            fflush(nil)
        }).finish(statuses: statuses, request: request, ranNow: ranNow)
    }
}
