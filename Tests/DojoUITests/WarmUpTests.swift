import DojoKit
import DojoUI
import Testing

/// Issue 17, friction 3: the sandbox warms up when the workbench opens; the status bar says so, and
/// a step sent meanwhile waits with its wait shown, its own time starting when it does.
@Suite struct WarmUpTests {
    func statusLine(_ state: AppState) -> String {
        AppView.render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[state.height - 1]
    }

    @Test func theStatusBarSaysWarmingUntilTheSandboxIsWarm() {
        var state = Fixtures.state(width: 120, height: 40)
        #expect(!statusLine(state).contains("warming"))
        _ = AppUpdate.update(&state, .warmUp(.started(at: 100)))
        _ = AppUpdate.update(&state, .tick(now: 102.4))
        #expect(statusLine(state).contains("warming… 2s"), "\(statusLine(state))")
        _ = AppUpdate.update(&state, .warmUp(.finished(warm: true, at: 103)))
        #expect(state.warmUp == .warm(seconds: 3))
        #expect(!statusLine(state).contains("warming"), "\(statusLine(state))")
        #expect(state.logs.lines.contains { $0.text.hasPrefix("Sandbox warm in 3.0 s") })
    }

    @Test func aStepSentWhileWarmingWaitsAndItsTimeStartsWhenItDoes() {
        var state = Fixtures.state(width: 120, height: 40)
        _ = AppUpdate.update(&state, .warmUp(.started(at: 100)))
        _ = AppUpdate.update(&state, .tick(now: 101))
        #expect(AppUpdate.update(&state, .key(.f(5))) == [.runStep(.executeCode("import pandas as pd\nprint(1)\n"))])
        _ = AppUpdate.update(&state, .tick(now: 102.5))
        let waiting = statusLine(state)
        #expect(waiting.contains("waiting for the warm-up 1.5s"), "\(waiting)")
        #expect(!waiting.contains("executing"), "\(waiting)")
        _ = AppUpdate.update(&state, .warmUp(.finished(warm: true, at: 103)))
        #expect(state.running?.startedAt == 103)
        #expect(state.logs.lines.contains { $0.text == "(the step waited 2.0 s for the warm-up; its time starts now)" })
        _ = AppUpdate.update(&state, .tick(now: 103.3))
        #expect(statusLine(state).contains("executing 0.3s"), "\(statusLine(state))")
    }

    @Test func ctrlCOnAStepWaitingForTheWarmUpDropsItWithoutUsingAStep() {
        var state = Fixtures.state(width: 120, height: 40)
        _ = AppUpdate.update(&state, .warmUp(.started(at: 100)))
        _ = AppUpdate.update(&state, .key(.f(5)))
        #expect(AppUpdate.update(&state, .key(.ctrl("c"))) == [.cancelStep])
        _ = AppUpdate.update(&state, .warmUp(.queuedStepCancelled))
        #expect(state.running == nil)
        #expect(state.logs.lines.contains { $0.text.contains("cancelled before it started") })
        #expect(state.warmUp.isWarming)
    }

    @Test func aWarmUpThatFailsSaysTheFirstStepStartsTheSandbox() {
        var state = Fixtures.state(width: 120, height: 40)
        _ = AppUpdate.update(&state, .warmUp(.started(at: 100)))
        _ = AppUpdate.update(&state, .warmUp(.failed("bwrap: No permissions to create new namespace", at: 101)))
        #expect(state.warmUp == .cold("bwrap: No permissions to create new namespace"))
        #expect(!statusLine(state).contains("warming"))
        #expect(state.logs.lines.contains { $0.text.contains("the sandbox did not warm up: bwrap: No permissions") })
    }
}
