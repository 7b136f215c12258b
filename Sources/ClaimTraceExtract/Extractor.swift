import ClaimTraceCore

/// The extract stage: finds sentences, direct quotes with their speakers, attributions and
/// hedges in a cleaned document. Rule-based, no model at run time; every finding is a span of
/// the document's text.
public struct Extractor: Sendable {
    /// Raised whenever the rules change what they find; stored documents annotated by an older
    /// version are annotated again by the next ingest.
    public static let version = 13

    public let reference: ReferenceData

    /// - Parameter reference: the gazetteer and curated aliases; without them places get no
    ///   coordinates and only the document's own definitions resolve aliases.
    public init(reference: ReferenceData = ReferenceData()) { self.reference = reference }

    /// Name readings shared by the documents this extractor annotates.
    private let readings = ReadingCache()

    public func annotate(_ document: Document) -> Annotations {
        annotateWithEntities(document).annotations
    }

    /// Annotations plus the names found in the document.
    public func annotateWithEntities(_ document: Document) -> (annotations: Annotations, entities: [EntityMention]) {
        var run = DocumentRun(scalars: [Unicode.Scalar](scalarsOf: document.text), published: document.published, reference: reference,
                              quotations: document.quotations, readings: readings)
        var annotations = run.annotate()
        let finder = EntityFinder(reference: reference, scalars: run.scalars, aliases: run.aliases,
                                  outlets: Set([document.outlet, document.republishedFrom].compactMap { $0 }), shared: readings)
        let entities = EntityFinder.keepingSurnames(finder.mentions(in: run.paragraphs))
        annotations.citations = Self.citations(document, annotations: annotations, entities: entities)
        return (annotations, entities)
    }

    /// Links, and outlets named as the source of a quotation or an attributed sentence.
    static func citations(_ document: Document, annotations: Annotations, entities: [EntityMention]) -> [Citation] {
        var out = document.links.map { Citation(span: TextSpan(start: $0.start, end: $0.end), target: $0.target, kind: .link, cue: nil) }
        let outlets = entities.filter { $0.type == .outlet }
        // Each outlet's keys are worked out once, and a source's key only when an outlet stands in
        // the span: keying the names again for every quotation and attribution was most of this.
        let outletKeys = outlets.map { (name: NameKey.strict($0.name), text: NameKey.strict($0.text)) }
        func outletMention(_ name: String?, within span: TextSpan) -> EntityMention? {
            guard let name else { return nil }
            var key: String?
            for n in outlets.indices where span.contains(outlets[n].span) {
                let wanted = key ?? NameKey.strict(name)
                key = wanted
                if outletKeys[n].name == wanted || outletKeys[n].text == wanted { return outlets[n] }
            }
            return nil
        }
        for a in annotations.attributions {
            if let outlet = outletMention(a.source, within: a.span) {
                out.append(Citation(span: outlet.span, target: outlet.name, kind: .outlet, cue: a.cue))
            }
        }
        let sentences = annotations.sentences
        for q in annotations.quotes where q.kind == .speaker {
            // The outlet is named in the sentence around the quotation, or in the block's introduction.
            let context = sentences.last { $0.start <= q.span.start } ?? q.span
            let around = TextSpan(start: min(context.start, q.span.start) - (q.block ? 400 : 0), end: max(context.end, q.span.end))
            if let outlet = outletMention(q.speaker, within: around), !out.contains(where: { $0.span == outlet.span }) {
                out.append(Citation(span: outlet.span, target: outlet.name, kind: .outlet, cue: q.cue))
            }
        }
        return out.sorted { $0.span < $1.span }
    }
}

/// An organisation the document names, with its lowercased words for matching "the authority".
struct NamedOrganization {
    var name: String
    var at: Int
    var words: [String]
    var isGeneric: Bool
    /// The first letters of the name's capitalised words, lowercased ASCII: "Chinese Center for
    /// Disease Control" → "ccdc", for matching acronyms.
    var initials: [UInt8]

    /// - Parameter words: the name's lowercased words, as the tokens give them.
    init(name: String, at: Int, words: [String]) {
        self.name = name
        self.at = at
        self.words = words
        isGeneric = words.count == 1 && DocumentRun.genericBodies.contains(words[0])
        var initials: [UInt8] = []
        var atWordStart = true
        for byte in name.utf8 {
            if atWordStart, byte >= 65, byte <= 90 { initials.append(byte + 32) }
            atWordStart = byte == 32
        }
        self.initials = initials
    }

    /// The name without a leading "the": "the Waterways Board" is the Waterways Board.
    var bareName: String { words.first == "the" ? String(name.dropFirst(4)) : name }
}

