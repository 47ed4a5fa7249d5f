import DojoKit

/// Everything the workbench shows, as one value. `AppUpdate.update` changes it; `AppView.render` draws it.
public struct AppState: Sendable {
    public enum TaskView: Sendable, Equatable, CaseIterable {
        case description, dataStructure, sampleSubmission

        var title: String {
            switch self {
            case .description: "description"
            case .dataStructure: "data structure"
            case .sampleSubmission: "sample submission"
            }
        }
    }

    public enum PromptKind: Sendable, Equatable {
        case find, gotoLine, open, saveAs, confirmQuit
        /// Unsaved edits, before opening this file: save, discard or cancel.
        case confirmOpen(String)
        /// Save as onto a file that exists: overwrite it or not.
        case confirmOverwrite(String)
        /// Quitting would lose the unsaved edits kept aside (co-pilot).
        case confirmQuitKept
    }

    public struct Prompt: Sendable, Equatable {
        public var kind: PromptKind
        public var text: String
        /// The prompt's last answer (a find's term, save as's name), shown in brackets: Enter on an
        /// empty prompt takes it, Up puts it on the line to edit. Every prompt starts empty.
        public var previous = ""
        /// What the question is about (the buffer's name, a count), for the confirmations.
        public var subject = ""

        public var label: String {
            let hint = previous.isEmpty ? "" : " [\(Sanitizer.line(previous))]"
            return switch kind {
            case .find: "Find\(hint): "
            case .gotoLine: "Go to line\(hint): "
            case .open: "Open file\(hint): "
            case .saveAs: "Save as\(hint): "
            case .confirmQuit: "Unsaved edits\(subject.isEmpty ? "" : " in \(subject)"). Save first? (y)es, (n)o, quit anyway, (c)ancel "
            case .confirmOpen: "Unsaved edits in \(subject). Save first? (y)es, (n)o, discard them, (c)ancel "
            case .confirmOverwrite(let path): "\(Sanitizer.line(path)) exists. Overwrite it? (y)es, (n)o "
            case .confirmQuitKept: "\(subject). Quit anyway? (y)es, (n)o "
            }
        }
    }

    public struct Running: Sendable, Equatable {
        public var action: ActionName
        public var startedAt: Double
        public var cancelling = false
    }

    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool
        public var at: Double

