/// Finds the passages two word sequences share, from the fingerprints they have in common.
///
/// Shared fingerprints are only seeds: nearby seeds on nearby diagonals are grouped, and each
/// group's neighbourhood is aligned word by word with a banded Smith–Waterman local alignment, so
/// a passage's ends and its edits (a word swapped, dropped or added) come from the words
/// themselves, not from where fingerprints happened to fall.
struct PassageAligner {
    /// A seed: the same n-gram at word `a` of one side and word `b` of the other.
    struct Seed {
        var a: Int
        var b: Int
        var diagonal: Int { a - b }
    }

    /// One side's words: their hashes, and how many words of the text each stands for (a name
    /// is one comparable word however many words it is written with).
    struct Side {
        var words: [UInt32]
        var weights: [UInt8]
        func weight(_ range: Range<Int>) -> Int { weights[range].reduce(0) { $0 + Int($1) } }
    }

    /// A local alignment: half-open word ranges on both sides and the text words they match.
    struct Alignment: Equatable {
        var a: Range<Int>
        var b: Range<Int>
        /// Text words of both sides in matched positions, counted on both sides.
        var matchedWeight: Int
        /// Text words of both sides in the ranges.
        var totalWeight: Int
        /// Matched text words, averaged over the two sides.
        var matches: Int { matchedWeight / 2 }
        /// Words aligned alike over the words of both sides.
        var similarity: Double { totalWeight == 0 ? 0 : Double(matchedWeight) / Double(totalWeight) }
    }

    var ngram = 5
    /// Seeds further apart than this many words, or this many diagonals, start a new group.
    var maxGap = 30
    /// Words aligned beyond a group's first and last seeds before the alignment may stop.
    var margin = 20
    var minMatches = 10
    var minSimilarity = 0.5

    static let match: Int32 = 2
    static let mismatch: Int32 = -2
    static let gap: Int32 = -2

    /// Every accepted passage between `aWords` and `bWords` given their shared seeds, in order of
    /// their start on side b, none overlapping another on both sides.
    func passages(_ aSide: Side, _ bSide: Side, seeds: [Seed]) -> [Alignment] {
        var found: [Alignment] = []
        var pending = [seeds.sorted { ($0.b, $0.a) < ($1.b, $1.a) }]
        // A group can hold two passages a short stretch apart; the seeds the first alignment did
        // not cover are grouped and aligned again. Each round covers at least one seed.
        while let group = pending.popLast() {
            for cluster in clusters(group) {
                guard let alignment = align(aSide, bSide, cluster: cluster) else { continue }
                let rest = cluster.filter { !alignment.b.contains($0.b) || !alignment.a.contains($0.a) }
                if rest.count < cluster.count, !rest.isEmpty { pending.append(rest) }
                if alignment.matches >= minMatches, alignment.similarity >= minSimilarity,
                   !found.contains(where: { $0.a.overlaps(alignment.a) && $0.b.overlaps(alignment.b) }) {
                    found.append(alignment)
                }
            }
        }
        return found.sorted { ($0.b.lowerBound, $0.a.lowerBound) < ($1.b.lowerBound, $1.a.lowerBound) }
    }

    /// Seeds (sorted by `b`) split into groups of neighbours on nearby diagonals.
    func clusters(_ seeds: [Seed]) -> [[Seed]] {
        var open: [[Seed]] = []
        var closed: [[Seed]] = []
        for seed in seeds {
            var joined = false
            var k = 0
            while k < open.count {
                let last = open[k][open[k].count - 1]
                if seed.b - last.b > maxGap {
                    closed.append(open.remove(at: k))
                    continue
                }
                if !joined, abs(seed.diagonal - last.diagonal) <= maxGap {
                    open[k].append(seed)
                    joined = true
                }
                k += 1
            }
            if !joined { open.append([seed]) }
        }
        return closed + open
    }

    /// The best local alignment around one group of seeds, widening the window while the
    /// alignment reaches its edge.
    func align(_ aSide: Side, _ bSide: Side, cluster: [Seed]) -> Alignment? {
        let aWords = aSide.words, bWords = bSide.words
        var aLow = cluster.map(\.a).min()!, aHigh = cluster.map(\.a).max()! + ngram
        var bLow = cluster.map(\.b).min()!, bHigh = cluster.map(\.b).max()! + ngram
        var dLow = cluster.map(\.diagonal).min()!, dHigh = cluster.map(\.diagonal).max()!
        var pad = margin
        while true {
            let aRange = max(0, aLow - pad)..<min(aWords.count, aHigh + pad)
            let bRange = max(0, bLow - pad)..<min(bWords.count, bHigh + pad)
            let band = (dLow - pad / 2)...(dHigh + pad / 2)
            // Most groups met through one rare fingerprint are a chance phrase: they are turned
            // away before the first alignment when its window cannot hold enough matching words.
            if pad == margin, !Self.mayMatch(aSide, aRange, bSide, bRange, band: band, atLeast: minMatches) { return nil }
            guard let alignment = Self.smithWaterman(aSide, aRange, bSide, bRange, band: band) else { return nil }
            let touchesEdge = (alignment.a.lowerBound == aRange.lowerBound && aRange.lowerBound > 0)
                || (alignment.b.lowerBound == bRange.lowerBound && bRange.lowerBound > 0)
                || (alignment.a.upperBound == aRange.upperBound && aRange.upperBound < aWords.count)
                || (alignment.b.upperBound == bRange.upperBound && bRange.upperBound < bWords.count)
            if !touchesEdge || pad >= 8 * margin { return alignment }
            aLow = min(aLow, alignment.a.lowerBound); aHigh = max(aHigh, alignment.a.upperBound)
            bLow = min(bLow, alignment.b.lowerBound); bHigh = max(bHigh, alignment.b.upperBound)
            dLow = min(dLow, alignment.a.lowerBound - alignment.b.lowerBound)
            dHigh = max(dHigh, alignment.a.upperBound - alignment.b.upperBound)
            pad *= 2
        }
    }

