import ArgumentParser
import DojoKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Generates million-row answers and submissions and times Dojo's validate + score against
/// `pandas.read_csv` + the scikit-learn metric, in the same run, each side in a fresh process.
struct BenchGrading: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grading",
        abstract: "Time Dojo's validate + score against pandas.read_csv + scikit-learn on generated files.",
        discussion: """
        Cases: binary ROC AUC, RMSE, accuracy (10 labels) and 10-class log loss, each N rows (default 1,000,000).
        Each side runs in a fresh process, best of --repeat runs; times cover reading both CSV files and scoring
        (pandas is not asked to align ids, Dojo validates every id and cell). Dojo reads files over 2 MB in two
        halves on two threads; its CPU time (both threads) is shown next to its wall time. Peak memory is the
        process's maximum resident set size, also shown net of the process's size before it read anything.
        """)

    @Option(help: "Rows per file.") var rows = 1_000_000
    @Option(name: .customLong("repeat"), help: "Runs per side; the best is reported.") var repeats = 3
    @Option(help: "Where to write the files (default: a temporary folder, removed afterwards).") var directory: String?
    @Option(help: "The Python with pandas and scikit-learn (default: the task environment's).") var python: String?
    @Option(help: "Cases to run (roc_auc, rmse, accuracy, log_loss).") var cases: [String] = ["roc_auc", "rmse", "accuracy", "log_loss"]
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var metric: String
        var rows: Int
        var csvBytes: Int
        var dojoSeconds: Double
        /// The best run's CPU time (user + system, both threads): above `dojoSeconds` when the halves overlapped.
        var dojoCPUSeconds: Double
        var pandasSeconds: Double
        var speedup: Double
        var dojoPeakBytes: Int
        var dojoNetPeakBytes: Int
        var pandasPeakBytes: Int
        var peakOverCSV: Double
        var netPeakOverCSV: Double
        var dojoScore: Double?
        var pandasScore: Double?

        enum CodingKeys: String, CodingKey {
            case metric, rows, csvBytes = "csv_bytes", dojoSeconds = "dojo_seconds", dojoCPUSeconds = "dojo_cpu_seconds"
            case pandasSeconds = "pandas_seconds", speedup
            case dojoPeakBytes = "dojo_peak_bytes", dojoNetPeakBytes = "dojo_net_peak_bytes", pandasPeakBytes = "pandas_peak_bytes"
            case peakOverCSV = "peak_over_csv", netPeakOverCSV = "net_peak_over_csv", dojoScore = "dojo_score", pandasScore = "pandas_score"
        }
    }

    func run() throws {
        let fm = FileManager.default
        let folder = directory.map { URL(fileURLWithPath: $0) }
            ?? fm.temporaryDirectory.appendingPathComponent("dojo-bench-\(UUID().uuidString.prefix(8))")
        try? fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? fm.removeItem(at: folder) } }
        let interpreter = python ?? PythonMetric.defaultInterpreter().path
        guard fm.isExecutableFile(atPath: interpreter) else {
            throw DojoError(.python, "no Python at \(interpreter)", hint: "run `dojo setup`, or pass --python with pandas and scikit-learn")
        }
        let me = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let runner = SystemProcessRunner()
        var results: [Row] = []
        for name in cases {
            guard let spec = BenchCase(rawValue: name) else {
                throw DojoError(.usage, "unknown case \(name)", hint: "use roc_auc, rmse, accuracy or log_loss")
            }
            if !json { FileHandle.standardError.write(Data("bench: writing \(rows) rows for \(name)…\n".utf8)) }
            let (answers, submission) = try spec.write(rows: rows, into: folder)
            let size = (try fm.attributesOfItem(atPath: answers.path)[.size] as? Int ?? 0)
                + (try fm.attributesOfItem(atPath: submission.path)[.size] as? Int ?? 0)
            var best: (dojo: [String: Any], pandas: [String: Any])?
            var dojoTimes: [Double] = [], pandasTimes: [Double] = [], dojoCPU: [Double] = []
            var dojoPeak = Int.max, dojoNet = Int.max, pandasPeak = Int.max
            for _ in 0..<repeats {
                let dojo = try measure(runner, me.path, ["bench", "grading-run", "--metric", spec.metric, "--answers", answers.path,
                                                         "--submission", submission.path] + spec.targets.flatMap { ["--target", $0] })
                let pandas = try measure(runner, interpreter, ["-c", spec.pandasScript, answers.path, submission.path])
                dojoTimes.append(dojo["seconds"] as? Double ?? .nan)
                dojoCPU.append(dojo["cpu_seconds"] as? Double ?? .nan)
                pandasTimes.append(pandas["seconds"] as? Double ?? .nan)
                dojoPeak = min(dojoPeak, dojo["peak_bytes"] as? Int ?? 0)
                dojoNet = min(dojoNet, (dojo["peak_bytes"] as? Int ?? 0) - (dojo["baseline_bytes"] as? Int ?? 0))
                pandasPeak = min(pandasPeak, pandas["peak_bytes"] as? Int ?? 0)
                best = (dojo, pandas)
            }
            let dojoBest = dojoTimes.min() ?? .nan, pandasBest = pandasTimes.min() ?? .nan
            let bestCPU = dojoTimes.firstIndex(of: dojoBest).map { dojoCPU[$0] } ?? .nan
            let row = Row(metric: name, rows: rows, csvBytes: size, dojoSeconds: dojoBest, dojoCPUSeconds: bestCPU, pandasSeconds: pandasBest,
                          speedup: pandasBest / dojoBest, dojoPeakBytes: dojoPeak, dojoNetPeakBytes: dojoNet, pandasPeakBytes: pandasPeak,
                          peakOverCSV: Double(dojoPeak) / Double(size), netPeakOverCSV: Double(dojoNet) / Double(size),
                          dojoScore: best?.dojo["score"] as? Double, pandasScore: best?.pandas["score"] as? Double)
            results.append(row)
            if directory == nil {
                try? fm.removeItem(at: answers)
                try? fm.removeItem(at: submission)
            }
            if !json { print(Self.line(row)) }
        }
        if json { try Console.printJSON(results) }
    }

    static func line(_ r: Row) -> String {
        func mb(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_000_000) }
        let agree = (r.dojoScore != nil && r.pandasScore != nil
                     && abs(r.dojoScore! - r.pandasScore!) <= 1e-9 * max(1, abs(r.pandasScore!))) ? "scores agree" : "SCORES DIFFER"
        return String(format: "%-9@ %d rows, CSV %@: Dojo %.3f s (CPU %.3f s), pandas+sklearn %.3f s, %.1f× faster; Dojo peak %@ (%.2f× CSV; %@ = %.2f× net of start), pandas peak %@; %@",
                      r.metric as NSString, r.rows, mb(r.csvBytes) as NSString, r.dojoSeconds, r.dojoCPUSeconds, r.pandasSeconds, r.speedup,
                      mb(r.dojoPeakBytes) as NSString, r.peakOverCSV, mb(r.dojoNetPeakBytes) as NSString, r.netPeakOverCSV,
                      mb(r.pandasPeakBytes) as NSString, agree as NSString)
    }

    private func measure(_ runner: SystemProcessRunner, _ executable: String, _ arguments: [String]) throws -> [String: Any] {
        let outcome = try runner.run(ProcessSpec(executable: executable, arguments: arguments,
                                                 environment: ProcessInfo.processInfo.environment, timeout: 1800))
        guard outcome.succeeded,
              let line = outcome.stdout.text.split(whereSeparator: \.isNewline).last,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw DojoError(.process, "the benchmark run failed: \(executable) \(arguments.prefix(3).joined(separator: " ")): \(outcome.stderr.text.suffix(800))")
        }
        return object
    }
}

