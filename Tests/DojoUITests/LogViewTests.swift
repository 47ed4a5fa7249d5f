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

/// A step's rule fits the Logs pane's width (issue 17: at 80×24 it wrapped into a stray `────` row).
@Suite struct LogViewRuleTests {
    @Test func aRuleIsCutToTheRowNotWrapped() {
        let rule = StyledLine("── step 12 · execute_code " + String(repeating: "─", count: 30), "log.info")
        #expect(LogView.rows(of: rule, width: 40).map(\.text) == ["── step 12 · execute_code ──────────────"])
        // A head too long for the row wraps; the rule's run ends its last row.
        #expect(LogView.rows(of: rule, width: 16).map(\.text) == ["── step 12 ·", "  execute_code ─"])
        // Text that merely ends in a dash or two is wrapped as text.
        #expect(LogView.rows(of: StyledLine("a b c d e f g h ──", ""), width: 8).count == 3)
    }
}
