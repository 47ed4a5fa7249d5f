import DojoKit
import Foundation
import Synchronization

/// SIGTERM, SIGINT and SIGHUP turned into a `Cancellation` a headless command polls, so it stops
/// through its normal path (children stopped, files closed) instead of dying mid-write.
final class StopSignals: @unchecked Sendable {  // `sources` is set once in init and only cancelled after
    /// The first signal's number, 0 before any (a class, so the handlers can hold it).
    private final class FirstSignal: Sendable {
        let number = Atomic<Int32>(0)
        let orphaned = Atomic<Bool>(false)
    }

    private static let handled = [SIGTERM, SIGINT, SIGHUP]
    let cancellation = Cancellation()
    private let first = FirstSignal()
    private let sources: [DispatchSourceSignal]

    init() {
        let first = self.first
        let cancellation = self.cancellation
        var made: [DispatchSourceSignal] = []
        for number in Self.handled {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                _ = first.number.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                cancellation.cancel()
            }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    /// Also stop when this process's parent goes away (it is re-parented): a `dojo run` that a killed
    /// `dojo eval` started ends its episode instead of running on unseen.
    func stopWhenOrphaned() {
        let parent = getppid()
        let first = self.first
        let cancellation = self.cancellation
        let thread = Thread {
            while !cancellation.isCancelled {
                if getppid() != parent {
                    first.orphaned.store(true, ordering: .relaxed)
                    _ = first.number.compareExchange(expected: 0, desired: SIGHUP, ordering: .relaxed)
                    cancellation.cancel()
                    return
                }
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        thread.start()
    }

    /// The person asked to stop from a screen that had the terminal in raw mode (the eval dashboard's
    /// `q` `y` or Ctrl-C): counted as the SIGINT that Ctrl-C sends outside it, so the exit code is the same (130).
    func stopAsInterrupt() {
        _ = first.number.compareExchange(expected: 0, desired: SIGINT, ordering: .relaxed)
        cancellation.cancel()
    }

    /// The first signal that arrived, or 0.
    var number: Int32 { first.number.load(ordering: .relaxed) }

    /// What stopped the episode, for its end record.
    var reason: String {
        first.orphaned.load(ordering: .relaxed) ? "interrupted: the process that started it is gone" : "interrupted by \(Self.name(number))"
    }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }

    /// Gives the signals their default actions back.
    func restore() {
        for source in sources { source.cancel() }
        for number in Self.handled { signal(number, SIG_DFL) }
    }
}
