import ClaimTraceCore

/// The claim mentions of one document, drafted from its annotations: what linking needs of the
/// document, and nothing else, so that a store can keep it and link a new document without
/// reading the old ones again.
///
/// A mention is a sentence that states something checkable: it names someone or somewhere, gives
/// a number or a date, quotes someone or credits a source. Questions, introductions ending in a
/// colon and sentences of fewer than five words are not mentions. Two kinds of mention are longer
/// than a sentence: a paragraph of a block quotation (one account by its speaker), and the
/// sentences of a paragraph (up to three) joined to the one after them that credits them
/// ("… areas. The BBC corroborated this").
public struct DocumentClaims: Sendable, Hashable, Codable {
    public var document: DocumentID
    /// The outlet standing behind the document's own words: the original outlet of a
    /// republication, else the document's outlet.
    public var publisher: String?
    /// Every outlet name the document goes by (its outlet and the one it republishes).
    public var outlets: [String]
    public var published: PublicationDate?
    public var url: String?
    public var mentions: [Draft]

    /// One mention as linking sees it.
    public struct Draft: Sendable, Hashable, Codable {
        public var span: TextSpan
        public var text: String
        /// Sorted, without repeats; the low two bits give the kind (`ClaimKey`).
        public var keys: [UInt64]
        public var credits: [Credit]
        public var hedged: Bool
        /// Folded word hashes of each quotation with a speaker, for telling who the same words are
        /// credited to.
        public var quotes: [QuotedWords]
    }

    public struct QuotedWords: Sendable, Hashable, Codable {
        public var speaker: String
        public var span: TextSpan
        public var words: [UInt64]
    }

    /// Drafts `annotated`'s mentions; without `keepsText` their words are left empty (offsets
    /// still say where they are).
    public init(_ annotated: AnnotatedDocument, keepsText: Bool = true) {
        let doc = annotated.document
        document = doc.id
        publisher = doc.republishedFrom ?? doc.outlet
        outlets = [doc.outlet, doc.republishedFrom].compactMap { $0 }
        published = doc.published
        url = doc.url
        let scalars = [Unicode.Scalar](scalarsOf: doc.text)
        mentions = MentionDrafter(annotated, scalars: scalars, keepsText: keepsText).drafts()
    }
}

/// The kind of a claim key, kept in its low two bits.
enum ClaimKey {
    static let entity: UInt64 = 0, quantity: UInt64 = 1, date: UInt64 = 2, word: UInt64 = 3

    static func make(_ hash: UInt64, kind: UInt64) -> UInt64 { (hash & ~3) | kind }
    static func kind(_ key: UInt64) -> UInt64 { key & 3 }

    /// Names and numbers tie two statements together far more than any one word does. A date
    /// weighs as a word: the day of the story is in half its sentences.
    static func weight(_ key: UInt64) -> Int {
        switch kind(key) {
        case entity, quantity: return 3
        default: return 1
        }
    }
}

/// Drafts the mentions of one document.
struct MentionDrafter {
    let annotated: AnnotatedDocument
    let scalars: [Unicode.Scalar]
    let keepsText: Bool
    private var annotations: Annotations { annotated.annotations }

    init(_ annotated: AnnotatedDocument, scalars: [Unicode.Scalar], keepsText: Bool) {
        self.annotated = annotated
        self.scalars = scalars
        self.keepsText = keepsText
    }

    func drafts() -> [DocumentClaims.Draft] { mentionSpans().compactMap(draft) }

    /// Sentences, with block-quotation paragraphs taken whole and crediting sentences joined to
    /// the sentence they credit.
    func mentionSpans() -> [TextSpan] {
        let blocks = blockParagraphs()
        var spans: [TextSpan] = []
        for sentence in annotations.sentences {
            if blocks.contains(where: { $0.start <= sentence.start && sentence.start < $0.end }) { continue }
            if creditsWhatCameBefore(sentence) {
                // "this" covers what the paragraph has said so far: up to three sentences of it.
                var start = sentence.start
                var taken = 0
                while taken < 3, let last = spans.last, last.end <= start, !scalars[last.end..<start].contains("\n"), !blocks.contains(last) {
                    start = last.start
                    spans.removeLast()
                    taken += 1
                }
                spans.append(TextSpan(start: start, end: sentence.end))
                continue
            }
            spans.append(sentence)
        }
        return (spans + blocks).sorted()
    }

