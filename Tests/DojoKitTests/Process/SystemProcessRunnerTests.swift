import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing

@Suite struct SystemProcessRunnerTests {
    let runner = SystemProcessRunner()

    @Test func capturesOutputAndExitCode() throws {
        let outcome = try runner.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"]))
        #expect(outcome.exitCode == 3)
        #expect(outcome.stdout.text == "out\n")
        #expect(outcome.stderr.text == "err\n")
        #expect(!outcome.timedOut)
    }

    @Test func reportsTheKillingSignal() throws {
        let outcome = try runner.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "kill -9 $$"]))
        #expect(outcome.exitCode == nil)
        #expect(outcome.signal == 9)
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() throws {
        let marker = "dojo-orphan-\(UUID().uuidString.prefix(8))"
        // The shell starts a background sleeper that would outlive it, then spins.
        let script = "sleep 300 & exec -a \(marker) sleep 400"
        let outcome = try runner.run(ProcessSpec(executable: "/bin/bash", arguments: ["-c", "(exec -a \(marker) sleep 300) & \(script)"],
                                                 timeout: 0.5))
        #expect(outcome.timedOut)
        #expect(outcome.signal == 9)
        #expect(try processesNamed(marker) == 0)
    }

    @Test func descendantsDoNotOutliveANormalExit() throws {
        let marker = "dojo-leftover-\(UUID().uuidString.prefix(8))"
        let outcome = try runner.run(ProcessSpec(executable: "/bin/bash", arguments: ["-c", "(exec -a \(marker) sleep 300) & echo started"],
                                                 timeout: 10))
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.text == "started\n")
        #expect(try processesNamed(marker) == 0)
    }

    @Test func capsOutputKeepingHeadAndTail() throws {
        let outcome = try runner.run(ProcessSpec(
            executable: "/bin/sh", arguments: ["-c", "echo BEGIN; head -c 100000 /dev/zero | tr '\\0' x; echo; echo END"],
            outputCap: 1000))
        #expect(outcome.stdout.totalBytes == 6 + 100_001 + 4)
        #expect(outcome.stdout.truncatedBytes == outcome.stdout.totalBytes - 1000)
        #expect(outcome.stdout.text.hasPrefix("BEGIN\nxxx"))
        #expect(outcome.stdout.text.hasSuffix("xxx\nEND\n"))
        #expect(outcome.stdout.text.contains("bytes truncated"))
    }

    @Test func streamsChunksAsTheyArrive() throws {
        let seen = Mutex<[String]>([])
        _ = try runner.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "echo one; sleep 0.2; echo two"],
                                       onOutput: { _, bytes in seen.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }))
        #expect(seen.withLock { $0 } == ["one\n", "two\n"])
    }

    @Test func aMissingProgramIsAClearError() {
        let error = #expect(throws: DojoError.self) { try runner.run(ProcessSpec(executable: "no-such-program-xyz")) }
        #expect(error?.message == "cannot find the program `no-such-program-xyz`")
    }

    @Test func runsInTheWorkingDirectoryWithOnlyTheGivenEnvironment() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let outcome = try runner.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "pwd; echo ${HOME:-unset}; echo ${ONLY}"],
                                                 environment: ["ONLY": "yes"], workingDirectory: temp.url))
        let lines = outcome.stdout.text.split(separator: "\n").map(String.init)
        #expect(URL(fileURLWithPath: lines[0]).resolvingSymlinksInPath().path == temp.url.resolvingSymlinksInPath().path)
        #expect(lines[1] == "unset")
        #expect(lines[2] == "yes")
    }
}

/// How many live processes have this exact name in their command line.
func processesNamed(_ marker: String) throws -> Int {
    let outcome = try SystemProcessRunner().run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "ps -eo args= | grep -c '^\(marker)' || true"]))
    return Int(outcome.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
}

@Suite struct CancellationTests {
    @Test func cancellingKillsTheGroupAndSaysSo() throws {
        let cancellation = Cancellation()
        let marker = "dojo-cancel-\(UUID().uuidString.prefix(8))"
        let thread = Thread { Thread.sleep(forTimeInterval: 0.3); cancellation.cancel() }
        thread.start()
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: "/bin/bash", arguments: ["-c", "(exec -a \(marker) sleep 300) & sleep 300"], timeout: 60,
            cancellation: cancellation))
        #expect(outcome.cancelled)
        #expect(!outcome.timedOut)
        #expect(!outcome.succeeded)
        #expect(try processesNamed(marker) == 0)
    }
}
