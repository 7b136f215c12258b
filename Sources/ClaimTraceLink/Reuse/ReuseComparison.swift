import ClaimTraceCore

/// One document as text reuse keeps it: its words for alignment, its text to cut passages from
/// (when kept), its date for direction and its quotations for telling copies from shared quotes.
public struct ReuseEntry: Sendable {
    public var id: DocumentID
    public var published: PublicationDate?
    public var text: String
    var words: PassageAligner.Side
    var hashes: [UInt64]
    var starts: [Int32]
    var ends: [Int32]
    var quotations: [TextSpan]

    public init(_ annotated: AnnotatedDocument, keepsText: Bool = true) {
        let document = annotated.document
        let words = ComparableWords([Unicode.Scalar](scalarsOf: document.text), entities: annotated.entities)
        id = document.id
        published = document.published
        text = keepsText ? document.text : ""
        self.words = PassageAligner.Side(words: words.hashes.map { UInt32(truncatingIfNeeded: $0 ^ ($0 >> 32)) }, weights: words.weights)
        hashes = words.hashes
        starts = words.starts
        ends = words.ends
        quotations = annotated.annotations.quotes.filter { $0.kind == .speaker }.map(\.span).sorted()
    }

    /// The entry as bytes, for a store to keep beside the document: comparing a new document with
    /// an earlier one then reads one value instead of the earlier document and its annotations.
    /// The text is not kept.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [1]  // format version
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        func append<T: FixedWidthInteger>(_ values: [T]) { for v in values { append(v) } }
        let idBytes = Array(id.rawValue.utf8)
        append(UInt32(idBytes.count)); out += idBytes
        append(UInt32(published.map { $0.daysSince1970 + 1 } ?? 0))
        append(UInt32(words.words.count))
        append(words.words); out += words.weights
        append(starts); append(ends)
        append(UInt32(quotations.count))
        for q in quotations { append(Int32(q.start)); append(Int32(q.end)) }
        return out
    }

    /// An entry from `encoded()`, or nil for bytes it did not write.
    public init?(encoded bytes: [UInt8]) {
        var at = 0
        func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard at + MemoryLayout<T>.size <= bytes.count else { return nil }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[at..<(at + MemoryLayout<T>.size)]) }
            at += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        func readArray<T: FixedWidthInteger>(_: T.Type, _ count: Int) -> [T]? {
            var out: [T] = []
            out.reserveCapacity(count)
            for _ in 0..<count { guard let v = read(T.self) else { return nil }; out.append(v) }
            return out
        }
        guard bytes.first == 1 else { return nil }
        at = 1
        guard let idCount = read(UInt32.self), at + Int(idCount) <= bytes.count else { return nil }
        id = DocumentID(String(decoding: bytes[at..<(at + Int(idCount))], as: UTF8.self))
        at += Int(idCount)
        guard let day = read(UInt32.self), let count = read(UInt32.self).map(Int.init),
              let words = readArray(UInt32.self, count), at + count <= bytes.count else { return nil }
        published = day == 0 ? nil : PublicationDate(daysSince1970: Int(day) - 1)
        let weights = Array(bytes[at..<(at + count)])
        at += count
        guard let starts = readArray(Int32.self, count), let ends = readArray(Int32.self, count),
              let quotationCount = read(UInt32.self).map(Int.init), let bounds = readArray(Int32.self, 2 * quotationCount) else { return nil }
        self.words = PassageAligner.Side(words: words, weights: weights)
        hashes = []  // only a new document's hashes are fingerprinted
        self.starts = starts
        self.ends = ends
        quotations = (0..<quotationCount).map { TextSpan(start: Int(bounds[2 * $0]), end: Int(bounds[2 * $0 + 1])) }
        text = ""
    }

    /// The text of `span`, or "" when the text was not kept or the span does not fit.
    public static func slice(_ text: String, _ span: TextSpan) -> String {
        let scalars = text.unicodeScalars
        guard span.start >= 0, span.start <= span.end,
              let start = scalars.index(scalars.startIndex, offsetBy: span.start, limitedBy: scalars.endIndex),
              let end = scalars.index(start, offsetBy: span.length, limitedBy: scalars.endIndex) else { return "" }
        return String(scalars[start..<end])
    }
}

