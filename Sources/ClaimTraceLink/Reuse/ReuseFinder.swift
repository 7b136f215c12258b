import ClaimTraceCore

/// Finds the passages documents share, one document at a time.
///
/// Each document added is compared only with the earlier documents that share a fingerprint with
/// it (winnowed word 5-grams, `FingerprintIndex`): those met through two fingerprints, or through
/// one that few documents hold, and at most the 16 it shares most with; so the work grows with the
/// amount of text, not with the number of document pairs. The candidates are then aligned word by
/// word (`PassageAligner`). The store keeps its own index and runs the same comparison
/// (`ReuseComparison`). The result depends on the documents and the order they are added in,
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
        /// The most earlier documents a new one is aligned with (those it shares most with).
        public var maxCandidates = 16
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

    public let options: Options
    private var index: FingerprintIndex
    private var entries: [ReuseEntry] = []
    private var entryByID: [DocumentID: Int] = [:]
    private let comparison: ReuseComparison
    public private(set) var passages: [ReusedPassage] = []

    public init(options: Options = Options()) {
        self.options = options
        index = FingerprintIndex(maxPostings: options.maxPostings)
        comparison = ReuseComparison(options: options)
    }

    /// Compares a document with every document added before it; returns the passages found, which
    /// are also appended to `passages`.
    @discardableResult
    public mutating func add(_ annotated: AnnotatedDocument) -> [ReusedPassage] {
        var entry = ReuseEntry(annotated, keepsText: options.keepsText)
        let number = Int32(entries.count)
        let found = comparison.passages(of: entry, exchange: { fingerprints in
            index.prefetch(fingerprints.lazy.map(\.hash))
            return fingerprints.map { fingerprint in
                var answer: (count: Int, places: [ReuseComparison.Place]) = (0, [])
                index.addFindingEarlier(fingerprint.hash, FingerprintIndex.Posting(document: number, position: fingerprint.position)) { earlier, count in
                    answer.count = count
                    answer.places.append(ReuseComparison.Place(order: Int64(earlier.document), position: earlier.position, own: earlier.document == number))
                }
                return answer
            }
        }, earlier: { order in entries[Int(order)] })
        // Only a new document's word hashes are fingerprinted; an earlier one is aligned by its
        // shorter words.
        entry.hashes = []
        entryByID[entry.id] = entries.count
        entries.append(entry)
        passages += found
        return found
    }

    /// The text of a passage side, cut from the document it was found in.
    public func text(of document: DocumentID, _ span: TextSpan) -> String? {
        guard let n = entryByID[document] else { return nil }
        return ReuseEntry.slice(entries[n].text, span)
    }
}
