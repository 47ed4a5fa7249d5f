import Foundation

/// Where Dojo keeps things, resolved once from the environment and injected everywhere else.
public struct DojoPaths: Sendable, Equatable {
    /// Prepared data, the Python environment and episode workspaces (`$DOJO_CACHE`, else `$XDG_CACHE_HOME/dojo`).
    public var cacheDirectory: URL
    /// Trajectories by default (`$XDG_STATE_HOME/dojo`).
    public var stateDirectory: URL
    /// The folder of task folders.
    public var tasksDirectory: URL
    /// The user's own task folders, listed beside the built-in ones: where `dojo competitions import`
    /// writes (`$DOJO_USER_TASKS`, else `$XDG_DATA_HOME/dojo/tasks`, else `~/.local/share/dojo/tasks`).
    public var userTasksDirectory: URL?
    /// The user's data: raw competition downloads (`$XDG_DATA_HOME/dojo`, else `~/.local/share/dojo`).
    public var dataDirectory: URL?

    public init(cacheDirectory: URL, stateDirectory: URL, tasksDirectory: URL) {
        self.cacheDirectory = cacheDirectory
        self.stateDirectory = stateDirectory
        self.tasksDirectory = tasksDirectory
    }

    public var requirementsFile: URL { tasksDirectory.appendingPathComponent("requirements.txt") }
    public var venvDirectory: URL { cacheDirectory.appendingPathComponent("venv") }
    public var preparedDirectory: URL { cacheDirectory.appendingPathComponent("prepared") }
    /// Episode workspaces; `$DOJO_EPISODES` moves them (tests use it to find their own sandboxes).
    public var episodesDirectory: URL { episodesOverride ?? cacheDirectory.appendingPathComponent("episodes") }
    public var episodesOverride: URL?
    public var trajectoriesDirectory: URL { stateDirectory.appendingPathComponent("trajectories") }
    /// The workspaces `dojo play` keeps on quit (`KeptWorkspaceStore`, `dojo workspaces`).
    public var workspacesDirectory: URL { stateDirectory.appendingPathComponent("workspaces") }
    /// Raw competition data (a Kaggle zip, unpacked) by competition id.
    public var competitionsDataDirectory: URL? { dataDirectory?.appendingPathComponent("competitions") }
    /// Every folder of task folders: the built-in one first, then the user's.
    public var taskDirectories: [URL] { [tasksDirectory] + (userTasksDirectory.map { [$0] } ?? []) }

    /// Resolves the paths: explicit overrides first, then environment variables, then XDG defaults;
    /// the tasks folder is otherwise found by walking up from the working directory and the executable.
    public static func resolve(environment: [String: String], currentDirectory: URL, executable: URL?,
                               tasksOverride: String? = nil, cacheOverride: String? = nil) throws(DojoError) -> DojoPaths {
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        let cache = cacheOverride.map { URL(fileURLWithPath: $0, relativeTo: currentDirectory).standardizedFileURL }
            ?? environment["DOJO_CACHE"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent("dojo") }
            ?? home.appendingPathComponent(".cache/dojo")
        let state = environment["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent("dojo") }
            ?? home.appendingPathComponent(".local/state/dojo")

        let tasks: URL
        if let explicit = tasksOverride ?? environment["DOJO_TASKS"] {
            tasks = URL(fileURLWithPath: explicit, relativeTo: currentDirectory).standardizedFileURL
        } else if let found = findTasks(from: currentDirectory) ?? executable.flatMap({ findTasks(from: $0.deletingLastPathComponent()) }) {
            tasks = found
        } else {
            throw DojoError(.taskNotFound, "cannot find the Tasks folder from \(currentDirectory.path)",
                            hint: "run dojo inside its repository, or pass --tasks DIR / set DOJO_TASKS")
        }
        var paths = DojoPaths(cacheDirectory: cache, stateDirectory: state, tasksDirectory: tasks)
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).appendingPathComponent("dojo") }
            ?? home.appendingPathComponent(".local/share/dojo")
        paths.dataDirectory = data
        paths.userTasksDirectory = environment["DOJO_USER_TASKS"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? data.appendingPathComponent("tasks")
        paths.episodesOverride = environment["DOJO_EPISODES"].map { URL(fileURLWithPath: $0) }
        return paths
    }

    private static func findTasks(from start: URL) -> URL? {
        var directory = start.standardizedFileURL.resolvingSymlinksInPath()
        for _ in 0..<12 {
            let candidate = directory.appendingPathComponent("Tasks")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("requirements.txt").path) {
                return candidate
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return nil
    }
}
