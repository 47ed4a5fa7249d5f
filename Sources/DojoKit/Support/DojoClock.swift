import Foundation

/// Time as the environment sees it; injected so budgets can be tested without waiting.
public protocol DojoClock: Sendable {
    /// Seconds on a monotonic scale, for durations and budgets.
    func seconds() -> Double
    /// The wall-clock date, for timestamps in trajectories.
    func date() -> Date
}

public struct SystemClock: DojoClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func seconds() -> Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    public func date() -> Date { Date() }
}
