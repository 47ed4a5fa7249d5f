import DojoKit
import Foundation

extension Services {
    /// The code runner every command that takes steps uses. The sandbox issue replaces the local
    /// runner with bubblewrap here, in one place.
    func makeCodeRunner(interpreter: URL) -> any CodeRunner {
        LocalCodeRunner(python: interpreter)
    }
}
