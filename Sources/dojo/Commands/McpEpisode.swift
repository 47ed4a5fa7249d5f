import DojoKit
import Foundation
import Synchronization

/// The one episode an MCP session drives. `Environment` has one owner: every use of it runs on a
/// serial queue, so tool calls that arrive together run one after the other. A running step can be
/// cancelled from any thread (a client's `notifications/cancelled`, or the client going away).
final class McpEpisode: @unchecked Sendable {
    /// What the resources read without waiting for a running step.
    struct Snapshot: Sendable {
        var task: TaskSpec?
        var trajectory: URL?
        var best: BestSoFar?
        var stepsTaken = 0
    }

    struct ResetOutcome: Sendable {
        var observation: Observation
        var card: TaskCard
        var trajectory: String?
    }

    private let factory: EpisodeFactory
    /// The task this server is fixed to (`dojo mcp --task`), if any.
    let fixedTask: String?
    private let queue = DispatchQueue(label: "dojo.mcp.episode")
    /// Touched only on `queue`.
    private var environment: Environment?
    private var ended = false
    private let running = Mutex<Cancellation?>(nil)
    private let state = Mutex(Snapshot())

    init(factory: EpisodeFactory, fixedTask: String?) {
        self.factory = factory
        self.fixedTask = fixedTask
        if let fixedTask, let spec = try? factory.services.loader.load(id: fixedTask) {
            state.withLock { $0.task = spec }
        }
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    /// Starts a new episode (on another task or seed when given). Errors are the protocol's words.
    func reset(task: String?, seed: Int?) async -> Result<ResetOutcome, McpToolError> {
        await onQueue { [self] in
            if ended { return .failure(McpToolError("the server is shutting down")) }
            if let fixedTask, let task, task != fixedTask {
                return .failure(McpToolError(
                    "this server serves only the task \(fixedTask) (dojo mcp --task \(fixedTask)); start another for \(task)"))
            }
            do {
                let wanted = task ?? environment?.task.id ?? fixedTask
                if environment == nil || wanted != environment?.task.id || seed.map({ $0 != environment?.configuration.seed }) == true {
                    guard let wanted else {
                        return .failure(McpToolError("no task yet: call reset with a task id (one of `dojo tasks`), e.g. {\"task\": \"titanic\"}"))
                    }
                    environment?.close(reason: "reset to another task")
                    environment = try factory.environment(task: wanted, seed: seed ?? environment?.configuration.seed)
                }
                guard let environment else { return .failure(McpToolError("no environment")) }
                let observation = try environment.reset()
                state.withLock {
                    $0 = Snapshot(task: environment.task, trajectory: environment.trajectory?.url, best: nil, stepsTaken: 0)
                }
                return .success(ResetOutcome(observation: observation,
                                             card: TaskCard(task: environment.task, limits: environment.configuration.limits),
                                             trajectory: environment.trajectory?.url.path))
            } catch {
                return .failure(McpToolError("\(error)"))
            }
        }
    }

    /// Takes one action; cancelling the calling task cancels the step (its processes are killed).
    func step(_ action: Action) async -> Result<Observation, McpToolError> {
        let cancellation = Cancellation()
        return await withTaskCancellationHandler {
            await onQueue { [self] in
                if ended { return .failure(McpToolError("the server is shutting down")) }
                guard let environment, environment.workspace != nil || environment.isOver else {
                    return .failure(McpToolError("no episode yet: call reset first"))
                }
                if environment.isOver {
                    return .failure(McpToolError(
                        "the episode has ended (\(environment.endReason ?? "over")); call reset to start a new one"))
                }
                running.withLock { $0 = cancellation }
                defer { running.withLock { $0 = nil } }
                do {
                    let observation = try environment.step(action, actor: .agent, cancellation: cancellation)
                    state.withLock {
                        $0.best = environment.best
                        $0.stepsTaken = observation.step
                    }
                    return .success(observation)
                } catch {
                    return .failure(McpToolError("\(error)"))
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// The client is gone: cancel a running step, wait for it, and end the episode with the reason.
    func shutdown(reason: String) {
        running.withLock { $0?.cancel() }
        queue.sync {
            ended = true
            environment?.close(reason: reason)
            environment = nil
        }
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}

/// A tool call that cannot be answered with an observation: the message goes back as an MCP tool error.
struct McpToolError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
