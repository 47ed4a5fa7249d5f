import DojoKit
import DojoTesting
import Foundation
import Testing

/// `dojo verify` replays a recorded episode in a fresh sandbox and says whether it matches.
@Suite struct VerifyCommandTests {
    @Test func aRecordedEpisodeVerifiesAndATamperedOneDoesNot() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let starter = DojoBinary.repositoryRoot().appendingPathComponent("Tasks/titanic/starter.py").path
        let broken = temp.write("broken.py", "raise ValueError('on purpose')\n").path
        let recorded = temp.file("run.dojo.jsonl")
        let run = try DojoBinary().run(["exec", "titanic", starter, broken, "--trajectory", recorded.path])
        #expect(run.exitCode == 0, "\(run.stderr.text)")

        let verified = try DojoBinary().run(["verify", recorded.path, "--json"])
        #expect(verified.exitCode == 0, "\(verified.stdout.text)\n\(verified.stderr.text)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(verified.stdout.text.utf8)) as? [String: Any])
        #expect(report["all_match"] as? Bool == true)
        let steps = try #require(report["steps"] as? [[String: Any]])
        #expect(steps.count == 2)
        #expect(steps[0]["score_difference"] as? Double == 0)
        #expect(steps[1]["replayed_status"] as? String == "error")

        // Change the recorded score of step 1: verification must now fail and say by how much.
        var lines = try String(contentsOf: recorded, encoding: .utf8).split(separator: "\n").map(String.init)
        // Found and changed as JSON: the writer's key order is not a contract.
        func object(_ line: String) -> [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        let stepLine = try #require(lines.firstIndex { object($0)?["type"] as? String == "step" && object($0)?["index"] as? Int == 1 })
        let score = try #require(TrajectoryReader.read(recorded).steps[0].observation.submission?.rawScore)
        var record = try #require(object(lines[stepLine]))
        var observation = try #require(record["observation"] as? [String: Any])
        var submission = try #require(observation["submission"] as? [String: Any])
        submission["raw_score"] = 0.5
        observation["submission"] = submission
        record["observation"] = observation
        lines[stepLine] = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        let tampered = temp.file("tampered.dojo.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: tampered, atomically: true, encoding: .utf8)
        let failed = try DojoBinary().run(["verify", tampered.path])
        #expect(failed.exitCode == 1)
        #expect(failed.stdout.text.contains("DIFF"))
        #expect(failed.stdout.text.contains("score 0.5 → \(score)"))
        #expect(failed.stdout.text.contains("1 of 2 code steps differ."))
        // The columns line up (action padded to 13, outcome to 5) and no line ends in blanks.
        #expect(failed.stdout.text.contains("step   1  execute_code   DIFF   recorded 0.5  replayed "))
        #expect(failed.stdout.text.contains("step   2  execute_code   match  recorded -  replayed -\n"))
    }
}
