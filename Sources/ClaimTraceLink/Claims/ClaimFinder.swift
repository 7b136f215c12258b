import ClaimTraceCore

/// Groups the mentions of the same claim across documents and works out, for each claim, the
/// independent sources behind it.
///
/// Two mentions in different documents are one claim when a shared passage covers both (text
/// reuse is the strongest evidence there is), when they quote the same words, or when they share
/// enough of what they are about (`ClaimLinkRule`). Claims are the connected groups of such
/// links, so the result does not depend on the order documents arrive in (but for keys so
/// frequent they stop proposing candidates, see `Options`). `Provenance` then
/// follows each mention's credits through the outlets of the corpus to its root sources.
public struct ClaimFinder: Sendable {
    public struct Options: Sendable {
        /// A name or number held by more mentions than this proposes no candidates (it still counts
        /// once a pair is compared).
        public var maxPostings = 400
        /// A word in more mentions than this is too common to bring two mentions together (it still
        /// counts once they are).
        public var maxWordMentions = 200
        /// Four quoted words held by more quotations than this propose no candidates.
        public var maxQuotationPostings = 64
        public var rule = ClaimLinkRule()
        /// Whether each mention's words are kept; without them a claim's texts are empty, and only
        /// offsets say where it is told.
        public var keepsText = true
        public init() {}
    }

    public let options: Options
    public private(set) var documents: [DocumentClaims] = []

    public init(options: Options = Options()) { self.options = options }

    public mutating func add(_ annotated: AnnotatedDocument) {
        documents.append(DocumentClaims(annotated, keepsText: options.keepsText))
    }
    public mutating func add(_ drafted: DocumentClaims) { documents.append(drafted) }

