/// The four panes of the workbench.
public enum Pane: Int, Sendable, CaseIterable, Equatable {
    case task, editor, logs, scores

    public var title: String {
        switch self {
        case .task: "Task"
        case .editor: "Editor"
        case .logs: "Logs"
        case .scores: "Scores"
        }
    }
}
