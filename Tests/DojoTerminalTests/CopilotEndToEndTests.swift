import DojoKit
import DojoTesting
import Foundation
import Testing

/// The issue's check for co-pilot mode: the real `dojo play --agent` with the baseline agent, the
/// real sandbox, under tmux. Approve one step, edit and run the next, take over for one step, hand
/// back and approve, quit; the trajectory has it all with the right actors, and no agent is left.
@Suite(.serialized) struct CopilotEndToEndTests {
    let dojo = DojoBinary()

    /// A temporary home: no user config, a fresh cache and state.
    func environment(_ temp: TemporaryDirectory) -> [String: String] { TestHome(temp).environment() }

    /// Agent processes whose command line contains `marker` (not the tmux shell that ran `dojo play`).
    func processes(containing marker: String) throws -> Int {
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: "/bin/sh", arguments: ["-c", "ps -eo args= | grep -v -e grep -e ' play titanic ' | grep -c '\(marker)' || true"]))
        return Int(outcome.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func approveEditTakeOverHandBackQuit() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("copilot.dojo.jsonl")
        // The marker is an ignored argument that names this test's agent in `ps`.
        let marker = "dojo-copilot-\(UUID().uuidString.prefix(8).lowercased())"
        let agent = "python3 \(DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path) \(marker)"
        let session = try TmuxSession(command: "\(dojo.url.path) play titanic --agent \"\(agent)\" --trajectory \(trajectory.path)",
                                      width: 120, height: 40, environment: environment(temp))
        defer { session.kill() }

        // 1. The agent's first step (request_info) arrives as a pending proposal: approve it.
        // (A frame may be caught half drawn, so each wait names everything it needs.)
        var wait = session.waitFor(timeout: 180) {
            $0.contains("PENDING agent proposal · request_info") && $0.contains("The agent proposes request_info data_structure")
                && $0.contains("PENDING agent proposal │")
        }
        #expect(wait.ok, "\(wait.screen)")
        // F5 does not run the person's buffer while the agent's proposal waits.
        try session.keys("F5")
        wait = session.waitFor("proposal is pending")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-a")

        // 2. The next (validate_code): edit it, then run the edited version.
        wait = session.waitFor(timeout: 120) { $0.contains("PENDING agent proposal · validate_code") && $0.contains("note (agent): planning") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-Home")
        try session.type("# edited by the person")
        wait = session.waitFor("[+]")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-r")
        wait = session.waitFor("human (edited agent proposal)", timeout: 60)
        #expect(wait.ok, "\(wait.screen)")

        // 3. The next (execute_code): take over, validate by hand, hand back.
        wait = session.waitFor("PENDING agent proposal · execute_code", timeout: 180)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-t")
        wait = session.waitFor { $0.contains("you have control") && !$0.contains("PENDING") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("F6")
        wait = session.waitFor("Step 3 (validate_code)", timeout: 120)
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-b")
        wait = session.waitFor("PENDING agent proposal · execute_code", timeout: 30)
        #expect(wait.ok, "\(wait.screen)")

        // 4. Approve the held proposal; the agent goes on to its next one. Quit.
        try session.keys("M-a")
        // Its notes and its stderr show in the Logs.
        wait = session.waitFor(timeout: 180) {
            $0.contains("note (agent): linear: ok") && $0.contains("agent: baseline: linear -> ok") && $0.contains("best 0.")
        }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-q")
        wait = session.waitFor(timeout: 60) { $0.contains("EXITED=") && $0.contains("agent log: ") }
        #expect(wait.screen.contains("EXITED=0"), "\(wait.screen)")

        let read = try TrajectoryReader.read(trajectory)
        #expect(read.header.agent["kind"] == .string("copilot"))
        let steps = read.steps
        #expect(steps.map(\.actor) == [.agent, .human, .human, .agent], "\(steps.map { ($0.index, $0.actor, $0.action.name) })")
        #expect(steps.map(\.action.name) == [.requestInfo, .validateCode, .validateCode, .executeCode])
        #expect(steps[1].action.code?.hasPrefix("# edited by the person") == true)
        #expect(steps[3].observation.submission?.rawScore != nil)
        let controls = read.events.compactMap { if case .control(let record) = $0 { record } else { nil } }
        #expect(controls.map(\.to) == [.agent, .human, .agent], "\(controls)")
        #expect(controls.map(\.reason) == ["co-pilot: the agent proposes, the person decides", "the person took over",
                                           "the person handed control back"])
        let notes = read.events.compactMap { if case .note(let record) = $0 { record } else { nil } }
        let edited = try #require(notes.first { $0.actor == .human })
        #expect(edited.step == 2)
        #expect(edited.data?["copilot"] == .string("edited"))
        #expect(notes.contains { $0.actor == .agent && $0.text == "planning" })
        #expect(read.end?.reason == "quit")
        // The hand-overs sit between the steps they separate.
        let order = read.events.compactMap { event -> String? in
            switch event {
            case .step(let step): "step \(step.index)"
            case .control(let control): "control \(control.to.rawValue)"
            default: nil
            }
        }
        #expect(order == ["control agent", "step 1", "step 2", "control human", "step 3", "control agent", "step 4"])
        let log = try String(contentsOf: temp.file("copilot.agent.log"), encoding: .utf8)
        #expect(log.contains("baseline: linear -> ok"))
        #expect(try processes(containing: marker) == 0)

        // Issue 17, friction 10: replaying it, the hand-overs are rows between the steps they separate.
        let replay = try TmuxSession(command: "\(dojo.url.path) replay \(trajectory.path)", width: 120, height: 40, environment: environment(temp))
        defer { replay.kill() }
        wait = replay.waitFor { $0.contains("⇄ control → person: the person took over") && $0.contains("⇄ control → agent: the person hand") }
        #expect(wait.ok, "\(wait.screen)")
        let rows = wait.screen.split(separator: "\n").map { String($0.prefix(50)) }
            .filter { $0.contains("⇄") || $0.contains(" execute ") || $0.contains(" validate ") || $0.contains(" info ") }
            .map { $0.contains("⇄ control → person") ? "control human" : $0.contains("⇄ control → agent") ? "control agent" : "step" }
        #expect(rows == ["control agent", "step", "step", "control human", "step", "control agent", "step"], "\(wait.screen)")
        try replay.keys("q")
        wait = replay.waitFor("EXITED=0")
        #expect(wait.ok, "\(wait.screen)")
    }

    /// Issue 17, friction 10: handing back does not silently replace the person's unsaved edits:
    /// they are kept aside (said in the Logs and the status bar) and Alt-W swaps them back; quitting
    /// with them unsaved asks. At 80×24.
    @Test func handingBackKeepsThePersonsUnsavedEditsAside() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let marker = "dojo-copilot-\(UUID().uuidString.prefix(8).lowercased())"
        let agent = "python3 \(DojoBinary.repositoryRoot().appendingPathComponent("Agents/baseline/agent.py").path) \(marker)"
        let session = try TmuxSession(command: "\(dojo.url.path) play titanic --agent \"\(agent)\" --trajectory \(temp.file("kept.dojo.jsonl").path)",
                                      width: 80, height: 24, environment: environment(temp))
        defer { session.kill() }
        var wait = session.waitFor(timeout: 180) { $0.contains("PENDING agent proposal") && $0.contains("The agent proposes request_info") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-t")
        wait = session.waitFor { $0.contains("you have control") && !$0.contains("PENDING") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("C-a")
        try session.type("my_work = 42")
        wait = session.waitFor { $0.contains("1 my_work = 42") && $0.contains("[+]") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-b")
        // At 80×24 the Logs say where the edits went (the status bar has no room for `1 kept`).
        wait = session.waitFor { $0.contains("Editor · PENDING agent proposal") && $0.contains("kept aside, not lost") }
        #expect(wait.ok, "\(wait.screen)")
        #expect(!wait.screen.contains("my_work = 42"), "\(wait.screen)")
        // Alt-W brings the person's buffer back, as it was; again, the proposal.
        try session.keys("M-w")
        wait = session.waitFor { $0.contains("1 my_work = 42") && $0.contains("Editor · held agent") && $0.contains("[+]") }
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("M-w")
        wait = session.waitFor { $0.contains("Editor · PENDING agent proposal") && !$0.contains("my_work = 42") }
        #expect(wait.ok, "\(wait.screen)")
        // Wider, the status bar says it too.
        try session.resize(width: 120, height: 40)
        wait = session.waitFor { $0.contains("1 kept (A-w)") && $0.contains("Editor · PENDING agent proposal") }
        #expect(wait.ok, "\(wait.screen)")
        // Quitting would lose the kept edits: it asks.
        try session.keys("C-q")
        wait = session.waitFor("1 kept buffer has unsaved edits")
        #expect(wait.ok, "\(wait.screen)")
        try session.keys("y")
        wait = session.waitFor(timeout: 60) { $0.contains("EXITED=") }
        #expect(wait.screen.contains("EXITED=0"), "\(wait.screen)")
        #expect(try processes(containing: marker) == 0)
    }
}
