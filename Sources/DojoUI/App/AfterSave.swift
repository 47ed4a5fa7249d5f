/// What the workbench does once a save it asked for has succeeded: the unsaved-edits question
/// answered "yes, save first" before quitting or opening another file. A failed save drops it, so
/// nothing is lost because a save did not happen.
public enum AfterSave: Sendable, Equatable {
    case quit
    case open(String)
}
