/// Sorts doubles by their bit patterns (LSD radix, eight passes of a byte, skipping passes where every key
/// shares the byte): several times faster than a comparison sort for the million-row columns of grading.
public enum RadixSort {
    /// An order-preserving key: a < b ⇔ key(a) < key(b) for non-NaN doubles, with −0 and +0 equal.
    @inline(__always)
    public static func key(_ value: Double) -> UInt64 {
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Sorted keys of `values` (no NaNs).
    public static func sortedKeys(_ values: some Sequence<Double>) -> [UInt64] {
        var keys = values.map(key)
        sort(&keys)
        return keys
    }

    public static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 64 else { keys.sort(); return }
        var other = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 256 * 8)
        keys.withUnsafeBufferPointer { source in
            counts.withUnsafeMutableBufferPointer { counts in
                for key in source {
                    var k = key
                    for pass in 0..<8 {
                        counts[pass * 256 + Int(k & 0xFF)] += 1
                        k >>= 8
                    }
                }
            }
        }
        var inKeys = true
        for pass in 0..<8 {
            let base = pass * 256
            if counts[base..<(base + 256)].contains(n) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var total = 0
            for b in 0..<256 { offsets[b] = total; total += counts[base + b] }
            let shift = UInt64(pass * 8)
            if inKeys {
                keys.withUnsafeBufferPointer { from in
                    other.withUnsafeMutableBufferPointer { to in
                        for key in from {
                            let b = Int((key >> shift) & 0xFF)
                            to[offsets[b]] = key
                            offsets[b] += 1
                        }
                    }
                }
            } else {
                other.withUnsafeBufferPointer { from in
                    keys.withUnsafeMutableBufferPointer { to in
                        for key in from {
                            let b = Int((key >> shift) & 0xFF)
                            to[offsets[b]] = key
                            offsets[b] += 1
                        }
                    }
                }
            }
            inKeys.toggle()
        }
        if !inKeys { keys = other }
    }
}
