import ArgumentParser
import DojoKit
import Foundation

struct TaskCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a task: deterministic preparation, no leaks, the starter scores, the board, the description.",
        discussion: """
        Checks, in order (--only picks some): load (task.toml and its files), deterministic (prepared \
        into the cache and once more afresh with the same seed: the bytes must match), leaks \
        (Tasks/leakcheck.py on the prepared folders), starter (starter.py runs in the sandbox and gets a \
        score), board (at least 20 entries, best first for the metric; --regenerate-board also reruns \
        make_leaderboard.py and compares), description (description.md names every public file and every \
        column of the public CSVs; task.toml's [data] rows, when given, are the prepared rows). Exits 1 when a check fails.
        """)

    enum Check: String, ExpressibleByArgument, CaseIterable {
        case load, deterministic, leaks, starter, board, description
    }

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id (or a path to a task folder).") var task: String
    @Option(help: "The split seed.") var seed = 42
    @Option(help: "Run only this check (repeatable): load, deterministic, leaks, starter, board, description.") var only: [Check] = []
    @Flag(help: "Also rerun make_leaderboard.py and compare its board with the committed one (slow).") var regenerateBoard = false
    @OptionGroup var sandboxOptions: SandboxOptions

    static let minimumBoard = 20

    final class Report {
        var passed = 0
        var failed: [String] = []

        func line(_ ok: Bool, _ check: Check, _ message: String, seconds: Double? = nil, details: [String] = []) {
            let time = seconds.map { String(format: " (%.1f s)", $0) } ?? ""
            print("\(ok ? "PASS" : "FAIL")  \(check.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0))  \(message)\(time)")
            for detail in details { print("        \(detail)") }
            if ok { passed += 1 } else { failed.append(check.rawValue) }
        }
    }

    func run() throws {
        let services = try common.services()
        let wanted = only.isEmpty ? Set(Check.allCases) : Set(only)
        let report = Report()
        print("checking \(task) (seed \(seed))")

        let spec: TaskSpec
        do {
            spec = try services.loader.load(id: task)
        } catch {
            report.line(false, .load, "the task does not load", details: "\(error)".split(separator: "\n").map(String.init))
            return try finish(report)
        }
        if wanted.contains(.load) {
            report.line(true, .load, "task.toml, description.md, prepare.py and \(spec.boards.boards.count) board(s) load (\(spec.kind.rawValue), \(spec.metric.metric.rawValue))")
        }
        let needsData: Set<Check> = [.deterministic, .leaks, .starter, .description]
        if !wanted.isDisjoint(with: needsData) {
            let interpreter = try services.interpreter()
            var started = Date()
            let prepared: PreparedTask
            do {
                let outcome: PreparationCache.Outcome
                (prepared, outcome) = try services.preparationCache().prepare(spec, seed: seed, progress: Console.progress)
                let state = outcome == .cached ? "cached, checksums verified" : "prepared into the cache"
                print("info  prepare        \(state)" + String(format: " (%.1f s)", Date().timeIntervalSince(started)))
                started = Date()
            } catch {
                report.line(false, wanted.contains(.deterministic) ? .deterministic : .leaks, "prepare.py failed",
                            details: "\(error)".split(separator: "\n").map(String.init))
                return try finish(report)
            }
            if wanted.contains(.deterministic) {
                checkDeterminism(spec, prepared: prepared, interpreter: interpreter, services: services, report: report, since: started)
            }
            if wanted.contains(.leaks) {
                started = Date()
                do {
                    let result = try LeakCheck(tasksDirectory: services.paths.tasksDirectory, python: interpreter, runner: services.processRunner)
                        .run(spec, prepared: prepared)
                    let shown = result.lines.filter { !$0.hasPrefix("ok ") }
                    report.line(!result.leaked, .leaks, result.leaked ? "the public files give answers away" : "no leak found by leakcheck.py",
                                seconds: Date().timeIntervalSince(started), details: shown)
                } catch {
                    report.line(false, .leaks, "the leak check did not run", details: "\(error)".split(separator: "\n").map(String.init))
                }
            }
            if wanted.contains(.starter) {
                checkStarter(spec, prepared: prepared, services: services, report: report)
            }
            if wanted.contains(.description) {
                let coverage = DescriptionCoverage.check(description: spec.descriptionText(), publicDirectory: prepared.publicDirectory)
                var details: [String] = []
                if !coverage.missingFiles.isEmpty { details.append("files not named: \(coverage.missingFiles.joined(separator: ", "))") }
                if !coverage.missingColumns.isEmpty { details.append("columns not named: \(coverage.missingColumns.joined(separator: ", "))") }
                // The [data] hint `dojo tasks` shows before preparation must be what preparation gives.
                var staleHint = false
                for (key, hint, file) in [("train_rows", spec.data.trainRows, "train.csv"), ("test_rows", spec.data.testRows, "test.csv")] {
                    guard let hint else { continue }
                    let counted = CSVRowCounter.rows(in: prepared.publicDirectory.appendingPathComponent(file))
                    if counted != hint {
                        staleHint = true
                        details.append("task.toml [data] \(key) = \(hint), but the prepared \(file) has \(counted.map(String.init) ?? "no") rows")
                    }
                }
                let ok = coverage.isComplete && !staleHint
                report.line(ok, .description,
                            ok ? "description.md names all \(coverage.files.count) public files and \(coverage.columns.count) columns"
                                + (spec.data.trainRows == nil && spec.data.testRows == nil ? "" : "; [data] rows match")
                                : coverage.isComplete ? "task.toml's [data] rows are stale" : "description.md leaves things out", details: details)
            }
        }
        if wanted.contains(.board) { checkBoard(spec, services: services, report: report) }
        try finish(report)
    }

    private func finish(_ report: Report) throws {
        if report.failed.isEmpty {
            print("\(task): \(report.passed) check\(report.passed == 1 ? "" : "s") passed")
        } else {
            print("\(task): \(report.failed.count) check\(report.failed.count == 1 ? "" : "s") failed (\(report.failed.joined(separator: ", "))), \(report.passed) passed")
            throw ExitCode(1)
        }
    }

    /// The cache's preparation against a fresh one into a temporary folder: every file's checksum must match.
    private func checkDeterminism(_ spec: TaskSpec, prepared: PreparedTask, interpreter: URL, services: Services, report: Report, since started: Date) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-check-\(spec.id)-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            let again = try PreparationCache(root: scratch, runner: services.processRunner, python: interpreter,
                                             sandbox: ToolSandbox.find(python: interpreter)).prepare(spec, seed: seed).0
            let names = Set(prepared.checksums.keys).union(again.checksums.keys).sorted()
            let differing = names.filter { prepared.checksums[$0] != again.checksums[$0] }
            report.line(differing.isEmpty, .deterministic,
                        differing.isEmpty ? "prepared twice with seed \(seed): \(names.count) files, identical bytes"
                            : "two preparations with seed \(seed) differ: \(differing.joined(separator: ", "))",
                        seconds: Date().timeIntervalSince(started),
                        details: differing.isEmpty ? [] : ["make prepare.py a pure function of the seed: seed every random generator, sort before writing, write CSVs with taskkit.write_csv"])
        } catch {
            report.line(false, .deterministic, "the second preparation failed", details: "\(error)".split(separator: "\n").map(String.init))
        }
    }

    /// starter.py as one execute_code step in the sandbox: it must leave a valid, scored submission.
    private func checkStarter(_ spec: TaskSpec, prepared: PreparedTask, services: Services, report: Report) {
        guard let code = spec.starterCode() else {
            report.line(false, .starter, "the task has no starter.py", details: ["add a short solution that reads input/ and writes submission/submission.csv"])
            return
        }
        let started = Date()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-check-\(spec.id)-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            let environment = try services.episodes(for: spec, seed: seed, options: sandboxOptions.episode, prepared: prepared)
                .environment(seed: seed, agent: ["name": .string("dojo task check"), "kind": .string("cli")],
                             placer: { number in scratch.appendingPathComponent("starter-\(number).dojo.jsonl") })
            try environment.reset()
            let observation = try environment.step(.executeCode(code), actor: .human)
            environment.close(reason: "done")
            let seconds = Date().timeIntervalSince(started)
            if let submission = observation.submission, submission.valid, let score = submission.rawScore {
                let position = submission.position?.private.map { " (\(spec.boards.kind.rankLabel) \($0.position) of \($0.total))" } ?? ""
                report.line(true, .starter, "starter.py scores \(score) \(submission.metric)\(position)", seconds: seconds)
            } else {
                let feedback = observation.feedback.split(separator: "\n").prefix(12).map(String.init)
                report.line(false, .starter, observation.status == .error ? "starter.py failed" : "starter.py left no valid submission",
                            seconds: seconds, details: feedback)
            }
        } catch {
            report.line(false, .starter, "the starter could not run", details: "\(error)".split(separator: "\n").map(String.init))
        }
    }

    /// Every board: at least 20 entries, best first (the loader refuses an unsorted board); optionally regenerated.
    private func checkBoard(_ spec: TaskSpec, services: Services, report: Report) {
        let direction = spec.metric.metric.higherIsBetter ? "higher is better" : "lower is better"
        let small = spec.boards.boards.filter { $0.scores.count < Self.minimumBoard }
        let sizes = spec.boards.boards.map { "\($0.file): \($0.scores.count) entries" }.joined(separator: ", ")
        guard small.isEmpty else {
            report.line(false, .board, "a board needs at least \(Self.minimumBoard) entries (\(sizes))",
                        details: ["add solutions to make_leaderboard.py, from trivial to strong, and run it"])
            return
        }
        guard regenerateBoard else {
            report.line(true, .board, "\(sizes), sorted best first (\(spec.metric.metric.rawValue), \(direction))")
            return
        }
        let started = Date()
        let script = spec.directory.appendingPathComponent("make_leaderboard.py")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-board-\(spec.id)-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            guard FileManager.default.fileExists(atPath: script.path) else {
                throw DojoError(.taskFormat, "the task has no make_leaderboard.py", at: spec.directory.path)
            }
            guard let committed = spec.boards.privateBoard else { throw DojoError(.taskFormat, "the task has no private board") }
            let interpreter = try services.interpreter()
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let out = scratch.appendingPathComponent("leaderboard.csv")
            let dojo = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
            let outcome = try services.processRunner.run(ProcessSpec(
                executable: interpreter.path, arguments: [script.path, "--dojo", dojo, "--out", out.path],
                environment: ["PATH": "\(interpreter.deletingLastPathComponent().path):/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
                              "HOME": scratch.path, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
                              "DOJO_TASKS": services.paths.tasksDirectory.path, "DOJO_CACHE": services.paths.cacheDirectory.path],
                workingDirectory: spec.directory, timeout: 3600))
            guard outcome.succeeded else {
                throw DojoError(.taskFormat, "make_leaderboard.py failed: \(outcome.stderr.text.split(separator: "\n").last.map(String.init) ?? "exit \(outcome.exitCode ?? -1)")",
                                at: script.path)
            }
            let fresh = try Leaderboard.load(out, split: .private, kind: spec.boards.kind, higherIsBetter: spec.metric.metric.higherIsBetter)
            let differences = zip(committed.scores, fresh.scores).enumerated()
                .filter { abs($0.element.0 - $0.element.1) > 1e-9 * max(1, abs($0.element.0)) }
            let same = committed.scores.count == fresh.scores.count && differences.isEmpty
            var details: [String] = []
            if committed.scores.count != fresh.scores.count { details.append("\(committed.scores.count) entries committed, \(fresh.scores.count) regenerated") }
            for (index, pair) in differences.prefix(5) { details.append("rank \(index + 1): committed \(pair.0), regenerated \(pair.1)") }
            if !same { details.append("if the change is intended, run make_leaderboard.py and commit its board") }
            report.line(same, .board, same ? "\(sizes), sorted best first; make_leaderboard.py regenerates it exactly"
                                           : "make_leaderboard.py gives a different board", seconds: Date().timeIntervalSince(started), details: details)
        } catch {
            report.line(false, .board, "the board could not be regenerated", details: "\(error)".split(separator: "\n").map(String.init))
        }
    }
}
