@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The warm grading interpreter: the same scores as the one-shot path, bit for bit; a grade that crashes,
/// kills the interpreter or hangs is a clear error and the next grade works again.
@Suite struct WarmPythonMetricTests {
    /// The submission's `y` in row 1 says what the metric does: 666 ends the grade's child without a score,
    /// 777 kills the interpreter itself, 888 hangs, 999 raises; anything else is scored (a mean with many digits).
    static let metric = """
    import os, time
    import numpy as np

    class Probe:
        higher_is_better = False

        def evaluate(self, y_true, y_pred):
            first = int(y_pred["y"].iloc[0])
            if first == 666:
                os._exit(3)
            if first == 777:
                os.kill(os.getppid(), 9)
                time.sleep(30)
            if first == 888:
                time.sleep(600)
            if first == 999:
                raise ValueError("predictions look wrong")
            return float(np.mean(np.abs(y_true["y"].to_numpy() / 7 - y_pred["y"].to_numpy() / 3)))
    """

    struct Setup {
        let temp: TemporaryDirectory
        let cold: PythonMetric
        let warm: WarmPythonMetric
        let answers: URL
    }

    func setup(sandboxed: Bool, timeout: Double = 120) throws -> Setup {
        let temp = TemporaryDirectory()
        let file = temp.write("task/metric.py", Self.metric)
        let answers = temp.write("answers.csv", "id,y\n1,3\n2,5\n10,7\n")
        let python = PythonMetric.defaultInterpreter()
        #expect(FileManager.default.isExecutableFile(atPath: python.path), "the task Python environment is missing at \(python.path): run `dojo setup`")
        let sandbox = sandboxed ? ToolSandbox.find(python: python) : nil
        if sandboxed { #expect(sandbox != nil, "bwrap is not installed") }
        let cold = PythonMetric(file: file, interpreter: python, runner: SystemProcessRunner(), timeout: timeout, sandbox: sandbox)
        let warm = WarmPythonMetric(metric: cold, answers: answers, idColumn: "id", memoryMB: 2048, cpuSeconds: 60)
        return Setup(temp: temp, cold: cold, warm: warm, answers: answers)
    }

    @Test(arguments: [true, false])
    func scoresAreTheColdPathsBitForBit(sandboxed: Bool) throws {
        let s = try setup(sandboxed: sandboxed)
        defer { s.warm.stop(); s.temp.remove() }
        for index in 0..<4 {
            let submission = s.temp.write("s\(index).csv", "id,y\n10,\(index * 3 + 1)\n1,\(index + 2)\n2,\(17 - index)\n")
            let cold = try s.cold.evaluate(answers: s.answers, submission: submission, idColumn: "id")
            let warm = try s.warm.evaluate(copying: submission)
            #expect(warm.score.bitPattern == cold.score.bitPattern, "submission \(index): warm \(warm.score), cold \(cold.score)")
            #expect(warm.higherIsBetter == false && cold.higherIsBetter == false)
        }
        // One interpreter served every grade, and the copies it was fed are gone.
        #expect(s.warm.starts == 1)
        let folder = try #require(s.warm.folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("in").path) == [])
        s.warm.stop()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func aCrashOrAKilledInterpreterIsAnErrorAndTheNextGradeWorks() throws {
        let s = try setup(sandboxed: true)
        defer { s.warm.stop(); s.temp.remove() }
        let good = s.temp.write("good.csv", "id,y\n1,3\n2,4\n10,9\n")
        let expected = try s.cold.evaluate(answers: s.answers, submission: good, idColumn: "id").score
        #expect(try s.warm.evaluate(copying: good).score == expected)

        // The grade's child ends without a score: the interpreter stays.
        do {
            _ = try s.warm.evaluate(copying: s.temp.write("exit.csv", "id,y\n1,666\n2,4\n10,9\n"))
            Issue.record("a grade without a score passed")
        } catch {
            #expect(error.message.contains("ended without a score (exit 3)"), "\(error.message)")
        }
        #expect(try s.warm.evaluate(copying: good).score == expected)
        #expect(s.warm.starts == 1)

        // A raising metric: the cold path's message.
        do {
            _ = try s.warm.evaluate(copying: s.temp.write("raise.csv", "id,y\n1,999\n2,4\n10,9\n"))
            Issue.record("a raising metric passed")
        } catch {
            #expect(error.message.contains("the task's metric raised: ValueError: predictions look wrong"), "\(error.message)")
        }

        // The interpreter itself is killed mid-grade: an error, then a new interpreter for the next grade.
        do {
            _ = try s.warm.evaluate(copying: s.temp.write("kill.csv", "id,y\n1,777\n2,4\n10,9\n"))
            Issue.record("a grade whose interpreter died passed")
        } catch {
            #expect(error.message.contains("grading interpreter ended while grading"), "\(error.message)")
        }
        #expect(try s.warm.evaluate(copying: good).score == expected)
        #expect(s.warm.starts == 2)

        // Killed between grades (from outside): the next grade restarts it and scores.
        let pid = try #require(s.warm.processID)
        kill(-pid, SIGKILL)
        // Wait until it is dead (a zombie, not yet reaped): a kill is not instantaneous.
        for _ in 0..<600 {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if stat.contains(") Z ") || stat.isEmpty { break }
            usleep(50_000)
        }
        #expect(try s.warm.evaluate(copying: good).score == expected)
        #expect(s.warm.starts == 3)
    }

    @Test func aHungGradeTimesOutAndTheNextGradeWorks() throws {
        let s = try setup(sandboxed: true, timeout: 20)
        defer { s.warm.stop(); s.temp.remove() }
        let good = s.temp.write("good.csv", "id,y\n1,3\n2,4\n10,9\n")
        // The first grade pays the interpreter's start; the timeout then only has the hung grade to catch.
        let expected = try s.warm.evaluate(copying: good).score
        do {
            _ = try s.warm.evaluate(copying: s.temp.write("hang.csv", "id,y\n1,888\n2,4\n10,9\n"))
            Issue.record("a hung grade passed")
        } catch {
            #expect(error.message.contains("did not finish within 20 s"), "\(error.message)")
        }
        #expect(s.warm.processID == nil, "the wedged interpreter was ended")
        #expect(try s.warm.evaluate(copying: good).score == expected)
        #expect(s.warm.starts == 2)
    }
}
