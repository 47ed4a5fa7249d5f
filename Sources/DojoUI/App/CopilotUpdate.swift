import DojoKit
import Foundation

/// Co-pilot mode's behaviour: the agent's `step` requests arrive as proposals the person approves,
/// edits and runs, skips, or takes over from; everything that happens becomes effects (steps with
/// their actor, notes, control hand-overs, answers to the agent). Pure, like `AppUpdate`.
public enum CopilotUpdate: ModeUpdate {
    /// Co-pilot's share of an event: the agent's news, and what the episode's events mean for the agent.
    static func update(_ event: AppEvent, _ copilot: inout CopilotState, _ state: inout AppState) -> [Effect] {
        if case .agent(let news) = event { return apply(news, &copilot, &state) }
        return after(event, &copilot, &state)
    }

    static func status(_ copilot: CopilotState, _ state: AppState) -> ModeStatus { CopilotStatus.status(copilot, keys: state.keyMap, kept: state.kept.count) }

    // MARK: agent news

    static func apply(_ event: AgentEvent, _ copilot: inout CopilotState, _ state: inout AppState) -> [Effect] {
        switch event {
        case .reset(let id):
            state.logs.append("The agent connected (reset); it joins the running episode.", "log.info")
            if let observation = copilot.resetObservation {
                return [.copilot(.answer(id: id, .reset(current(observation, state))))]
            }
            if state.episodeProblem != nil {
                return [.copilot(.answer(id: id, .error(RPCError(.internalError, "the workbench's episode did not start"))))]
            }
            copilot.resetRequest = id
            return []
        case .step(let id, let action):
            if state.episodeOver {
                let why = state.episodeProblem ?? "the budget is used up"
                return [.copilot(.answer(id: id, .error(RPCError(.episodeEnded, "the episode has ended (\(why))"))))]
            }
            copilot.pending = CopilotState.Proposal(id: id, action: action)
            guard copilot.control == .agent else {
                state.logs.append("The agent proposes \(describe(action)); held while you have control (\(state.keyMap.hint(.handBack)) hands back).", "log.warning")
                return []
            }
            show(&copilot, &state)
            if copilot.autoApprove, state.running == nil { return start(decision: .autoApproved, &copilot, &state) }
            return []
        case .note(let text, let data):
            let lines = Sanitizer.lines(of: text)
            for (i, line) in lines.enumerated() {
                state.logs.append((i == 0 ? "note (agent): " : "  ") + line, "log.warning")
            }
            return [.copilot(.note(text, actor: .agent, data: data))]
        case .log(let lines):
            for line in lines { state.logs.append("agent: " + Sanitizer.line(line), "log.stderr") }
            return []
        case .ended(let reason):
            copilot.endReason = reason
            copilot.pending = nil
            copilot.shown = false
            copilot.control = .human
            state.logs.append("The agent ended: \(Sanitizer.line(reason)). You have control; \(state.keyMap.hint(.execute)) and \(state.keyMap.hint(.validate)) step by hand.", "log.warning")
            state.message = .init(text: "the agent ended (\(Sanitizer.line(reason))); you have control", isError: false, at: state.now)
            if state.episodeOver { return [] }
            return [.copilot(.control(to: .human, reason: "the agent ended: \(reason)"))]
        }
    }

    /// The reset observation with the budget as it stands now.
    static func current(_ observation: Observation, _ state: AppState) -> Observation {
        var observation = observation
        observation.budget = budget(state) ?? observation.budget
        observation.best = state.best
        return observation
    }

    static func budget(_ state: AppState) -> Budget? {
        guard let budget = state.budget else { return nil }
        return Budget(stepsUsed: budget.stepsUsed, stepsLeft: budget.stepsLeft, secondsLeft: state.secondsLeft ?? budget.secondsLeft)
    }

    // MARK: the environment's news

