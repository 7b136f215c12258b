extension Array where Element == Unicode.Scalar {
    /// The scalars of `text`, decoded in one pass over its UTF-8 into storage sized by the byte
    /// count. Spans count code points, so every stage that reads offsets works on this array;
    /// `Array(text.unicodeScalars)` walks the text twice (once to count) and cost as much as
    /// splitting it into sentences.
    public init(scalarsOf text: String) {
        var text = text
        self = text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, written in
                var n = 0, i = 0
                let count = bytes.count
                while i < count {
                    let lead = UInt32(bytes[i])
                    if lead < 0x80 {
                        // ASCII, nearly all of a text, is a scalar as it stands: no validity check.
                        out.initializeElement(at: n, to: Unicode.Scalar(UInt8(truncatingIfNeeded: lead)))
                        n += 1
                        i += 1
                        continue
                    }
                    // A Swift string is valid UTF-8: the lead byte gives the sequence's length.
                    var value: UInt32
                    if lead < 0xE0 { value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2 }
                    else if lead < 0xF0 {
                        value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
                    } else {
                        value = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    out.initializeElement(at: n, to: Unicode.Scalar(value) ?? "\u{FFFD}")
                    n += 1
                }
                written = n
            }
        }
    }
}
