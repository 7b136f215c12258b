import ClaimTraceCore

/// Finds the passages documents share, one document at a time.
///
/// Each document added is compared only with the earlier documents that share a fingerprint with
/// it (winnowed word 5-grams, `FingerprintIndex`), so the work grows with the amount of text and
/// of actual reuse, not with the number of document pairs. The candidates are then aligned word by
/// word (`PassageAligner`). The result depends on the documents and the order they are added in,
/// nothing else; adding documents later finds what a run over all of them in the same order finds.
///
/// Only article bodies are compared: removed boilerplate and comments are not part of
/// `Document.text`, so they never count as reuse.
public struct ReuseFinder {
    public struct Options: Sendable {
        /// Words per fingerprinted n-gram.
        public var ngram = 5
        /// Winnowing window, in n-grams: any shared run of `ngram + window - 1` words is seen.
        public var window = 3
        /// A fingerprint at more places than this is a stock phrase and seeds nothing.
        public var maxPostings = 64
        /// A document sharing a single fingerprint with the new one is aligned only when that
        /// fingerprint has at most this many earlier places: one shared stock phrase is chance,
        /// one shared rare phrase is worth a look.
        public var rarePostings = 2
        /// The fewest words a passage must match on both sides.
        public var minMatches = 10
        /// The lowest share of its words a passage must match.
        public var minSimilarity = 0.5
        /// The most words outside quotation marks a side of a shared quotation may have: a speech
        /// tag's worth. Beyond it, the passage is a copy.
        public var maxTagWords = 6
        /// Whether each document's text is kept, for `text(of:_:)`; without it only the offsets of
        /// passages are known.
        public var keepsText = true
        public init() {}
    }

    /// What is kept of each document added: its words for alignment, its text to cut passages
    /// from, its date for direction and its quotations for telling copies from shared quotes.
    private struct Entry {
        var id: DocumentID
        var published: PublicationDate?
        var text: String
        var words: PassageAligner.Side
        var starts: [Int32]
        var ends: [Int32]
        var quotations: [TextSpan]
    }

    public let options: Options
    private var index: FingerprintIndex
    private var entries: [Entry] = []
    private var entryByID: [DocumentID: Int] = [:]
    private var aligner: PassageAligner
    public private(set) var passages: [ReusedPassage] = []

    public init(options: Options = Options()) {
        self.options = options
        index = FingerprintIndex(maxPostings: options.maxPostings)
        aligner = PassageAligner(ngram: options.ngram, minMatches: options.minMatches, minSimilarity: options.minSimilarity)
    }

    /// How many documents have been added.
    public var documentCount: Int { entries.count }

    /// Compares a document with every document added before it; returns the passages found, which
    /// are also appended to `passages`.
    @discardableResult
    public mutating func add(_ annotated: AnnotatedDocument) -> [ReusedPassage] {
        let document = annotated.document
        let scalars = [Unicode.Scalar](scalarsOf: document.text)
        let words = ComparableWords(scalars, entities: annotated.entities)
        let fingerprints = Fingerprints.of(words.hashes, n: options.ngram, window: options.window)
        let number = Int32(entries.count)

        var seedsByDocument: [Int32: [PassageAligner.Seed]] = [:]
        // Documents met only through one fingerprint that other documents also hold: a stock
        // phrase met by chance, not worth an alignment unless another seed turns up.
        var rare = Set<Int32>()
        for fingerprint in fingerprints {
            let posting = FingerprintIndex.Posting(document: number, position: fingerprint.position)
            index.addFindingEarlier(fingerprint.hash, posting) { earlier, count in
                // A document's own repeated phrase is no reuse.
                guard earlier.document != number else { return }
                seedsByDocument[earlier.document, default: []].append(PassageAligner.Seed(a: Int(earlier.position), b: Int(fingerprint.position)))
                if count <= options.rarePostings { rare.insert(earlier.document) }
            }
        }
        let quotations = annotated.annotations.quotes.filter { $0.kind == .speaker }.map(\.span).sorted()
        let entry = Entry(id: document.id, published: document.published, text: options.keepsText ? document.text : "",
                          words: PassageAligner.Side(words: words.hashes.map { UInt32(truncatingIfNeeded: $0 ^ ($0 >> 32)) }, weights: words.weights),
                          starts: words.starts, ends: words.ends, quotations: quotations)
        entryByID[entry.id] = entries.count
        entries.append(entry)

        var found: [ReusedPassage] = []
        // Earlier documents in the order they were added: the output order does not depend on
        // hashing.
        for other in seedsByDocument.keys.sorted() {
            guard seedsByDocument[other]!.count > 1 || rare.contains(other) else { continue }
            let earlier = entries[Int(other)]
            guard earlier.id != entry.id else { continue }
            for alignment in aligner.passages(earlier.words, entry.words, seeds: seedsByDocument[other]!) {
                found.append(passage(earlier, alignment.a, entry, alignment.b, similarity: alignment.similarity))
            }
        }
        passages += found
        return found
    }