    /// Co-pilot's share of the events `AppUpdate` has handled: the episode starting, steps ending.
    static func after(_ event: AppEvent, _ copilot: inout CopilotState, _ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        switch event {
        case .episodeStarted(let start):
            copilot.resetObservation = start.resetObservation
            let keys = state.keyMap
            state.logs.append("Co-pilot: the agent's steps appear in the editor as proposals. \(keys.hint(.approve)) approves, "
                              + "\(keys.hint(.runEdited)) runs your edit, \(keys.hint(.skip)) skips, \(keys.hint(.takeOver)) takes over, "
                              + "\(keys.hint(.autoApprove)) auto-approves.", "log.info")
            state.logs.append("Agent: \(Sanitizer.line(copilot.command))", "log.info")
            effects.append(.copilot(.control(to: .agent, reason: "co-pilot: the agent proposes, the person decides")))
            if let id = copilot.resetRequest, let observation = start.resetObservation {
                copilot.resetRequest = nil
                effects.append(.copilot(.answer(id: id, .reset(current(observation, state)))))
            }
        case .episodeFailed:
            if let id = copilot.resetRequest {
                copilot.resetRequest = nil
                effects.append(.copilot(.answer(id: id, .error(RPCError(.internalError, "the workbench's episode did not start")))))
            }
        case .stepFinished(let result):
            let observation = result.observation
            copilot.lastStep = observation.step
            if let flight = copilot.inFlight {
                copilot.inFlight = nil
                if flight.decision == .edited {
                    effects.append(.copilot(.note("ran an edited version of the agent's proposal", actor: .human,
                                                  data: ["copilot": .string("edited"), "proposal": json(flight.proposal.action)])))
                }
                let report = CopilotReport(decision: flight.decision, actor: flight.actor,
                                           ran: flight.decision == .edited ? flight.ran : nil, humanSteps: copilot.humanSteps)
                copilot.humanSteps = []
                effects.append(.copilot(.answer(id: flight.proposal.id, .step(HostedStep(observation: observation, copilot: report)))))
            } else {
                copilot.humanSteps.append(observation.step)
            }
        case .stepFailed(let text):
            if let flight = copilot.inFlight {
                copilot.inFlight = nil
                effects.append(.copilot(.answer(id: flight.proposal.id, .error(RPCError(.internalError, "dojo could not take the step: \(text)")))))
            }
        default: return []
        }
        return effects
    }

    // MARK: keys

    /// The co-pilot keys, and F5/F6 refused while the agent has control; nil lets the usual keys through.
    static func handle(_ key: Key, _ copilot: inout CopilotState, _ state: inout AppState) -> [Effect]? {
        guard !state.isTooSmall else { return nil }
        if let command = state.keyMap.command(for: key, contexts: [.copilot]) { return run(command, &copilot, &state) }
        let command = state.keyMap.command(for: key, contexts: [.global])
        if command == .execute || command == .validate, copilot.control == .agent {
            let keys = state.keyMap
            let text = copilot.isPendingShown
                ? "the agent's proposal is pending: \(keys.hint(.approve)) approve · \(keys.hint(.runEdited)) run edited · \(keys.hint(.skip)) skip · \(keys.hint(.takeOver)) take over"
                : "the agent has control: \(keys.hint(.takeOver)) takes over to step by hand"
            state.message = .init(text: text, isError: true, at: state.now)
            return []
        }
        return nil
    }

