import DojoKit
import Foundation
import Synchronization

/// A clock that moves only when told to.
public final class FakeClock: DojoClock, Sendable {
    private let now = Mutex<Double>(0)
    private let start: Date

    public init(start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        self.start = start
    }

    public func seconds() -> Double { now.withLock { $0 } }
    public func date() -> Date { start.addingTimeInterval(seconds()) }
    public func advance(by seconds: Double) { now.withLock { $0 += seconds } }
}
