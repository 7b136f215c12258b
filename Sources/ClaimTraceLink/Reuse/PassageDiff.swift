import ClaimTraceCore

/// Marks where two sides of a shared passage differ, word by word, for showing them side by side.
///
/// Words compare as text reuse compares them (case, diacritics and punctuation aside); the words
/// each side has that the other lacks at that place are marked changed. The pieces of each side
/// put back together give its text exactly.
public enum PassageDiff {
    public struct Piece: Equatable, Sendable {
        public var text: String
        public var changed: Bool
        public init(text: String, changed: Bool) { self.text = text; self.changed = changed }
    }

    /// Passages longer than this many words on a side are shown without marks: the comparison
    /// costs the product of both lengths.
    public static let maxWords = 3000

    public static func compare(_ a: String, _ b: String) -> (a: [Piece], b: [Piece]) {
        let aScalars = [Unicode.Scalar](a.unicodeScalars), bScalars = [Unicode.Scalar](b.unicodeScalars)
        let aWords = ComparableWords(aScalars, entities: []), bWords = ComparableWords(bScalars, entities: [])
        guard aWords.count <= maxWords, bWords.count <= maxWords else {
            return ([Piece(text: a, changed: false)], [Piece(text: b, changed: false)])
        }
        let (aKept, bKept) = commonWords(aWords.hashes, bWords.hashes)
        return (pieces(aScalars, aWords, kept: aKept), pieces(bScalars, bWords, kept: bKept))
    }

    /// Which words of each side belong to a longest common subsequence of the two.
    static func commonWords(_ a: [UInt64], _ b: [UInt64]) -> (a: [Bool], b: [Bool]) {
        let n = a.count, m = b.count
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lengths[i * (m + 1) + j] = a[i] == b[j]
                        ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                        : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
                }
            }
        }
        var aKept = [Bool](repeating: false, count: n), bKept = [Bool](repeating: false, count: m)
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] {
                aKept[i] = true; bKept[j] = true
                i += 1; j += 1
            } else if lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return (aKept, bKept)
    }

    /// A side cut into runs of kept and changed words; the text between two words goes with the
    /// run before it unless both words are changed.
    static func pieces(_ scalars: [Unicode.Scalar], _ words: ComparableWords, kept: [Bool]) -> [Piece] {
        var out: [Piece] = []
        func add(_ range: Range<Int>, changed: Bool) {
            guard !range.isEmpty else { return }
            let text = String(String.UnicodeScalarView(scalars[range]))
            if let last = out.last, last.changed == changed {
                out[out.count - 1].text += text
            } else {
                out.append(Piece(text: text, changed: changed))
            }
        }
        var position = 0
        for w in 0..<words.count {
            let start = Int(words.starts[w]), end = Int(words.ends[w])
            let changed = !kept[w]
            add(position..<start, changed: changed && w > 0 && !kept[w - 1])
            add(start..<end, changed: changed)
            position = end
        }
        add(position..<scalars.count, changed: false)
        return out
    }
}