    static func run(_ command: Command, _ copilot: inout CopilotState, _ state: inout AppState) -> [Effect] {
        let keys = state.keyMap
        switch command {
        case .approve, .runEdited:
            guard let proposal = copilot.pending, copilot.isPendingShown else {
                return refuse(copilot.control == .human ? "you have control; \(keys.hint(.handBack)) hands it back to the agent"
                              : "no agent proposal is pending", &state)
            }
            if state.running != nil { return refuse("a step is already running (\(state.keyMap.hint(.cancelStep)) cancels it)", &state) }
            if state.episodeOver {
                copilot.pending = nil
                copilot.shown = false
                let why = state.episodeProblem ?? "the budget is used up"
                state.message = .init(text: "the episode is over; the agent is told so", isError: true, at: state.now)
                return [.copilot(.answer(id: proposal.id, .error(RPCError(.episodeEnded, "the episode has ended (\(why))"))))]
            }
            if command == .runEdited {
                guard let code = proposal.action.code else {
                    return refuse("this proposal has no code to edit: \(keys.hint(.approve)) approves, \(keys.hint(.skip)) skips", &state)
                }
                if state.editor.text != code { return start(decision: .edited, &copilot, &state) }
            }
            return start(decision: .approved, &copilot, &state)
        case .skip:
            guard let proposal = copilot.pending else { return refuse("no agent proposal is pending", &state) }
            copilot.pending = nil
            copilot.shown = false
            let report = CopilotReport(decision: .skipped, actor: nil, humanSteps: copilot.humanSteps)
            copilot.humanSteps = []
            if state.bufferName.hasPrefix("PENDING") { state.bufferName = "skipped proposal" }
            state.logs.append("You skipped the agent's proposal (\(describe(proposal.action))): nothing ran; the agent is told so.", "log.warning")
            state.message = .init(text: "skipped the agent's proposal", isError: false, at: state.now)
            return [
                .copilot(.note("skipped the agent's proposal", actor: .human, data: ["copilot": .string("skipped"), "proposal": json(proposal.action)])),
                .copilot(.answer(id: proposal.id, .step(HostedStep(observation: skipped(proposal.action, step: copilot.lastStep, state), copilot: report)))),
            ]
        case .takeOver:
            if copilot.endReason != nil { return refuse("the agent has ended; you have control", &state) }
            if copilot.control == .human { return refuse("you already have control; \(keys.hint(.handBack)) hands it back", &state) }
            copilot.control = .human
            copilot.autoApprove = false
            copilot.shown = false
            if state.bufferName.hasPrefix("PENDING") { state.bufferName = "held agent proposal" }
            let held = copilot.pending.map { " The agent's proposal (\(describe($0.action))) is held." } ?? ""
            state.logs.append("You took over: \(keys.hint(.execute)) and \(keys.hint(.validate)) step by hand.\(held) \(keys.hint(.handBack)) hands control back.", "log.warning")
            state.message = .init(text: "you have control: \(keys.hint(.execute))/\(keys.hint(.validate)) step by hand, \(keys.hint(.handBack)) hands back", isError: false, at: state.now)
            return [.copilot(.control(to: .human, reason: "the person took over"))]
        case .handBack:
            if copilot.endReason != nil { return refuse("the agent has ended (\(copilot.endReason ?? "")); you keep control", &state) }
            if copilot.control == .agent { return refuse("the agent already has control; \(keys.hint(.takeOver)) takes over", &state) }
            if state.running != nil { return refuse("wait for the running step to finish (\(state.keyMap.hint(.cancelStep)) cancels it)", &state) }
            copilot.control = .agent
            state.logs.append("You handed control back to the agent.", "log.warning")
            state.message = .init(text: "the agent has control", isError: false, at: state.now)
            var effects: [Effect] = [.copilot(.control(to: .agent, reason: "the person handed control back"))]
            if copilot.pending != nil {
                show(&copilot, &state)
                if copilot.autoApprove { effects += start(decision: .autoApproved, &copilot, &state) }
            }
            return effects
        case .swapKept:
            AppUpdate.swapKept(&state)
            return []
        case .autoApprove:
            copilot.autoApprove.toggle()
            let on = copilot.autoApprove
            state.message = .init(text: on ? "auto-approve on: the agent runs freely (\(keys.hint(.autoApprove)) or \(keys.hint(.takeOver)) stops it)"
                                  : "auto-approve off: the agent's next step waits for you", isError: false, at: state.now)
            var effects: [Effect] = [.copilot(.note("auto-approve \(on ? "on" : "off")", actor: .human,
                                                   data: ["copilot": .string("auto_approve"), "on": .bool(on)]))]
            if on, copilot.isPendingShown, state.running == nil, !state.episodeOver { effects += start(decision: .autoApproved, &copilot, &state) }
            return effects
        default:
            return AppUpdate.run(command, &state)
        }
    }

    static func refuse(_ text: String, _ state: inout AppState) -> [Effect] {
        state.message = .init(text: text, isError: true, at: state.now)
        return []
    }

    // MARK: proposals

