import Foundation

/// Runs a task's own metric (`[metric] python = "metric.py"`): a class with `evaluate(y_true, y_pred)`
/// and `higher_is_better`, the shape of MLE-Dojo's `CompetitionMetrics`. It runs out of process, never
/// inside the agent's sandbox: a fresh interpreter per call in a sandbox of its own (`ToolSandbox`: no
/// network, only the task folder, the answers and a private copy of the submission), a timeout, and a
/// clear error when it raises or prints no score. `y_true` is the answers DataFrame and
/// `y_pred` the submission's, reordered to the answers' id order (ids read as strings).
public struct PythonMetric: Sendable {
    public let file: URL
    public let interpreter: URL
    public let runner: any ProcessRunning
    public let timeout: Double
    /// Where the metric runs; nil runs it directly (`--sandbox none`, or no bwrap).
    public let sandbox: ToolSandbox?
    /// `[leaderboard] ranking = "mle-bench"`: the harness also reports `round(score, 5)` of the very object
    /// `evaluate` returned, as MLE-bench's `Grader.__call__` rounds it (a numpy float64 rounds as numpy
    /// does, a float as Python does).
    public let roundsLikeMLEBench: Bool

    public init(file: URL, interpreter: URL, runner: any ProcessRunning, timeout: Double, sandbox: ToolSandbox? = nil,
                roundsLikeMLEBench: Bool = false) {
        self.file = file
        self.interpreter = interpreter
        self.runner = runner
        self.timeout = timeout
        self.sandbox = sandbox
        self.roundsLikeMLEBench = roundsLikeMLEBench
    }

    /// Where the task folder and the grading files appear inside the metric's sandbox.
    static let taskMount = "/dojo/task"
    static let filesMount = "/dojo/grading"

    public struct Result: Sendable, Equatable {
        public var score: Double
        public var higherIsBetter: Bool
        /// `round(score, 5)` on the returned object, when asked for (MLE-bench's ranking).
        public var rankedScore: Double? = nil
    }

    static let marker = "DOJO_METRIC "

    /// What the one-shot harness and the warm grading interpreter (`WarmPythonMetric`) share, so both
    /// score a submission with the very same code: load metric.py's class, then score one submission.
    static let scoring = #"""
    import importlib.util, inspect, math, sys

