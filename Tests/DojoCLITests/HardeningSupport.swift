import DojoKit
import DojoTesting
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shared pieces of the hardening tests (issue 11): a private copy of the titanic task with extra
/// task.toml lines, and `dojo` runs whose own peak memory is measured from outside.
enum Hardening {
    /// Copies Tasks/titanic and the shared modules into `temp/tasks`, adding `limits` lines to
    /// `[limits]` and `extra` at the end of task.toml; returns the tasks folder.
    static func tasks(in temp: TemporaryDirectory, limits: String = "", extra: String = "",
                      replacing: [(String, String)] = [], files: [String: String] = [:]) throws -> URL {
        let repository = DojoBinary.repositoryRoot().appendingPathComponent("Tasks")
        let tasks = temp.file("tasks")
        let manager = FileManager.default
        try manager.createDirectory(at: tasks, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: repository.path) where name.hasSuffix(".py") || name == "requirements.txt" {
            try manager.copyItem(at: repository.appendingPathComponent(name), to: tasks.appendingPathComponent(name))
        }
        let titanic = tasks.appendingPathComponent("titanic")
        try manager.copyItem(at: repository.appendingPathComponent("titanic"), to: titanic)
        let toml = titanic.appendingPathComponent("task.toml")
        var text = try String(contentsOf: toml, encoding: .utf8)
        text = text.replacingOccurrences(of: "[limits]\n", with: "[limits]\n" + limits + (limits.isEmpty ? "" : "\n"))
        for (old, new) in replacing { text = text.replacingOccurrences(of: old, with: new) }
        try (text + extra).write(to: toml, atomically: true, encoding: .utf8)
        for (name, content) in files {
            try content.write(to: titanic.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return tasks
    }

    struct MeasuredRun {
        var exitCode: Int32
        var stdout: String
        var stderr: String
        /// The peak resident memory of the `dojo` process itself (VmHWM), in kB.
        var peakKB: Int
    }

    /// Runs `dojo` with stdout and stderr in files, reading its own VmHWM until it exits (children,
    /// such as the grading worker, are not counted).
    static func runMeasured(_ arguments: [String], environment extra: [String: String] = [:],
                            in temp: TemporaryDirectory) throws -> MeasuredRun {
        let process = Process()
        process.executableURL = DojoBinary().url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let name = UUID().uuidString.prefix(8)
        let out = temp.file("run-\(name).out")
        let err = temp.file("run-\(name).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        var peak = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
                peak = max(peak, kb)
            }
            usleep(50_000)
        }
        process.waitUntilExit()
        return MeasuredRun(exitCode: process.terminationStatus,
                           stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                           stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", peakKB: peak)
    }

    static func steps(_ json: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] ?? []
    }

    static func submission(_ step: [String: Any]) -> [String: Any] { step["submission"] as? [String: Any] ?? [:] }

    static func errorKinds(_ step: [String: Any]) -> [String] {
        (submission(step)["errors"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
    }

    static func stdout(_ step: [String: Any]) -> String {
        (step["execution"] as? [String: Any])?["stdout"] as? String ?? ""
    }

    /// A solution that scores on titanic (women survive).
    static let solution = """
    import pandas as pd
    t = pd.read_csv("input/test.csv")
    pd.DataFrame({"PassengerId": t.PassengerId, "Survived": (t.Sex == "female").astype(int)}).to_csv("submission/submission.csv", index=False)
    print("SOLVED")
    """
}