    /// The paragraphs of block quotations with a speaker.
    private func blockParagraphs() -> [TextSpan] {
        var out: [TextSpan] = []
        for quote in annotations.quotes where quote.block && quote.kind == .speaker {
            var start = quote.span.start
            var k = start
            while k < quote.span.end {
                if scalars[k] == "\n" {
                    if k > start { out.append(TextSpan(start: start, end: k)) }
                    start = k + 1
                }
                k += 1
            }
            if quote.span.end > start { out.append(TextSpan(start: start, end: quote.span.end)) }
        }
        return out.sorted()
    }

    /// "The BBC corroborated this, …", "Officials confirmed it.": the sentence credits what came
    /// before it rather than saying anything itself.
    private func creditsWhatCameBefore(_ sentence: TextSpan) -> Bool {
        for a in annotations.attributions where a.span.start <= sentence.start && sentence.start < a.span.end && a.source != nil {
            var k = a.cueSpan.end
            while k < sentence.end, scalars[k] == " " { k += 1 }
            var word = ""
            while k < sentence.end, scalars[k].properties.isAlphabetic {
                word.unicodeScalars.append(NameKey.foldedLetter(scalars[k]))
                k += 1
            }
            if ["this", "that", "it", "so", "these", "those"].contains(word), k == sentence.end || !scalars[k].properties.isAlphabetic {
                return true
            }
        }
        return false
    }

    private func draft(_ span: TextSpan) -> DocumentClaims.Draft? {
        let words = scalars[span.start..<span.end]
        let trimmed = words.reversed().first { !$0.properties.isWhitespace && !"\"'”’)»".unicodeScalars.contains($0) }
        if trimmed == "?" || trimmed == ":" { return nil }
        var wordCount = 0, inWord = false
        for c in words {
            let isWord = ComparableWords.isWordScalar(c)
            if isWord && !inWord { wordCount += 1 }
            inWord = isWord
        }
        guard wordCount >= 5 else { return nil }

        let entities = annotated.entities.filter { within($0.span, span) }
        var keys: [UInt64] = entities.map { ClaimKey.make(ComparableWords.entityHash($0), kind: ClaimKey.entity) }
        // "dozens", "hundreds of", "several": vague counts tie nothing together.
        let quantities = annotations.quantities.filter { q in
            guard within(q.span, span) else { return false }
            let words = String(String.UnicodeScalarView(scalars[q.span.start..<q.span.end])).lowercased().split(whereSeparator: { !$0.isLetter })
            return !words.contains { ClaimStopwords.vagueCounts.contains(String($0)) }
        }
        for q in quantities {
            var hash = FNV.add(FNV.offset, 0x51)
            hash = FNV.add(hash, UInt32(truncatingIfNeeded: q.value.bitPattern))
            hash = FNV.add(hash, UInt32(truncatingIfNeeded: q.value.bitPattern >> 32))
            for c in (q.unit ?? "").unicodeScalars { hash = FNV.add(hash, c.value) }
            keys.append(ClaimKey.make(FNV.finish(hash), kind: ClaimKey.quantity))
        }
        let dates = annotations.dates.filter { within($0.span, span) && $0.value != nil }
        for d in dates {
            var hash = FNV.add(FNV.offset, 0xD4)
            for c in d.value!.unicodeScalars { hash = FNV.add(hash, c.value) }
            keys.append(ClaimKey.make(FNV.finish(hash), kind: ClaimKey.date))
        }
        let quotes = annotations.quotes.filter { $0.kind == .speaker && overlaps($0.span, span) }
        let attributions = annotations.attributions.filter { overlaps($0.span, span) }
        let hedges = annotations.hedges.filter { within($0.span, span) }
        let credits = self.credits(span, quotes: quotes, attributions: attributions, hedges: hedges)
        guard !entities.isEmpty || !quantities.isEmpty || !dates.isEmpty || !quotes.isEmpty || !credits.isEmpty else { return nil }
        keys += contentWords(span, skipping: entities.map(\.span))
        keys.sort()
        var unique: [UInt64] = []
        for k in keys where unique.last != k { unique.append(k) }
        let quoted = quotes.compactMap { q -> DocumentClaims.QuotedWords? in
            guard let speaker = q.speaker ?? q.speakerDescription else { return nil }
            return DocumentClaims.QuotedWords(speaker: speaker, span: q.span, words: Self.wordHashes(scalars[q.span.start..<min(q.span.end, scalars.count)]))
        }
        let text = keepsText ? String(String.UnicodeScalarView(words)) : ""
        return DocumentClaims.Draft(span: span, text: text, keys: unique, credits: credits,
                                    hedged: hedges.contains { $0.kind == .hearsay }, quotes: quoted)
    }