        public init(text: String, isError: Bool, at: Double) {
            self.text = text
            self.isError = isError
            self.at = at
        }
    }

    // task
    public var taskID: String
    public var taskTitle: String
    public var descriptionMarkdown: String
    public var dataStructure = "(available once the episode has started)"
    public var sampleSubmission = "(available once the episode has started)"
    public var taskView: TaskView = .description
    public var taskScroll = 0
    /// The Task pane's lines for the current view and width (kept current by `update`).
    public var taskLines: (key: TaskLinesKey, lines: [StyledLine])?

    public struct TaskLinesKey: Sendable, Equatable {
        var view: TaskView
        var width: Int
    }

    // panes
    public var editor: EditorState
    public var logs: LogState
    public var scores: ScoreState
    public var layout = Layout()
    public var focus: Pane = .editor

    // episode
    public var budget: Budget?
    public var budgetAt = 0.0
    public var best: BestSoFar?
    public var bestMedal: Medal?
    public var sandbox = "…"
    public var trajectoryPath: String?
    public var running: Running?
    public var errorLine: Int?
    public var episodeOver = false
    /// Why no step can be taken, when it is not the budget.
    public var episodeProblem: String?
    var stdoutSanitizer = Sanitizer()
    var stderrSanitizer = Sanitizer()
    var streamed = false

    /// The screen, with its own state: play, fork, co-pilot, watch, replay or the task picker.
    public var mode: AppMode = .play
    /// A fork's rebuild is re-running the source's steps: steps wait, the budget's clock stands still.
    public var isRebuilding: Bool { mode.fork?.rebuilding == true }

    // chrome
    public var width: Int
    public var height: Int
    public var now = 0.0
    public var prompt: Prompt?
    public var showHelp = false
    public var helpScroll = 0
    public var message: Message? {
        didSet { if let message, message != oldValue { messageLog.append(message) } }
    }
    public var themes: [Theme]
    public var themeIndex = 0
    public var keyMap: KeyMap
    public var clipboard = ""
    public var lastQuery = ""
    /// What the Editor pane calls a buffer that has no file yet.
    public var bufferName = "starter.py"
    /// The file name Save offers when the buffer has none.
    public var defaultSavePath: String
    /// Every message of the session, oldest first (the last 500), for the message log.
    public var messageLog: [Message] = [] {
        didSet { if messageLog.count > 550 { messageLog.removeFirst(messageLog.count - 500) } }
    }
    /// The message log is open over the panes, scrolled to `messagesScroll` (from the newest).
    public var showMessages = false
    public var messagesScroll = 0
    /// The help's filter (`/` in the help): nil when not filtering; typing goes to it while `helpFilterEditing`.
    public var helpFilter: String?
    public var helpFilterEditing = false
    /// The clipboard holds whole lines (copied or cut without a selection): they paste above the cursor's line.
    public var clipboardIsLines = false
    /// What to do once the buffer is saved (the unsaved-edits question answered "yes").
    public var afterSave: AfterSave?
    /// Buffers set aside so they are not lost (co-pilot: the person's unsaved edits a proposal
    /// replaced), oldest first; `swap_kept_buffer` rotates the editor through them.
    public var kept: [KeptBuffer] = []
    /// Play's run history: every step so far, and whether its list is shown (`StepHistoryUpdate`).
    public var history = StepHistory()

    // views over the panes (issue 17): the leaderboard, the data explorer, the mouse
    /// The overlay drawn over the panes, taking the keys while open.
    public var overlay: Overlay?
    /// The task's boards and the leaderboard overlay's scroll.
    public var leaderboard = LeaderboardState()
    /// The data explorer: the public data's source, its profile once made, the selection.
    public var data = DataExplorerState()
    /// Whether the workbench takes the mouse, and a drag in progress.
    public var mouse = MouseState()
    /// The sandbox's warm-up, started when the workbench opens (`WarmUpUpdate`).
    public var warmUp = WarmUpState.none

    public init(taskID: String, taskTitle: String, descriptionMarkdown: String, code: String, codePath: String?,
                defaultSavePath: String, board: ScoreState.Board?, themes: [Theme], themeIndex: Int = 0,
                keyMap: KeyMap = .standard, width: Int, height: Int, logLimit: Int = 10_000) {
        self.taskID = taskID
        self.taskTitle = taskTitle
        self.descriptionMarkdown = descriptionMarkdown
        editor = EditorState(text: code, path: codePath)
        logs = LogState(limit: logLimit)
        scores = ScoreState(board: board)
        self.themes = themes.isEmpty ? [Theme(name: "plain", styles: [:])] : themes
        self.themeIndex = max(0, min(themeIndex, self.themes.count - 1))
        self.keyMap = keyMap
        self.width = width
        self.height = height
        self.defaultSavePath = defaultSavePath
    }

    public var theme: Theme { themes[themeIndex] }
    public var isTooSmall: Bool { Layout.isTooSmall(width: width, height: height) }
    public var frame: Layout.Frame { layout.frame(width: width, height: height) }

    /// The rectangle of a pane's content (below its title row), if the pane is shown.
    public func contentRect(_ pane: Pane) -> Rect? {
        guard !isTooSmall, let rect = frame.panes[pane] else { return nil }
        return rect.droppingTop(1)
    }

    /// The editor's text area: the pane's content without the line-number gutter.
    public var editorTextRect: Rect? {
        guard let rect = contentRect(.editor) else { return nil }
        return rect.droppingLeft(gutterWidth)
    }

    public var gutterWidth: Int { EditorView.gutterWidth(lineCount: editor.lineCount) }

    /// The Task pane's lines for a width: the description as markdown, or a request_info answer as text.
    public func renderTaskLines(width: Int) -> [StyledLine] {
        switch taskView {
        case .description: return MarkdownRenderer.render(descriptionMarkdown, width: width)
        case .dataStructure, .sampleSubmission:
            let title = taskView == .dataStructure ? "Data structure (request_info data_structure)" : "Sample submission (request_info sample_submission)"
            var lines = [StyledLine(title, "markup.heading"), StyledLine()]
            let text = taskView == .dataStructure ? dataStructure : sampleSubmission
            for line in Sanitizer.lines(of: text) {
                let indent = min(8, line.prefix { $0 == " " }.count + (line.hasPrefix("  | ") ? 2 : 0))
                lines += StyledLine(line, taskView == .dataStructure ? "" : "markup.raw").wrapped(width: width, indent: indent)
            }
            return lines
        }
    }

    public var secondsLeft: Double? {
        guard let budget else { return nil }
        // A fork's rebuild is not charged to the episode: its clock stands still meanwhile.
        if episodeOver || isRebuilding { return max(0, budget.secondsLeft) }
        return max(0, budget.secondsLeft - (now - budgetAt))
    }
}
