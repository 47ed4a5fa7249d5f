import Foundation

/// Where `dojo eval --ray` finds Ray: its own small environment (`dojo setup ray`), built from
/// Agents/ray/requirements.txt into `<cache>/ray-venv`, apart from the tasks' environment, and the
/// driver script Agents/ray/dojo_ray.py that it runs with that environment's interpreter.
public struct RayEnvironment: Sendable {
    public let python: PythonEnvironment
    public let driverScript: URL

    /// `repository` is the folder holding Agents/ (the parent of the Tasks folder).
    public init(cacheDirectory: URL, repository: URL, runner: any ProcessRunning,
                hostEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        let folder = repository.appendingPathComponent("Agents/ray")
        python = PythonEnvironment(venvDirectory: cacheDirectory.appendingPathComponent("ray-venv"),
                                   requirementsFile: folder.appendingPathComponent("requirements.txt"),
                                   runner: runner, hostEnvironment: hostEnvironment)
        driverScript = folder.appendingPathComponent("dojo_ray.py")
    }

    public init(paths: DojoPaths, runner: any ProcessRunning) {
        self.init(cacheDirectory: paths.cacheDirectory, repository: paths.tasksDirectory.deletingLastPathComponent(), runner: runner)
    }

    /// The interpreter with Ray, when the environment is built and current; otherwise an error saying
    /// to run `dojo setup ray` (evaluations do not build it on their own: it is a download of ~80 MB).
    public func readyInterpreter() throws(DojoError) -> URL {
        guard FileManager.default.fileExists(atPath: driverScript.path) else {
            throw DojoError(.cluster, "the Ray driver script is missing", at: driverScript.path,
                            hint: "restore Agents/ray/ from the repository")
        }
        switch try python.state() {
        case .ready: return python.interpreter
        case .missing:
            throw DojoError(.cluster, "the Ray environment is not set up", at: python.venvDirectory.path,
                            hint: "run `dojo setup ray` once (it installs the pinned Ray from Agents/ray/requirements.txt)")
        case .stale:
            throw DojoError(.cluster, "the Ray environment is out of date with Agents/ray/requirements.txt", at: python.venvDirectory.path,
                            hint: "run `dojo setup ray` to rebuild it")
        }
    }
}
