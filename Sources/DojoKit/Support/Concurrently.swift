import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs two pieces of work at once, one on a new thread and one on the caller's: for reading the two
/// halves of a large file on a two-core machine. The work shares buffers the caller owns, so the
/// closures are not `Sendable`; each must only touch what the other does not (or touch it atomically).
/// When no thread can be started (or off Linux), both run on the caller's thread, one after the other.
enum Concurrently {
    static func run<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        #if os(Linux)
        withoutActuallyEscaping(second) { second in
            let job = Job(second)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(job as Runnable).toOpaque()
            let started = pthread_create(&thread, nil, { context in
                guard let context else { return nil }
                Unmanaged<Runnable>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, context) == 0
            let a = first()
            if started {
                // Joining orders the thread's write of `result` before the read below.
                pthread_join(thread, nil)
            } else {
                Unmanaged<Runnable>.fromOpaque(context).release()
                job.run()
            }
            guard let b = job.result else { preconditionFailure("the second job ended without a result") }
            return (a, b)
        }
        #else
        // Elsewhere pthread_t's shape differs; the halves are read one after the other.
        let a = first()
        return (a, second())
        #endif
    }

    /// What the thread runs: non-generic, so a C function can call it.
    private class Runnable: @unchecked Sendable {
        func run() {}
    }

    /// The second job: the join is what makes sharing it safe.
    private final class Job<B>: Runnable, @unchecked Sendable {
        private var body: (() -> B)?
        var result: B?

        init(_ body: @escaping () -> B) { self.body = body }

        override func run() {
            result = body?()
            // Let go of the closure before the caller returns: it only lives as long as `run(_:_:)`.
            body = nil
        }
    }
}
