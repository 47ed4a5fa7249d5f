import DojoKit
import DojoUI

/// The protocol session's host under co-pilot: lives on the agent's thread, asks the UI.
final class CopilotHost: ProtocolHost {
    private let driver: CopilotDriver
    private let setup: CopilotDriver.Setup
    private var joined = false

    init(driver: CopilotDriver, setup: CopilotDriver.Setup) {
        self.driver = driver
        self.setup = setup
    }

    var trajectoryPath: String? { setup.trajectoryURL.path }

    static let quitting = RPCError(.episodeEnded, "the person quit the workbench")

    func reset(task: String?, seed: Int?) -> Result<ProtocolSession.ResetResult, RPCError> {
        if let task, task != setup.task.id {
            return .failure(RPCError(.invalidParams, "this co-pilot episode is on task \(setup.task.id), not \(task); omit `task` in reset"))
        }
        if let seed, seed != setup.seed {
            return .failure(RPCError(.invalidParams, "this co-pilot episode uses seed \(setup.seed), not \(seed); omit `seed` in reset"))
        }
        if joined {
            return .failure(RPCError(.invalidRequest, "a co-pilot episode belongs to the workbench and cannot be reset; keep stepping or close"))
        }
        switch driver.ask({ .reset(id: $0) }) {
        case .reset(let observation):
            joined = true
            return .success(ProtocolSession.ResetResult(observation: observation, task: TaskCard(task: setup.task, limits: setup.limits),
                                                        trajectory: trajectoryPath))
        case .error(let error): return .failure(error)
        case .step, nil: return .failure(Self.quitting)
        }
    }

    func step(_ action: Action) -> Result<HostedStep, RPCError> {
        guard joined else { return .failure(RPCError(.noEpisode, "no episode yet: call reset first")) }
        switch driver.ask({ .step(id: $0, action) }) {
        case .step(let reply): return .success(reply)
        case .error(let error): return .failure(error)
        case .reset, nil: return .failure(Self.quitting)
        }
    }

    func note(_ text: String, data: [String: JSONValue]?) -> Result<Void, RPCError> {
        guard joined else { return .failure(RPCError(.noEpisode, "no episode yet: call reset first")) }
        driver.post(.agent(.note(text, data: data)))
        return .success(())
    }

    func close(reason: String) { driver.post(.agent(.ended(reason))) }
}
