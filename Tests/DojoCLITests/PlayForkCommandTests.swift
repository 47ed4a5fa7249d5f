import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo play --fork`'s checks, through the real binary: each bad invocation is a specific error on
/// stderr, a non-zero exit, and no screen (the checks run before the terminal is touched).
@Suite struct PlayForkCommandTests {
    let dojo = DojoBinary()

    /// A two-step titanic trajectory, written as the writer writes one.
    func trajectory(_ temp: TemporaryDirectory, task: String = "titanic", seed: Int = 42) throws -> URL {
        let url = temp.file("source.dojo.jsonl")
        let writer = try TrajectoryWriter(url: url, header: TrajectoryHeader(
            task: task, taskDigest: "d", seed: seed, agent: [:], startedAt: "2026-11-26T00:00:00Z", limits: .defaults, dojoVersion: "0.1.0"))
        for index in 1...2 {
            let observation = try JSONDecoder().decode(Observation.self, from: Data("""
            {"step": \(index), "action": "execute_code", "status": "ok", "feedback": "",
             "execution": {"exit_code": 0, "timed_out": false, "duration_ms": 10, "stdout": "", "stderr": "", "truncated_bytes": 0, "sandbox": "bwrap"},
             "reward": 0, "budget": {"steps_used": \(index), "steps_left": 10, "seconds_left": 100}, "terminated": false, "truncated": false}
            """.utf8))
            try writer.append(.step(StepRecord(index: index, t: Double(index), actor: .human, action: .executeCode("print(\(index))\n"), observation: observation)))
        }
        writer.close()
        return url
    }

    func expectError(_ arguments: [String], _ expected: String, hint: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outcome = try dojo.run(["play"] + arguments, timeout: 60)
        #expect(outcome.exitCode == 1, "\(arguments): \(outcome.stderr.text)", sourceLocation: sourceLocation)
        #expect(outcome.stdout.text == "", sourceLocation: sourceLocation)
        // No escape sequences: the screen was never opened.
        #expect(!outcome.stderr.text.contains("\u{1B}"), sourceLocation: sourceLocation)
        #expect(outcome.stderr.text.contains(expected), "\(arguments): \(outcome.stderr.text)", sourceLocation: sourceLocation)
        if let hint { #expect(outcome.stderr.text.contains("hint: \(hint)"), "\(outcome.stderr.text)", sourceLocation: sourceLocation) }
    }

    @Test func badForkInvocationsAreSpecificErrors() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let source = try trajectory(temp).path
        try expectError(["--fork", source], "--fork needs --step N")
        try expectError(["--fork", source, "--step", "7"], "\(source): step 7 is not in the trajectory (it has steps 1–2)",
                        hint: "pass --step with one of its step numbers")
        try expectError(["penguins", "--fork", source, "--step", "2"], "the trajectory is an episode of `titanic`, not `penguins`",
                        hint: "leave TASK out to fork on the trajectory's own task")
        try expectError(["--fork", source, "--step", "2", "--seed", "7"], "--seed 7 differs from the trajectory's seed 42")
        try expectError(["--fork", source, "--step", "2", "--file", temp.file("x.py").path], "--file cannot be combined with --fork")
        try expectError(["--step", "2"], "--step needs --fork")
        try expectError(["titanic", "--clean"], "--clean needs --fork")
        try expectError([], "missing the task id")
        try expectError(["--fork", temp.file("nope.dojo.jsonl").path, "--step", "1"], "no trajectory file here")
        try expectError(["--fork", temp.write("bad.dojo.jsonl", "{\"type\": \"header\"}\n").path, "--step", "1"],
                        "line 1 is not a trajectory header: missing field `format`")
        try expectError(["--fork", temp.write("empty.dojo.jsonl", "").path, "--step", "1"], "the file is empty")
        try expectError(["--tasks", temp.url.path, "--fork", source, "--step", "2"], "the trajectory's task `titanic` is not installed")
    }
}