    /// Puts the pending proposal in the editor, marked pending.
    static func show(_ copilot: inout CopilotState, _ state: inout AppState) {
        guard let proposal = copilot.pending else { return }
        copilot.shown = true
        let keys = state.keyMap
        let text = proposal.action.code ?? "# The agent proposes \(describe(proposal.action)) (no code).\n"
            + "# \(keys.hint(.approve)) approves it, \(keys.hint(.skip)) skips it, \(keys.hint(.takeOver)) takes over.\n"
        // The person's unsaved edits are never replaced silently: they are kept aside, whole.
        let keptName = AppUpdate.bufferTitle(state)
        let kept = AppUpdate.keepIfModified(&state)
        state.editor.load(text: text, path: nil)
        state.bufferName = "PENDING agent proposal · \(proposal.action.name.rawValue)"
        AppUpdate.focus(.editor, &state)
        state.logs.append("The agent proposes \(describe(proposal.action)): \(keys.hint(.approve)) approve · \(keys.hint(.runEdited)) run edited · "
                          + "\(keys.hint(.skip)) skip · \(keys.hint(.takeOver)) take over", "log.warning")
        state.message = .init(text: "agent proposal pending: \(keys.hint(.approve)) approve, \(keys.hint(.runEdited)) run edited, \(keys.hint(.skip)) skip",
                              isError: false, at: state.now)
        if kept { keptNotice(keptName, &state) }
    }

    /// Says where the person's edits went when a proposal took the editor.
    static func keptNotice(_ name: String, _ state: inout AppState) {
        let key = state.keyMap.hint(.swapKept)
        state.logs.append("Your unsaved edits (\(Sanitizer.line(name))) are kept aside, not lost: \(key) swaps them back into the editor.", "log.warning")
        state.message = .init(text: "your unsaved edits are kept aside (\(key) swaps them back); agent proposal pending", isError: false, at: state.now)
    }

    /// Runs the pending proposal, as proposed or as edited in the editor.
    static func start(decision: CopilotReport.Decision, _ copilot: inout CopilotState, _ state: inout AppState) -> [Effect] {
        guard let proposal = copilot.pending else { return [] }
        var ran = proposal.action
        var actor = Actor.agent
        if decision == .edited {
            actor = .human
            if case .validateCode = proposal.action { ran = .validateCode(state.editor.text) } else { ran = .executeCode(state.editor.text) }
        }
        copilot.pending = nil
        copilot.shown = false
        copilot.inFlight = CopilotState.InFlight(proposal: proposal, decision: decision, ran: ran, actor: actor)
        let number = copilot.lastStep + 1
        let how = decision == .edited ? "human (edited agent proposal)" : decision == .autoApproved ? "agent (auto-approved)" : "agent"
        if state.bufferName.hasPrefix("PENDING") {
            state.bufferName = "step \(number) · \(decision == .edited ? "edited" : "agent")"
            // What ran is in the trajectory: the proposal's buffer has nothing left to lose.
            if state.editor.path == nil { state.editor.savedRevision = state.editor.revision }
        }
        state.running = .init(action: ran.name, startedAt: state.now)
        state.stdoutSanitizer = Sanitizer()
        state.stderrSanitizer = Sanitizer()
        state.streamed = false
        state.logs.append("", "")
        state.logs.append("── step \(number) · \(ran.name.rawValue) · \(how) " + String(repeating: "─", count: 20), "log.info")
        state.logs.follow = true
        return [.copilot(.runStep(ran, actor: actor))]
    }

    /// What a skipped step answers: nothing ran, no budget used.
    static func skipped(_ action: Action, step: Int, _ state: AppState) -> Observation {
        Observation(
            step: step, action: action.name, status: .error,
            feedback: "The person skipped this step: nothing ran and no budget was used. Propose another action.",
            info: nil, execution: nil, submission: nil, history: nil, reward: 0, best: state.best,
            budget: budget(state) ?? Budget(stepsUsed: 0, stepsLeft: 0, secondsLeft: 0), terminated: false, truncated: false)
    }

    static func describe(_ action: Action) -> String {
        switch action {
        case .requestInfo(let type): "request_info \(type.rawValue)"
        default: action.name.rawValue
        }
    }

    /// An action as JSON, for notes.
    static func json(_ action: Action) -> JSONValue {
        guard let data = try? JSONEncoder().encode(action), let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return .string(action.name.rawValue)
        }
        return value
    }
}
