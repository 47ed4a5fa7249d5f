import DojoTerminal
import DojoUI

extension Terminal {
    /// The input that arrives within the timeout, as the events `AppUpdate` takes.
    func events(timeoutMilliseconds: Int32) -> [AppEvent] {
        read(timeoutMilliseconds: timeoutMilliseconds).map { input in
            switch input {
            case .key(let key): .key(key)
            case .paste(let text): .paste(text)
            case .resize:
                .resize(width: size.width, height: size.height)
            }
        }
    }
}
