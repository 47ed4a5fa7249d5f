import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Process {
    /// Ends a helper process for good. Children that Foundation starts from the test runner inherit
    /// its blocked SIGTERM, so `terminate()` alone can leave them (and the test) waiting forever.
    public func stopForTest() {
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
