import DojoKit
import DojoUI
import Foundation
import Synchronization

/// Owns the Environment on one dedicated thread: the Environment is built there and never leaves.
/// The UI sends jobs (Sendable actions) and reads back events (Sendable observations) from an inbox.
final class StepWorker: Sendable {
    enum Job: Sendable {
        case step(Action, actor: Actor = .human)
        /// Co-pilot: a note and a hand-over, recorded in the trajectory in order with the steps.
        case note(String, actor: Actor, data: [String: JSONValue]?)
        case control(to: Actor, reason: String)
        case close(String)
    }

    /// What the worker thread needs to build the environment.
    struct Setup: Sendable {
        var episodes: EpisodeBuilder
        var seed: Int
        /// The trajectory header's `agent`.
        var agent: [String: JSONValue]
        var trajectoryURL: URL
        /// A fork: before the person's first step, the workspace is rebuilt from these steps (unless clean).
        var fork: ForkPlan?
        var forkClean = false
        /// Where the episode's workspace is kept when it closes (`dojo play`); nil keeps nothing.
        var keep: KeptWorkspaceStore?
        /// `dojo play --resume`: a kept workspace's `working/`, copied in before the first step.
        var resumeWorking: URL?

        var task: TaskSpec { episodes.task }
        var clock: any DojoClock { episodes.clock }
    }

    private let jobs = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let inbox = Mutex<[AppEvent]>([])
    private let current = Mutex<Cancellation?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    private let trajectory = Mutex<String?>(nil)
    /// Set while the sandbox warms up (after `reset`, before the first step).
    private let warming = Mutex<Cancellation?>(nil)
    private let keptResult = Mutex<Kept?>(nil)

    /// What was kept of the episode when it closed (`Setup.keep`).
    struct Kept: Sendable {
        var id: String
        var folder: URL
        var working: WorkspaceCopy.Summary
        var bestSubmission: Bool
        var steps: Int
        var best: BestSoFar?
        var problem: String?
    }

    var kept: Kept? { keptResult.withLock { $0 } }

    /// Copying working/ out on close (it may be large): the close waits for it.
    private let keepingNow = Mutex(false)
    var isKeeping: Bool { keepingNow.withLock { $0 } }

    init(setup: Setup) {
        let thread = Thread { [self] in self.main(setup) }
        thread.name = "dojo.environment"
        thread.start()
    }

    func send(_ job: Job) {
        jobs.withLock { $0.append(job) }
        wake.signal()
    }

    /// Ctrl-C: stops the running step (or a fork's rebuild); during the warm-up, drops the steps
    /// waiting for it (they never started) and lets the warm-up go on.
    func cancel() {
        if warming.withLock({ $0 != nil }) {
            let dropped = jobs.withLock { jobs -> Int in
                let before = jobs.count
                jobs.removeAll { if case .step = $0 { true } else { false } }
                return before - jobs.count
            }
            if dropped > 0 { post(.warmUp(.queuedStepCancelled)) }
            return
        }
        current.withLock { $0?.cancel() }
    }

    /// Quitting: the warm-up stops at once, steps not yet started are dropped (also one dequeued
    /// but not started yet), and the running one is cancelled; then `.close` may be sent.
    func prepareToClose() {
        closing.withLock { $0 = true }
        warming.withLock { $0?.cancel() }
        jobs.withLock { jobs in jobs.removeAll { if case .step = $0 { true } else { false } } }
        current.withLock { $0?.cancel() }
    }

    private let closing = Mutex(false)

    /// The events since the last call.
    func drain() -> [AppEvent] { inbox.withLock { events in defer { events = [] }; return events } }

    /// Waits for the episode to be closed (after `.close`), at most `timeout` seconds.
    func waitUntilClosed(timeout: Double) -> Bool { finished.wait(timeout: .now() + timeout) == .success }

    var trajectoryPath: String? { trajectory.withLock { $0 } }

    private func post(_ event: AppEvent) { inbox.withLock { $0.append(event) } }

