import CDojoScan

/// SHA-256 (FIPS 180-4) for cache keys and checksums; the rounds are in C (CDojoSys) so that
/// checking prepared data stays fast in debug builds, and the core needs no crypto package.
public struct SHA256: Sendable {
    private var context = dojo_sha256_ctx()

    public init() {
        dojo_sha256_init(&context)
    }

    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            dojo_sha256_update(&context, buffer.baseAddress, buffer.count)
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { dojo_sha256_update(&context, $0.baseAddress, $0.count) }
        }
    }

    public mutating func update(_ string: String) { update(Array(string.utf8)) }

    /// The digest as lowercase hex; the hasher is spent afterwards.
    public mutating func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        dojo_sha256_final(&context, &digest)
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hex(_ string: String) -> String { hex(Array(string.utf8)) }
}
