import DojoKit
import DojoTesting
import Foundation
import Testing

/// Every task of Tasks/, through `dojo task check` (the real binary, the real preparation cache and the
/// sandbox): prepared, searched for leaks by Tasks/leakcheck.py, its starter run and scored, its board
/// and description checked. The slowest test of the suite (`make tasks-check` runs it alone); a
/// prepared task is cached by checksum, so later runs only re-check. Prints the time of each task.
@Suite struct EveryTaskTests {
    @Test func everyTaskPreparesHasNoLeakAndItsStarterScores() throws {
        let dojo = DojoBinary()
        let tasks = DojoBinary.repositoryRoot().appendingPathComponent("Tasks")
        let ids = try TaskLoader(tasksDirectory: tasks).taskDirectories().map(\.lastPathComponent)
        #expect(ids.count >= 3)
        var times: [String] = []
        for id in ids {
            let started = Date()
            // Determinism (a second, fresh preparation) is left to `dojo task check ID` by the task's author.
            let outcome = try dojo.run(["task", "check", id, "--only", "load", "--only", "leaks", "--only", "starter",
                                        "--only", "board", "--only", "description"], timeout: 3600)
            let seconds = Date().timeIntervalSince(started)
            #expect(outcome.exitCode == 0, "\(id):\n\(outcome.stdout.text)\n\(outcome.stderr.text)")
            #expect(outcome.stdout.text.contains("\(id): 5 checks passed"), "\(id):\n\(outcome.stdout.text)")
            let perCheck = outcome.stdout.text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("PASS") || line.hasPrefix("FAIL") || line.hasPrefix("info"), let open = line.lastIndex(of: "("), line.hasSuffix(" s)") else { return nil }
                let name = line.dropFirst(6).prefix(13).trimmingCharacters(in: .whitespaces)
                return "\(name) \(line[line.index(after: open)...].dropLast(1))"
            }
            times.append("\(id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%7.1f s", seconds))  (\(perCheck.joined(separator: ", ")))")
        }
        print("every task, checked (load, leaks, starter, board, description):\n" + times.joined(separator: "\n"))
    }
}