/// A speaker seen so far in a document, for resolving "he said" and "Mattis said".
struct KnownSpeaker {
    var name: String
    var role: String? { didSet { roleWords = Self.words(of: role) } }
    var isOrganization: Bool
    /// Where the text last named this speaker as a source.
    var lastSeen: Int
    /// The role's lowercased words, for matching "the commander" to "Brig. Gen. … commander".
    private(set) var roleWords: [Substring]

    init(name: String, role: String?, isOrganization: Bool, lastSeen: Int) {
        self.name = name
        self.role = role
        self.isOrganization = isOrganization
        self.lastSeen = lastSeen
        roleWords = Self.words(of: role)
    }

    private static func words(of role: String?) -> [Substring] { role.map { $0.lowercased().split(separator: " ") } ?? [] }
}

/// One paragraph's tokens and sentences.
struct Paragraph {
    var range: Range<Int>
    var tokens: [Token]
    /// Sentences as token index ranges.
    var sentences: [Range<Int>]
    /// Quotation marks paired in this paragraph.
    var marks: [QuoteMarks.Found]
}

/// The state of annotating one document.
struct DocumentRun {
    let scalars: [Unicode.Scalar]
    var paragraphs: [Paragraph] = []
    var known: [KnownSpeaker] = []
    /// The last quotation with a named speaker, and its paragraph: a following quotation without
    /// a cue of its own, in the same or the next paragraph, usually continues it.
    var lastNamedQuote: (speaker: String, role: String?, cue: String?, paragraph: Int)?
    var lastNamedQuoteOffset: Int?
    /// Acronyms and stated aliases the document defines, alias → fuller name:
    /// "Syrian Observatory for Human Rights (SOHR)" gives SOHR; "the LDWA, which people call the
    /// Waterways Board" gives Waterways Board.
    var aliases: [String: String] = [:]
    /// Organisations the document names, with where: "the authority" and "it" refer back to them.
    var organizations: [NamedOrganization] = []
    /// People who open a sentence as its subject, by full name, with where: "Marinov, however, is …".
    /// Computed on the first "he" or "she" to resolve: many documents have none.
    var subjects: [(name: String, at: Int)]? = nil
    /// "the authority", "the Board": bodies mentioned by their kind, with where.
    var genericMentions: [(head: String, at: Int)] = []
    /// People the document names outside quotations, with where: "he said" refers back to them.
    var people: [(name: String, at: Int)] = []
    /// Two people named together ("Elizabeth Warren and Alexandria Ocasio-Cortez"), by the first
    /// of them, with where: a following "they" can stand for the pair.
    var pairs: [(name: String, at: Int)] = []
    /// The body each of "the company", "the group" … stood for when first met: news text keeps
    /// one such noun for one body.
    var bodiesByNoun: [String: String] = [:]
    /// The pronoun the text has used for a person: "he" once, never "she" after.
    var genders: [String: NameGender] = [:]
    /// The words of the quotation whose "he said" / "she said" is being resolved: a speaker does
    /// not talk about themselves by name, so a person named inside is not the one speaking.
    var quotedWords: Set<Substring> = []
    var result = Annotations()

    let published: PublicationDate?
    var dateFinder: DateFinder

    /// Curated names: speakers and sources are given their canonical names ("US" → "United States").
    let reference: ReferenceData

    /// Paragraphs the page set off as quotations.
    let quotations: [TextSpan]

    /// Readings shared with the other documents of the extractor: curated names of speakers.
    let readings: ReadingCache?

    init(scalars: [Unicode.Scalar], published: PublicationDate? = nil, reference: ReferenceData = ReferenceData(),
         quotations: [TextSpan] = [], readings: ReadingCache? = nil) {
        self.scalars = scalars
        self.published = published
        self.reference = reference
        self.quotations = quotations
        self.readings = readings
        dateFinder = DateFinder(published: published)
    }

    /// Whether the page set paragraph `p` off as a quotation.
    func isQuotation(_ p: Int) -> Bool {
        guard p >= 0, p < paragraphs.count, !quotations.isEmpty else { return false }
        let range = paragraphs[p].range
        return quotations.contains { $0.start <= range.lowerBound && range.upperBound <= $0.end }
    }

