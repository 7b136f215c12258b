import ClaimTraceCore

/// A document's body as text reuse compares it: one 64-bit hash per word, with the scalar offsets
/// the word came from.
///
/// Words are runs of letters and digits, lower-cased and without diacritics, so punctuation and
/// case edits do not break a match. A named entity is one word under the name the document
/// resolved it to, so a copy that swaps an alias ("Daesh" for "ISIS", "Rousse" for "Ruse") still
/// matches word for word. Hashes stand for the words: comparing two passages compares integers.
struct ComparableWords {
    private(set) var hashes: [UInt64] = []
    private(set) var starts: [Int32] = []
    private(set) var ends: [Int32] = []
    /// How many words of the text each stands for: more than one for a multi-word name.
    private(set) var weights: [UInt8] = []

    var count: Int { hashes.count }

    init(_ scalars: [Unicode.Scalar], entities: [EntityMention]) {
        hashes.reserveCapacity(scalars.count / 5)
        starts.reserveCapacity(scalars.count / 5)
        ends.reserveCapacity(scalars.count / 5)
        // Mentions arrive in text order; overlapping ones after the first are passed over.
        var mentions = entities.lazy.filter { $0.span.start < $0.span.end && $0.span.end <= scalars.count }.makeIterator()
        var nextMention = mentions.next()
        var i = 0
        let n = scalars.count
        while i < n {
            while let mention = nextMention, mention.span.start < i { nextMention = mentions.next() }
            if let mention = nextMention, mention.span.start == i {
                var words = 0, inWord = false
                for k in mention.span.start..<mention.span.end {
                    let isWord = Self.isWordScalar(scalars[k])
                    if isWord && !inWord { words += 1 }
                    inWord = isWord
                }
                append(Self.entityHash(mention), start: mention.span.start, end: mention.span.end, weight: max(1, words))
                i = mention.span.end
                nextMention = mentions.next()
                continue
            }
            guard Self.isWordScalar(scalars[i]) else { i += 1; continue }
            let start = i
            var hash = FNV.offset
            while i < n, Self.isWordScalar(scalars[i]) {
                // A mention starting inside a word (a name glued to a prefix) ends the word there.
                if i > start, let mention = nextMention, mention.span.start == i { break }
                let c = scalars[i]
                // ASCII folded here: the call across modules cost more than the hashing.
                hash = FNV.add(hash, c.value < 128 ? (c.value &- 65 < 26 ? c.value | 0x20 : c.value) : NameKey.foldedLetter(c).value)
                i += 1
            }
            append(FNV.finish(hash), start: start, end: i, weight: 1)
        }
    }

    private mutating func append(_ hash: UInt64, start: Int, end: Int, weight: Int) {
        hashes.append(hash)
        weights.append(UInt8(min(weight, 255)))
        starts.append(Int32(truncatingIfNeeded: start))
        ends.append(Int32(truncatingIfNeeded: end))
    }

    /// An entity's word: its gazetteer place when it has one, else its resolved name's strict key.
    /// Tagged so that no plain word hashes alike.
    static func entityHash(_ mention: EntityMention) -> UInt64 {
        var hash = FNV.add(FNV.offset, 0xE0)
        if let place = mention.placeID {
            hash = FNV.add(hash, UInt32(truncatingIfNeeded: place))
            hash = FNV.add(hash, UInt32(truncatingIfNeeded: place >> 32))
        } else {
            for scalar in NameKey.strict(mention.name).unicodeScalars { hash = FNV.add(hash, scalar.value) }
        }
        return FNV.finish(hash)
    }

    @inline(__always) static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return (c.value | 0x20) &- 97 < 26 || c.value &- 48 < 10 }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }
}

/// FNV-1a over 32-bit units, finished with a strong mixer so that hashes can be sampled by their
/// low bits.
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func add(_ hash: UInt64, _ unit: UInt32) -> UInt64 {
        (hash ^ UInt64(unit)) &* 0x0000_0100_0000_01B3
    }
    @inline(__always) static func finish(_ hash: UInt64) -> UInt64 { mix(hash) }

    /// SplitMix64's finalizer.
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