/// What finding reuse does for one new document, whatever keeps the fingerprints of the earlier
/// ones (`ReuseFinder` in memory, or a store): its fingerprints, the seeds they give against each
/// earlier document, and the aligned passages.
public struct ReuseComparison: Sendable {
    public let options: ReuseFinder.Options
    private let aligner: PassageAligner

    public init(options: ReuseFinder.Options) {
        self.options = options
        aligner = PassageAligner(ngram: options.ngram, minMatches: options.minMatches, minSimilarity: options.minSimilarity)
    }

    /// A fingerprint of a document: a winnowed n-gram's hash and the word it starts at.
    public struct Fingerprint: Sendable {
        public var hash: UInt64
        public var position: Int32
        public init(hash: UInt64, position: Int32) { self.hash = hash; self.position = position }
    }

    func fingerprints(of entry: ReuseEntry) -> [Fingerprint] {
        Fingerprints.of(entry.hashes, n: options.ngram, window: options.window)
    }

    /// The seeds a new document has against each earlier one, keyed by a number that grows with
    /// the order the earlier documents were added in. Kept in one flat list and grouped once:
    /// most earlier documents a fingerprint meets get a single seed, and a dictionary of lists
    /// spent an allocation on each.
    struct Seeds {
        typealias Key = Int64
        private var found: [(key: Key, seed: PassageAligner.Seed, rare: Bool)] = []

        /// A fingerprint the new document has at word `b` and the earlier one at word `a`, held at
        /// `postings` earlier places in all (few: `rare`).
        mutating func add(_ document: Key, a: Int32, b: Int32, postings: Int, rarePostings: Int) {
            found.append((document, PassageAligner.Seed(a: Int(a), b: Int(b)), postings <= rarePostings))
        }

        /// The earlier documents worth aligning, in key order, with their seeds: those met
        /// through two seeds or more, or through one rare fingerprint; of those, the `limit` with
        /// the most seeds (the earliest first on a tie). A passage copied by many documents is
        /// compared with the first of them and the closest copies, not with all: the work per
        /// document stays bounded however often a passage was repeated.
        func candidates(limit: Int) -> [(key: Key, seeds: [PassageAligner.Seed])] {
            let sorted = found.sorted { ($0.key, $0.seed.b, $0.seed.a) < ($1.key, $1.seed.b, $1.seed.a) }
            var worth: [(key: Key, seeds: Range<Int>)] = []
            var start = 0
            while start < sorted.count {
                var end = start, rare = false
                while end < sorted.count && sorted[end].key == sorted[start].key { rare = rare || sorted[end].rare; end += 1 }
                if end - start > 1 || rare { worth.append((sorted[start].key, start..<end)) }
                start = end
            }
            if worth.count > limit {
                worth.sort { $0.seeds.count != $1.seeds.count ? $0.seeds.count > $1.seeds.count : $0.key < $1.key }
                worth.removeLast(worth.count - limit)
                worth.sort { $0.key < $1.key }
            }
            return worth.map { ($0.key, sorted[$0.seeds].map(\.seed)) }
        }
    }

    /// A place a fingerprint occurs, as an index reports it: a document by a number that grows
    /// with the order documents were added in, a word position, and whether it is the new
    /// document's own (a phrase it repeats).
    public struct Place: Sendable {
        public var order: Int64
        public var position: Int32
        public var own: Bool
        public init(order: Int64, position: Int32, own: Bool) { self.order = order; self.position = position; self.own = own }
    }

