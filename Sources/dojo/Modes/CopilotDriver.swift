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
    private let stderrLog: URL
    /// How far the agent's stderr log has been shown, and an unfinished last line.
    private let logTail = Mutex<(offset: UInt64, partial: [UInt8])>((0, []))

    init(setup: Setup) {
        stderrLog = setup.process.stderrLog
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

    /// The agent's news since the last call, and what it wrote to its stderr log since.
    func drain() -> [AppEvent] {
        var events = inbox.withLock { events in defer { events = [] }; return events }
        if let lines = newLogLines() { events.insert(.agent(.log(lines)), at: 0) }
        return events
    }

    /// Complete lines added to the agent's stderr log (at most 64 KB a frame, so a chatty agent cannot stall the screen).
    private func newLogLines() -> [String]? {
        guard let handle = try? FileHandle(forReadingFrom: stderrLog) else { return nil }
        defer { try? handle.close() }
        return logTail.withLock { tail -> [String]? in
            guard (try? handle.seek(toOffset: tail.offset)) != nil, let data = try? handle.read(upToCount: 64 << 10), !data.isEmpty else { return nil }
            tail.offset += UInt64(data.count)
            var bytes = tail.partial + data
            var lines: [String] = []
            while let newline = bytes.firstIndex(of: 0x0A) {
                lines.append(String(decoding: bytes[..<newline], as: UTF8.self))
                bytes.removeSubrange(...newline)
            }
            // A line with no end in sight is shown in pieces rather than held forever.
            if bytes.count > 4096 {
                lines.append(String(decoding: bytes, as: UTF8.self))
                bytes = []
            }
            tail.partial = bytes
            return lines.isEmpty ? nil : lines
        }
    }

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
