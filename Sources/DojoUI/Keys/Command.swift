/// Every action of the workbench, by name: what keys are bound to and what help lists.
public enum Command: String, Sendable, CaseIterable, Hashable {
    // play loop
    case execute, validate, cancelStep = "cancel_step", jumpToError = "jump_to_error"
    // co-pilot (dojo play --agent)
    case approve = "copilot_approve", runEdited = "copilot_run_edited", skip = "copilot_skip"
    case takeOver = "take_over", handBack = "hand_back", autoApprove = "auto_approve"
    // app
    case quit, help, cycleTheme = "cycle_theme", redraw
    // panes
    case focusNext = "focus_next", focusPrevious = "focus_previous"
    case focusTask = "focus_task", focusEditor = "focus_editor", focusLogs = "focus_logs", focusScores = "focus_scores"
    case zoom, growLeft = "grow_left", growRight = "grow_right", growUp = "grow_up", growDown = "grow_down"
    case cycleTaskView = "cycle_task_view", cycleScoresView = "cycle_scores_view", toggleFollow = "toggle_follow"
    // files
    case save, saveAs = "save_as", open, externalEditor = "external_editor"
    // search
    case find, findNext = "find_next", gotoLine = "goto_line"
    // editing
    case undo, redo, cut, copy, paste, selectAll = "select_all"
    case newline, backspace, deleteForward = "delete", deleteWordBackward = "delete_word_backward"
    case indent, dedent
    // movement (the non-editor panes scroll with these)
    case left, right, up, down, wordLeft = "word_left", wordRight = "word_right", lineStart = "line_start", lineEnd = "line_end"
    case pageUp = "page_up", pageDown = "page_down", fileStart = "file_start", fileEnd = "file_end"
    case selectLeft = "select_left", selectRight = "select_right", selectUp = "select_up", selectDown = "select_down"
    case selectWordLeft = "select_word_left", selectWordRight = "select_word_right"
    case selectLineStart = "select_line_start", selectLineEnd = "select_line_end"
    case selectPageUp = "select_page_up", selectPageDown = "select_page_down"
    case selectFileStart = "select_file_start", selectFileEnd = "select_file_end"
    // replay (`dojo replay`)
    case replayNext = "replay_next", replayPrevious = "replay_previous", replayFirst = "replay_first", replayLast = "replay_last"
    case replayGoto = "replay_goto", replayBest = "replay_best", replayNextError = "replay_next_error"
    case replayNextImprovement = "replay_next_improvement", replaySearch = "replay_search"
    case replaySearchNext = "replay_search_next", replaySearchPrevious = "replay_search_previous"
    case replayPlay = "replay_play", replayFaster = "replay_faster", replaySlower = "replay_slower"
    case replayStepsOnly = "replay_steps_only", replayDiff = "replay_diff", replayBookmark = "replay_bookmark"
    case replayNote = "replay_note", replayFork = "replay_fork", replayToggleSteps = "replay_toggle_steps"
    // watch (`dojo watch`)
    case watchNext = "watch_next", watchPrevious = "watch_previous", watchFollow = "watch_follow"
    // the task picker (`dojo play` without a task)
    case pickerOpen = "picker_open"
    // the runs browser (`dojo runs`)
    case runsOpen = "runs_open", runsMark = "runs_mark", runsFilter = "runs_filter", runsSort = "runs_sort"
    case runsDelete = "runs_delete", runsRefresh = "runs_refresh"
    // the evaluation dashboard (`dojo eval`, `dojo eval watch`)
    case dashboardWatch = "dashboard_watch", dashboardStop = "dashboard_stop"
    // the message log (as helix's `:messages`)
    case messages
    // co-pilot: the buffers kept aside
    case swapKept = "swap_kept_buffer"
    // play's run history (issue 17)
    case stepHistory = "step_history", historyMark = "history_mark", historyClose = "history_close"
    // views over the panes (play, watch, replay)
    case showLeaderboard = "show_leaderboard", showData = "show_data", toggleMouse = "toggle_mouse"

    /// What help says the command does.
    /// The commands that change the buffer or take a step: the read-only modes (watch, replay) refuse them.
    static let editing: Set<Command> = [
        .execute, .validate, .cancelStep, .save, .saveAs, .open, .externalEditor, .cut, .paste, .undo, .redo,
        .newline, .backspace, .deleteForward, .deleteWordBackward, .indent, .dedent, .jumpToError,
    ]