    /// Whether the window may hold an alignment matching `atLeast` words: an alignment matches
    /// each word of side b at most once, so the words of b with an equal word of a within the
    /// band, weighed as the alignment weighs them, bound what any alignment in the window can
    /// match. Stops counting once the bound is reached.
    static func mayMatch(_ aSide: Side, _ aRange: Range<Int>, _ bSide: Side, _ bRange: Range<Int>,
                         band: ClosedRange<Int>, atLeast matches: Int) -> Bool {
        let aWords = aSide.words, bWords = bSide.words
        var weight = 0  // both sides' words, as `Alignment.matchedWeight` counts them
        for b in bRange {
            let low = max(aRange.lowerBound, b + band.lowerBound), high = min(aRange.upperBound, b + band.upperBound + 1)
            guard low < high else { continue }
            var heaviest = -1
            for a in low..<high where aWords[a] == bWords[b] { heaviest = max(heaviest, Int(aSide.weights[a])) }
            if heaviest >= 0 {
                weight += heaviest + Int(bSide.weights[b])
                if weight >= 2 * matches { return true }
            }
        }
        return false
    }

    /// Smith–Waterman over the words of `aRange` × `bRange`, limited to diagonals (a − b) in
    /// `band`: match +2, mismatch and gap −2 a word.
    static func smithWaterman(_ aSide: Side, _ aRange: Range<Int>, _ bSide: Side, _ bRange: Range<Int>,
                              band: ClosedRange<Int>) -> Alignment? {
        let aWords = aSide.words, bWords = bSide.words
        let width = band.count + 2  // one guard cell each side keeps the recurrence free of bounds tests
        let rows = bRange.count
        guard rows > 0, !aRange.isEmpty else { return nil }
        // Row r is word bRange.lowerBound + r; column c of a row is diagonal band.lowerBound + c - 1.
        var h = [Int32](repeating: 0, count: (rows + 1) * width)
        var best: Int32 = 0
        var bestCell = (row: 0, column: 0)
        for r in 1...rows {
            let b = bRange.lowerBound + r - 1
            let rowBase = r * width, upBase = (r - 1) * width
            let bWord = bWords[b]
            for c in 1..<(width - 1) {
                let a = b + band.lowerBound + c - 1
                guard a >= aRange.lowerBound, a < aRange.upperBound else { continue }
                // Same diagonal in the row above: the previous words of both sides.
                let diagonal = h[upBase + c] + (aWords[a] == bWord ? match : mismatch)
                // Row above, one diagonal further (same a, previous b); same row, one diagonal back.
                let up = h[upBase + c + 1] + gap
                let left = h[rowBase + c - 1] + gap
                let score = max(0, diagonal, up, left)
                h[rowBase + c] = score
                if score > best { best = score; bestCell = (r, c) }
            }
        }
        guard best > 0 else { return nil }
        // Back from the best cell while the score stays positive.
        var (r, c) = bestCell
        var matched = 0
        let aEnd = bRange.lowerBound + r - 1 + band.lowerBound + c - 1 + 1, bEnd = bRange.lowerBound + r
        var aStart = aEnd, bStart = bEnd
        while r > 0, h[r * width + c] > 0 {
            let score = h[r * width + c]
            let b = bRange.lowerBound + r - 1
            let a = b + band.lowerBound + c - 1
            let same = aWords[a] == bWords[b]
            if score == h[(r - 1) * width + c] + (same ? match : mismatch) {
                if same { matched += Int(aSide.weights[a]) + Int(bSide.weights[b]) }
                aStart = a; bStart = b
                r -= 1
            } else if score == h[(r - 1) * width + c + 1] + gap {
                bStart = b
                r -= 1; c += 1
            } else {
                aStart = a
                c -= 1
            }
        }
        return Alignment(a: aStart..<aEnd, b: bStart..<bEnd, matchedWeight: matched,
                         totalWeight: aSide.weight(aStart..<aEnd) + bSide.weight(bStart..<bEnd))
    }
}