    /// Compares a new document with the documents added before it, wherever their fingerprints
    /// are kept. `exchange` looks up the new document's fingerprints, in order, and adds each:
    /// for every fingerprint how many places it had (its own earlier ones included) and those
    /// places, none when more than `maxPostings`. `earlier` gives an earlier document's entry.
    public func passages(of entry: ReuseEntry, exchange: ([Fingerprint]) throws -> [(count: Int, places: [Place])],
                         earlier: (Int64) throws -> ReuseEntry?) rethrows -> [ReusedPassage] {
        let fingerprints = self.fingerprints(of: entry)
        var seeds = Seeds()
        for (fingerprint, (count, places)) in zip(fingerprints, try exchange(fingerprints)) {
            // A document's own repeated phrase is no reuse.
            for place in places where !place.own {
                seeds.add(place.order, a: place.position, b: fingerprint.position, postings: count, rarePostings: options.rarePostings)
            }
        }
        var found: [ReusedPassage] = []
        // In the order the earlier documents were added: the output does not depend on hashing.
        for (order, shared) in seeds.candidates(limit: options.maxCandidates) {
            guard let other = try earlier(order) else { continue }
            found += passages(entry, against: other, seeds: shared)
        }
        return found
    }

    /// The passages `new` shares with `earlier`, given their shared seeds.
    func passages(_ new: ReuseEntry, against earlier: ReuseEntry, seeds: [PassageAligner.Seed]) -> [ReusedPassage] {
        aligner.passages(earlier.words, new.words, seeds: seeds).map {
            passage(earlier, $0.a, new, $0.b, similarity: $0.similarity)
        }
    }

    /// A passage record, its sides ordered by direction when the dates give one.
    private func passage(_ x: ReuseEntry, _ xWords: Range<Int>, _ y: ReuseEntry, _ yWords: Range<Int>, similarity: Double) -> ReusedPassage {
        let xSpan = TextSpan(start: Int(x.starts[xWords.lowerBound]), end: Int(x.ends[xWords.upperBound - 1]))
        let ySpan = TextSpan(start: Int(y.starts[yWords.lowerBound]), end: Int(y.ends[yWords.upperBound - 1]))
        let quoted = Self.isQuotation(x, xWords, limit: options.maxTagWords) && Self.isQuotation(y, yWords, limit: options.maxTagWords)
        var origin: DocumentID?
        if let xDate = x.published, let yDate = y.published, xDate != yDate { origin = xDate < yDate ? x.id : y.id }
        let xFirst = origin.map { $0 == x.id } ?? (x.id < y.id)
        let rounded = (similarity * 1000).rounded() / 1000
        let kind: ReuseKind = quoted ? .sharedQuotation : .copy
        return xFirst
            ? ReusedPassage(a: x.id, aSpan: xSpan, b: y.id, bSpan: ySpan, similarity: rounded, kind: kind, origin: origin)
            : ReusedPassage(a: y.id, aSpan: ySpan, b: x.id, bSpan: xSpan, similarity: rounded, kind: kind, origin: origin)
    }

    /// Whether a passage side is a quotation: most of its words inside quotation marks and, outside
    /// them, no more than a speech tag ("Name said:"). Two documents each quoting a speaker with
    /// the tag share exactly that much; a copy of the writer's prose shares more.
    private static func isQuotation(_ entry: ReuseEntry, _ words: Range<Int>, limit: Int) -> Bool {
        var inside = 0, outside = 0
        var q = entry.quotations.firstIndex { $0.end > Int(entry.starts[words.lowerBound]) } ?? entry.quotations.count
        for w in words {
            let start = Int(entry.starts[w])
            while q < entry.quotations.count && entry.quotations[q].end <= start { q += 1 }
            if q < entry.quotations.count && entry.quotations[q].start <= start { inside += 1 } else { outside += 1 }
        }
        return outside <= limit && inside >= 2 * outside
    }
}