    /// The sources the words of `span` name, once each.
    private func credits(_ span: TextSpan, quotes: [Quote], attributions: [Attribution], hedges: [Hedge]) -> [Credit] {
        let anonymousHedge = hedges.first { $0.kind == .anonymousSource }
        var out: [Credit] = []
        func add(_ name: String?, description: String?, kind: CreditKind, at where_: TextSpan?) {
            if let name, !name.isEmpty {
                out.append(Credit(source: canonical(name), kind: kind, span: mentionSpan(of: name, near: where_)))
            } else if let description, !description.isEmpty {
                let anonymous = anonymousHedge != nil || Self.soundsAnonymous(description)
                let kind: CreditKind = anonymous ? .anonymous : Self.pointsBack(description) ? .unresolved : .unnamed
                out.append(Credit(source: description, kind: kind, span: where_))
            }
        }
        for q in quotes { add(q.speaker, description: q.speakerDescription, kind: .quoted, at: q.span) }
        for a in attributions { add(a.source, description: a.sourceDescription, kind: .attributed, at: a.cueSpan) }
        for c in annotations.citations where within(c.span, span) {
            switch c.kind {
            case .outlet: out.append(Credit(source: canonical(c.target), kind: .cited, span: c.span))
            case .link, .document: out.append(Credit(source: c.target, kind: .linked, span: c.span))
            }
        }
        if let anonymousHedge, !out.contains(where: { $0.kind == .anonymous }) {
            out.append(Credit(source: String(String.UnicodeScalarView(scalars[anonymousHedge.span.start..<anonymousHedge.span.end])),
                              kind: .anonymous, span: anonymousHedge.span))
        }
        // One credit a source; one for all the anonymous (all the unnamed) descriptions of a
        // sentence, which cannot be told apart ("a crew member", "the crew member on the barge").
        var seen = Set<String>()
        return out.filter { credit in
            switch credit.kind {
            case .anonymous, .unnamed, .unresolved: return seen.insert("#" + credit.kind.rawValue).inserted
            case .linked: return seen.insert(credit.source).inserted
            default: return seen.insert(NameKey.strict(credit.source)).inserted
            }
        }
    }

    /// A source's name as the document resolves it ("Silo" → "Talal Silo").
    private func canonical(_ name: String) -> String {
        let key = NameKey.strict(name)
        if let mention = annotated.entities.first(where: { NameKey.strict($0.text) == key || NameKey.strict($0.name) == key }) {
            return mention.name
        }
        return name
    }

    /// Where the document writes a source's name, near the words that credit it.
    private func mentionSpan(of name: String, near: TextSpan?) -> TextSpan? {
        guard let near else { return nil }
        let key = NameKey.strict(name)
        let window = TextSpan(start: max(0, near.start - 400), end: min(scalars.count, near.end + 400))
        let candidates = annotated.entities.filter { within($0.span, window) && NameKey.strict($0.name) == key }
        return candidates.min { abs($0.span.start - near.start) < abs($1.span.start - near.start) }?.span ?? near
    }

    /// "the authority", "its spokesman", "this official": a definite description names no new
    /// source, it points back to one the reader already knows.
    static func pointsBack(_ description: String) -> Bool {
        let first = description.split(separator: " ").first.map { $0.lowercased() } ?? ""
        return ["the", "this", "that", "its", "his", "her", "their", "our"].contains(first)
    }

    static func soundsAnonymous(_ description: String) -> Bool {
        let d = description.lowercased()
        return ["anonymous", "unnamed", "familiar with", "close to", "who asked not", "declined to be named", "on condition",
                "insider", "a source", "sources"].contains { d.contains($0) }
    }

    /// Letters a word is cut to: "restrictions" and "restricted" meet, and few unrelated words do.
    static let stemLength = 6

