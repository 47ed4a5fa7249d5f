import Foundation

/// The text an LLM agent (or a person) reads after a step: what ran, what went wrong and why it
/// probably did, the submission's problems, the score and place, the best so far, the budget.
public enum Feedback {
    public static func forCode(action: ActionName, step: Int, execution: ExecutionReport, submission: SubmissionReport?,
                               scriptPath: String, best: BestSoFar?, budget: Budget, truncated: Bool, stepTimeout: Double) -> String {
        var lines: [String] = []
        let seconds = String(format: "%.2f", Double(execution.durationMs) / 1000)
        if let limit = execution.limitExceeded {
            lines.append("Step \(step) (\(action.rawValue)): the code was stopped after \(seconds) s: \(limit).")
            if let cause = likelyCause(ofLimit: limit) { lines.append("Likely cause: \(cause)") }
        } else if execution.cancelled == true {
            lines.append("Step \(step) (\(action.rawValue)): the step was cancelled after \(seconds) s; nothing was graded.")
        } else if execution.timedOut {
            lines.append("Step \(step) (\(action.rawValue)): the code was stopped after \(seconds) s: it exceeded the step time limit of \(formatSeconds(stepTimeout)).")
            lines.append("Likely cause: too much work for one step. Use a smaller model or fewer iterations, or save progress in working/ and continue in the next step.")
        } else if execution.exitCode == 0 {
            lines.append("Step \(step) (\(action.rawValue)): the code ran in \(seconds) s (exit code 0).")
        } else {
            let how = execution.exitCode.map { "exit code \($0)" } ?? "signal \(execution.signal ?? 0)\(execution.signal == 9 ? " (killed, perhaps out of memory)" : "")"
            lines.append("Step \(step) (\(action.rawValue)): the code failed after \(seconds) s (\(how)).")
            if let failure = PythonFailure.parse(stderr: execution.stderr, scriptPath: scriptPath) {
                lines.append("Error: \(failure.summary)")
                if let cause = failure.likelyCause { lines.append("Likely cause: \(cause)") }
            }
        }
        if execution.sandbox == "none" {
            lines.append("Warning: no sandbox (--sandbox none): the code ran without isolation, with your user's rights and network.")
        }
        if execution.truncatedBytes > 0 {
            lines.append("Output was long: \(execution.truncatedBytes) bytes from the middle were dropped.")
        }
        if let submission {
            lines.append(contentsOf: describe(submission, action: action))
        }
        if let best {
            lines.append("Best so far: \(format(best.rawScore)) at step \(best.step) (rank score \(format(best.humanRank, digits: 4))).")
        }
        lines.append(describe(budget, truncated: truncated))
        return lines.joined(separator: "\n")
    }

    static func likelyCause(ofLimit limit: String) -> String? {
        if limit.hasPrefix("memory") {
            return "the data or model does not fit; use smaller dtypes, fewer features or a smaller model."
        } else if limit.hasPrefix("process") {
            return "too many processes or threads at once (n_jobs, multiprocessing); use fewer workers."
        } else if limit.hasPrefix("disk") || limit.hasPrefix("file size") {
            return "too much data written to working/ or submission/; write less, or remove files you no longer need."
        } else if limit.hasPrefix("output") {
            return "too much printing; print summaries instead of whole tables or per-iteration logs."
        }
        return nil
    }

    static func describe(_ submission: SubmissionReport, action: ActionName) -> [String] {
        var lines: [String] = []
        if !submission.found {
            lines.append("Submission: not found. Write your predictions to submission/submission.csv (relative to the working directory).")
            return lines
        }
        if submission.valid {
            lines.append("Submission: valid (\(submission.rows) rows).")
        } else {
            lines.append("Submission: invalid, \(submission.errors.count) problem\(submission.errors.count == 1 ? "" : "s"):")
            for issue in submission.errors { lines.append("  - [\(issue.kind.rawValue)] \(issue.message)") }
        }
        for warning in submission.warnings { lines.append("  - warning [\(warning.kind.rawValue)] \(warning.message)") }
        guard let score = submission.rawScore else {
            if action == .validateCode && submission.valid {
                lines.append("validate_code checks the format only; use execute_code to get a score.")
            }
            return lines
        }
        let direction = submission.higherIsBetter ? "higher is better" : "lower is better"
        lines.append("Score: \(submission.metric) = \(format(score)) (\(direction)).")
        switch submission.ranking {
        case .mleBench?:
            let ranked = submission.rankedScore.map { String(describing: $0) } ?? "the score"
            lines.append("Ranked as MLE-bench ranks it: the score rounded to 5 decimals, \(ranked), is what the boards and medals see.")
        case .mleDojo?:
            lines.append("Ranked as MLE-Dojo ranks it: the score as computed, 1 + the board scores strictly better.")
        case .dojo?, nil:
            break
        }
        let label = submission.boardKind.rankLabel
        var place: [String] = []
        if let position = submission.position?.private {
            place.append("position \(position.position) of \(position.total) on the private \(submission.boardKind.rawValue) board")
        }
        if let position = submission.position?.public {
            place.append("position \(position.position) of \(position.total) on the public board")
        }
        if !place.isEmpty, let rank = submission.humanRank {
            lines.append("Place: \(place.joined(separator: "; ")); \(label) \(format(rank, digits: 4)).")
        }
        let medal = submission.medal.map { "\($0.rawValue) medal" } ?? "no medal"
        let median = submission.aboveMedian == true ? "above the median" : "not above the median"
        var medalLine = "Medal: \(medal); \(median)."
        if submission.medal != .gold, let thresholds = submission.medalThresholds {
            medalLine += " Gold needs \(format(thresholds.gold.score)), bronze \(format(thresholds.bronze.score))."
        }
        lines.append(medalLine)
        return lines
    }

