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
        var args = BubblewrapBase.arguments(seccompDescriptor: 3)  // dojo_spawn put the filter at fd 3
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
