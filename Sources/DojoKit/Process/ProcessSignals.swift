import CDojoSys

/// Process-wide signal set-up done once at start.
public enum ProcessSignals {
    /// Clears an inherited signal mask so SIGTERM and SIGINT stop `dojo` as expected.
    public static func unblockAll() { dojo_unblock_all_signals() }
}