    mutating func annotate() -> Annotations {
        paragraphs = Self.paragraphRanges(scalars).map { range in
            let tokens = Tokenizer.tokens(scalars, in: range)
            return Paragraph(range: range, tokens: tokens, sentences: SentenceSplitter.sentences(tokens),
                             marks: QuoteMarks.find(scalars, in: range))
        }
        aliases = Self.definedAcronyms(scalars, paragraphs).merging(Self.statedAliases(scalars, paragraphs)) { first, _ in first }
        organizations = Self.namedOrganizations(scalars, paragraphs)
        genericMentions = paragraphs.flatMap { paragraph in
            paragraph.tokens.indices.dropLast().compactMap { k -> (head: String, at: Int)? in
                // Word-list bits, and the next word read only after "the": hashing the word after
                // every "the", and copying every token out, cost more than finding the mentions.
                guard paragraph.tokens[k].classes.contains(.the), paragraph.tokens[k + 1].classes.contains(.genericBodies) else { return nil }
                return (paragraph.tokens[k + 1].lower, paragraph.tokens[k].start)
            }
        }
        // Known bodies and places ("Deir Ezzor") are not people, though their names look alike.
        let reference = reference
        func isKnownBodyOrPlace(_ name: String) -> Bool {
            // The name is keyed and the key hashed once for both tables.
            let key = NameKey.strict(name)
            let keyHash = NameHash.of(key)
            return reference.curatedEntity(named: name, key: key, keyHash: keyHash) != nil || !reference.places(key: key, hash: keyHash).isEmpty
        }
        // A document names its people again and again: each name is looked up once.
        var bodiesOrPlaces: [String: Bool] = [:]
        people = Self.namedPeople(scalars, paragraphs).filter { person in
            if let known = bodiesOrPlaces[person.name] { return !known }
            let known = isKnownBodyOrPlace(person.name)
            bodiesOrPlaces[person.name] = known
            return !known
        }
        pairs = (Self.coordinatedPeople(scalars, people) + Self.teams(scalars, paragraphs, people: people, isBodyOrPlace: isKnownBodyOrPlace))
            .sorted { $0.at < $1.at }
        var blockSpeaker: (phrase: NamePhrase?, cue: String, resolved: KnownSpeaker?)?
        for p in paragraphs.indices {
            let paragraph = paragraphs[p]
            for sentence in paragraph.sentences {
                result.sentences.append(span(paragraph, sentence))
            }
            // A paragraph quoted as a block after "X said:" / "According to X:".
            // A paragraph the page set off as a quotation with no "X said:" before it: the paragraph
            // before may still name who speaks ("Szelesi said." / "she wrote in a post").
            // An embedded post is its author's, whom the credit line after it names; the credit
            // line itself quotes no one.
            if postCredit(p) != nil {
                let dates = dateFinder.find(paragraph.tokens, scalars: scalars)
                result.dates += dates
                blockSpeaker = nil
                continue
            }
            if blockSpeaker == nil, isQuotation(p), !paragraph.tokens.isEmpty, !isLabelledPanel(paragraph) {
                blockSpeaker = postAuthor(from: p).map { ($0, "posted", nil) }
                    ?? (p > 0 && !isQuotation(p - 1) ? blockIntroduction(p - 1, requireColon: false) : nil) ?? (nil, "quoted", nil)
            }
            if let intro = blockSpeaker, !paragraph.tokens.isEmpty {
                addBlockQuote(p, intro: intro)
                let dates = dateFinder.find(paragraph.tokens, scalars: scalars)
                result.dates += dates
                result.quantities += QuantityFinder.find(paragraph.tokens, dates: dates)
                blockSpeaker = continuesBlock(after: p) || isQuotation(p + 1) ? intro : nil
                continue
            }
            // Attributions first, so that "Marinov says …" is known when "“…,” he says" follows in the
            // same paragraph; every quotation counts as speech for telling direct quotations apart.
            attributions(in: p, quotes: paragraph.marks.map { Quote(span: $0.inner, kind: .speaker) })
            _ = quotes(in: p)
            hedges(in: p)
            let dates = dateFinder.find(paragraph.tokens, scalars: scalars)
            result.dates += dates
            result.quantities += QuantityFinder.find(paragraph.tokens, dates: dates)
            blockSpeaker = blockIntroduction(p)
        }
        creditPointedBackQuotes()
        attributeEchoes()
        return result
    }

    static func paragraphRanges(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        // Every scalar of the document is looked at: read through the buffer, without a bounds
        // check on each.
        text.withUnsafeBufferPointer { s in
            var out: [Range<Int>] = []
            var start = 0
            var i = 0
            while i < s.count {
                if s[i] == "\n", i + 1 < s.count, s[i + 1] == "\n" {
                    if i > start { out.append(start..<i) }
                    i += 2
                    while i < s.count, s[i] == "\n" { i += 1 }
                    start = i
                    continue
                }
                i += 1
            }
            if start < s.count { out.append(start..<s.count) }
            return out
        }
    }

    func span(_ paragraph: Paragraph, _ sentence: Range<Int>) -> TextSpan {
        TextSpan(start: paragraph.tokens[sentence.lowerBound].start, end: paragraph.tokens[sentence.upperBound - 1].end)
    }

    func text(_ span: TextSpan) -> String { String(scalars: scalars[span.start..<span.end]) }

}