    def dojo_load_metric(path):
        spec = importlib.util.spec_from_file_location("dojo_task_metric", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        classes = [c for _, c in inspect.getmembers(module, inspect.isclass)
                   if c.__module__ == module.__name__ and callable(getattr(c, "evaluate", None))]
        if not classes:
            sys.exit("metric.py defines no class with an evaluate(y_true, y_pred) method")
        return classes[0]

    def dojo_score(metric_class, answers, submission, id_column, round5):
        metric = metric_class()
        if callable(getattr(metric, "evaluate_files", None)):
            # The metric reads the files itself (an imported competition reads them as its anchor does).
            returned = metric.evaluate_files(answers, submission)
        else:
            import pandas as pd
            y_true = pd.read_csv(answers, dtype={id_column: str}, keep_default_na=False)
            y_pred = pd.read_csv(submission, dtype={id_column: str}, keep_default_na=False)
            if id_column in y_true.columns and id_column in y_pred.columns:
                y_pred = y_pred.set_index(id_column).loc[y_true[id_column]].reset_index()
            returned = metric.evaluate(y_true, y_pred)
        score = float(returned)
        if not math.isfinite(score):
            sys.exit(f"evaluate returned {score}, not a finite number")
        # repr is the shortest text that reads back to the same double.
        line = "DOJO_METRIC " + repr(score) + " " + ("1" if getattr(metric, "higher_is_better", True) else "0")
        if round5:
            # MLE-bench's Grader.__call__: round(score, 5) on what the grade function returned.
            line += " " + repr(float(round(returned, 5)))
        return line
    """#

    static let harness = scoring + #"""

    path, answers, submission, id_column = sys.argv[1:5]
    round5 = sys.argv[5:6] == ["round5"]
    print(dojo_score(dojo_load_metric(path), answers, submission, id_column, round5), flush=True)
    """#

    /// Scores a submission that already passed the validation table.
    public func evaluate(answers: URL, submission: URL, idColumn: String) throws(DojoError) -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-metric-\(UUID().uuidString)")
        try FileManager.default.createDirectoryIfNeeded(directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("dojo_metric_harness.py")
        do { try Self.harness.write(to: script, atomically: true, encoding: .utf8) } catch {
            throw DojoError(.io, "cannot write the metric harness: \(error.localizedDescription)", at: script.path)
        }
        let variables = ["PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0",
                         "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"]
        let spec: ProcessSpec
        if let sandbox {
            // A private copy of the submission (the caller's file may be a descriptor or a path the agent
            // can still touch); the metric sees it, the answers and the task folder, nothing else.
            let copy = directory.appendingPathComponent("submission.csv")
            do { try FileManager.default.copyItem(at: submission, to: copy) } catch {
                throw DojoError(.io, "cannot copy the submission for the metric: \(error.localizedDescription)", at: copy.path)
            }
            let files = Self.filesMount
            spec = sandbox.spec(
                [interpreter.path, "\(files)/harness.py", "\(Self.taskMount)/\(file.lastPathComponent)", "\(files)/answers.csv",
                 "\(files)/submission.csv", idColumn] + (roundsLikeMLEBench ? ["round5"] : []),
                binds: [ToolSandbox.Bind(file.deletingLastPathComponent().path, at: Self.taskMount),
                        ToolSandbox.Bind(script.path, at: "\(files)/harness.py"),
                        ToolSandbox.Bind(answers.path, at: "\(files)/answers.csv"),
                        ToolSandbox.Bind(copy.path, at: "\(files)/submission.csv")],
                environment: variables, workingDirectory: Self.taskMount, timeout: timeout, outputCap: 64 * 1024)
        } else {
            var environment = variables
            environment["PATH"] = "\(interpreter.deletingLastPathComponent().path):/usr/local/bin:/usr/bin:/bin"
            environment["HOME"] = directory.path
            spec = ProcessSpec(executable: interpreter.path,
                               arguments: [script.path, file.path, answers.path, submission.path, idColumn]
                                   + (roundsLikeMLEBench ? ["round5"] : []),
                               environment: environment, workingDirectory: directory, timeout: timeout, outputCap: 64 * 1024)
        }
        let outcome = try runner.run(spec)
        let where_ = file.lastPathComponent
        if outcome.timedOut {
            throw DojoError(.grading, "the task's metric did not finish within \(Int(timeout)) s", at: where_,
                            hint: "make evaluate faster or raise [metric.args] timeout_s")
        }
        guard outcome.succeeded else {
            let lines = outcome.stderr.text.split(whereSeparator: \.isNewline).map(String.init)
            let last = lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "exit code \(outcome.exitCode.map(String.init) ?? "?")"
            throw DojoError(.grading, "the task's metric raised: \(last)", at: where_,
                            hint: "run it by hand on the answers and this submission to see the whole traceback")
        }
        guard let result = Self.parseScoreLine(outcome.stdout.text) else {
            throw DojoError(.grading, "the task's metric printed no score", at: where_,
                            hint: "evaluate(y_true, y_pred) must return a finite number")
        }
        return result
    }

    /// The harness's last `DOJO_METRIC <repr(score)> <1|0> [<repr(round(score, 5))>]` line, the numbers read
    /// back exactly with the project's decimal parser (correctly rounded, so repr's digits give the same double).
    static func parseScoreLine(_ stdout: String) -> Result? {
        guard let line = stdout.split(whereSeparator: \.isNewline).last(where: { $0.hasPrefix(Self.marker) }) else { return nil }
        let parts = line.dropFirst(Self.marker.count).split(separator: " ")
        guard parts.count == 2 || parts.count == 3, let score = DecimalParser.parse(String(parts[0])), score.isFinite,
              parts[1] == "1" || parts[1] == "0" else { return nil }
        var result = Result(score: score, higherIsBetter: parts[1] == "1")
        if parts.count == 3 {
            guard let ranked = DecimalParser.parse(String(parts[2])), ranked.isFinite else { return nil }
            result.rankedScore = ranked
        }
        return result
    }

    /// `higher_is_better` as metric.py states it (`higher_is_better = True`, a class attribute or a default
    /// argument), read from the source without running it; nil when it cannot be told.
    public static func declaredDirection(in source: String) -> Bool? {
        guard let regex = try? NSRegularExpression(pattern: #"higher_is_better\s*(?::\s*bool\s*)?=\s*(True|False)"#) else { return nil }
        let range = NSRange(source.startIndex..., in: source)
        let values = Set(regex.matches(in: source, range: range).compactMap { match -> String? in
            Range(match.range(at: 1), in: source).map { String(source[$0]) }
        })
        return values.count == 1 ? values.first == "True" : nil
    }

    /// The task environment's interpreter, found as `DojoPaths` finds the cache.
    public static func defaultInterpreter(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        let cache = environment["DOJO_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent("dojo") }
            ?? home.appendingPathComponent(".cache/dojo")
        return cache.appendingPathComponent("venv/bin/python")
    }
}
