import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The virtual environment that task code, `prepare.py` and reference ladders run in, built from the
/// repository's pinned requirements and rebuilt when they change.
public struct PythonEnvironment: Sendable {
    public let venvDirectory: URL
    public let requirementsFile: URL
    public let runner: any ProcessRunning
    /// The interpreter that creates the environment.
    public let basePython: String
    public let hostEnvironment: [String: String]

    public init(venvDirectory: URL, requirementsFile: URL, runner: any ProcessRunning,
                basePython: String = "python3", hostEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.venvDirectory = venvDirectory
        self.requirementsFile = requirementsFile
        self.runner = runner
        self.basePython = basePython
        self.hostEnvironment = hostEnvironment
    }

    public var interpreter: URL { venvDirectory.appendingPathComponent("bin/python") }
    var stampFile: URL { venvDirectory.appendingPathComponent(".dojo-requirements.sha256") }

    public enum State: Equatable, Sendable { case ready, missing, stale }

    public func state() throws(DojoError) -> State {
        guard FileManager.default.isExecutableFile(atPath: interpreter.path),
              let stamp = try? String(contentsOf: stampFile, encoding: .utf8) else { return .missing }
        return stamp.trimmingCharacters(in: .whitespacesAndNewlines) == (try requirementsDigest()) ? .ready : .stale
    }

    func requirementsDigest() throws(DojoError) -> String {
        guard FileManager.default.fileExists(atPath: requirementsFile.path) else {
            throw DojoError(.python, "the pinned requirements file is missing", at: requirementsFile.path,
                            hint: "restore Tasks/requirements.txt from the repository")
        }
        return try FileDigest.file(requirementsFile)
    }

    /// Returns the interpreter, building the environment first when it is missing or stale.
    @discardableResult
    public func ensure(force: Bool = false, progress: @escaping @Sendable (String) -> Void) throws(DojoError) -> URL {
        if !force, try state() == .ready { return interpreter }
        try FileManager.default.createDirectoryIfNeeded(venvDirectory.deletingLastPathComponent())
        // Two dojo processes may start at once; the second waits for the first's environment.
        let lock = try FileLock(venvDirectory.deletingLastPathComponent().appendingPathComponent("venv.lock"))
        defer { lock.unlock() }
        if !force, try state() == .ready { return interpreter }
        try build(progress: progress)
        return interpreter
    }

    /// Builds into a staging folder and swaps it in, so code still running on the old environment
    /// is not left without its packages halfway through, and a failed build leaves nothing behind.
    private func build(progress: @escaping @Sendable (String) -> Void) throws(DojoError) {
        guard let python = SystemProcessRunner.resolve(basePython, environment: hostEnvironment) else {
            throw DojoError(.python, "`\(basePython)` is not installed or not on PATH; Dojo needs Python 3.10 or newer",
                            hint: "install it: apt-get install python3 python3-venv python3-pip")
        }
        let suffix = UUID().uuidString.prefix(8)
        let staging = venvDirectory.deletingLastPathComponent().appendingPathComponent(".venv-building-\(suffix)")
        defer { try? FileManager.default.removeItem(at: staging) }
        let stagedPython = staging.appendingPathComponent("bin/python")
        progress("creating the Python environment (from \(python))")
        let create = try runner.run(ProcessSpec(
            executable: python, arguments: ["-m", "venv", staging.path], environment: hostEnvironment, timeout: 600))
        guard create.succeeded else {
            let stderr = create.stderr.text + create.stdout.text
            if stderr.contains("ensurepip") || stderr.contains("No module named venv") {
                throw DojoError(.python, "`\(python) -m venv` is not available: \(Self.lastLine(stderr))",
                                hint: "install venv support: apt-get install python3-venv")
            }
            throw DojoError(.python, "creating the virtual environment failed: \(Self.lastLine(stderr))",
                            at: staging.path, hint: "check that \(venvDirectory.deletingLastPathComponent().path) is writable")
        }
        progress("installing the pinned packages from \(requirementsFile.lastPathComponent) (a few minutes the first time)")
        let lines = LineSplitter { line in
            if line.hasPrefix("Collecting ") || line.hasPrefix("Installing ") || line.hasPrefix("Successfully ") {
                progress("  " + line)
            }
        }
        let install = try runner.run(ProcessSpec(
            executable: stagedPython.path,
            arguments: ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-r", requirementsFile.path],
            environment: hostEnvironment, timeout: 3600,
            onOutput: { channel, bytes in if channel == .stdout { lines.feed(bytes) } }))
        guard install.succeeded else {
            throw DojoError(.python, "pip could not install the requirements: \(Self.lastLine(install.stderr.text + install.stdout.text))",
                            at: requirementsFile.path, hint: "check the network access to PyPI, then run `dojo setup` again")
        }
        let retired = venvDirectory.deletingLastPathComponent().appendingPathComponent(".venv-retired-\(suffix)")
        do {
            try (try requirementsDigest()).write(to: staging.appendingPathComponent(".dojo-requirements.sha256"),
                                                 atomically: true, encoding: .utf8)
            if FileManager.default.fileExists(atPath: venvDirectory.path) {
                try FileManager.default.moveItem(at: venvDirectory, to: retired)
            }
            try FileManager.default.moveItem(at: staging, to: venvDirectory)
        } catch let error as DojoError { throw error } catch {
            throw DojoError(.io, "cannot put the new environment in place: \(error.localizedDescription)", at: venvDirectory.path)
        }
        try? FileManager.default.removeItem(at: retired)
        progress("Python environment ready")
    }

    static func lastLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).last.map(String.init) ?? "(no output)"
    }
}

/// Splits a byte stream into lines for a callback; safe to feed from the runner's thread.
final class LineSplitter: Sendable {
    private let state = Mutex<[UInt8]>([])
    private let onLine: @Sendable (String) -> Void

    init(onLine: @escaping @Sendable (String) -> Void) { self.onLine = onLine }

    func feed(_ bytes: [UInt8]) {
        let lines: [String] = state.withLock { pending in
            pending.append(contentsOf: bytes)
            var result: [String] = []
            while let newline = pending.firstIndex(of: 0x0A) {
                result.append(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
            return result
        }
        for line in lines { onLine(line.trimmingCharacters(in: .whitespaces)) }
    }
}

/// An exclusive advisory lock on a file, held until `unlock`.
struct FileLock {
    private let fd: Int32

    init(_ url: URL) throws(DojoError) {
        fd = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DojoError(.io, "cannot open the lock file", at: url.path) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                close(fd)
                throw DojoError(.io, "cannot lock the file", at: url.path)
            }
        }
    }

    func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

extension FileManager {
    func createDirectoryIfNeeded(_ url: URL) throws(DojoError) {
        do { try createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw DojoError(.io, "cannot create the folder: \(error.localizedDescription)", at: url.path)
        }
    }
}
