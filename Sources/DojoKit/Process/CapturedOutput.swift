/// A stream's output with a cap: the head and the tail are kept, the middle is counted and dropped.
public struct CapturedOutput: Sendable, Equatable {
    public private(set) var head: [UInt8] = []
    public private(set) var tail: [UInt8] = []
    public private(set) var totalBytes = 0
    public let headLimit: Int
    public let tailLimit: Int

    public init(cap: Int) {
        headLimit = cap / 2
        tailLimit = cap - cap / 2
    }

    public var truncatedBytes: Int { totalBytes - head.count - tail.count }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        totalBytes += bytes.count
        var rest = bytes[...]
        if head.count < headLimit {
            let take = min(headLimit - head.count, rest.count)
            head.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
        }
        guard !rest.isEmpty, tailLimit > 0 else { return }
        tail.append(contentsOf: rest.suffix(tailLimit))
        if tail.count > tailLimit { tail.removeFirst(tail.count - tailLimit) }
    }

    /// The kept text, with a marker where bytes were dropped; invalid UTF-8 becomes U+FFFD.
    public var text: String {
        if truncatedBytes == 0 { return String(decoding: head + tail, as: UTF8.self) }
        return String(decoding: head, as: UTF8.self)
            + "\n[… \(truncatedBytes) bytes truncated …]\n"
            + String(decoding: tail, as: UTF8.self)
    }
}
