import Foundation

/// Splits a byte stream into protocol messages, one per line: CR LF is accepted, blank lines are
/// skipped, and a line longer than the limit is reported once and dropped up to its end, so a
/// flooding peer cannot make Dojo buffer without bound.
struct MessageLines {
    enum Piece: Equatable {
        case message(Data)
        case tooLong
    }

    let limit: Int
    private var pending: [UInt8] = []
    private var discarding = false

    init(limit: Int = RPCCodec.maxMessageBytes) {
        self.limit = limit
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>) -> [Piece] {
        var pieces: [Piece] = []
        var rest = bytes
        while let newline = rest.firstIndex(of: 0x0A) {
            let piece = rest[rest.startIndex..<newline]
            rest = rest[(newline + 1)...]
            if discarding {
                discarding = false
                pending.removeAll()
                continue
            }
            pending.append(contentsOf: piece)
            if pending.last == 0x0D { pending.removeLast() }
            if !pending.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { pieces.append(.message(Data(pending))) }
            pending.removeAll(keepingCapacity: true)
        }
        if !discarding {
            pending.append(contentsOf: rest)
            if pending.count > limit {
                pending.removeAll()
                discarding = true
                pieces.append(.tooLong)
            }
        }
        return pieces
    }

    static func tooLongError() -> Data {
        RPCCodec.error(id: nil, RPCError(.messageTooLarge,
            "message exceeds the limit of \(RPCCodec.maxMessageBytes) bytes; it is ignored up to its end of line"))
    }
}