/// One benchmark case: how its files look and what pandas + scikit-learn run on them.
enum BenchCase: String {
    case rocAuc = "roc_auc", rmse, accuracy, logLoss = "log_loss"

    var metric: String { rawValue }
    static let classes = 10
    var targets: [String] {
        self == .logLoss ? (0..<Self.classes).map { "class_\($0)" } : ["target"]
    }

    var pandasScript: String {
        let call: String
        switch self {
        case .rocAuc: call = "M.roc_auc_score(a['target'], s['target'])"
        case .rmse: call = "M.root_mean_squared_error(a['target'], s['target'])"
        case .accuracy: call = "M.accuracy_score(a['target'], s['target'])"
        case .logLoss:
            call = "M.log_loss(a[cols].to_numpy().argmax(axis=1), s[cols].to_numpy(), labels=list(range(\(Self.classes))))"
        }
        return """
        import json, resource, sys, time
        import pandas as pd
        from sklearn import metrics as M
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        t = time.perf_counter()
        a = pd.read_csv(sys.argv[1])
        s = pd.read_csv(sys.argv[2])
        cols = [f"class_{i}" for i in range(\(Self.classes))]
        score = float(\(call))
        seconds = time.perf_counter() - t
        print(json.dumps({"seconds": seconds, "score": score, "baseline_bytes": base,
                          "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
        """
    }

