import Foundation

/// A temporary home for end-to-end tests: `HOME` and the XDG cache, state and config folders all
/// point into a fresh temporary folder, so a test never reads the user's config, never writes into
/// their cache or trajectories, and starts with no prepared data. Only the Python environment is
/// shared (it takes minutes to build and needs the network): the temporary cache links to the real
/// one's `venv`, when it exists.
public struct TestHome: Sendable {
    public let temp: TemporaryDirectory

    /// Creates the folders; `environment` is where the real cache is looked up (the test process's).
    public init(_ temp: TemporaryDirectory, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.temp = temp
        for folder in [home, cacheHome, stateHome, configHome, cacheHome.appendingPathComponent("dojo")] {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let realHome = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        let realCache = environment["DOJO_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent("dojo") }
            ?? realHome.appendingPathComponent(".cache/dojo")
        let venv = realCache.appendingPathComponent("venv")
        if FileManager.default.fileExists(atPath: venv.path) {
            try? FileManager.default.createSymbolicLink(at: cacheHome.appendingPathComponent("dojo/venv"), withDestinationURL: venv)
        }
    }

    public var home: URL { temp.file("home") }
    public var cacheHome: URL { temp.file("home/.cache") }
    public var stateHome: URL { temp.file("home/.local/state") }
    public var configHome: URL { temp.file("home/.config") }
    /// `XDG_DATA_HOME`: imported competitions go to `dojo/tasks` below it.
    public var dataHome: URL { temp.file("home/.local/share") }
    /// Where `dojo` reads the user's config from in this home.
    public var configFile: URL { configHome.appendingPathComponent("dojo/config.toml") }
    /// Where `dojo play` and `dojo run` write trajectories by default in this home.
    public var trajectories: URL { stateHome.appendingPathComponent("dojo/trajectories") }

    /// Writes the user's config file (`theme = …`, `[keys]`).
    public func writeConfig(_ text: String) {
        try? FileManager.default.createDirectory(at: configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: configFile, atomically: true, encoding: .utf8)
    }

    /// The environment for a `dojo` under test: this home, a UTF-8 xterm, the repository's tasks
    /// (unless `extra` names others), then `extra`.
    public func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "HOME": home.path, "XDG_CACHE_HOME": cacheHome.path, "XDG_STATE_HOME": stateHome.path,
            "XDG_CONFIG_HOME": configHome.path, "XDG_DATA_HOME": dataHome.path, "DOJO_USER_TASKS": "", "LANG": "C.UTF-8", "TERM": "xterm-256color",
            "DOJO_TASKS": DojoBinary.repositoryRoot().appendingPathComponent("Tasks").path,
            // Cleared so the user's own settings cannot leak in (an empty value means unset to dojo).
            "DOJO_CONFIG": "", "DOJO_CACHE": "", "DOJO_THEME": "", "NO_COLOR": "",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }
}
