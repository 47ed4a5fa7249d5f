/// A hash set of byte strings (ids, labels) kept in one arena: each key gets a dense index in insertion
/// order, and lookups take raw bytes, so a million ids cost no `String`s.
public struct ByteKeyTable: Sendable, Equatable {
    private var arena: [UInt8] = []
    /// Key `i` is `arena[offsets[i] ..< offsets[i + 1]]` (32-bit offsets: ids and labels stay far below 4 GB).
    private var offsets: [UInt32] = [0]
    private var slots: [Int32]
    private var mask: Int
    /// Whether the hash slots are kept; an unindexed table only appends and compares by index.
    public private(set) var indexed: Bool

    public init(capacity: Int = 16, indexed: Bool = true) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.indexed = indexed
        slots = indexed ? [Int32](repeating: -1, count: size) : []
        mask = size - 1
    }

    /// Appends a key without indexing it (the caller knows it is new): for an unindexed table.
    @inline(__always)
    public mutating func append(_ key: UnsafeBufferPointer<UInt8>) {
        precondition(!indexed, "append is for unindexed tables")
        arena.append(contentsOf: key)
        offsets.append(UInt32(arena.count))
    }

    /// This table with its hash slots built (the keys' storage is shared, not copied).
    public func withIndex() -> ByteKeyTable {
        if indexed { return self }
        var copy = self
        copy.indexed = true
        var size = 16
        while size < count * 2 { size <<= 1 }
        copy.rehash(size)
        return copy
    }

    /// Key `index` sorts strictly before these bytes, by length and then bytes (so a strictly increasing
    /// sequence of keys has no repeats).
    @inline(__always)
    public func precedes(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[index])
        let length = Int(offsets[index + 1]) - start
        if length != key.count { return length < key.count }
        return arena.withUnsafeBufferPointer { stored in
            for i in 0..<length where stored[start + i] != key[i] { return stored[start + i] < key[i] }
            return false
        }
    }

    public var count: Int { offsets.count - 1 }

    /// The keys of `first` then `second`, unindexed (for joining the halves of a file read in parallel).
    public static func joined(_ first: ByteKeyTable, _ second: ByteKeyTable) -> ByteKeyTable {
        var table = ByteKeyTable(indexed: false)
        table.arena.reserveCapacity(first.arena.count + second.arena.count)
        table.offsets.reserveCapacity(first.count + second.count + 1)
        table.arena.append(contentsOf: first.arena)
        table.offsets = first.offsets
        let shift = UInt32(first.arena.count)
        table.arena.append(contentsOf: second.arena)
        table.offsets.append(contentsOf: second.offsets.dropFirst().lazy.map { $0 + shift })
        return table
    }

    /// Whether this table's last key sorts strictly before `other`'s first (see `precedes`); true when either is empty.
    public func lastPrecedesFirst(of other: ByteKeyTable) -> Bool {
        guard count > 0, other.count > 0 else { return true }
        return other.arena.withUnsafeBufferPointer { stored in
            precedes(count - 1, UnsafeBufferPointer(rebasing: stored[0..<Int(other.offsets[1])]))
        }
    }

    /// This table indexed, or nil when a key repeats.
    public func indexedIfUnique() -> ByteKeyTable? {
        var copy = self
        copy.indexed = true
        var size = 16
        while size < count * 2 { size <<= 1 }
        return copy.rehash(size, unique: true) ? copy : nil
    }

    /// A 64-bit mix of the key, eight bytes at a time; its top bits pick the slot.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < key.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < key.count {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    @inline(__always)
    private func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash) & mask }

    /// Makes room for `count` keys without rehashing.
    public mutating func reserve(_ count: Int) {
        arena.reserveCapacity(arena.count + count * 8)
        offsets.reserveCapacity(count + 1)
        guard indexed, count * 2 > slots.count else { return }
        var size = slots.count
        while size < count * 2 { size <<= 1 }
        rehash(size)
    }

    /// The key's index by binary search, or nil: for an unindexed table whose keys were appended in
    /// strictly increasing order (see `precedes`), as the answers' ids mostly are. A few lookups cost
    /// less than hashing every key.
    public func sortedFind(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if precedes(middle, key) { low = middle + 1 } else { high = middle }
        }
        return low < count && equals(low, key) ? low : nil
    }

    /// The key's index, or nil.
    public func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        precondition(indexed, "find needs an indexed table")
        var slot = slot(Self.hash(key))
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
        if !indexed { self = withIndex() }
        if count * 2 >= slots.count { grow() }
        var slot = slot(Self.hash(key))
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if equals(index, key) { return (index, false) }
            slot = (slot + 1) & mask
        }
        let index = count
        slots[slot] = Int32(index)
        arena.append(contentsOf: key)
        offsets.append(UInt32(arena.count))
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
    @inline(__always)
    public func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[index])
        let length = Int(offsets[index + 1]) - start
        guard length == key.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            for i in 0..<length where stored[start + i] != key[i] { return false }
            return true
        }
    }

    public func key(_ index: Int) -> String {
        String(decoding: arena[Int(offsets[index])..<Int(offsets[index + 1])], as: UTF8.self)
    }

    private mutating func grow() { rehash(slots.count * 2) }

    /// Rebuilds the slots; with `unique`, stops and returns false at a key already placed.
    @discardableResult
    private mutating func rehash(_ size: Int, unique: Bool = false) -> Bool {
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        let offsets = self.offsets
        let mask = self.mask
        return arena.withUnsafeBufferPointer { stored in
            slots.withUnsafeMutableBufferPointer { slots in
                for index in 0..<(offsets.count - 1) {
                    let key = UnsafeBufferPointer(rebasing: stored[Int(offsets[index])..<Int(offsets[index + 1])])
                    var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
                    while slots[slot] >= 0 {
                        if unique {
                            let other = Int(slots[slot])
                            let bytes = UnsafeBufferPointer(rebasing: stored[Int(offsets[other])..<Int(offsets[other + 1])])
                            if bytes.elementsEqual(key) { return false }
                        }
                        slot = (slot + 1) & mask
                    }
                    slots[slot] = Int32(index)
                }
                return true
            }
        }
    }
}