    /// The claims of every document added, most widely told first.
    ///
    /// `entities` tells which source names are one source ("LDWA" and "Lower Danube Waterways
    /// Authority"); names it does not know compare by their letters.
    public func claims(reuse: [ReusedPassage], entities: EntityLookup? = nil) -> [Claim] {
        var mentions: [(document: Int, draft: Int)] = []
        var firstMention: [Int] = []
        for (d, doc) in documents.enumerated() {
            firstMention.append(mentions.count)
            for m in doc.mentions.indices { mentions.append((d, m)) }
        }
        var links = UnionFind(count: mentions.count)
        var copiedFrom = [DocumentID?](repeating: nil, count: mentions.count)
        let documentIndex = Dictionary(documents.enumerated().map { ($1.document, $0) }, uniquingKeysWith: { a, _ in a })

        let (common, frequentWords) = keyFrequencies()
        linkSharedKeys(mentions, common: common, frequentWords: frequentWords, &links)
        linkReuse(reuse, documentIndex: documentIndex, firstMention: firstMention, common: common, &links, &copiedFrom)
        let quotePairs = linkQuotations(mentions, &links)

        var groups: [Int: [Int]] = [:]
        for i in mentions.indices { groups[links.find(i), default: []].append(i) }
        let provenance = Provenance(documents: documents, entities: entities)
        var claims: [Claim] = []
        claims.reserveCapacity(groups.count)
        var pairsByGroup: [Int: [(a: QuoteRef, b: QuoteRef)]] = [:]
        for pair in quotePairs { pairsByGroup[links.find(pair.a.mention), default: []].append(pair) }
        for (root, members) in groups {
            let pairs = pairsByGroup[root] ?? []
            claims.append(provenance.claim(members.map { (mentions[$0].document, mentions[$0].draft, copiedFrom[$0]) }, quotePairs: pairs))
        }
        // Most claims are told once: their count needs no set.
        let ranked = claims.map { ($0.mentions.count < 2 ? $0.mentions.count : Set($0.mentions.map(\.document)).count, $0) }
        return ranked.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1.id < $1.1.id }.map(\.1)
    }

    /// In one pass over every mention's keys: the common names and dates, those so many
    /// documents mention that they say what the corpus is about, not which claim a sentence makes
    /// ("the Danube" in a corpus about a spill on it); and the frequent words, those in more than
    /// `maxWordMentions` mentions. Numbers are never common: however often "3,000 litres" is
    /// repeated, it is the same claim repeated.
    private func keyFrequencies() -> (common: Set<UInt64>, frequentWords: Set<UInt64>) {
        var documentsHolding: [UInt64: Int32] = [:]  // names and dates
        var mentionsHolding: [UInt64: Int32] = [:]  // words
        var seen = Set<UInt64>()
        for doc in documents {
            seen.removeAll(keepingCapacity: true)
            for m in doc.mentions {
                for key in m.keys {
                    switch ClaimKey.kind(key) {
                    case ClaimKey.entity, ClaimKey.date: seen.insert(key)
                    case ClaimKey.word: mentionsHolding[key, default: 0] += 1
                    default: break
                    }
                }
            }
            for key in seen { documentsHolding[key, default: 0] += 1 }
        }
        let limit = max(options.rule.commonDocuments, Int(options.rule.commonShare * Double(documents.count)))
        return (Set(documentsHolding.filter { Int($0.value) >= limit }.keys),
                Set(mentionsHolding.filter { Int($0.value) > options.maxWordMentions }.keys))
    }

    /// Links mentions that share enough names, numbers, dates and words. Every link the rule
    /// makes shares a name or number that is not common, so only those propose candidates: the
    /// earlier mentions holding one, while they are few enough (`maxPostings`; past that the
    /// result can depend on the order documents came in). A candidate is compared when it
    /// shares one more key that is neither common nor a frequent word: a number and a handful of
    /// everyday words are a coincidence, not a claim told twice.
    private func linkSharedKeys(_ mentions: [(document: Int, draft: Int)], common: Set<UInt64>, frequentWords: Set<UInt64>,
                                _ links: inout UnionFind) {
        // Every mention's telling keys, sorted, side by side in one array: most candidates are
        // turned away by this count alone, and at a large corpus reading a candidate's keys
        // through its document and its draft cost a cache miss at each step.
        var tellingStart: [Int] = []
        tellingStart.reserveCapacity(mentions.count + 1)
        var telling: [UInt64] = []
        for m in mentions {
            tellingStart.append(telling.count)
            for key in documents[m.document].mentions[m.draft].keys where !common.contains(key) && !frequentWords.contains(key) {
                telling.append(key)
            }
        }
        tellingStart.append(telling.count)
        var postings: [UInt64: [Int32]] = [:]
        // The mention each earlier one was last proposed to, in a flat array: a set here cost
        // most of the time on a large corpus.
        var proposedTo = [Int32](repeating: -1, count: mentions.count)
        for (i, m) in mentions.enumerated() {
            let draft = documents[m.document].mentions[m.draft]
            let own = telling[tellingStart[i]..<tellingStart[i + 1]]
            for key in draft.keys where ClaimKey.weight(key) > 1 && !common.contains(key) {
                guard let list = postings[key], list.count <= options.maxPostings else { continue }
                for j in list where proposedTo[Int(j)] != Int32(i) {
                    proposedTo[Int(j)] = Int32(i)
                    let other = mentions[Int(j)]
                    guard other.document != m.document,
                          Self.sharedCount(own, telling[tellingStart[Int(j)]..<tellingStart[Int(j) + 1]]) >= 2 else { continue }
                    let candidate = documents[other.document].mentions[other.draft]
                    if options.rule.links(draft, candidate, common: common) { links.union(i, Int(j)) }
                }
            }
            for key in draft.keys where ClaimKey.weight(key) > 1 && !common.contains(key) { postings[key, default: []].append(Int32(i)) }
        }
    }

    /// How many keys two sorted key lists share.
    static func sharedCount(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Int {
        var i = a.startIndex, j = b.startIndex, shared = 0
        while i < a.endIndex, j < b.endIndex {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else {
                shared += 1
                i += 1; j += 1
            }
        }
        return shared
    }

    /// Links the mentions a shared passage covers on its two sides when they say the same, and
    /// marks the later side of a dated copy as copied from the earlier one.
    private func linkReuse(_ reuse: [ReusedPassage], documentIndex: [DocumentID: Int], firstMention: [Int], common: Set<UInt64>,
                           _ links: inout UnionFind, _ copiedFrom: inout [DocumentID?]) {
        for passage in reuse {
            guard let a = documentIndex[passage.a], let b = documentIndex[passage.b] else { continue }
            let aMentions = documents[a].mentions, bMentions = documents[b].mentions
            let copy = passage.kind == .copy ? passage.origin : nil
            for (i, ma) in aMentions.enumerated() {
                guard let mapped = Self.map(ma.span, from: passage.aSpan, to: passage.bSpan) else { continue }
                for (j, mb) in bMentions.enumerated() where Self.mostlyCovers(mapped, mb.span) && Self.shareKeys(ma, mb, common: common) {
                    links.union(firstMention[a] + i, firstMention[b] + j)
                    if let copy { copiedFrom[copy == passage.a ? firstMention[b] + j : firstMention[a] + i] = copy }
                }
            }
        }
    }

    /// The part of `passage` a mention covers, carried over to the passage's other side in
    /// proportion; nil when the mention is mostly outside the passage.
    static func map(_ span: TextSpan, from passage: TextSpan, to other: TextSpan) -> TextSpan? {
        guard mostlyCovers(passage, span) else { return nil }
        let start = max(span.start, passage.start), end = min(span.end, passage.end)
        let scale = Double(other.length) / Double(max(1, passage.length))
        return TextSpan(start: other.start + Int(Double(start - passage.start) * scale),
                        end: other.start + Int((Double(end - passage.start) * scale).rounded(.up)))
    }

    /// Whether two mentions a passage pairs up say the same: most of their keys alike, or a name
    /// or number that is not common and two in five of the keys of the smaller. A proportional
    /// carry-over across a passage with edits can land a sentence off, and a stock phrase
    /// ("according to an official who asked not to be named") is shared text around two
    /// different claims.
    static func shareKeys(_ a: DocumentClaims.Draft, _ b: DocumentClaims.Draft, common: Set<UInt64>) -> Bool {
        var i = 0, j = 0, shared = 0, anchors = 0
        while i < a.keys.count, j < b.keys.count {
            if a.keys[i] < b.keys[j] { i += 1 } else if b.keys[j] < a.keys[i] { j += 1 } else {
                shared += 1
                if ClaimKey.weight(a.keys[i]) > 1, !common.contains(a.keys[i]) { anchors += 1 }
                i += 1; j += 1
            }
        }
        let smaller = min(a.keys.count, b.keys.count)
        return shared * 10 >= 7 * smaller || (anchors > 0 && shared * 5 >= 2 * smaller)
    }

    /// Whether `outer` covers at least half of `span`, or `span` covers at least half of `outer`.
    static func mostlyCovers(_ outer: TextSpan, _ span: TextSpan) -> Bool {
        let overlap = min(outer.end, span.end) - max(outer.start, span.start)
        return overlap > 0 && (overlap * 2 >= span.length || overlap * 2 >= outer.length)
    }

    struct QuoteRef: Hashable { var mention: Int; var document: Int; var draft: Int; var quote: Int }

    /// Links mentions quoting the same words (at least five, seven in ten of them alike), and
    /// returns the pairs of eight words or more, for telling who each side credits the words to:
    /// a shorter phrase is too easily everyone's.
    private func linkQuotations(_ mentions: [(document: Int, draft: Int)], _ links: inout UnionFind) -> [(a: QuoteRef, b: QuoteRef)] {
        var quotations: [QuoteRef] = []
        // Each quotation's words, sorted without repeats, side by side in one array.
        var distinct: [UInt64] = []
        var distinctStart: [Int] = [0]
        var comparedWith: [Int32] = []  // the quotation each one was last compared with
        // Each 4-gram heads a list of the quotations holding it, kept in flat arrays: a dictionary
        // of arrays cost an allocation per 4-gram, and most occur once.
        var head: [UInt64: (first: Int32, count: Int32)] = [:]
        var holder: [Int32] = []
        var next: [Int32] = []
        var pairs: [(a: QuoteRef, b: QuoteRef)] = []
        for (i, m) in mentions.enumerated() {
            let draft = documents[m.document].mentions[m.draft]
            for (q, quote) in draft.quotes.enumerated() where quote.words.count >= 5 {
                let ref = QuoteRef(mention: i, document: m.document, draft: m.draft, quote: q)
                let number = Int32(quotations.count)
                distinct += Self.sortedUnique(quote.words)
                distinctStart.append(distinct.count)
                let words = distinct[distinctStart[Int(number)]...]
                quotations.append(ref); comparedWith.append(-1)
                for k in 0...(quote.words.count - 4) {
                    var gram = FNV.offset
                    for w in quote.words[k..<(k + 4)] { gram = FNV.mix(gram ^ w) }
                    let (first, count) = head[gram] ?? (-1, 0)
                    // A 4-gram many quotations hold is a stock phrase ("more than a dozen"):
                    // quotations alike enough share rarer ones too.
                    guard count <= options.maxQuotationPostings else { continue }
                    var p = first
                    while p >= 0 {
                        let o = Int(holder[Int(p)])
                        let other = quotations[o]
                        if comparedWith[o] != number, other.document != m.document {
                            comparedWith[o] = number
                            if Self.jaccard(words, distinct[distinctStart[o]..<distinctStart[o + 1]]) >= 0.7 {
                                links.union(i, other.mention)
                                if min(quote.words.count, documents[other.document].mentions[other.draft].quotes[other.quote].words.count) >= 8 {
                                    pairs.append((other, ref))
                                }
                            }
                        }
                        p = next[Int(p)]
                    }
                    // A 4-gram the quotation repeats is listed once for it.
                    guard first < 0 || holder[Int(first)] != number else { continue }
                    holder.append(number)
                    next.append(first)
                    head[gram] = (Int32(holder.count - 1), count + 1)
                }
            }
        }
        return pairs
    }

    static func sortedUnique(_ words: [UInt64]) -> [UInt64] {
        var out: [UInt64] = []
        for w in words.sorted() where out.last != w { out.append(w) }
        return out
    }

    /// Jaccard similarity of two sorted word lists without repeats.
    static func jaccard(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Double {
        let shared = sharedCount(a, b)
        return Double(shared) / Double(max(1, a.count + b.count - shared))
    }
}

/// When two mentions in different documents state the same claim, judged from their keys alone.
public struct ClaimLinkRule: Sendable {
    /// Names, numbers and dates both must share (with a word besides)…
    public var minSharedAnchors = 2
    /// …or the words both must share besides a single name, number or date.
    public var minSharedWordsWithOneAnchor = 3
    /// The share of the smaller mention's weight the shared keys must carry.
    public var minSharedFraction = 0.5
    /// The share of the larger mention's weight the shared keys must carry: a long sentence
    /// packing several statements does not join each of them.
    public var minSharedFractionOfLarger = 0.3
    /// What two mentions crediting the same source must share, the source's own name included,
    /// with at least one other name or number that is not common.
    public var minSharedWithSameSource = 8
    /// A name or date in at least this many documents, and at least `commonShare` of them,
    /// counts as a word.
    public var commonDocuments = 5
    public var commonShare = 0.2
    public init() {}

    public func links(_ a: DocumentClaims.Draft, _ b: DocumentClaims.Draft, common: Set<UInt64> = []) -> Bool {
        func weight(_ key: UInt64) -> Int { common.contains(key) ? 1 : ClaimKey.weight(key) }
        var i = 0, j = 0
        var shared = 0, anchors = 0, words = 0, weightA = 0, weightB = 0
        while i < a.keys.count || j < b.keys.count {
            if j == b.keys.count || (i < a.keys.count && a.keys[i] < b.keys[j]) {
                weightA += weight(a.keys[i]); i += 1
            } else if i == a.keys.count || b.keys[j] < a.keys[i] {
                weightB += weight(b.keys[j]); j += 1
            } else {
                let w = weight(a.keys[i])
                shared += w; weightA += w; weightB += w
                if w == 1 { words += 1 } else { anchors += 1 }
                i += 1; j += 1
            }
        }
        guard (anchors >= minSharedAnchors && words >= 1) || (anchors >= 1 && words >= minSharedWordsWithOneAnchor) else { return false }
        if Double(shared) >= minSharedFraction * Double(min(weightA, weightB)),
           Double(shared) >= minSharedFractionOfLarger * Double(max(weightA, weightB)) { return true }
        // Two accounts credited to the same named source, about the same parties.
        let namedA = Set(a.credits.filter { $0.kind != .anonymous && $0.kind != .unnamed && $0.kind != .linked }.map { NameKey.strict($0.source) })
        let sameSource = b.credits.contains { namedA.contains(NameKey.strict($0.source)) && $0.kind != .anonymous && $0.kind != .unnamed }
        return sameSource && anchors >= 2 && shared >= minSharedWithSameSource
    }
}

/// Union–find over mention numbers, with path halving.
struct UnionFind {
    private var parent: [Int]
    init(count: Int) { parent = Array(0..<count) }
    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }
    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
