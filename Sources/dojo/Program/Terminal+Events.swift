import DojoKit
import DojoTerminal
import DojoUI

extension Terminal {
    /// Opens the screen for a session; a terminal that cannot be used is a usage error.
    static func forSession(noColor: Bool) throws(DojoError) -> Terminal {
        do { return try Terminal(noColor: noColor) } catch {
            throw DojoError(.usage, error.message, hint: error.hint)
        }
    }

    /// Gives the state this terminal's size and the clock's reading.
    func fit(_ state: inout AppState, now: Double) {
        let size = self.size
        _ = AppUpdate.update(&state, .resize(width: size.width, height: size.height))
        state.now = now
        _ = AppUpdate.update(&state, .tick(now: now))
    }

    /// The input that arrives within the timeout, as the events `AppUpdate` takes.
    func events(timeoutMilliseconds: Int32) -> [AppEvent] {
        read(timeoutMilliseconds: timeoutMilliseconds).map { input in
            switch input {
            case .key(let key): .key(key)
            case .paste(let text): .paste(text)
            case .mouse(let mouse): .mouse(mouse)
            case .resize:
                .resize(width: size.width, height: size.height)
            }
        }
    }
}
