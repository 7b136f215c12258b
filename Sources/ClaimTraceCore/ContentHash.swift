import CCrypto

/// SHA-256 of raw input bytes, as lowercase hex. Re-ingesting identical bytes is recognised by it.
public enum ContentHash {
    public static func sha256Hex(_ bytes: some Collection<UInt8>) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let ok: Int32 = bytes.withContiguousStorageIfAvailable { buffer in
            ccrypto_sha256(buffer.baseAddress, buffer.count, &digest)
        } ?? Array(bytes).withUnsafeBufferPointer { buffer in
            ccrypto_sha256(buffer.baseAddress, buffer.count, &digest)
        }
        precondition(ok == 1, "libcrypto SHA-256 failed")
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func sha256Hex(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { sha256Hex($0) }
    }
}
