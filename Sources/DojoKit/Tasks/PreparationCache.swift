import Foundation

/// A task's data prepared for one seed: where it is and the checksums it was made with.
public struct PreparedTask: Sendable, Equatable {
    public var taskId: String
    public var seed: Int
    public var digest: String
    public var directory: URL
    public var checksums: [String: String]

    public var publicDirectory: URL { directory.appendingPathComponent("public") }
    public var privateDirectory: URL { directory.appendingPathComponent("private") }
    public var answersFile: URL { privateDirectory.appendingPathComponent("answers.csv") }
    public var sampleSubmissionFile: URL { publicDirectory.appendingPathComponent("sample_submission.csv") }
}

/// Runs `prepare.py` into the cache, keyed by a digest of the task folder and the seed, and checks the
/// prepared files against their recorded checksums before every use.
public struct PreparationCache: Sendable {
    struct Manifest: Codable {
        var task: String
        var seed: Int
        var digest: String
        var createdAt: String
        var files: [String: String]

        enum CodingKeys: String, CodingKey { case task, seed, digest, createdAt = "created_at", files }
    }

    public enum Outcome: Sendable, Equatable {
        case cached
        case prepared
        case rebuilt(reason: String)
    }

    public let root: URL
    public let runner: any ProcessRunning
    public let python: URL
    /// Where `prepare.py` runs: a sandbox with no network that sees only the task folder, the shared
    /// modules beside it and the two output folders (task folders are untrusted); nil runs it directly.
    public let sandbox: ToolSandbox?

    public init(root: URL, runner: any ProcessRunning, python: URL, sandbox: ToolSandbox? = nil) {
        self.root = root
        self.runner = runner
        self.python = python
        self.sandbox = sandbox
    }

    /// Where the task folder and the shared modules appear inside the preparation sandbox.
    static let tasksMount = "/dojo/tasks"
    static let outputMount = "/dojo/out"

