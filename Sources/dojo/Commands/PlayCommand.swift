import ArgumentParser
import DojoKit
import DojoTerminal
import DojoUI
import Foundation

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Open the workbench on a task: read it, edit the solution, validate (F6) and execute (F5) it, watch the score.",
        discussion: """
        Keys: F1 help, F5 execute, F6 validate, Ctrl-C cancels a running step, Ctrl-S save, Ctrl-Q quit.
        Themes: --theme NAME, DOJO_THEME, or `theme = "NAME"` in the config file; `dojo themes` lists them.
        The episode is recorded as a trajectory; its path is printed on exit.
        Co-pilot (--agent CMD): the agent's steps arrive as proposals in the editor. Alt-A approve, Alt-R run your edit, \
        Alt-X skip, Alt-T take over (step by hand), Alt-B hand back, Alt-P auto-approve on/off (docs/tui.md).
        Fork: --fork TRAJECTORY --step N starts a new episode on the trajectory's task and seed with step N's code in the editor, after re-running the code of the steps before N to rebuild the workspace (Ctrl-C stops the rebuild); --clean skips the rebuild. See docs/replay.md.
        """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task id (optional with --fork: the trajectory's task).") var task: String?
    @Option(help: "Open this file in the editor (default: the task's starter.py) and save to it.") var file: String?
    @Option(help: "The colour theme (see `dojo themes`).") var theme: String?
    @Option(help: "Write the trajectory here (default: under $XDG_STATE_HOME/dojo/trajectories).") var trajectory: String?
    @Option(help: "The split seed (default 42; with --fork, the trajectory's).") var seed: Int?
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(help: "Co-pilot: run this agent (/bin/sh -c CMD, the protocol on its stdin/stdout); its steps arrive as proposals you approve, edit, skip or take over from.")
    var agent: String?
    @Option(name: .customLong("silence-timeout"), help: "Co-pilot: seconds the agent may stay silent.") var silenceTimeout: Double = 600
    @Option(help: "Fork this trajectory (*.dojo.jsonl): a new episode from one of its steps (needs --step).") var fork: String?
    @Option(help: "With --fork: the step to start from, as numbered in the trajectory.") var step: Int?
    @Flag(help: "With --fork: do not rebuild the workspace by re-running the earlier steps.") var clean = false
    @Flag(help: "Continue the task's last kept workspace (kept on quit: working/, the editor's buffer; see `dojo workspaces`) in a new episode.")
    var resume = false

    func run() throws {
        if task == nil, fork == nil, step == nil, !clean, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            // No task: the picker chooses one, then the workbench opens on it.
            guard let picked = try pickTask() else {
                print("no task chosen")
                return
            }
            var chosen = self
            chosen.task = picked
            try chosen.run()
            return
        }
        let services = try common.services()
        let environmentVariables = ProcessInfo.processInfo.environment
        let plan = try forkPlan()
        let spec = try loadTask(services.loader, plan: plan)
        if let plan, spec.id != plan.task {
            throw DojoError(.usage, "the trajectory is an episode of `\(plan.task)`, not `\(spec.id)`", at: plan.source.path,
                            hint: "leave TASK out to fork on the trajectory's own task")
        }
        let workspaces = PlayWorkspace(store: KeptWorkspaceStore(directory: services.paths.workspacesDirectory))
        let resumed = try resume ? workspaces.resumable(task: spec.id) : nil
        if let resumed {
            if plan != nil { throw DojoError(.usage, "--resume cannot be combined with --fork", hint: "resume a kept workspace, or fork a trajectory") }
            if let seed, seed != resumed.seed {
                throw DojoError(.usage, "--seed \(seed) differs from the kept workspace's seed \(resumed.seed)", at: resumed.directory.path,
                                hint: "leave --seed out: a resumed episode keeps its split")
            }
        }
        let seed = plan?.seed ?? resumed?.seed ?? self.seed ?? 42
        // Built (and bwrap checked) before the screen opens, so a missing bwrap is a plain error on the terminal.
        let episodes = try services.episodes(for: spec, seed: seed, options: sandboxOptions.episode)
        let (prepared, limits) = (episodes.prepared, episodes.limits)
        let trajectoryURL = trajectory.map { URL(fileURLWithPath: $0) } ?? TrajectoryNaming.defaultURL(in: services.paths.trajectoriesDirectory, task: spec.id)
        if FileManager.default.fileExists(atPath: trajectoryURL.path) {
            throw DojoError(.usage, "the trajectory file already exists", at: trajectoryURL.path,
                            hint: "choose another --trajectory path; trajectories are never overwritten")
        }

        // Code: the forked step's, else the given file if it exists, else the starter.
        var code = plan?.code ?? spec.starterCode() ?? "# Read input/, write submission/submission.csv\n"
        if let resumed, resumed.hasSolution, file == nil {
            code = try TextFile.read(resumed.solution.path, what: "the kept workspace's buffer")
        }
        var codePath: String?
        if let file {
            codePath = file
            // A file that does not exist yet is created by the first save; anything else must be readable text.
            if FileManager.default.fileExists(atPath: file) {
                code = try TextFile.read(file, what: "the file")
            }
        }

        // Themes, config and keys: resolved once, as for every screen.
        let settings = ThemeFiles(paths: services.paths, environment: environmentVariables)
            .settings(theme: theme, environment: environmentVariables)
        var startupNotes: [String] = []
        if let plan, plan.header.taskDigest != prepared.digest {
            startupNotes.append("the task's data differs from the forked episode's (digest \(plan.header.taskDigest.prefix(12)) then, \(prepared.digest.prefix(12)) now): scores may not compare")
        }
        if let resumed { startupNotes += PlayWorkspace.resumeNotes(resumed) }
        var programSettings = settings
        programSettings.notes = startupNotes + settings.notes

        var agentInfo: [String: JSONValue] = agent.map { ["name": .string("dojo play"), "kind": .string("copilot"), "command": .string($0)] }
            ?? ["name": .string("dojo play"), "kind": .string("human")]
        if let resumed {
            agentInfo["resumed_from"] = .object(["workspace": .string(resumed.id)].merging(
                resumed.trajectory.map { ["trajectory": JSONValue.string($0)] } ?? [:]) { a, _ in a })
        }
        let setup = StepWorker.Setup(
            episodes: episodes, seed: seed, agent: agentInfo,
            trajectoryURL: trajectoryURL, fork: plan, forkClean: clean, keep: workspaces.store,
            resumeWorking: resumed.map(\.working))
        let defaultSave = file ?? resumed?.savedAs ?? "\(spec.id)-solution.py"
        let description = spec.descriptionText()
        let board = ScoreState.Board(task: spec)
        let agentLog = TrajectoryNaming.sibling(of: trajectoryURL, ending: ".agent.log")
        let copilot = agent.map { command in
            CopilotDriver.Setup(process: AgentProcess(command: command, environment: services.agentEnvironment,
                                                      stderrLog: agentLog, silenceTimeout: silenceTimeout),
                                task: spec, limits: limits, seed: seed, trajectoryURL: trajectoryURL)
        }
        let result = try MainActor.assumeIsolated { () throws -> (trajectoryPath: String?, savedPath: String?, unsavedEdits: Bool,
                                                                   kept: StepWorker.Kept?, buffer: String, edited: Bool) in
            var state = AppState(taskID: spec.id, taskTitle: spec.title, descriptionMarkdown: description, code: code,
                                 codePath: codePath, defaultSavePath: defaultSave, board: board, themes: settings.themes,
                                 themeIndex: settings.themeIndex, keyMap: settings.keyMap, width: 80, height: 24)
            state.leaderboard = LeaderboardState(boards: LeaderboardState.Boards(task: spec))
            state.data = DataExplorerState(source: DataProfileCache.source(prepared: prepared, paths: services.paths))
            if let copilot { state.mode = .copilot(CopilotState(command: copilot.process.command)) }
            if resumed != nil, file == nil { state.bufferName = "solution.py (resumed)" }
            if let plan {
                state.mode = .fork(ForkState(source: plan.source.path, step: plan.step, codeStep: plan.codeStep, clean: clean,
                                       planned: plan.rebuild.map(\.step)))
                state.bufferName = plan.codeStep.map { "step \($0) (fork)" } ?? "starter.py (fork)"
            }
            let handler = PlayHandler(setup: setup, agent: copilot)
            let program = Program(state: state, mode: .play(handler), settings: programSettings, clock: setup.clock)
            try program.run()
            return (handler.trajectoryPath, handler.savedPath, program.state.editor.isModified, handler.kept,
                    program.state.editor.text, program.state.editor.text != code)
        }
        if let path = result.trajectoryPath { print("trajectory: \(path)") }
        if agent != nil { print("agent log: \(agentLog.path)") }
        if let saved = result.savedPath { print("saved: \(saved)") }
        let keptLines = workspaces.finish(result.kept, task: spec, seed: seed, trajectory: result.trajectoryPath, buffer: result.buffer,
                                          edited: result.edited, savedAs: result.savedPath ?? codePath, resumedFrom: resumed?.id, now: Date())
        if result.unsavedEdits {
            print(keptLines.isEmpty ? "the buffer had unsaved edits; every executed step's code is in the trajectory"
                  : "the buffer had unsaved edits: kept as solution.py in the workspace below")
        }
        for line in keptLines { print(line) }
    }

    /// The task picker: every task with its kind, size, metric and your best result; nil when the person quits.
    func pickTask() throws -> String? {
        let services = try common.services()
        let environment = ProcessInfo.processInfo.environment
        let settings = ThemeFiles(paths: services.paths, environment: environment).settings(theme: theme, environment: environment)
        let entries = try PickerHandler.entries(loader: services.loader, paths: services.paths)
        return try MainActor.assumeIsolated { () throws -> String? in
            var state = AppState(taskID: "", taskTitle: "", descriptionMarkdown: "", code: "", codePath: nil, defaultSavePath: "",
                                 board: nil, themes: settings.themes, themeIndex: settings.themeIndex, keyMap: settings.keyMap,
                                 width: 80, height: 24)
            state.mode = .picker(PickerState(entries: entries, source: services.paths.tasksDirectory.path))
            let program = Program(state: state, mode: .picker(PickerHandler()), settings: settings)
            try program.run()
            return program.state.mode.picker?.chosen
        }
    }

    /// TASK, else the forked trajectory's task, which must be installed.
    func loadTask(_ loader: TaskLoader, plan: ForkPlan?) throws -> TaskSpec {
        guard task == nil, let plan else { return try loader.load(id: task ?? "") }
        do {
            return try loader.load(id: plan.task)
        } catch {
            guard error.kind == .taskNotFound else { throw error }
            throw DojoError(.taskNotFound, "the trajectory's task `\(plan.task)` is not installed: \(error.message)", at: plan.source.path,
                            hint: "pass TASK as the task folder's path" + (error.hint.map { "; \($0)" } ?? ", or --tasks DIR"))
        }
    }

    /// The fork, when --fork is given, read and checked before the screen opens.
    func forkPlan() throws -> ForkPlan? {
        guard let fork else {
            if step != nil { throw DojoError(.usage, "--step needs --fork", hint: "dojo play --fork TRAJECTORY --step N") }
            if clean { throw DojoError(.usage, "--clean needs --fork", hint: "dojo play --fork TRAJECTORY --step N --clean") }
            if task == nil {
                throw DojoError(.usage, "missing the task id",
                                hint: "dojo play TASK (see `dojo tasks`), dojo play --fork TRAJECTORY --step N, or dojo play in a terminal to pick a task")
            }
            return nil
        }
        guard let step else {
            throw DojoError(.usage, "--fork needs --step N: the step to start from", at: fork, hint: "the step numbers are the trajectory's observation `step` fields (dojo watch shows them)")
        }
        if file != nil {
            throw DojoError(.usage, "--file cannot be combined with --fork: the editor starts from the step's code",
                            hint: "fork first, then save the buffer with Ctrl-S")
        }
        if agent != nil {
            throw DojoError(.usage, "--agent cannot be combined with --fork: a fork starts a person's episode",
                            hint: "fork, or co-pilot an agent on a fresh episode with dojo play TASK --agent CMD")
        }
        let plan = try ForkPlan.read(URL(fileURLWithPath: fork), step: step, clean: clean)
        if let seed, seed != plan.seed {
            throw DojoError(.usage, "--seed \(seed) differs from the trajectory's seed \(plan.seed); a fork keeps its source's split",
                            at: plan.source.path, hint: "leave --seed out")
        }
        return plan
    }
}
