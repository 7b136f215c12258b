import ClaimTraceCore

/// A block's text as lowercased UTF-8 bytes, for the phrase rules' prefix and substring tests.
///
/// Only ASCII letters are folded: every rule phrase is ASCII, and byte comparisons avoid the
/// Foundation string search that dominated cleaning time in profiles.
struct FoldedText {
    let bytes: [UInt8]
    /// Words, counted as runs of non-space bytes.
    let words: Int

    init(_ text: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var words = 0
        var inWord = false
        for byte in text.utf8 {
            bytes.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            let space = byte == 32 || byte == 10 || byte == 9 || byte == 13
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        self.bytes = bytes
        self.words = words
    }

    func hasPrefix(_ phrase: String) -> Bool {
        let p = phrase.utf8
        guard p.count <= bytes.count else { return false }
        return p.elementsEqual(bytes[0..<p.count])
    }

    func equals(_ phrase: String) -> Bool { phrase.utf8.elementsEqual(bytes) }

    func contains(_ phrase: String) -> Bool { ByteSearch.contains(bytes[...], phrase.utf8) }
}