    /// Writes answers and a submission (same id order, as most submissions come) with seeded values.
    func write(rows: Int, into folder: URL) throws -> (URL, URL) {
        let answers = folder.appendingPathComponent("\(rawValue)-answers.csv")
        let submission = folder.appendingPathComponent("\(rawValue)-submission.csv")
        let a = try BufferedWriter(answers), s = try BufferedWriter(submission)
        var random = SplitMix64(seed: 42)
        a.write("id," + targets.joined(separator: ",") + "\n")
        s.write("id," + targets.joined(separator: ",") + "\n")
        for i in 0..<rows {
            let id = String(i)
            switch self {
            case .rocAuc:
                let positive = random.unit() < 0.3
                a.write("\(id),\(positive ? 1 : 0)\n")
                s.write("\(id),\(min(1, max(0, random.unit() * 0.8 + (positive ? 0.2 : 0))))\n")
            case .rmse:
                let truth = random.unit() * 1000
                a.write("\(id),\(truth)\n")
                s.write("\(id),\(truth + (random.unit() - 0.5) * 100)\n")
            case .accuracy:
                let label = Int(random.unit() * 10)
                a.write("\(id),\(label)\n")
                s.write("\(id),\(random.unit() < 0.7 ? label : Int(random.unit() * 10))\n")
            case .logLoss:
                let label = Int(random.unit() * Double(Self.classes))
                var line = id
                for k in 0..<Self.classes { line += k == label ? ",1" : ",0" }
                a.write(line + "\n")
                var weights = (0..<Self.classes).map { k in random.unit() + (k == label ? 1 : 0) }
                let total = weights.reduce(0, +)
                weights = weights.map { $0 / total }
                s.write(id + weights.map { ",\($0)" }.joined() + "\n")
            }
        }
        try a.close()
        try s.close()
        return (answers, submission)
    }
}

/// Appends text to a file through a 1 MB buffer.
final class BufferedWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

/// One timed Dojo run in a fresh process: load the answers, validate and score the submission.
struct BenchGradingRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grading-run", abstract: "One timed validate + score (used by `bench grading`).",
                                                    shouldDisplay: false)

    @Option var metric: String
    @Option var answers: String
    @Option var submission: String
    @Option(name: .customLong("target")) var targets: [String] = []

    func run() throws {
        let baseline = Self.peakBytes()
        let cpuStart = Self.cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let validator = try SubmissionValidator(metric: try Metric(name: metric), idColumn: "id", targetColumns: targets,
                                                answersFile: URL(fileURLWithPath: answers))
        let loaded = DispatchTime.now().uptimeNanoseconds
        let check = validator.check(fileAt: URL(fileURLWithPath: submission))
        let score = validator.score(check)
        let end = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(end - start) / 1e9
        var result: [String: Any] = ["seconds": seconds, "answers_seconds": Double(loaded - start) / 1e9,
                                     "cpu_seconds": Self.cpuSeconds() - cpuStart,
                                     "valid": check.valid, "peak_bytes": Self.peakBytes(), "baseline_bytes": baseline]
        if let score { result["score"] = score }
        if !check.valid { result["errors"] = check.errors.map(\.message) }
        let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// User + system CPU time of the whole process (every thread) so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func peakBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
