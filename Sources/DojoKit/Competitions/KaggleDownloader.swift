import Foundation
import Synchronization

/// `kaggle competitions download -c ID -p DIR` with the user's own Kaggle CLI and credentials, its
/// progress passed on, and its refusals turned into what to do (accept the rules, set up a token).
public struct KaggleDownloader: Sendable {
    public let runner: any ProcessRunning
    /// The environment the CLI runs with (PATH finds it; HOME and KAGGLE_* find the token).
    public let environment: [String: String]

    public init(runner: any ProcessRunning, environment: [String: String]) {
        self.runner = runner
        self.environment = environment
    }

    /// Downloads the competition's zip into `folder` and returns its path.
    public func download(competition id: String, into folder: URL, progress: @escaping @Sendable (String) -> Void) throws(DojoError) -> URL {
        guard let kaggle = SystemProcessRunner.resolve("kaggle", environment: environment) else {
            throw DojoError(.competition, "the `kaggle` command is not installed (or not on PATH)",
                            hint: "pip install kaggle, then put your API token (kaggle.com → Settings → Create New Token) in ~/.kaggle/kaggle.json; or download the zip from https://www.kaggle.com/competitions/\(id)/data and pass it with --raw")
        }
        try FileManager.default.createDirectoryIfNeeded(folder)
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        // Kaggle's progress bar redraws with carriage returns: each redraw is a line here, shown at most every 10 %.
        let shown = ProgressThrottle()
        let onOutput: @Sendable (OutputChannel, [UInt8]) -> Void = { _, bytes in
            for piece in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\r" || $0 == "\n" }) {
                let line = piece.trimmingCharacters(in: .whitespaces)
                if !line.isEmpty, shown.accept(line) { progress("  " + line) }
            }
        }
        var variables = environment
        variables["PYTHONUNBUFFERED"] = "1"
        progress("downloading \(id) with \(kaggle)")
        let outcome = try runner.run(ProcessSpec(executable: kaggle, arguments: ["competitions", "download", "-c", id, "-p", folder.path],
                                                 environment: variables, workingDirectory: folder, timeout: nil, outputCap: 1 << 20,
                                                 onOutput: onOutput))
        let text = outcome.stdout.text + "\n" + outcome.stderr.text
        guard outcome.succeeded else { throw Self.explain(text, id: id) }
        let after = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".zip") }
        let zip = after.contains("\(id).zip") ? "\(id).zip" : after.first { !before.contains($0) } ?? after.first
        guard let zip else {
            throw DojoError(.competition, "kaggle finished but left no zip in \(folder.path)", hint: "its output was: \(PythonEnvironment.lastLine(text))")
        }
        return folder.appendingPathComponent(zip)
    }

    /// What a failed `kaggle competitions download` means, from its output.
    static func explain(_ output: String, id: String) -> DojoError {
        let lower = output.lowercased()
        if lower.contains("must accept") || lower.contains("403") || lower.contains("forbidden") || lower.contains("rules") {
            return DojoError(.competition, "Kaggle refused the download of \(id): the competition's rules have not been accepted by this account",
                             hint: "sign in to kaggle.com with the account of your API token, open https://www.kaggle.com/competitions/\(id)/rules, press \"I Understand and Accept\", then run this again")
        }
        if lower.contains("401") || lower.contains("unauthorized") || lower.contains("kaggle.json") || lower.contains("credentials") {
            return DojoError(.competition, "Kaggle did not accept the credentials",
                             hint: "create a token at kaggle.com → Settings → API → Create New Token and save it as ~/.kaggle/kaggle.json (chmod 600), or set KAGGLE_USERNAME and KAGGLE_KEY")
        }
        if lower.contains("404") || lower.contains("not found") {
            return DojoError(.competition, "Kaggle has no competition `\(id)` (404)", hint: "check the id: it is the last part of the competition's URL")
        }
        return DojoError(.competition, "kaggle competitions download -c \(id) failed: \(PythonEnvironment.lastLine(output))",
                         hint: "run it by hand to see all its output; or download the zip from the competition's Data page and pass it with --raw")
    }
}

/// Lets a progress line through when it is not a percentage, or when its percentage reached the next tenth.
final class ProgressThrottle: Sendable {
    private let last = Mutex<Int>(-1)

    func accept(_ line: String) -> Bool {
        guard let range = line.range(of: #"(\d{1,3})%"#, options: .regularExpression),
              let percent = Int(line[range].dropLast()) else { return true }
        let bucket = percent == 100 ? 100 : percent / 10
        return last.withLock { shown in
            guard bucket != shown else { return false }
            shown = bucket
            return true
        }
    }
}
