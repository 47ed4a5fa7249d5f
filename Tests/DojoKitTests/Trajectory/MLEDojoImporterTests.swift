import DojoKit
import DojoTesting
import Foundation
import Testing

/// The real MLE-Dojo episode in Fixtures/mle-dojo (MIT, see its NOTICE), converted and read back.
@Suite struct MLEDojoImporterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mle-dojo")

    func imported() throws -> Trajectory {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let history = try Data(contentsOf: Self.fixtures.appendingPathComponent("env_history.json"))
        let conversation = try Data(contentsOf: Self.fixtures.appendingPathComponent("agent_trajectory.json"))
        let result = try MLEDojoImporter.convert(history: history, source: "env_history.json", agentTrajectory: conversation)
        #expect(result.warnings.isEmpty)
        let url = temp.file("pizza.dojo.jsonl")
        try MLEDojoImporter.write(result, to: url)
        return try TrajectoryReader.read(url)
    }

    @Test func keepsEveryStepScoreAndPosition() throws {
        let trajectory = try imported()
        #expect(trajectory.header.task == "random-acts-of-pizza")
        #expect(trajectory.header.importedFrom?["format"] == .string("mle-dojo"))
        #expect(trajectory.steps.map(\.index) == Array(1...10))
        #expect(trajectory.steps.prefix(5).allSatisfy { $0.action.name == .requestInfo })
        #expect(trajectory.steps.suffix(5).allSatisfy { $0.action.name == .executeCode })
        #expect(trajectory.steps.map(\.observation.status) == [.ok, .ok, .ok, .ok, .ok, .error, .error, .ok, .ok, .ok])

        let eighth = try #require(trajectory.steps[7].observation.submission)
        #expect(eighth.rawScore == 0.5563755038419854)
        #expect(eighth.position?.private == BoardPosition(position: 301, total: 462, score: 0.35064935064935066))
        #expect(eighth.position?.public == BoardPosition(position: 301, total: 462, score: 0.35064935064935066))
        #expect(trajectory.steps[7].observation.reward == 0.35064935064935066)
        #expect(eighth.higherIsBetter)
        #expect(eighth.medal == nil)  // position 301 of 462: bronze needs 100 or better

        // MLE-Dojo's total_reward is the sum of the step rewards.
        let total = trajectory.steps.map(\.observation.reward).reduce(0, +)
        #expect(abs(total - 1.4199134199134198) < 1e-12)
        #expect(trajectory.steps.last?.observation.best == BestSoFar(rawScore: 0.6225761800963643, humanRank: 0.5735930735930735, step: 10))
    }

    @Test func restoresTheCodeAndTheErrorsOfEachStep() throws {
        let trajectory = try imported()
        let first = try #require(trajectory.steps[5].action.code)
        #expect(first.hasPrefix("import pandas as pd"))
        #expect(first.contains("TfidfVectorizer"))
        #expect(Set(trajectory.steps.suffix(5).compactMap(\.action.code)).count == 5)
        let failed = trajectory.steps[5].observation
        #expect(failed.execution?.stderr.contains("KeyError") == true)
        #expect(failed.feedback.contains("KeyError"))
        #expect(trajectory.steps[0].observation.info?["overview"]?.stringValue?.contains("Random Acts of Pizza") == true)
        #expect(trajectory.steps[1].t > trajectory.steps[0].t)
        #expect(abs(trajectory.steps[0].t - 1.579195) < 1e-6)
    }

    @Test func aFileThatIsNotAHistoryIsAClearError() {
        let error = #expect(throws: DojoError.self) {
            try MLEDojoImporter.convert(history: Data(#"{"hello": 1}"#.utf8), source: "x.json")
        }
        #expect(error?.message.contains("`competition` and `actions` are required") == true)
        let broken = #expect(throws: DojoError.self) { try MLEDojoImporter.convert(history: Data("{".utf8), source: "x.json") }
        #expect(broken?.message.hasPrefix("not JSON") == true)
    }
}