    private func main(_ setup: Setup) {
        // Set before the episode starts, so a cancel pressed before the rebuild's first step counts.
        let rebuildCancellation = Cancellation()
        if setup.fork != nil, !setup.forkClean { current.withLock { $0 = rebuildCancellation } }
        let environment: Environment
        do {
            environment = try setup.episodes.environment(seed: setup.seed, agent: setup.agent, forkedFrom: setup.fork?.forkedFrom,
                                                         trajectory: setup.trajectoryURL)
            let observation = try environment.reset()
            trajectory.withLock { $0 = environment.trajectory?.url.path ?? setup.trajectoryURL.path }
            let info = environment.workspace.map { TaskInfo(task: setup.task, workspace: $0) }
            post(.episodeStarted(EpisodeStart(
                budget: observation.budget,
                dataStructure: info?.answer(.dataStructure)["data_structure"]?.stringValue ?? "",
                sampleSubmission: info?.answer(.sampleSubmission)["sample_submission"]?.stringValue ?? "",
                sandbox: environment.sandbox, trajectoryPath: trajectoryPath, at: setup.clock.seconds(),
                resetObservation: observation)))
        } catch {
            current.withLock { $0 = nil }
            post(.episodeFailed("\(error)"))
            waitForClose()
            return
        }
        if let resume = setup.resumeWorking {
            do {
                let copied = try environment.restoreWorking(from: resume)
                try? environment.note("resumed: \(copied.files) file\(copied.files == 1 ? "" : "s") of \(resume.deletingLastPathComponent().lastPathComponent) copied into working/",
                                      actor: .human, data: ["resumed_from": .string(resume.deletingLastPathComponent().path)])
            } catch {
                post(.fileError("cannot copy the kept working/ into the episode: \(error.message)"))
            }
        }
        warmUp(environment, setup)
        if let fork = setup.fork { rebuild(fork, clean: setup.forkClean, environment, setup, rebuildCancellation) }
        while true {
            wake.wait()
            guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            switch job {
            case .close(let reason):
                keep(environment, setup)
                environment.close(reason: reason)
                finished.signal()
                return
            case .note(let text, let actor, let data):
                do { try environment.note(text, actor: actor, data: data) } catch { post(.fileError("cannot record a note: \(error)")) }
            case .control(let actor, let reason):
                do { try environment.control(to: actor, reason: reason) } catch { post(.fileError("cannot record a hand-over: \(error)")) }
            case .step(let action, let actor):
                let cancellation = Cancellation()
                current.withLock { $0 = cancellation }
                if closing.withLock({ $0 }) {
                    current.withLock { $0 = nil }
                    continue
                }
                do {
                    let observation = try environment.step(action, actor: actor, onOutput: { [self] channel, bytes in
                        self.post(.stepOutput(channel, bytes))
                    }, cancellation: cancellation)
                    var line: Int?
                    if let execution = observation.execution, execution.exitCode != 0, let workspace = environment.workspace {
                        let script = setup.episodes.runner.scriptPath(for: CodeRunRequest(code: "", workspace: workspace, step: observation.step, timeout: 1))
                        line = PythonFailure.parse(stderr: execution.stderr, scriptPath: script)?.line
                    }
                    post(.stepFinished(StepResult(observation: observation, errorLine: line, at: setup.clock.seconds(), action: action, actor: actor)))
                } catch {
                    post(.stepFailed("\(error)"))
                }
                current.withLock { $0 = nil }
            }
        }
    }

    /// Copies `working/` and the best submission out before the workspace is removed (`dojo play`
    /// then adds the editor's buffer and the manifest).
    private func keep(_ environment: Environment, _ setup: Setup) {
        guard let store = setup.keep, let workspace = environment.workspace else { return }
        keepingNow.withLock { $0 = true }
        defer { keepingNow.withLock { $0 = false } }
        let id = workspace.episodeDirectory.lastPathComponent
        var result = Kept(id: id, folder: store.directory.appendingPathComponent(id), working: .init(), bestSubmission: false,
                          steps: environment.history.count, best: environment.best)
        do {
            result.folder = try store.folder(for: id)
            (result.working, result.bestSubmission) = try environment.keepWorkspace(in: result.folder)
        } catch {
            result.problem = error.message
        }
        keptResult.withLock { $0 = result }
    }

    /// Starts the sandbox and its warm interpreter's imports now, on the environment's thread (the
    /// sandbox dies with the thread that started it), so the first step does not pay for them. Steps
    /// sent meanwhile wait in `jobs`; their time starts when they do (docs/tui.md, "A warm first step").
    private func warmUp(_ environment: Environment, _ setup: Setup) {
        let cancellation = Cancellation()
        warming.withLock { $0 = cancellation }
        defer { warming.withLock { $0 = nil } }
        post(.warmUp(.started(at: setup.clock.seconds())))
        do {
            let warm = try environment.warmUp(cancellation: cancellation)
            post(.warmUp(.finished(warm: warm, at: setup.clock.seconds())))
        } catch {
            post(.warmUp(.failed(error.message, at: setup.clock.seconds())))
        }
    }

    /// Re-runs the fork's earlier steps here, on the environment's thread like every step (the
    /// sandbox dies with the thread that started it). Cancel stops it; the person keeps what ran.
    private func rebuild(_ fork: ForkPlan, clean: Bool, _ environment: Environment, _ setup: Setup, _ cancellation: Cancellation) {
        defer { current.withLock { $0 = nil } }
        do {
            if clean {
                try WorkspaceRebuild.recordClean(in: environment, forkedFrom: fork.source.path, at: fork.step)
                return
            }
            let report = try WorkspaceRebuild.run(
                fork.rebuild, in: environment, forkedFrom: fork.source.path, at: fork.step,
                progress: { [self] progress in self.post(.rebuild(progress)) },
                onOutput: { [self] channel, bytes in self.post(.stepOutput(channel, bytes)) },
                cancellation: cancellation)
            post(.rebuildFinished(report, budget: environment.budget(), at: setup.clock.seconds()))
        } catch {
            post(.rebuildFinished(WorkspaceRebuild.Report(planned: fork.rebuild.map(\.step), results: [], cancelled: false, failure: "\(error)"),
                                  budget: environment.budget(), at: setup.clock.seconds()))
        }
    }

    private func waitForClose() {
        while true {
            wake.wait()
            if case .close = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                finished.signal()
                return
            }
        }
    }
}