    /// A passage record, its sides ordered by direction when the dates give one.
    private func passage(_ x: Entry, _ xWords: Range<Int>, _ y: Entry, _ yWords: Range<Int>, similarity: Double) -> ReusedPassage {
        let xSpan = TextSpan(start: Int(x.starts[xWords.lowerBound]), end: Int(x.ends[xWords.upperBound - 1]))
        let ySpan = TextSpan(start: Int(y.starts[yWords.lowerBound]), end: Int(y.ends[yWords.upperBound - 1]))
        let quoted = Self.isQuotation(x, xWords, limit: options.maxTagWords) && Self.isQuotation(y, yWords, limit: options.maxTagWords)
        var origin: DocumentID?
        if let xDate = x.published, let yDate = y.published, xDate != yDate { origin = xDate < yDate ? x.id : y.id }
        let xFirst = origin.map { $0 == x.id } ?? (x.id < y.id)
        let rounded = (similarity * 1000).rounded() / 1000
        return xFirst
            ? ReusedPassage(a: x.id, aSpan: xSpan, b: y.id, bSpan: ySpan, similarity: rounded, kind: quoted ? .sharedQuotation : .copy, origin: origin)
            : ReusedPassage(a: y.id, aSpan: ySpan, b: x.id, bSpan: xSpan, similarity: rounded, kind: quoted ? .sharedQuotation : .copy, origin: origin)
    }

    /// Whether a passage side is a quotation: most of its words inside quotation marks and, outside
    /// them, no more than a speech tag ("Name said:"). Two documents each quoting a speaker with
    /// the tag share exactly that much; a copy of the writer's prose shares more.
    private static func isQuotation(_ entry: Entry, _ words: Range<Int>, limit: Int) -> Bool {
        var inside = 0, outside = 0
        var q = entry.quotations.firstIndex { $0.end > Int(entry.starts[words.lowerBound]) } ?? entry.quotations.count
        for w in words {
            let start = Int(entry.starts[w])
            while q < entry.quotations.count && entry.quotations[q].end <= start { q += 1 }
            if q < entry.quotations.count && entry.quotations[q].start <= start { inside += 1 } else { outside += 1 }
        }
        return outside <= limit && inside >= 2 * outside
    }

    /// The text of a passage side, cut from the document it was found in.
    public func text(of document: DocumentID, _ span: TextSpan) -> String? {
        guard let n = entryByID[document] else { return nil }
        return Self.slice(entries[n].text, span)
    }

    static func slice(_ text: String, _ span: TextSpan) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.index(scalars.startIndex, offsetBy: span.start, limitedBy: scalars.endIndex),
              let end = scalars.index(start, offsetBy: span.length, limitedBy: scalars.endIndex) else { return "" }
        return String(scalars[start..<end])
    }
}