    /// Content words of `span` outside names: folded, cut to their first `stemLength` letters,
    /// stopwords left out.
    private func contentWords(_ span: TextSpan, skipping names: [TextSpan]) -> [UInt64] {
        var out: [UInt64] = []
        var k = span.start
        var nameIndex = 0
        let sortedNames = names.sorted()
        while k < span.end {
            while nameIndex < sortedNames.count, sortedNames[nameIndex].end <= k { nameIndex += 1 }
            if nameIndex < sortedNames.count, sortedNames[nameIndex].start <= k { k = sortedNames[nameIndex].end; continue }
            guard Self.isLetter(scalars[k]) else { k += 1; continue }
            // The stem's hash and the whole word's, for the stopword test, in one pass.
            var stem = FNV.add(FNV.offset, 0x57), whole = FNV.offset
            var length = 0
            while k < span.end, Self.isLetter(scalars[k]) {
                let c = NameKey.foldedLetter(scalars[k]).value
                if length < Self.stemLength { stem = FNV.add(stem, c) }
                whole = FNV.add(whole, c)
                length += 1
                k += 1
            }
            guard length >= 4, !ClaimStopwords.hashes.contains(whole) else { continue }
            out.append(ClaimKey.make(FNV.finish(stem), kind: ClaimKey.word))
        }
        return out
    }

    /// Folded word hashes of quoted words, for comparing quotations.
    static func wordHashes(_ slice: ArraySlice<Unicode.Scalar>) -> [UInt64] {
        var out: [UInt64] = []
        var hash = FNV.offset, inWord = false
        for c in slice {
            if ComparableWords.isWordScalar(c) {
                hash = FNV.add(hash, NameKey.foldedLetter(c).value)
                inWord = true
            } else if inWord {
                out.append(FNV.finish(hash)); hash = FNV.offset; inWord = false
            }
        }
        if inWord { out.append(FNV.finish(hash)) }
        return out
    }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value | 0x20) &- 97 < 26 : c.properties.isAlphabetic
    }

    private func within(_ inner: TextSpan, _ outer: TextSpan) -> Bool { inner.start >= outer.start && inner.end <= outer.end }
    private func overlaps(_ a: TextSpan, _ b: TextSpan) -> Bool { a.start < b.end && b.start < a.end }
}

/// Words too common in news prose to say what a statement is about.
enum ClaimStopwords {
    /// The stopwords as `contentWords` hashes them, so that a word is tested without making a
    /// string of it.
    static let hashes: Set<UInt64> = Set(words.map { word in word.unicodeScalars.reduce(FNV.offset) { FNV.add($0, $1.value) } })

    static let vagueCounts: Set<String> = ["dozens", "dozen", "hundreds", "thousands", "millions", "several", "many", "few", "scores", "numerous"]

    static let words: Set<String> = [
        "about", "above", "after", "again", "against", "also", "although", "among", "another", "because", "been", "before",
        "being", "below", "between", "both", "came", "come", "comes", "could", "does", "doing", "done", "down", "during",
        "each", "even", "ever", "every", "from", "further", "given", "going", "have", "having", "here", "hers", "herself",
        "himself", "into", "itself", "just", "last", "least", "less", "like", "made", "make", "makes", "many", "more",
        "most", "much", "must", "near", "never", "next", "none", "only", "other", "others", "ours", "over", "same", "says",
        "said", "saying", "should", "since", "some", "still", "such", "than", "that", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "though", "through", "thus", "told", "tell",
        "tells", "under", "until", "upon", "very", "want", "were", "what", "when", "where", "whether", "which", "while",
        "whom", "whose", "will", "with", "within", "without", "would", "your", "yours", "according", "reported", "reports",
        "report", "reporting", "added", "stated", "states", "noted", "notes", "claimed", "claims", "confirmed", "confirms",
        "explained", "revealed", "wrote", "writes", "reportedly", "allegedly", "apparently", "already", "around", "across",
        "toward", "towards", "onto", "once", "often", "perhaps", "quite", "rather", "really", "seem", "seems", "seemed",
        "several", "something", "time", "times", "today", "yesterday", "week", "year", "years", "month", "months", "days",
        "first", "second", "third", "well", "back", "away",
    ]
}
