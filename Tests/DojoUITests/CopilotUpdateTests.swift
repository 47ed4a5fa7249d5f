import DojoKit
import DojoTesting
@testable import DojoUI
import Foundation
import Testing

/// Co-pilot mode's behaviour, event by event: proposals, approve, run edited, skip, take over,
/// hand back, auto-approve, the agent ending.
@Suite struct CopilotUpdateTests {
    static let proposal = "print('agent code')\n"

    func resetObservation() -> Observation {
        Observation(step: 0, action: .reset, status: .ok, feedback: "New episode.", info: nil, execution: nil, submission: nil,
                    history: nil, reward: 0, best: nil, budget: Budget(stepsUsed: 0, stepsLeft: 50, secondsLeft: 7200),
                    terminated: false, truncated: false)
    }

    /// A co-pilot workbench whose episode has started and whose agent has joined.
    func copilot(width: Int = 80, height: Int = 24) -> AppState {
        var state = AppState(taskID: "demo", taskTitle: "Demo", descriptionMarkdown: "# Demo task\n", code: "# mine\n", codePath: nil,
                             defaultSavePath: "demo.py", board: Fixtures.board, themes: [Fixtures.theme()], width: width, height: height)
        state.mode = .copilot(CopilotState(command: "python3 agent.py"))
        _ = AppUpdate.update(&state, .tick(now: 100))
        // The agent's reset may come first: it waits for the episode.
        #expect(AppUpdate.update(&state, .agent(.reset(id: 1))).isEmpty)
        let effects = AppUpdate.update(&state, .episodeStarted(EpisodeStart(
            budget: Budget(stepsUsed: 0, stepsLeft: 50, secondsLeft: 7200), dataStructure: "", sampleSubmission: "", sandbox: "none",
            trajectoryPath: "/tmp/t.dojo.jsonl", at: 100, resetObservation: resetObservation())))
        #expect(effects == [.copilot(.control(to: .agent, reason: "co-pilot: the agent proposes, the person decides")),
                            .copilot(.answer(id: 1, .reset(resetObservation())))])
        return state
    }

    func finished(_ step: Int, _ state: inout AppState, score: Double? = 0.8) -> [Effect] {
        AppUpdate.update(&state, .stepFinished(StepResult(observation: Fixtures.observation(step: step, score: score), errorLine: nil, at: 101)))
    }

    func screen(_ state: AppState) -> String { AppView.render(state).text }

    @Test func aProposalIsShownPendingAndApprovingRunsItAsTheAgent() throws {
        var state = copilot()
        #expect(AppUpdate.update(&state, .agent(.step(id: 2, .executeCode(Self.proposal)))).isEmpty)
        #expect(state.editor.text == Self.proposal)
        #expect(!state.editor.isModified)
        #expect(state.mode.copilot?.isPendingShown == true)
        #expect(screen(state).contains("Editor · PENDING agent proposal"))
        #expect(state.bufferName == "PENDING agent proposal · execute_code")
        #expect(screen(state).contains(" demo  │ PENDING agent proposal "))
        #expect(AppUpdate.update(&state, .key(.alt("a"))) == [.copilot(.runStep(.executeCode(Self.proposal), actor: .agent))])
        #expect(state.running?.action == .executeCode)
        #expect(state.mode.copilot?.pending == nil)
        #expect(!screen(state).contains("PENDING"))
        let effects = finished(1, &state)
        let report = CopilotReport(decision: .approved, actor: .agent)
        #expect(effects == [.copilot(.answer(id: 2, .step(HostedStep(observation: Fixtures.observation(step: 1, score: 0.8), copilot: report))))])
        #expect(state.running == nil)
    }

    @Test func runEditedRunsTheBufferAsThePersonAndTellsTheAgentWhatRan() {
        var state = copilot()
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .validateCode(Self.proposal))))
        _ = AppUpdate.update(&state, .key(.ctrl("a")))
        _ = AppUpdate.update(&state, .paste("print('edited')"))
        #expect(AppUpdate.update(&state, .key(.alt("r"))) == [.copilot(.runStep(.validateCode("print('edited')"), actor: .human))])
        let effects = finished(1, &state)
        #expect(effects.count == 2)
        #expect(effects.first == .copilot(.note("ran an edited version of the agent's proposal", actor: .human, data: [
            "copilot": .string("edited"), "proposal": .object(["type": .string("validate_code"), "code": .string(Self.proposal)]),
        ])))
        guard case .copilot(.answer(id: 2, .step(let reply))) = effects.last else {
            Issue.record("no answer to the agent: \(effects)")
            return
        }
        #expect(reply.copilot == CopilotReport(decision: .edited, actor: .human, ran: .validateCode("print('edited')")))
    }

    @Test func runEditedWithoutAnEditIsAnApprovalAndNeedsCode() {
        var state = copilot()
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .executeCode(Self.proposal))))
        #expect(AppUpdate.update(&state, .key(.alt("r"))) == [.copilot(.runStep(.executeCode(Self.proposal), actor: .agent))])
        _ = finished(1, &state)
        _ = AppUpdate.update(&state, .agent(.step(id: 3, .requestInfo(.overview))))
        #expect(state.editor.text.contains("The agent proposes request_info overview"))
        #expect(AppUpdate.update(&state, .key(.alt("r"))).isEmpty)
        #expect(state.message?.text.contains("no code to edit") == true)
        #expect(AppUpdate.update(&state, .key(.alt("a"))) == [.copilot(.runStep(.requestInfo(.overview), actor: .agent))])
    }

    @Test func skipRunsNothingAndAnswersWithASkippedObservation() {
        var state = copilot()
        _ = finished(1, &state)
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .executeCode(Self.proposal))))
        let effects = AppUpdate.update(&state, .key(.alt("x")))
        #expect(effects.count == 2)
        #expect(!effects.contains { if case .copilot(.runStep) = $0 { true } else { false } })
        #expect(effects.first == .copilot(.note("skipped the agent's proposal", actor: .human, data: [
            "copilot": .string("skipped"), "proposal": .object(["type": .string("execute_code"), "code": .string(Self.proposal)]),
        ])))
        guard case .copilot(.answer(id: 2, .step(let reply))) = effects.last else {
            Issue.record("no answer to the agent: \(effects)")
            return
        }
        #expect(reply.observation.status == .error)
        #expect(reply.observation.step == 1)
        #expect(reply.observation.budget.stepsUsed == 1)
        #expect(reply.observation.feedback.contains("skipped"))
        #expect(reply.copilot == CopilotReport(decision: .skipped, actor: nil, humanSteps: [1]))
        #expect(state.mode.copilot?.pending == nil)
        #expect(state.running == nil)
    }

    @Test func takeOverHoldsTheProposalThePersonStepsAndHandBackShowsItAgain() {
        var state = copilot()
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .executeCode(Self.proposal))))
        // While the agent has control, F5 is refused.
        #expect(AppUpdate.update(&state, .key(.f(5))).isEmpty)
        #expect(state.message?.text.contains("proposal is pending") == true)
        #expect(AppUpdate.update(&state, .key(.alt("t"))) == [.copilot(.control(to: .human, reason: "the person took over"))])
        #expect(state.mode.copilot?.control == .human)
        #expect(!screen(state).contains("PENDING"))
        #expect(screen(state).contains("you have control"))
        // The person steps by hand with the usual keys; approve means nothing now.
        #expect(AppUpdate.update(&state, .key(.alt("a"))).isEmpty)
        _ = AppUpdate.update(&state, .key(.ctrl("a")))
        _ = AppUpdate.update(&state, .paste("print('mine')"))
        #expect(AppUpdate.update(&state, .key(.f(6))) == [.runStep(.validateCode("print('mine')"))])
        // No hand-back while the person's step runs.
        #expect(AppUpdate.update(&state, .key(.alt("b"))).isEmpty)
        #expect(finished(1, &state, score: nil).isEmpty)
        #expect(state.mode.copilot?.humanSteps == [1])
        #expect(AppUpdate.update(&state, .key(.alt("b"))) == [.copilot(.control(to: .agent, reason: "the person handed control back"))])
        #expect(state.editor.text == Self.proposal)
        #expect(state.mode.copilot?.isPendingShown == true)
        #expect(AppUpdate.update(&state, .key(.alt("a"))) == [.copilot(.runStep(.executeCode(Self.proposal), actor: .agent))])
        guard case .copilot(.answer(id: 2, .step(let reply))) = finished(2, &state).last else {
            Issue.record("no answer to the agent")
            return
        }
        // The agent hears which steps the person took meanwhile.
        #expect(reply.copilot == CopilotReport(decision: .approved, actor: .agent, humanSteps: [1]))
        #expect(state.mode.copilot?.humanSteps == [])
    }

    @Test func autoApproveRunsProposalsUntilPaused() {
        var state = copilot()
        let on = AppUpdate.update(&state, .key(.alt("p")))
        #expect(on == [.copilot(.note("auto-approve on", actor: .human, data: ["copilot": .string("auto_approve"), "on": .bool(true)]))])
        #expect(screen(state).contains("auto"))
        #expect(AppUpdate.update(&state, .agent(.step(id: 2, .executeCode(Self.proposal)))) == [.copilot(.runStep(.executeCode(Self.proposal), actor: .agent))])
        guard case .copilot(.answer(id: 2, .step(let reply))) = finished(1, &state).last else {
            Issue.record("no answer to the agent")
            return
        }
        #expect(reply.copilot?.decision == .autoApproved)
        // Taking over pauses it: the next proposal is held, and auto-approve is off.
        _ = AppUpdate.update(&state, .key(.alt("t")))
        #expect(state.mode.copilot?.autoApprove == false)
        #expect(AppUpdate.update(&state, .agent(.step(id: 3, .executeCode("two")))).isEmpty)
        #expect(state.editor.text == Self.proposal)
        // Toggled on while the person has control, it takes effect on hand-back.
        _ = AppUpdate.update(&state, .key(.alt("p")))
        let back = AppUpdate.update(&state, .key(.alt("b")))
        #expect(back.last == .copilot(.runStep(.executeCode("two"), actor: .agent)))
        // Toggled off, a pending proposal waits.
        _ = finished(2, &state)
        _ = AppUpdate.update(&state, .key(.alt("p")))
        #expect(AppUpdate.update(&state, .agent(.step(id: 4, .executeCode("three")))).isEmpty)
        #expect(state.mode.copilot?.isPendingShown == true)
    }

    @Test func theAgentEndingGivesThePersonControl() {
        var state = copilot()
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .executeCode(Self.proposal))))
        let effects = AppUpdate.update(&state, .agent(.ended("agent exited with code 1")))
        #expect(effects == [.copilot(.control(to: .human, reason: "the agent ended: agent exited with code 1"))])
        #expect(state.mode.copilot?.pending == nil)
        #expect(AppUpdate.update(&state, .key(.f(5))) == [.runStep(.executeCode(Self.proposal))])
        #expect(screen(state).contains("agent ended"))
        #expect(AppUpdate.update(&state, .key(.alt("b"))).isEmpty)
        #expect(state.message?.text.contains("the agent has ended") == true)
    }

    @Test func notesAreLoggedAndRecordedAndAFinishedEpisodeRefusesSteps() {
        var state = copilot()
        #expect(AppUpdate.update(&state, .agent(.note("trying a forest", data: ["tokens": .number(12)])))
                == [.copilot(.note("trying a forest", actor: .agent, data: ["tokens": .number(12)]))])
        #expect(state.logs.lines.contains { $0.text == "note (agent): trying a forest" })
        // Its stderr lines too, sanitised.
        _ = AppUpdate.update(&state, .agent(.log(["loading \u{1B}[31mdata"])))
        #expect(state.logs.lines.last?.text.hasPrefix("agent: loading ") == true)
        #expect(state.logs.lines.last?.text.contains("\u{1B}") == false)
        state.episodeOver = true
        let effects = AppUpdate.update(&state, .agent(.step(id: 5, .executeCode("x"))))
        guard case .copilot(.answer(id: 5, .error(let error))) = effects.first else {
            Issue.record("no error answer: \(effects)")
            return
        }
        #expect(error.code == RPCErrorCode.episodeEnded.rawValue)
        #expect(state.mode.copilot?.pending == nil)
    }

    @Test func theCopilotKeysAreNamedCommandsInTheHelp() throws {
        let text = KeyMap.standard.helpLines().map(\.text).joined(separator: "\n")
        #expect(text.contains("Co-pilot (dojo play --agent)"))
        #expect(text.contains("run the agent's pending proposal"))
        let map = try KeyMap.standard.overriding(withConfig: "[keys]\ncopilot_approve = \"f10\"\n", file: "c.toml")
        #expect(map.command(for: .f(10), contexts: [.copilot]) == .approve)
        #expect(map.command(for: .alt("a"), contexts: [.copilot]) == nil)
    }

    @Test func thePendingProposalScreen() {
        var state = copilot()
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .executeCode("import pandas as pd\ntrain = pd.read_csv(\"input/train.csv\")\n"))))
        _ = AppUpdate.update(&state, .tick(now: 110))
        ScreenAssertions.expect(AppView.render(state), """
         Task · description            F2 │▍Editor · PENDING agent proposal
         Demo task                        │   1 import pandas as pd
         ═════════                        │   2 train = pd.read_csv("input/train.csv")
                                          │   3
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
                                          │   ~
         Scores · accuracy ↑ chart     F7 │   ~
          0.8232┤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤│ Logs · follow
                │                         │   editor as proposals. A-a approves, A-r
                │⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀│   runs your edit, A-x skips, A-t takes over,
                │                         │   A-p auto-approves.
                │⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁│ Agent: python3 agent.py
          0.7768┤⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂ ⠂│ The agent proposes execute_code: A-a approve
            step└─────────────────────────│   · A-r run edited · A-x skip · A-t take
         no scored steps yet  ─gold ─silve│   over
         demo  │ PENDING agent proposal                  A-a approve  A-x skip  F1 help
        """)
    }

    /// Issue 17, friction 10: handing back never silently replaces the person's unsaved edits. The
    /// proposal takes the editor; the person's buffer is kept aside whole (text, undo history) and
    /// A-w swaps it back; quitting with it unsaved asks first.
    @Test func handingBackKeepsThePersonsUnsavedEditsAside() {
        var state = copilot()
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .executeCode(Self.proposal))))
        // The first proposal replaced an unmodified buffer: nothing to keep.
        #expect(state.kept.isEmpty)
        _ = AppUpdate.update(&state, .key(.alt("t")))
        _ = AppUpdate.update(&state, .key(.ctrl("a")))
        _ = AppUpdate.update(&state, .paste("my_work = 42"))
        #expect(state.editor.isModified)
        #expect(AppUpdate.update(&state, .key(.alt("b"))) == [.copilot(.control(to: .agent, reason: "the person handed control back"))])
        #expect(state.editor.text == Self.proposal)
        #expect(state.kept.count == 1)
        #expect(state.kept.first?.editor.text == "my_work = 42")
        #expect(state.message?.text == "your unsaved edits are kept aside (A-w swaps them back); agent proposal pending")
        #expect(state.logs.lines.contains { $0.text.contains("are kept aside, not lost: A-w swaps them back") })
        #expect(AppUpdate.modeStatus(state).segments.map(\.text).contains("1 kept (A-w)"))
        // Once the message has had its time, the status bar shows the segment (at 120 columns).
        state.width = 120
        _ = AppUpdate.update(&state, .tick(now: state.now + 10))
        #expect(screen(state).contains("1 kept (A-w)"))
        state.width = 80
        // The proposal's buffer has its own history: undo does not bring the person's text into it.
        _ = AppUpdate.update(&state, .key(.ctrl("z")))
        #expect(state.editor.text == Self.proposal)
        // A-w swaps the person's buffer back, and again to the proposal.
        #expect(AppUpdate.update(&state, .key(.alt("w"))).isEmpty)
        #expect(state.editor.text == "my_work = 42")
        #expect(state.editor.isModified)
        #expect(state.bufferName == "held agent proposal")
        _ = AppUpdate.update(&state, .key(.ctrl("z")))
        #expect(state.editor.text == Self.proposal)  // its own undo: back before the paste
        _ = AppUpdate.update(&state, .key(.ctrl("y")))
        #expect(state.editor.text == "my_work = 42")
        _ = AppUpdate.update(&state, .key(.alt("w")))
        #expect(state.editor.text == Self.proposal)
        #expect(state.bufferName == "PENDING agent proposal · execute_code")
        // Approving runs the proposal; the kept buffer stays.
        #expect(AppUpdate.update(&state, .key(.alt("a"))) == [.copilot(.runStep(.executeCode(Self.proposal), actor: .agent))])
        _ = finished(1, &state)
        // Quitting asks, since the kept buffer has unsaved edits.
        #expect(AppUpdate.update(&state, .key(.ctrl("q"))).isEmpty)
        #expect(state.prompt?.kind == .confirmQuitKept)
        #expect(screen(state).contains("1 kept buffer has unsaved edits (A-w shows it). Quit anyway? (y)es, (n)o"))
        #expect(AppUpdate.update(&state, .key(.char("n"))).isEmpty)
        #expect(state.prompt == nil)
        _ = AppUpdate.update(&state, .key(.ctrl("q")))
        #expect(AppUpdate.update(&state, .key(.char("y"))) == [.quit])
    }

    /// A proposal arriving while the person has typed into the buffer keeps their text too; what
    /// ran (an edited proposal) is in the trajectory and is not kept again.
    @Test func aProposalArrivingOverUnsavedTypingKeepsIt() {
        var state = copilot()
        _ = AppUpdate.update(&state, .agent(.step(id: 2, .validateCode(Self.proposal))))
        _ = AppUpdate.update(&state, .key(.ctrl("a")))
        _ = AppUpdate.update(&state, .paste("print('edited')"))
        _ = AppUpdate.update(&state, .key(.alt("r")))
        #expect(!state.editor.isModified)
        _ = finished(1, &state)
        _ = AppUpdate.update(&state, .agent(.step(id: 3, .executeCode(Self.proposal))))
        #expect(state.kept.isEmpty)
        #expect(AppUpdate.update(&state, .key(.alt("a"))).count == 1)
        _ = finished(2, &state)
        // The person types while the agent thinks; the next proposal keeps it.
        _ = AppUpdate.update(&state, .key(.char("z")))
        _ = AppUpdate.update(&state, .agent(.step(id: 4, .executeCode("print('next')\n"))))
        #expect(state.editor.text == "print('next')\n")
        #expect(state.kept.map(\.editor.text) == ["z" + Self.proposal])
        // Nothing kept: A-w says so.
        var plain = copilot()
        _ = AppUpdate.update(&plain, .key(.alt("w")))
        #expect(plain.message?.text == "no buffer is kept aside")
    }
}
