/// The class labels of a classification target, each with a dense index. A submitted label matches a
/// known one byte for byte, or else numerically ("1.0" is the label "1").
public struct LabelSet: Sendable, Equatable {
    private var table = ByteKeyTable()
    public private(set) var names: [String] = []
    private var numeric: [Double: Int32] = [:]
    private var allNumeric = true
    /// Labels of at most eight bytes packed into words, for a scan faster than hashing on small sets.
    private var packed: [UInt64] = []
    private var packedLengths: [Int] = []
    /// Single-byte labels ("0"…"9", "A"…): a direct table.
    private var singleByte = [Int32](repeating: -1, count: 256)

    public init() {}

    public var count: Int { names.count }

    @discardableResult
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let known = index(of: bytes) { return known }
        let index = Int32(table.insert(bytes).index)
        if bytes.count == 1 { singleByte[Int(bytes[0])] = index }
        packed.append(bytes.count <= 8 ? Self.pack(bytes) : 0)
        packedLengths.append(bytes.count <= 8 ? bytes.count : -1)
        let name = String(decoding: bytes, as: UTF8.self)
        names.append(name)
        if let value = DecimalParser.parse(bytes), value.isFinite {
            if numeric[value] == nil { numeric[value] = index }
        } else {
            allNumeric = false
        }
        return index
    }

    @discardableResult
    public mutating func add(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { add($0) }
    }

    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for (i, byte) in bytes.enumerated() { word |= UInt64(byte) << UInt64(8 * i) }
        return word
    }

    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if bytes.count == 1, case let index = singleByte[Int(bytes[0])], index >= 0 { return index }
        if packed.count <= 32 && bytes.count <= 8 {
            let word = Self.pack(bytes)
            let found: Int32? = packed.withUnsafeBufferPointer { packed in
                packedLengths.withUnsafeBufferPointer { lengths in
                    for i in 0..<packed.count where packed[i] == word && lengths[i] == bytes.count { return Int32(i) }
                    return nil
                }
            }
            if let found { return found }
        } else if let exact = table.find(bytes) {
            return Int32(exact)
        }
        if let value = DecimalParser.parse(bytes), let index = numeric[value == 0 ? 0 : value] { return index }
        return nil
    }

    public func index(of name: String) -> Int32? {
        var name = name
        return name.withUTF8 { index(of: $0) }
    }

    /// Each label's position when sorted as scikit-learn sorts them: numerically when every label is a
    /// number, else by code point.
    public var sortedPositions: [Int] {
        let order: [Int]
        if allNumeric {
            let values = names.map { DecimalParser.parse($0) ?? 0 }
            order = names.indices.sorted { values[$0] < values[$1] }
        } else {
            order = names.indices.sorted { Array(names[$0].utf8).lexicographicallyPrecedes(Array(names[$1].utf8)) }
        }
        var position = [Int](repeating: 0, count: names.count)
        for (rank, index) in order.enumerated() { position[index] = rank }
        return position
    }

    /// The positive class of a binary target: `posLabel` when given; else, for precision, recall and F
    /// (scikit-learn's `pos_label=1`), the label that is the number 1; else the greater of two labels
    /// (scikit-learn's `classes_[1]`, as ROC AUC and log loss use).
    public func positive(posLabel: String?, preferOne: Bool) -> Int32? {
        if let posLabel { return index(of: posLabel) }
        if preferOne || names.count == 1 { return numeric[1] }
        if names.count == 2 {
            let positions = sortedPositions
            return positions[0] > positions[1] ? 0 : 1
        }
        return nil
    }
}
