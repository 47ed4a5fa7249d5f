import Foundation
import Synchronization

/// SIGTERM, SIGHUP and SIGINT turned into a flag the frame loop polls, so a session ends through
/// its normal path and the terminal is always restored.
@MainActor
final class TerminationSignals {
    private final class Received: Sendable {
        let number = Atomic<Int32>(0)
    }

    private static let handled = [SIGTERM, SIGHUP, SIGINT]
    private let received = Received()
    private var sources: [DispatchSourceSignal] = []

    /// The signal that asked the session to stop, or 0.
    var number: Int32 { received.number.load(ordering: .relaxed) }
    var arrived: Bool { number != 0 }

    func install() {
        for number in Self.handled {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [received] in received.number.store(number, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    /// Gives the signals their default actions back (when the process goes on after the session).
    func restore() {
        for source in sources { source.cancel() }
        sources = []
        for number in Self.handled { signal(number, SIG_DFL) }
    }
}
