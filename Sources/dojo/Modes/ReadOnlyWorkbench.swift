import DojoKit
import DojoUI

/// The read-only workbench watch and replay start from: the play panes with the task's description
/// (or, when the task is not installed, the trajectory's header), no buffer to save, no sandbox.
enum ReadOnlyWorkbench {
    /// The workbench state for watching or replaying (`mode`): the task's description when the task is known, else the header.
    /// With `paths`, the data explorer reads the task's public data when it is prepared on this machine.
    static func state(header: TrajectoryHeader?, spec: TaskSpec?, source: String, mode: AppMode, settings: WorkbenchSettings,
                      paths: DojoPaths? = nil) -> AppState {
        let taskID = spec?.id ?? header?.task ?? "?"
        var description = spec?.descriptionText() ?? ""
        if spec == nil { description = TrajectoryHeaderText.markdown(taskID: taskID, header: header) }
        var state = AppState(taskID: taskID, taskTitle: spec?.title ?? taskID, descriptionMarkdown: description,
                             code: "# waiting for the first step…", codePath: nil, defaultSavePath: "watch.py",
                             board: spec.flatMap(ScoreState.Board.init(task:)), themes: settings.themes,
                             themeIndex: settings.themeIndex, keyMap: settings.keyMap, width: 80, height: 24)
        state.mode = mode
        state.leaderboard = LeaderboardState(boards: spec.flatMap(LeaderboardState.Boards.init(task:)))
        if let spec, let header, let paths {
            state.data = DataExplorerState(source: DataProfileCache.source(task: spec, seed: header.seed, paths: paths,
                                                                            recorded: header.taskDigest))
        }
        state.bufferName = "waiting"
        state.sandbox = "–"
        state.trajectoryPath = source
        return state
    }
}
