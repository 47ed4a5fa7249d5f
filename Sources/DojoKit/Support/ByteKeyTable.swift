/// A hash set of byte strings (ids, labels) kept in one arena: each key gets a dense index in insertion
/// order, and lookups take raw bytes, so a million ids cost no `String`s.
public struct ByteKeyTable: Sendable, Equatable {
    private var arena: [UInt8] = []
    /// Key `i` is `arena[offsets[i] ..< offsets[i + 1]]`.
    private var offsets: [Int] = [0]
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    public var count: Int { offsets.count - 1 }

    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The key's index, or nil.
    public func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if equals(index, key) { return index }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the key if new; returns its index and whether it was added.
    @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        if count * 2 >= slots.count { grow() }
        var slot = Self.hash(key) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if equals(index, key) { return (index, false) }
            slot = (slot + 1) & mask
        }
        let index = count
        slots[slot] = Int32(index)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        return (index, true)
    }

    @discardableResult
    public mutating func insert(_ key: String) -> (index: Int, inserted: Bool) {
        var key = key
        return key.withUTF8 { insert($0) }
    }

    public func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// Key `index` equals these bytes.
    public func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[index]
        let length = offsets[index + 1] - start
        guard length == key.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            for i in 0..<length where stored[start + i] != key[i] { return false }
            return true
        }
    }

    public func key(_ index: Int) -> String {
        String(decoding: arena[offsets[index]..<offsets[index + 1]], as: UTF8.self)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        let offsets = self.offsets
        arena.withUnsafeBufferPointer { stored in
            for index in 0..<(offsets.count - 1) {
                let key = UnsafeBufferPointer(rebasing: stored[offsets[index]..<offsets[index + 1]])
                var slot = Self.hash(key) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
        }
    }
}
