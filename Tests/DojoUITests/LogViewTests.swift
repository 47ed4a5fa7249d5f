import DojoKit
@testable import DojoUI
import Testing

/// The Logs widget draws from its own data (no `AppState`), so any screen can compose it.
@Suite struct LogViewTests {
    @Test func drawsItsOwnLogsAndTheRunningStepsSpinner() {
        var logs = LogState()
        for n in 1...6 { logs.append("line \(n)", "log.stdout") }
        var buffer = ScreenBuffer(width: 40, height: 4)
        LogView(logs: logs, theme: Fixtures.theme()).draw(in: buffer.bounds, &buffer)
        // Following: the newest lines fill the pane.
        #expect(buffer.text == " line 3\n line 4\n line 5\n line 6")
        var empty = ScreenBuffer(width: 40, height: 2)
        LogView(logs: LogState(), theme: Fixtures.theme()).draw(in: empty.bounds, &empty)
        #expect(empty.text.hasPrefix(" Output of each step appears here."))
    }
}
