import ArgumentParser
import DojoKit
import Foundation

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Validate and score any submission against any answers file with a named metric.",
        discussion: "Exits 0 when the submission is valid, 1 when it is invalid.")

    @Option(help: "The metric (\(Metric.knownNames)).") var metric: String
    @Option(name: .customLong("arg"), help: "A metric argument KEY=VALUE (repeatable).") var arguments: [String] = []
    @Option(help: "The answers CSV.") var answers: String
    @Option(help: "The submission CSV.") var submission: String
    @Option(name: .customLong("id-column"), help: "The id column (default: the answers' first column).") var idColumn: String?
    @Option(name: .customLong("target"), help: "A target column (repeatable; default: every other answers column).") var targets: [String] = []
    @Option(name: .customLong("answer-column"),
            help: "An answers column the metric reads when they differ from the targets (repeatable; concordance_index: time then event; mase: the targets then the scale).")
    var answerColumns: [String] = []
    @Flag(help: "Print JSON.") var json = false

    struct Result: Encodable {
        var metric: String
        var higherIsBetter: Bool
        var valid: Bool
        var rows: Int
        var errors: [SubmissionIssue]
        var warnings: [SubmissionIssue]
        var rawScore: Double?

        enum CodingKeys: String, CodingKey {
            case metric, higherIsBetter = "higher_is_better", valid, rows, errors, warnings, rawScore = "raw_score"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(metric, forKey: .metric)
            try c.encode(higherIsBetter, forKey: .higherIsBetter)
            try c.encode(valid, forKey: .valid)
            try c.encode(rows, forKey: .rows)
            try c.encode(errors, forKey: .errors)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(rawScore, forKey: .rawScore)
        }
    }

    /// The validator, with a column problem worded for the command line.
    static func validator(metric: Metric, idColumn: String, targets: [String], answerColumns: [String],
                          answers: URL) throws(DojoError) -> SubmissionValidator {
        do {
            return try SubmissionValidator(metric: metric, idColumn: idColumn, targetColumns: targets,
                                           answerColumns: answerColumns.isEmpty ? nil : answerColumns, answersFile: answers)
        } catch {
            guard error.kind == .taskFormat else { throw error }
            throw DojoError(.usage, error.message.replacingOccurrences(of: "[submission] answer_columns", with: "--answer-column"),
                            at: error.location, hint: error.hint)
        }
    }

    func run() throws {
        var parsed: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw DojoError(.usage, "--arg \(argument): expected KEY=VALUE", hint: "e.g. --arg average=macro --arg k=5")
            }
            parsed[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
        }
        let chosen: Metric
        do { chosen = try Metric(name: metric, arguments: parsed, location: "--metric") } catch {
            throw DojoError(.usage, error.message, at: error.location, hint: error.hint)
        }
        let answersURL = URL(fileURLWithPath: answers)
        let header = try SubmissionValidator.header(of: answersURL)
        let id = idColumn ?? header.first ?? "id"
        let targetColumns = targets.isEmpty ? header.filter { $0 != id && !answerColumns.contains($0) } : targets
        let validator = try Self.validator(metric: chosen, idColumn: id, targets: targetColumns, answerColumns: answerColumns,
                                           answers: answersURL)
        let check = validator.check(fileAt: URL(fileURLWithPath: submission))
        let result = Result(metric: chosen.rawValue, higherIsBetter: chosen.higherIsBetter, valid: check.valid, rows: check.rowCount,
                            errors: check.errors, warnings: check.warnings, rawScore: validator.score(check))
        if json {
            try Console.printJSON(result)
        } else {
            print(check.valid ? "Valid (\(check.rowCount) rows)." : "Invalid: \(check.errors.count) problem\(check.errors.count == 1 ? "" : "s").")
            for issue in check.errors { print("  error [\(issue.kind.rawValue)] \(issue.message)") }
            for issue in check.warnings { print("  warning [\(issue.kind.rawValue)] \(issue.message)") }
            if let score = result.rawScore {
                print("\(chosen.rawValue) = \(score) (\(chosen.higherIsBetter ? "higher" : "lower") is better)")
            }
        }
        if !check.valid { throw ExitCode(1) }
    }
}