    static func describe(_ budget: Budget, truncated: Bool) -> String {
        var text = "Budget: \(budget.stepsLeft) step\(budget.stepsLeft == 1 ? "" : "s") and \(formatSeconds(budget.secondsLeft)) left."
        if truncated { text += " The episode is over (budget exhausted); call reset to start a new one." }
        return text
    }

    static func format(_ value: Double, digits: Int = 6) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        let text = String(format: "%.\(digits)g", value)
        return text
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded()))
        if total < 60 { return "\(total) s" }
        let hours = total / 3600, minutes = total % 3600 / 60, rest = total % 60
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}

/// The last exception of a Python traceback, where in the step's code it happened, and a guess at why.
public struct PythonFailure: Sendable, Equatable {
    public var exception: String
    public var message: String
    /// The line in the step's code, when the traceback points into it.
    public var line: Int?

    public var summary: String {
        let location = line.map { " (line \($0) of your code)" } ?? ""
        return message.isEmpty ? "\(exception)\(location)" : "\(exception): \(message)\(location)"
    }

    public static func parse(stderr: String, scriptPath: String) -> PythonFailure? {
        let lines = stderr.split(whereSeparator: \.isNewline).map(String.init)
        guard let last = lines.last(where: { line in
            guard let first = line.first, !line.hasPrefix(" "), first.isLetter else { return false }
            let head = line.split(separator: ":", maxSplits: 1).first.map(String.init) ?? line
            return !head.contains(" ") && (head.hasSuffix("Error") || head.hasSuffix("Exception") || head.hasSuffix("Interrupt")
                || head.hasSuffix("Exit") || head.contains("."))
        }) else { return nil }
        let parts = last.split(separator: ":", maxSplits: 1)
        let exception = String(parts[0])
        let message = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        var lineNumber: Int?
        let marker = "File \"\(scriptPath)\", line "
        for line in lines {
            if let range = line.range(of: marker) {
                let digits = line[range.upperBound...].prefix { $0.isNumber }
                lineNumber = Int(digits) ?? lineNumber
            }
        }
        return PythonFailure(exception: exception, message: message, line: lineNumber)
    }

    public var likelyCause: String? {
        let name = exception.split(separator: ".").last.map(String.init) ?? exception
        switch name {
        case "ModuleNotFoundError", "ImportError":
            return "the package is not installed in Dojo's Python environment (numpy, pandas, scipy, scikit-learn, lightgbm are)."
        case "FileNotFoundError":
            return "a wrong path. The code runs in the workspace root: read from input/, write submission/submission.csv."
        case "KeyError":
            return "a column or key that does not exist; print df.columns to see the real names."
        case "ValueError" where message.contains("could not convert string to float"):
            return "a text (categorical) column passed to a model; encode it first (e.g. pd.get_dummies or OrdinalEncoder)."
        case "ValueError" where message.localizedCaseInsensitiveContains("nan"):
            return "missing values; impute them (e.g. SimpleImputer or fillna) or use a model that accepts NaN."
        case "MemoryError":
            return "the data or model does not fit in the memory limit; use smaller dtypes or fewer features."
        case "SyntaxError", "IndentationError", "TabError":
            return "the code is not valid Python at that line."
        case "NameError":
            return "a name used before it was defined; each step runs the whole script afresh, so variables of earlier steps are gone."
        case "PermissionError":
            return "writing where the code may not: input/ is read-only; use working/ and submission/."
        case "AttributeError":
            return "a method or attribute that the object does not have; check the library's API."
        default:
            return nil
        }
    }
}
