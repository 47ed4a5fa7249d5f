import Foundation

/// A one-shot bubblewrap sandbox for task code that runs outside an episode: a task's `prepare.py`
/// and its Python metric (task folders are untrusted, like the agent's code). No network, a read-only
/// system and Python, a private `/tmp`, and only the files it is given: each run names its binds.
public struct ToolSandbox: Sendable {
    /// One host path made visible inside.
    public struct Bind: Sendable, Equatable {
        public var source: String
        public var destination: String
        public var writable: Bool

        public init(_ source: String, at destination: String, writable: Bool = false) {
            self.source = source
            self.destination = destination
            self.writable = writable
        }
    }

    /// The bwrap program (an absolute path).
    public let bwrap: String
    /// The task environment's interpreter; its venv and base prefix are bound read-only.
    public let python: URL
    /// The size of the private `/tmp`, in bytes.
    public var tmpBytes: Int

    public init(bwrap: String, python: URL, tmpBytes: Int = 1 << 30) {
        self.bwrap = bwrap
        self.python = python
        self.tmpBytes = tmpBytes
    }

    /// The sandbox when bwrap is installed, nil when it is not.
    public static func find(python: URL, bwrap: String = "bwrap") -> ToolSandbox? {
        SystemProcessRunner.resolve(bwrap, environment: [:]).map { ToolSandbox(bwrap: $0, python: python) }
    }

    /// A process spec that runs `arguments` (the first one the program, a path inside) in the sandbox.
    public func spec(_ arguments: [String], binds: [Bind], environment: [String: String], workingDirectory: String,
                     timeout: Double?, outputCap: Int = 256 * 1024,
                     onOutput: (@Sendable (OutputChannel, [UInt8]) -> Void)? = nil) -> ProcessSpec {
        // The episode sandbox's seccomp filter too: task code from outside (prepare.py, Python metrics) runs here.
        var args = ["--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000", "--hostname", "dojo",
                    "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--seccomp", "3",
                    "--ro-bind", "/usr", "/usr"]
        let manager = FileManager.default
        for top in ["bin", "sbin", "lib", "lib32", "lib64", "libx32"] {
            let path = "/" + top
            if let target = try? manager.destinationOfSymbolicLink(atPath: path) {
                args += ["--symlink", target, path]
            } else if manager.fileExists(atPath: path) {
                args += ["--ro-bind", path, path]
            }
        }
        for file in ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/alternatives"] {
            args += ["--ro-bind-try", file, file]
        }
        args += ["--proc", "/proc", "--dev", "/dev", "--size", "\(tmpBytes)", "--tmpfs", "/tmp"]
        // Nothing hidden: prepare.py reads the packaged data the episode sandbox hides.
        let configuration = SandboxConfiguration(python: python, limits: .defaults, hidden: [])
        for root in configuration.pythonRoots() { args += ["--ro-bind", root.path, root.path] }
        for bind in binds { args += [bind.writable ? "--bind" : "--ro-bind", bind.source, bind.destination] }
        args += ["--remount-ro", "/", "--chdir", workingDirectory, "--clearenv"]
        var variables = environment
        variables["PATH"] = variables["PATH"] ?? "\(python.deletingLastPathComponent().path):/usr/local/bin:/usr/bin:/bin"
        variables["HOME"] = variables["HOME"] ?? "/tmp"
        variables["TMPDIR"] = "/tmp"
        variables["LANG"] = variables["LANG"] ?? "C.UTF-8"
        for (key, value) in variables.sorted(by: { $0.key < $1.key }) { args += ["--setenv", key, value] }
        var spec = ProcessSpec(executable: bwrap, arguments: args + ["--"] + arguments, environment: ["PATH": "/usr/bin:/bin"],
                               workingDirectory: nil, timeout: timeout, outputCap: outputCap, onOutput: onOutput)
        spec.seccompFilterOnFD3 = true
        return spec
    }
}
