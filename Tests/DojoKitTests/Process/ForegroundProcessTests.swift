import DojoKit
import Foundation
import Testing

@Suite struct ForegroundProcessTests {
    let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func returnsTheExitStatusOrTheSignal() throws {
        #expect(try ForegroundProcess.run(shell, arguments: ["-c", "exit 3"]) == 3)
        #expect(try ForegroundProcess.run(shell, arguments: ["-c", "kill -TERM $$"]) == 128 + 15)
    }

    /// The point of it: the child shares our process group (the terminal's foreground one), unlike Foundation's Process.
    @Test func theChildStaysInOurProcessGroup() throws {
        let check = "[ \"$(ps -o pgid= -p $$ | tr -d ' ')\" = \"\(getpgrp())\" ]"
        #expect(try ForegroundProcess.run(shell, arguments: ["-c", check]) == 0)
    }

    @Test func aMissingProgramIsAnError() {
        #expect(throws: DojoError.self) { try ForegroundProcess.run(URL(fileURLWithPath: "/no/such/program"), arguments: []) }
    }
}