    public var summary: String {
        switch self {
        case .execute: "execute the buffer (execute_code: run, validate, score)"
        case .validate: "validate the buffer (validate_code: run, check format, no score)"
        case .cancelStep: "cancel the running step"
        case .jumpToError: "jump to the line of the last traceback"
        case .approve: "run the agent's pending proposal as it is (actor agent)"
        case .runEdited: "run your edit of the proposal (actor human)"
        case .skip: "skip the proposal: nothing runs; the agent is told"
        case .takeOver: "take over: the agent pauses, you step by hand (execute, validate)"
        case .handBack: "hand control back (the held proposal shows again)"
        case .autoApprove: "auto-approve on or off: the agent runs freely until paused"
        case .quit: "quit (asks first if the editor has unsaved edits)"
        case .help: "show or hide this help"
        case .cycleTheme: "next colour theme"
        case .redraw: "redraw the whole screen"
        case .focusNext: "focus the next pane"
        case .focusPrevious: "focus the previous pane"
        case .focusTask: "focus the Task pane"
        case .focusEditor: "focus the Editor pane"
        case .focusLogs: "focus the Logs pane"
        case .focusScores: "focus the Scores pane"
        case .zoom: "zoom the focused pane to full screen and back"
        case .growLeft: "move the column split left"
        case .growRight: "move the column split right"
        case .growUp: "move the focused column's split up"
        case .growDown: "move the focused column's split down"
        case .cycleTaskView: "Task pane: description / data structure / sample submission"
        case .cycleScoresView: "Scores pane: raw-score chart / rank chart / table"
        case .toggleFollow: "Logs pane: follow new output on or off"
        case .save: "save the buffer"
        case .saveAs: "save the buffer under a new name (asks before overwriting a file)"
        case .open: "open a file into the editor (asks first if the editor has unsaved edits)"
        case .externalEditor: "edit the buffer in $EDITOR"
        case .find: "find text in the focused pane"
        case .findNext: "find the next match"
        case .gotoLine: "go to a line"
        case .undo: "undo"
        case .redo: "redo"
        case .cut: "cut the selection (or the line)"
        case .copy: "copy the selection (or the line)"
        case .paste: "paste"
        case .selectAll: "select all"
        case .newline: "new line, keeping the indent (one more after `:`)"
        case .backspace: "delete backwards"
        case .deleteForward: "delete forwards"
        case .deleteWordBackward: "delete the word before the cursor"
        case .indent: "indent (4 spaces)"
        case .dedent: "dedent"
        case .left: "left"
        case .right: "right"
        case .up: "up / scroll up"
        case .down: "down / scroll down"
        case .wordLeft: "word left"
        case .wordRight: "word right"
        case .lineStart: "start of line (indent first)"
        case .lineEnd: "end of line"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .fileStart: "start of file / top"
        case .fileEnd: "end of file / bottom"
        case .selectLeft, .selectRight, .selectUp, .selectDown, .selectWordLeft, .selectWordRight,
             .selectLineStart, .selectLineEnd, .selectPageUp, .selectPageDown, .selectFileStart, .selectFileEnd:
            "extend the selection"
        case .replayNext: "next step"
        case .replayPrevious: "previous step"
        case .replayFirst: "first step"
        case .replayLast: "last step"
        case .replayGoto: "go to step N"
        case .replayBest: "jump to the best step (★)"
        case .replayNextError: "jump to the next failed step"
        case .replayNextImprovement: "jump to the next step that beat every earlier score"
        case .replaySearch: "search every step's code and output"
        case .replaySearchNext: "next match of the search"
        case .replaySearchPrevious: "previous match of the search"
        case .replayPlay: "play / pause (timed by the recorded timestamps)"
        case .replayFaster: "play faster (1× 2× 4× … 64×)"
        case .replaySlower: "play slower"
        case .replayStepsOnly: "steps-only playback (skip the waiting) on or off"
        case .replayDiff: "diff: the previous executed step, the best, off (A→B too)"
        case .replayBookmark: "bookmark the step (◆) or remove it, in the notes file"
        case .replayNote: "add a note to the step (✎), in the notes file"
        case .replayFork: "fork a new episode from this step (dojo play --fork)"
        case .replayToggleSteps: "left pane: step list / task description"
        case .watchNext: "next step (following again at the newest)"
        case .watchPrevious: "previous step (going back pauses following)"
        case .watchFollow: "follow the newest step"
        case .pickerOpen: "open the task under the cursor"
        case .runsOpen: "replay the run under the cursor (the two marked runs: compare them)"
        case .runsMark: "mark or unmark the run (two marks: Enter compares them)"
        case .runsFilter: "filter: words match task, agent, date, outcome (task:x agent:y outcome:z …)"
        case .runsSort: "sort: newest first / best score first (by task)"
        case .runsDelete: "delete the run's trajectory and its files (asks first)"
        case .runsRefresh: "read the folders again"
        case .dashboardWatch: "watch the episode under the cursor live (q comes back)"
        case .dashboardStop: "stop the evaluation now, as C-c does without the dashboard (in dojo eval watch: quit)"
        case .messages: "the message log: every message of the session, whole"
        case .swapKept: "swap the editor with the buffer kept aside (your unsaved edits a proposal replaced)"
        case .stepHistory: "run history: every step so far in the Task pane, and the diff of any two, on or off"
        case .historyMark: "mark the step as the diff's base (again: unmark; unmarked: the previous executed step)"
        case .historyClose: "close the run history"
        case .showLeaderboard: "the leaderboard: every board, medal bands, your best and last score where they rank"
        case .showData: "the data explorer: input/'s files, columns, histograms, first rows (Enter: a CSV's head)"
        case .toggleMouse: "mouse on or off (off: the terminal's own selection works)"
        }
    }

    /// The movement a select command extends the selection by.
    public var movement: Command? {
        switch self {
        case .selectLeft: .left
        case .selectRight: .right
        case .selectUp: .up
        case .selectDown: .down
        case .selectWordLeft: .wordLeft
        case .selectWordRight: .wordRight
        case .selectLineStart: .lineStart
        case .selectLineEnd: .lineEnd
        case .selectPageUp: .pageUp
        case .selectPageDown: .pageDown
        case .selectFileStart: .fileStart
        case .selectFileEnd: .fileEnd
        default: nil
        }
    }
}
