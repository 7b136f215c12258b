/// The fingerprints of a document's word n-grams, chosen by winnowing.
///
/// In every window of `window` consecutive n-grams the one with the smallest hash is kept (the
/// rightmost on a tie), so two documents that share a run of `window + n - 1` words share at
/// least one fingerprint, while only about 2 / (window + 1) of the n-grams are kept.
enum Fingerprints {
    typealias Fingerprint = ReuseComparison.Fingerprint

    static func of(_ hashes: [UInt64], n: Int, window: Int) -> [Fingerprint] {
        guard hashes.count >= n else { return [] }
        let grams = (0...(hashes.count - n)).map { p in ngramHash(hashes, at: p, n: n) }
        var out: [Fingerprint] = []
        out.reserveCapacity(grams.count * 2 / (window + 1) + 1)
        var lastChosen = -1
        let lastStart = max(0, grams.count - window)
        for start in 0...lastStart {
            var best = start
            for p in start..<min(start + window, grams.count) where grams[p] <= grams[best] { best = p }
            if best != lastChosen {
                out.append(Fingerprint(hash: grams[best], position: Int32(best)))
                lastChosen = best
            }
        }
        return out
    }

    /// The hash of the n words from `p`; never 0, which marks an empty slot of the index.
    @inline(__always) static func ngramHash(_ hashes: [UInt64], at p: Int, n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for k in 0..<n { h = FNV.mix(h ^ hashes[p + k]) }
        return h == 0 ? 1 : h
    }
}

/// Which documents hold each fingerprint, and where: an open-addressing table of fingerprint
/// hashes, each heading a list of postings in flat arrays (a dictionary of arrays would cost an
/// allocation per fingerprint, and most fingerprints occur once).
///
/// A fingerprint held by more than `maxPostings` documents' positions is too common to say
/// anything about copying (a stock phrase, a slogan); it stops taking postings and reports none.
struct FingerprintIndex {
    struct Posting {
        var document: Int32
        var position: Int32
    }

    /// One slot of the table: a fingerprint, its newest posting and how many places it has.
    /// Kept together so that a look-up reads one cache line, not three arrays.
    private struct Slot {
        var key: UInt64 = 0
        var head: Int32 = -1
        var count: Int32 = 0
    }

    let maxPostings: Int
    private var slots: [Slot]
    private var postings: [Posting] = []
    private var next: [Int32] = []
    private var used = 0

    init(maxPostings: Int, capacity: Int = 1 << 16) {
        self.maxPostings = maxPostings
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
    }

    /// Calls `body` with every earlier posting of `hash`, newest first, and how many places the
    /// fingerprint had, then adds `posting`; `body` is not called when the fingerprint was unknown
    /// or is too common. One look-up for both: at a large corpus each costs a cache miss.
    mutating func addFindingEarlier(_ hash: UInt64, _ posting: Posting, _ body: (Posting, Int) -> Void) {
        if (used + 1) * 10 > slots.count * 7 { grow() }
        let slot = find(hash)
        if slots[slot].key == hash {
            let count = Int(slots[slot].count)
            if count <= maxPostings {
                var p = slots[slot].head
                while p >= 0 {
                    body(postings[Int(p)], count)
                    p = next[Int(p)]
                }
            }
        } else {
            slots[slot].key = hash
            used += 1
        }
        if slots[slot].count < Int32.max { slots[slot].count += 1 }
        guard Int(slots[slot].count) <= maxPostings else { return }
        postings.append(posting)
        next.append(slots[slot].head)
        slots[slot].head = Int32(postings.count - 1)
    }

    /// Reads the first slot of each of `hashes` and nothing else, so that the memory system
    /// fetches them side by side: the look-ups that follow, each of which depends on the one
    /// before, then find their slots in cache instead of waiting for memory one after another.
    func prefetch(_ hashes: some Sequence<UInt64>) {
        let mask = slots.count - 1
        var seen: UInt64 = 0
        slots.withUnsafeBufferPointer { table in
            for hash in hashes { seen &+= table[Int(truncatingIfNeeded: hash) & mask].key }
        }
        Self.sink = seen
    }
    /// Where `prefetch` leaves what it read, so the reads are not optimised away.
    nonisolated(unsafe) private static var sink: UInt64 = 0

    /// The slot holding `hash`, or the empty slot where it would go.
    @inline(__always) private func find(_ hash: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].key != 0 && slots[slot].key != hash { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        for slot in old where slot.key != 0 { slots[find(slot.key)] = slot }
    }
}
