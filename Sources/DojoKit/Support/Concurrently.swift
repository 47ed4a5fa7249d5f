import Foundation

/// Runs two pieces of work at once, one on a new thread and one on the caller's: for reading the two
/// halves of a large file on a two-core machine. The work shares buffers the caller owns, so the
/// closures are not `Sendable`; each must only touch what the other does not (or touch it atomically).
enum Concurrently {
    static func run<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        withoutActuallyEscaping(second) { second in
            let job = Job(second)
            let thread = Thread { job.run() }
            thread.stackSize = 1 << 20
            thread.start()
            let a = first()
            job.done.wait()
            // The semaphore orders the thread's write of `result` before this read.
            guard let b = job.result else { preconditionFailure("the second job ended without a result") }
            return (a, b)
        }
    }

    /// The second job, handed to the thread: the semaphore is what makes sharing it safe.
    private final class Job<B>: @unchecked Sendable {
        private var body: (() -> B)?
        var result: B?
        let done = DispatchSemaphore(value: 0)

        init(_ body: @escaping () -> B) { self.body = body }

        func run() {
            result = body?()
            // Let go of the closure before the caller returns: it only lives as long as `run(_:_:)`.
            body = nil
            done.signal()
        }
    }
}
