import DojoKit
import DojoUI
import Foundation
import Synchronization

/// Co-pilot's agent side (`dojo play --agent`): runs the agent under the protocol on its own
/// thread, turns its requests into `AgentEvent`s for the UI and carries the UI's answers back.
/// The agent's thread blocks on its request while the person decides; the UI never blocks.
final class CopilotDriver: Sendable {
    struct Setup: Sendable {
        var process: AgentProcess
        var task: TaskSpec
        var limits: TaskSpec.Limits
        var seed: Int
        var trajectoryURL: URL
    }

    private let inbox = Mutex<[AppEvent]>([])
    private let answers = Mutex<[Int: CopilotReply]>([:])
    private let answered = DispatchSemaphore(value: 0)
    private let nextID = Mutex(0)
    /// Set when the person quits: the agent's waiting request is refused and the agent is stopped.
    let stop = Cancellation()
    private let finished = DispatchSemaphore(value: 0)

    init(setup: Setup) {
        let thread = Thread { [self] in
            let host = CopilotHost(driver: self, setup: setup)
            do {
                _ = try setup.process.run(session: ProtocolSession(host: host), stop: stop, stopReason: "the person quit the workbench")
            } catch {
                post(.agent(.ended("cannot start the agent: \(error)")))
            }
            finished.signal()
        }
        thread.name = "dojo.agent"
        thread.start()
    }

    /// The agent's news since the last call.
    func drain() -> [AppEvent] { inbox.withLock { events in defer { events = [] }; return events } }

    /// Carries out a co-pilot effect: recording goes to the environment's thread, answers to the agent's.
    func perform(_ effect: CopilotEffect, worker: StepWorker) {
        switch effect {
        case .runStep(let action, let actor): worker.send(.step(action, actor: actor))
        case .note(let text, let actor, let data): worker.send(.note(text, actor: actor, data: data))
        case .control(let actor, let reason): worker.send(.control(to: actor, reason: reason))
        case .answer(let id, let reply):
            answers.withLock { $0[id] = reply }
            answered.signal()
        }
    }

    /// Stops the agent (its whole process group) and waits at most `timeout` seconds for that.
    @discardableResult
    func stopAndWait(timeout: Double) -> Bool {
        stop.cancel()
        answered.signal()
        return finished.wait(timeout: .now() + timeout) == .success
    }

    // MARK: the agent's thread

    func post(_ event: AppEvent) { inbox.withLock { $0.append(event) } }

    /// Posts a request and waits for its answer; nil when dojo is stopping.
    func ask(_ make: (Int) -> AgentEvent) -> CopilotReply? {
        let id = nextID.withLock { $0 += 1; return $0 }
        post(.agent(make(id)))
        while true {
            if let reply = answers.withLock({ $0.removeValue(forKey: id) }) { return reply }
            if stop.isCancelled { return nil }
            _ = answered.wait(timeout: .now() + 0.1)
        }
    }
}