    /// The shared Python modules beside the task folders (`Tasks/taskkit.py`, `Tasks/ladder.py`) that a
    /// prepare.py may import: bound into its sandbox and part of the digest.
    public static func sharedModules(of task: TaskSpec) -> [URL] {
        let tasks = task.directory.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tasks.path)) ?? []
        return names.filter { $0.hasSuffix(".py") && !$0.hasPrefix(".") }.sorted().map { tasks.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// The cache key of a task: its folder and the shared modules it can import (a change to
    /// taskkit.py prepares every task again).
    public static func digest(of task: TaskSpec) throws(DojoError) -> String {
        let folder = try FileDigest.folder(task.directory)
        let modules = sharedModules(of: task)
        if modules.isEmpty && task.rawData == nil { return folder }
        var hasher = SHA256()
        hasher.update(folder)
        if let raw = task.rawData {
            // Raw data can be gigabytes: its names, sizes and modification times stand for it.
            hasher.update([1])
            hasher.update(rawFingerprint(raw))
        }
        for module in modules {
            hasher.update([0])
            hasher.update(module.lastPathComponent)
            hasher.update([0])
            hasher.update(try FileDigest.file(module))
        }
        return hasher.finalize()
    }

    /// Every file under a raw-data folder with its size and modification time, one line each, sorted.
    static func rawFingerprint(_ folder: URL) -> String {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return "missing" }
        var lines: [String] = []
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))
            lines.append("\(path)\t\(values.fileSize ?? -1)\t\(values.contentModificationDate?.timeIntervalSince1970 ?? 0)")
        }
        return lines.sorted().joined(separator: "\n")
    }

    /// Recreates `source`'s folders under `target` with a hard link to each file (a copy where a link
    /// cannot be made, across file systems), and symbolic links as they are.
    static func linkTree(_ source: URL, into target: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: target, withIntermediateDirectories: true)
        let base = source.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = manager.enumerator(at: source.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey]) else { return }
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            let destination = target.appendingPathComponent(relative)
            let values = try url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            if values.isSymbolicLink == true {
                try manager.createSymbolicLink(atPath: destination.path, withDestinationPath: try manager.destinationOfSymbolicLink(atPath: url.path))
            } else if values.isDirectory == true {
                try manager.createDirectory(at: destination, withIntermediateDirectories: true)
            } else if link(url.path, destination.path) != 0 {
                try manager.copyItem(at: url, to: destination)
            }
        }
    }

    /// Where the raw data appears inside the preparation sandbox.
    static let rawMount = "/dojo/raw"

    public func directory(for task: TaskSpec, seed: Int, digest: String) -> URL {
        root.appendingPathComponent(Self.directoryName(taskID: task.id, seed: seed, digest: digest))
    }

    /// The name of a task's prepared folder for a seed and digest (readers of the cache use it too).
    public static func directoryName(taskID: String, seed: Int, digest: String) -> String {
        "\(taskID)-\(digest.prefix(16))-seed\(seed)"
    }

    /// The prepared data, made or repaired as needed.
    public func prepare(_ task: TaskSpec, seed: Int, progress: @escaping @Sendable (String) -> Void = { _ in })
        throws(DojoError) -> (PreparedTask, Outcome) {
        let digest = try Self.digest(of: task)
        let target = directory(for: task, seed: seed, digest: digest)
        var rebuildReason: String?
        if FileManager.default.fileExists(atPath: target.path) {
            switch verify(target) {
            case .success(let manifest):
                return (PreparedTask(taskId: task.id, seed: seed, digest: digest, directory: target, checksums: manifest.files), .cached)
            case .failure(let problem):
                rebuildReason = problem.description
                progress("cached data for \(task.id) (seed \(seed)) is damaged: \(problem); rebuilding")
                try? FileManager.default.removeItem(at: target)
            }
        }
        try FileManager.default.createDirectoryIfNeeded(root)
        let lock = try FileLock(root.appendingPathComponent(".\(task.id)-seed\(seed).lock"))
        defer { lock.unlock() }
        // Another process may have prepared it while this one waited for the lock.
        if case .success(let manifest) = verify(target) {
            return (PreparedTask(taskId: task.id, seed: seed, digest: digest, directory: target, checksums: manifest.files), .cached)
        }
        let manifest = try run(task, seed: seed, digest: digest, into: target, progress: progress)
        let prepared = PreparedTask(taskId: task.id, seed: seed, digest: digest, directory: target, checksums: manifest.files)
        return (prepared, rebuildReason.map { .rebuilt(reason: $0) } ?? .prepared)
    }

    /// Files prepared for one version of a task, taken over by another version whose preparation is the
    /// same (an import that rewrote task.toml after preparing: prepare.py and the raw data unchanged), so
    /// they are not prepared twice. The files are checked against their manifest first.
    public func adopt(_ prepared: PreparedTask, for task: TaskSpec) throws(DojoError) -> PreparedTask {
        let digest = try Self.digest(of: task)
        let target = directory(for: task, seed: prepared.seed, digest: digest)
        if target.standardizedFileURL == prepared.directory.standardizedFileURL { return prepared }
        guard case .success(var manifest) = verify(prepared.directory) else {
            throw DojoError(.preparation, "the prepared files changed before they could be kept", at: prepared.directory.path)
        }
        manifest.digest = digest
        manifest.task = task.id
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: prepared.directory.appendingPathComponent("manifest.json"))
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: prepared.directory, to: target)
        } catch {
            throw DojoError(.io, "cannot move the prepared data: \(error.localizedDescription)", at: target.path)
        }
        return PreparedTask(taskId: task.id, seed: prepared.seed, digest: digest, directory: target, checksums: manifest.files)
    }

    /// The prepared folder of a task for a seed, when it is in the cache (not checked).
    public func existing(_ task: TaskSpec, seed: Int) -> URL? {
        guard let digest = try? Self.digest(of: task) else { return nil }
        let target = directory(for: task, seed: seed, digest: digest)
        return FileManager.default.fileExists(atPath: target.appendingPathComponent("manifest.json").path) ? target : nil
    }

    /// Checks every recorded file against its checksum.
    func verify(_ directory: URL) -> Result<Manifest, VerifyProblem> {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: manifestURL),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            return .failure(VerifyProblem("manifest.json is missing or unreadable"))
        }
        for (path, expected) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(path)
            guard let actual = try? FileDigest.file(url) else { return .failure(VerifyProblem("\(path) is missing")) }
            if actual != expected { return .failure(VerifyProblem("\(path) does not match its checksum")) }
        }
        let present = Set(FileDigest.files(under: directory).filter { $0 != "manifest.json" })
        if let extra = present.subtracting(manifest.files.keys).sorted().first {
            return .failure(VerifyProblem("\(extra) was added after preparation"))
        }
        return .success(manifest)
    }

    struct VerifyProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private func run(_ task: TaskSpec, seed: Int, digest: String, into target: URL,
                     progress: @escaping @Sendable (String) -> Void) throws(DojoError) -> Manifest {
        let staging = root.appendingPathComponent(".staging-\(task.id)-\(seed)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.removeItem(at: staging)
        let publicDir = staging.appendingPathComponent("public")
        let privateDir = staging.appendingPathComponent("private")
        try FileManager.default.createDirectoryIfNeeded(publicDir)
        try FileManager.default.createDirectoryIfNeeded(privateDir)
        if let raw = task.rawData {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: raw.path, isDirectory: &isFolder), isFolder.boolValue else {
                try? FileManager.default.removeItem(at: staging)
                throw DojoError(.preparation, "the raw data folder \(raw.path) does not exist", at: "\(task.id)/task.toml, key `data.raw`",
                                hint: "import the competition again with --raw ZIP|DIR (docs/competitions.md)")
            }
        }
        // The raw data is seen through a writable view of hard links (copies across file systems): many
        // anchors' prepare() unpack nested zips into the raw folder, and some delete it at their end;
        // neither may touch the user's own copy.
        var rawView: URL?
        if let raw = task.rawData {
            let view = root.appendingPathComponent(".raw-\(task.id)-\(seed)-\(UUID().uuidString.prefix(8))")
            do { try Self.linkTree(raw, into: view) } catch {
                try? FileManager.default.removeItem(at: view)
                try? FileManager.default.removeItem(at: staging)
                throw DojoError(.preparation, "cannot make a working view of the raw data: \(error.localizedDescription)", at: raw.path)
            }
            rawView = view
        }
        defer { if let rawView { try? FileManager.default.removeItem(at: rawView) } }
        progress("preparing \(task.id) (seed \(seed)) with prepare.py")
        let lines = LineSplitter { line in if !line.isEmpty { progress("  " + line) } }
        let onOutput: @Sendable (OutputChannel, [UInt8]) -> Void = { channel, bytes in if channel == .stdout { lines.feed(bytes) } }
        let spec: ProcessSpec
        if let sandbox {
            // Inside: the task folder and the shared modules read-only at /dojo/tasks, the outputs at /dojo/out.
            let taskMount = "\(Self.tasksMount)/\(task.directory.lastPathComponent)"
            var binds = [ToolSandbox.Bind(task.directory.path, at: taskMount)]
            for module in Self.sharedModules(of: task) {
                binds.append(ToolSandbox.Bind(module.path, at: "\(Self.tasksMount)/\(module.lastPathComponent)"))
            }
            binds += [ToolSandbox.Bind(publicDir.path, at: "\(Self.outputMount)/public", writable: true),
                      ToolSandbox.Bind(privateDir.path, at: "\(Self.outputMount)/private", writable: true)]
            var rawArguments: [String] = []
            if let rawView {
                binds.append(ToolSandbox.Bind(rawView.path, at: Self.rawMount, writable: true))
                rawArguments = ["--raw", Self.rawMount]
            }
            spec = sandbox.spec(
                [python.path, "-u", "\(taskMount)/\(task.prepareScriptURL.lastPathComponent)",
                 "--public", "\(Self.outputMount)/public", "--private", "\(Self.outputMount)/private", "--seed", String(seed)] + rawArguments,
                binds: binds, environment: ["PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"],
                workingDirectory: taskMount, timeout: 1800, onOutput: onOutput)
        } else {
            spec = ProcessSpec(
                executable: python.path,
                arguments: ["-u", task.prepareScriptURL.path, "--public", publicDir.path, "--private", privateDir.path,
                            "--seed", String(seed)] + (rawView.map { ["--raw", $0.path] } ?? []),
                environment: [
                    "PATH": "\(python.deletingLastPathComponent().path):/usr/local/bin:/usr/bin:/bin",
                    "HOME": staging.path, "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
                ],
                workingDirectory: task.directory, timeout: 1800, onOutput: onOutput)
        }
        let outcome = try runner.run(spec)
        guard outcome.succeeded else {
            try? FileManager.default.removeItem(at: staging)
            let reason = outcome.timedOut ? "timed out after 30 minutes"
                : "exited with \(outcome.exitCode.map(String.init) ?? "signal \(outcome.signal ?? 0)"): \(PythonEnvironment.lastLine(outcome.stderr.text))"
            throw DojoError(.preparation, "prepare.py failed: \(reason)", at: task.prepareScriptURL.path,
                            hint: "run it by hand to see the whole error: python prepare.py --public P --private Q --seed \(seed)")
        }
        for required in ["public/sample_submission.csv", "private/answers.csv"]
        where !FileManager.default.fileExists(atPath: staging.appendingPathComponent(required).path) {
            try? FileManager.default.removeItem(at: staging)
            throw DojoError(.preparation, "prepare.py did not write \(required)", at: task.prepareScriptURL.path,
                            hint: "prepare.py must write public/sample_submission.csv and private/answers.csv")
        }
        var files: [String: String] = [:]
        for path in FileDigest.files(under: staging) {
            files[path] = try FileDigest.file(staging.appendingPathComponent(path))
        }
        let manifest = Manifest(task: task.id, seed: seed, digest: digest,
                                createdAt: ISO8601DateFormatter().string(from: Date()), files: files)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: staging.appendingPathComponent("manifest.json"))
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: staging, to: target)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw DojoError(.io, "cannot store the prepared data: \(error.localizedDescription)", at: target.path)
        }
        progress("prepared \(files.count) files for \(task.id) (seed \(seed))")
        return manifest
    }
}
