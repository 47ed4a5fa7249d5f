import Foundation

/// The raw data of a competition: a Kaggle zip unpacked (in a sandbox: the zip is untrusted input) into
/// the user's data folder, with MLE-bench's md5 of the zip checked.
public struct CompetitionRawData: Sendable {
    public let python: URL
    public let runner: any ProcessRunning
    /// nil unpacks without isolation (no bwrap).
    public let sandbox: ToolSandbox?

    public init(python: URL, runner: any ProcessRunning, sandbox: ToolSandbox?) {
        self.python = python
        self.runner = runner
        self.sandbox = sandbox
    }

    public struct Unpacked: Sendable, Equatable {
        public var folder: URL
        public var md5: String
        /// nil when the clone has no checksum for the zip.
        public var checksumMatches: Bool?
        public var files: Int
    }

    /// Unpacks `zip` into `folder` (emptied first); a zip that does not read is a clear error.
    public func unpack(zip: URL, into folder: URL, expectedMD5: String?,
                       progress: @escaping @Sendable (String) -> Void) throws(DojoError) -> Unpacked {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: zip.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw DojoError(.competition, "no file \(zip.path)", hint: "pass the Kaggle zip (or the folder it unpacks to) with --raw")
        }
        try? manager.removeItem(at: folder)
        try manager.createDirectoryIfNeeded(folder)
        let scratch = manager.temporaryDirectory.appendingPathComponent("dojo-unpack-\(UUID().uuidString)")
        try manager.createDirectoryIfNeeded(scratch)
        defer { try? manager.removeItem(at: scratch) }
        let script = scratch.appendingPathComponent("unpack.py")
        do { try CompetitionScripts.unpack.write(to: script, atomically: true, encoding: .utf8) } catch {
            throw DojoError(.io, "cannot write the unpacking script: \(error.localizedDescription)", at: script.path)
        }
        let lines = LineSplitter { line in
            if !line.isEmpty, !line.hasPrefix("DOJO_") { progress("  " + line) }
        }
        let onOutput: @Sendable (OutputChannel, [UInt8]) -> Void = { channel, bytes in if channel == .stdout { lines.feed(bytes) } }
        let spec: ProcessSpec
        if let sandbox {
            spec = sandbox.spec([python.path, "/dojo/lib/unpack.py", "/dojo/in/input.zip", "/dojo/out", expectedMD5 ?? "", zip.lastPathComponent],
                                binds: [ToolSandbox.Bind(script.path, at: "/dojo/lib/unpack.py"),
                                        ToolSandbox.Bind(zip.path, at: "/dojo/in/input.zip"),
                                        ToolSandbox.Bind(folder.path, at: "/dojo/out", writable: true)],
                                environment: ["PYTHONDONTWRITEBYTECODE": "1"], workingDirectory: "/dojo/out", timeout: nil, onOutput: onOutput)
        } else {
            spec = ProcessSpec(executable: python.path, arguments: [script.path, zip.path, folder.path, expectedMD5 ?? "", zip.lastPathComponent],
                               environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": scratch.path, "PYTHONDONTWRITEBYTECODE": "1"],
                               workingDirectory: scratch, timeout: nil, onOutput: onOutput)
        }
        progress("unpacking \(zip.lastPathComponent) into \(folder.path)")
        let outcome = try runner.run(spec)
        let stdout = outcome.stdout.text
        let md5 = stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("DOJO_MD5 ") }.map { String($0.dropFirst(9)) } ?? ""
        guard outcome.succeeded else {
            try? manager.removeItem(at: folder)
            let last = PythonEnvironment.lastLine(outcome.stderr.text)
            let reason = last.hasPrefix("dojo: ") ? String(last.dropFirst(6)) : "unpacking failed: \(last)"
            throw DojoError(.competition, reason, at: zip.path, hint: "download the competition's zip again (dojo competitions download ID, or from its Kaggle page)")
        }
        let files = stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("DOJO_UNPACKED ") }.flatMap { Int($0.dropFirst(14)) } ?? 0
        return Unpacked(folder: folder, md5: md5, checksumMatches: expectedMD5.map { $0 == md5 }, files: files)
    }
}
