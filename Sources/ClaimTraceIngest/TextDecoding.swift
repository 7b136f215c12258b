import ClaimTraceCore

/// Turns input bytes into a String: BOMs honoured, binary refused, invalid UTF-8 repaired and reported.
enum TextDecoding {
    struct Decoded {
        var text: String
        var warnings: [String]
    }

    /// - Throws: `InputError` for binary data (NUL bytes where text should be).
    static func decode(_ bytes: [UInt8], source: String) throws(InputError) -> Decoded {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return Decoded(text: utf16(bytes.dropFirst(2), littleEndian: true), warnings: []) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return Decoded(text: utf16(bytes.dropFirst(2), littleEndian: false), warnings: []) }
        var body = bytes[...]
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { body = bytes.dropFirst(3) }
        if looksBinary(body) {
            throw InputError(source: source, "binary data, not text (NUL bytes in the first 8 KB)")
        }
        if let valid = String(validating: body, as: UTF8.self) {
            return Decoded(text: valid, warnings: [])
        }
        let repaired = String(decoding: body, as: UTF8.self)
        let replaced = repaired.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) }
        return Decoded(text: repaired, warnings: ["invalid UTF-8: \(replaced) byte sequence(s) replaced with U+FFFD"])
    }

    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.prefix(8192).contains(0)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
