import ArgumentParser
import DojoKit
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks that print figures and ratios (build with -c release).",
        subcommands: [ExecBenchCommand.self, BenchServeCommand.self, BenchGrading.self, BenchGradingRun.self, BenchPythonMetricCommand.self, BenchReplayCommand.self,
                       BenchEvalCommand.self])
}

/// Step latency through Dojo's sandbox with its warm interpreter, against a cold `python3 script.py`.
struct ExecBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Median step latency of `print(1)` and `import pandas, sklearn; print(1)`: sandboxed warm step vs cold python3.",
        discussion: "Build with -c release for meaningful figures. Each figure is the median of --runs runs.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Runs per case and way.") var runs = 15
    @Option(help: "Runs of the cold import case (each takes seconds).") var coldRuns = 7
    @Option(help: "bwrap (default) or none (the warm path is then not measured).") var sandbox: SandboxOptions.Kind = .bwrap

    func run() throws {
        let services = try common.services()
        let python = try services.interpreter()
        let cases = [("print(1)", "print(1)\n"), ("import pandas, sklearn; print(1)", "import pandas, sklearn; print(1)\n")]
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-bench-\(UUID().uuidString.prefix(8))")
        let publicFiles = temp.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: publicFiles, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let workspace = try Workspace.create(in: temp, name: "episode", publicFiles: publicFiles)
        defer { workspace.remove() }

        let runner: BubblewrapRunner? = sandbox == .bwrap
            ? BubblewrapRunner(configuration: SandboxConfiguration(python: python, limits: TaskSpec.Limits.defaults)) : nil
        if let runner {
            try BubblewrapRunner.check()
            let started = ContinuousClock.now
            let outcome = try runner.run(CodeRunRequest(code: "print(1)\n", workspace: workspace, step: 0, timeout: 600))
            guard outcome.succeeded else { throw DojoError(.sandbox, "the warm-up step failed: \(outcome.stderr.text)") }
            print(String(format: "sandbox start with warm interpreter (once per episode): %.0f ms", Self.ms(ContinuousClock.now - started)))
        }
        defer { runner?.endEpisode(workspace) }

        print(String(repeating: "-", count: 86))
        print("case".padding(toLength: 36, withPad: " ", startingAt: 0) + "cold python3 (median)   dojo warm step (median)   ratio")
        var step = 1
        for (name, code) in cases {
            let script = temp.appendingPathComponent("bench.py")
            try code.write(to: script, atomically: true, encoding: .utf8)
            var cold: [Double] = []
            let coldCount = name.contains("import") ? coldRuns : runs
            for _ in 0..<coldCount {
                let started = ContinuousClock.now
                let outcome = try SystemProcessRunner().run(ProcessSpec(
                    executable: python.path, arguments: [script.path],
                    environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], workingDirectory: temp, timeout: 600))
                guard outcome.succeeded else { throw DojoError(.process, "the cold run failed: \(outcome.stderr.text)") }
                cold.append(Self.ms(ContinuousClock.now - started))
            }
            var warm: [Double] = []
            if let runner {
                for _ in 0..<runs {
                    let started = ContinuousClock.now
                    let outcome = try runner.run(CodeRunRequest(code: code, workspace: workspace, step: step, timeout: 600))
                    step += 1
                    guard outcome.succeeded, outcome.stdout.text == "1\n" else {
                        throw DojoError(.sandbox, "the warm step failed: \(outcome.stderr.text)")
                    }
                    warm.append(Self.ms(ContinuousClock.now - started))
                }
            }
            let coldMedian = Self.median(cold)
            let warmMedian = warm.isEmpty ? nil : Self.median(warm)
            let ratio = warmMedian.map { String(format: "%.1fx faster", coldMedian / max($0, 0.001)) } ?? "-"
            print(name.padding(toLength: 36, withPad: " ", startingAt: 0)
                  + String(format: "%8.1f ms", coldMedian).padding(toLength: 24, withPad: " ", startingAt: 0)
                  + (warmMedian.map { String(format: "%8.1f ms", $0) } ?? "-").padding(toLength: 26, withPad: " ", startingAt: 0)
                  + ratio)
        }
        print(String(repeating: "-", count: 86))
        print("cold = `\(python.path) bench.py` started by dojo; warm = one execute step through the sandbox runner "
              + "(fork of the warm interpreter, script written, output captured, leftovers killed).")
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
