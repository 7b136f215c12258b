import ClaimTraceCore

/// The extract stage: finds sentences, direct quotes with their speakers, attributions and
/// hedges in a cleaned document. Rule-based, no model at run time; every finding is a span of
/// the document's text.
public struct Extractor: Sendable {
    /// Raised whenever the rules change what they find; stored documents annotated by an older
    /// version are annotated again by the next ingest.
    public static let version = 5

    public let reference: ReferenceData

    /// - Parameter reference: the gazetteer and curated aliases; without them places get no
    ///   coordinates and only the document's own definitions resolve aliases.
    public init(reference: ReferenceData = ReferenceData()) { self.reference = reference }

    public func annotate(_ document: Document) -> Annotations {
        annotateWithEntities(document).annotations
    }

    /// Annotations plus the names found in the document.
    public func annotateWithEntities(_ document: Document) -> (annotations: Annotations, entities: [EntityMention]) {
        var run = DocumentRun(scalars: Array(document.text.unicodeScalars), published: document.published, reference: reference,
                              quotations: document.quotations)
        var annotations = run.annotate()
        let finder = EntityFinder(reference: reference, scalars: run.scalars, aliases: run.aliases,
                                  outlets: Set([document.outlet, document.republishedFrom].compactMap { $0 }))
        let entities = EntityFinder.keepingSurnames(finder.mentions(in: run.paragraphs))
        annotations.citations = Self.citations(document, annotations: annotations, entities: entities)
        return (annotations, entities)
    }

    /// Links, and outlets named as the source of a quotation or an attributed sentence.
    static func citations(_ document: Document, annotations: Annotations, entities: [EntityMention]) -> [Citation] {
        var out = document.links.map { Citation(span: TextSpan(start: $0.start, end: $0.end), target: $0.target, kind: .link, cue: nil) }
        let outlets = entities.filter { $0.type == .outlet }
        func outletMention(_ name: String?, within span: TextSpan) -> EntityMention? {
            guard let name else { return nil }
            let key = NameKey.strict(name)
            return outlets.first { span.contains($0.span) && (NameKey.strict($0.name) == key || NameKey.strict($0.text) == key) }
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

    init(name: String, at: Int) {
        self.name = name
        self.at = at
        words = name.lowercased().split(separator: " ").map(String.init)
        isGeneric = words.count == 1 && DocumentRun.genericBodies.contains(words[0])
    }
}

/// A speaker seen so far in a document, for resolving "he said" and "Mattis said".
struct KnownSpeaker {
    var name: String
    var role: String?
    var isOrganization: Bool
    /// Where the text last named this speaker as a source.
    var lastSeen: Int
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
    /// People who open a sentence as its subject, by full name, with where: "Buser, however, is …".
    /// Computed on the first "he" or "she" to resolve: many documents have none.
    var subjects: [(name: String, at: Int)]? = nil
    /// "the authority", "the Board": bodies mentioned by their kind, with where.
    var genericMentions: [(head: String, at: Int)] = []
    /// People the document names outside quotations, with where: "he said" refers back to them.
    var people: [(name: String, at: Int)] = []
    /// Where in the text the phrase being resolved stands.
    var position = 0
    var result = Annotations()

    let published: PublicationDate?
    var dateFinder: DateFinder

    /// Curated names: speakers and sources are given their canonical names ("US" → "United States").
    let reference: ReferenceData

    /// Paragraphs the page set off as quotations.
    let quotations: [TextSpan]

    init(scalars: [Unicode.Scalar], published: PublicationDate? = nil, reference: ReferenceData = ReferenceData(),
         quotations: [TextSpan] = []) {
        self.scalars = scalars
        self.published = published
        self.reference = reference
        self.quotations = quotations
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
        organizations = Self.namedOrganizations(scalars, paragraphs).map { NamedOrganization(name: $0.name, at: $0.at) }
        genericMentions = paragraphs.flatMap { paragraph in
            paragraph.tokens.indices.dropLast().compactMap { k -> (head: String, at: Int)? in
                let next = paragraph.tokens[k + 1]
                guard paragraph.tokens[k].lower == "the", Self.genericBodies.contains(next.lower) else { return nil }
                return (next.lower, paragraph.tokens[k].start)
            }
        }
        // Known bodies and places ("Deir Ezzor") are not people, though their names look alike.
        people = Self.namedPeople(scalars, paragraphs).filter {
            reference.curatedEntity(named: $0.name) == nil && reference.places(named: $0.name).isEmpty
        }
        var blockSpeaker: (phrase: NamePhrase?, cue: String, resolved: KnownSpeaker?)?
        for p in paragraphs.indices {
            let paragraph = paragraphs[p]
            for sentence in paragraph.sentences {
                result.sentences.append(span(paragraph, sentence))
            }
            // A paragraph quoted as a block after "X said:" / "According to X:".
            // A paragraph the page set off as a quotation with no "X said:" before it: the paragraph
            // before may still name who speaks ("Szelesi said." / "she wrote in a post").
            if blockSpeaker == nil, isQuotation(p), !paragraph.tokens.isEmpty {
                blockSpeaker = (p > 0 && !isQuotation(p - 1) ? blockIntroduction(p - 1, requireColon: false) : nil) ?? (nil, "quoted", nil)
            }
            if let intro = blockSpeaker, !paragraph.tokens.isEmpty {
                addBlockQuote(p, intro: intro)
                let dates = dateFinder.find(paragraph.tokens, scalars: scalars)
                result.dates += dates
                result.quantities += QuantityFinder.find(paragraph.tokens, dates: dates)
                blockSpeaker = continuesBlock(after: p) || isQuotation(p + 1) ? intro : nil
                continue
            }
            // Attributions first, so that "Early says …" is known when "“…,” he says" follows in the
            // same paragraph; every quotation counts as speech for telling direct quotations apart.
            attributions(in: p, quotes: paragraph.marks.map { Quote(span: $0.inner, kind: .speaker) })
            _ = quotes(in: p)
            hedges(in: p)
            let dates = dateFinder.find(paragraph.tokens, scalars: scalars)
            result.dates += dates
            result.quantities += QuantityFinder.find(paragraph.tokens, dates: dates)
            blockSpeaker = blockIntroduction(p)
        }
        attributeEchoes()
        return result
    }

    /// A short quoted phrase that repeats a nearby speaker's words ("watched" and "managed" beside
    /// Kerry's "We were watching … we could probably manage") quotes that speaker, not the writer.
    mutating func attributeEchoes() {
        let echoes = result.quotes.indices.filter { q in
            result.quotes[q].kind == .scare
                || (result.quotes[q].kind == .speaker && result.quotes[q].speaker == nil && result.quotes[q].speakerDescription == nil)
        }
        let named = result.quotes.indices.filter { result.quotes[$0].kind == .speaker && result.quotes[$0].speaker != nil }
        guard !named.isEmpty, !echoes.isEmpty else { return }
        // A named quotation's words are stemmed once, and only if a candidate echo lies near it.
        var stems: [Int: Set<String>] = [:]
        for q in echoes {
            let echo = Self.contentStems(scalars, result.quotes[q].span)
            guard !echo.isEmpty, echo.count <= 6 else { continue }
            let needed = echo.count >= 3 ? echo.count - 1 : echo.count
            let at = result.quotes[q].span.start
            let source = named.filter { n in
                guard n != q, abs(result.quotes[n].span.start - at) < 2000 else { return false }
                if stems[n] == nil { stems[n] = Set(Self.contentStems(scalars, result.quotes[n].span)) }
                return echo.filter { stems[n]!.contains($0) }.count >= needed
            }.min { abs(result.quotes[$0].span.start - at) < abs(result.quotes[$1].span.start - at) }
            guard let source else { continue }
            let original = result.quotes[source]
            result.quotes[q].kind = .speaker
            result.quotes[q].speaker = original.speaker
            result.quotes[q].role = original.role
            result.quotes[q].cue = original.cue
        }
    }

    /// Lowercased words of three letters or more with common endings cut, for matching a phrase
    /// against the words it echoes ("managed" ~ "manage", "watched" ~ "watching").
    static func contentStems(_ s: [Unicode.Scalar], _ span: TextSpan) -> [String] {
        var out: [String] = []
        var word: [Unicode.Scalar] = []
        func ends(_ suffix: String) -> Bool {
            let tail = suffix.unicodeScalars
            return word.count >= tail.count && zip(word.suffix(tail.count), tail).allSatisfy { $0 == $1 }
        }
        func flush() {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.count >= 3, !Self.echoStopwords.contains(String(scalars: word[...])) else { return }
            var length = word.count
            if length > 5, ends("ing") { length -= 3 }
            else if length > 4, ends("ed") || ends("es") { length -= 2 }
            else if length > 3, ends("s") || ends("e") { length -= 1 }
            out.append(String(scalars: word[..<length]))
        }
        for i in span.start..<span.end {
            let c = s[i]
            if c.isASCII {
                let v = c.value
                if v >= 65 && v <= 90 { word.append(Unicode.Scalar(v + 32)!) }
                else if (v >= 97 && v <= 122) || v == 45 { word.append(c) }
                else { flush() }
            } else if c.properties.isAlphabetic {
                word.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    static let echoStopwords: Set<String> = ["the", "and", "but", "for", "with", "that", "this", "was", "were", "are", "has",
                                             "have", "had", "not", "its", "their", "they", "them", "from", "into", "than",
                                             "would", "could", "will", "our", "out", "who", "what", "which", "all"]

    /// Capitalised runs that name an organisation ("Lower Danube Waterways Authority", "BBC").
    static func namedOrganizations(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [(name: String, at: Int)] {
        var out: [(String, Int)] = []
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            var k = 0
            while k < tokens.count {
                guard tokens[k].kind == .word, tokens[k].capitalized || tokens[k].acronym else { k += 1; continue }
                var end = k
                while end + 1 < tokens.count, tokens[end + 1].kind == .word,
                      tokens[end + 1].capitalized || tokens[end + 1].acronym
                        || (tokens[end + 1].classes.contains(.nameConnectors) && tokens[end + 1].lower != "the"
                            && end + 2 < tokens.count && tokens[end + 2].capitalized) {
                    end += 1
                }
                var start = k
                while start <= end, tokens[start].classes.contains(.capitalizedNonNames) || tokens[start].classes.contains(.personTitles)
                        || tokens[start].lower == "the" { start += 1 }
                if start <= end {
                    let words = tokens[start...end]
                    let isOrganization = words.contains { $0.classes.contains(.organizationWords) } || (words.count == 1 && words.first!.acronym)
                    if isOrganization {
                        out.append((String(scalars: s[tokens[start].start..<tokens[end].end]), tokens[start].start))
                    }
                }
                k = end + 1
            }
        }
        return out
    }

    /// Names the text says are another's: "the LDWA, which people in Ruse simply call the Waterways
    /// Board", "the Syrian Democratic Forces, also known as the SDF". The alias maps to the name.
    static func statedAliases(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [String: String] {
        var out: [String: String] = [:]
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            guard tokens.contains(where: { $0.classes.contains(.aliasCues) }) else { continue }
            let reader = NameReader(tokens: tokens, scalars: s)
            for k in tokens.indices where tokens[k].lower == "," {
                // The named thing before the comma.
                guard let named = reader.before(k, lowerBound: max(0, k - 8)), named.kind == .named else { continue }
                // ", also called / also known as / known as / dubbed" or ", which … call(s)".
                var j = k + 1
                var cueEnd: Int?
                while j < min(tokens.count, k + 10) {
                    let w = tokens[j].lower
                    if ["call", "calls", "called", "dubbed", "nicknamed"].contains(w) { cueEnd = j; break }
                    if w == "as", j > k + 1, tokens[j - 1].lower == "known" { cueEnd = j; break }
                    if tokens[j].kind == .punctuation { break }
                    if j == k + 1 && !["which", "also", "known", "called", "dubbed", "otherwise", "widely", "commonly"].contains(w) { break }
                    j += 1
                }
                guard let cue = cueEnd, let alias = reader.after(cue + 1, upperBound: min(tokens.count, cue + 8)), alias.kind == .named else { continue }
                var name = named.text
                if name.lowercased().hasPrefix("the ") { name = String(name.dropFirst(4)) }
                var aliasName = alias.text
                if aliasName.lowercased().hasPrefix("the ") { aliasName = String(aliasName.dropFirst(4)) }
                guard aliasName != name else { continue }
                out[aliasName] = name
            }
        }
        // An alias of an acronym is an alias of what the acronym stands for.
        return out
    }

    /// Runs of two to four capitalised words that read as a person's name: no organisation word,
    /// not after a preposition of place, not inside a quotation. Titles before them are dropped.
    static func namedPeople(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [(name: String, at: Int)] {
        var out: [(String, Int)] = []
        var withArticle: Set<String> = []
        for paragraph in paragraphs {
            let quoted = paragraph.marks.map(\.inner)
            let tokens = paragraph.tokens
            var k = 0
            while k < tokens.count {
                guard tokens[k].kind == .word, tokens[k].capitalized, !quoted.contains(where: { $0.start <= tokens[k].start && tokens[k].start < $0.end }) else { k += 1; continue }
                var end = k
                while end + 1 < tokens.count, tokens[end + 1].kind == .word,
                      tokens[end + 1].capitalized || (["al", "bin", "de", "van", "von", "el", "ibn"].contains(tokens[end + 1].lower) && end + 2 < tokens.count && tokens[end + 2].capitalized) {
                    end += 1
                }
                defer { k = end + 1 }
                var start = k
                while start <= end, tokens[start].classes.contains(.capitalizedNonNames) || tokens[start].classes.contains(.titleWords) { start += 1 }
                let words = end - start + 1
                guard words >= 2, words <= 4 else { continue }
                let run = tokens[start...end]
                if run.contains(where: { $0.classes.contains(.organizationWords) || $0.acronym || $0.possessive }) { continue }
                // "the Islamic States’ goal": a plural possessive names a group, not a person.
                if end + 1 < tokens.count, ["’", "'"].contains(tokens[end + 1].lower), tokens[end + 1].start == tokens[end].end,
                   tokens[end].lower.hasSuffix("s") { continue }
                let name = String(scalars: s[tokens[start].start..<tokens[end].end])
                // "the Silver Heron": people's names do not take an article; a name that ever does is a thing's.
                if start == k, k > 0, tokens[k - 1].lower == "the" { withArticle.insert(name); continue }
                if start == k, k > 0, tokens[k - 1].classes.contains(.prepositions) || tokens[k - 1].lower == "to" { continue }
                out.append((name, tokens[start].start))
            }
        }
        return withArticle.isEmpty ? out : out.filter { !withArticle.contains($0.0) }
    }

    /// Sentences that open with a person the document names (in full or by surname), outside
    /// quotations: the people a following "he" or "she" most likely stands for.
    static func sentenceSubjects(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph], people: [(name: String, at: Int)]) -> [(name: String, at: Int)] {
        var fullNames: [String: String] = [:]
        for person in people {
            fullNames[person.name] = person.name
            if let surname = person.name.split(separator: " ").last, fullNames[String(surname)] == nil { fullNames[String(surname)] = person.name }
        }
        guard !fullNames.isEmpty else { return [] }
        // The lowercased words of those names: sentences without one are skipped unread.
        let nameWords = Set(fullNames.keys.flatMap { $0.lowercased().split(separator: " ").map(String.init) })
        var out: [(String, Int)] = []
        for paragraph in paragraphs {
            let reader = NameReader(tokens: paragraph.tokens, scalars: s)
            let tokens = paragraph.tokens
            // A subject opens the sentence (after an opening phrase) and an agent follows "by".
            for sentence in paragraph.sentences where tokens[sentence.lowerBound..<min(sentence.upperBound, sentence.lowerBound + 12)]
                .contains(where: { $0.capitalized && nameWords.contains($0.lower) })
                || tokens[sentence].contains(where: { $0.lower == "by" }) {
                var k = sentence.lowerBound
                while k < sentence.upperBound, tokens[k].kind == .punctuation { k += 1 }
                if k < sentence.upperBound, let phrase = reader.clauseSubject(startingAt: k, before: min(sentence.upperBound, k + 12)),
                   phrase.kind == .named, let full = fullNames[phrase.text] {
                    out.append((full, phrase.span.start))
                }
                // The agent of a passive is its subject in all but form: "best described by Thomas Friedman".
                for b in sentence where tokens[b].lower == "by" && b + 1 < sentence.upperBound && tokens[b + 1].capitalized {
                    if let phrase = reader.after(b + 1, upperBound: min(sentence.upperBound, b + 6)), phrase.kind == .named,
                       let full = fullNames[phrase.text] {
                        out.append((full, phrase.span.start))
                    }
                }
            }
        }
        return out
    }

    /// First-person words a capital at a sentence start can make look like a name ("US" is a
    /// country, so the case must match).
    static let writerWords: Set<String> = ["I", "We", "My", "Our"]

    /// Words that name a kind of body, not a body: "the Board" stands for a board named before.
    static let genericBodies: Set<String> = ["board", "authority", "ministry", "army", "agency", "department", "government",
                                             "administration", "council", "committee", "commission", "office", "bureau",
                                             "company", "group", "coalition", "militia", "observatory", "court", "institute"]

    static let aliasCues: Set<String> = ["call", "calls", "called", "dubbed", "nicknamed", "known"]

    /// Follows aliases to the fullest name (a few hops at most, in case of a cycle):
    /// Waterways Board → LDWA → Lower Danube Waterways Authority.
    static func fullestName(_ name: String, in aliases: [String: String]) -> String {
        var name = name
        var hops = 0
        while let full = aliases[name], full != name, hops < 4 { name = full; hops += 1 }
        return name
    }

    /// "Full Name (ACRONYM)" pairs: the acronym's letters must start the name's capitalised words.
    static func definedAcronyms(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [String: String] {
        var out: [String: String] = [:]
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            for k in tokens.indices where tokens[k].lower == "(" && k + 2 < tokens.count && tokens[k + 2].lower == ")" && tokens[k + 1].acronym {
                let acronym = String(scalars: s[tokens[k + 1].start..<tokens[k + 1].end])
                let letters = Array(acronym.lowercased())
                // Walk back over capitalised words and connectors until the initials match.
                var j = k - 1
                var initials: [Character] = []
                var first = k
                while j >= 0, k - j <= 10, tokens[j].kind == .word {
                    if tokens[j].capitalized, let c = tokens[j].lower.first { initials.insert(c, at: 0); first = j }
                    else if !tokens[j].classes.contains(.nameConnectors) { break }
                    if initials == letters || (initials.count >= letters.count && Array(initials.suffix(letters.count)) == letters) { break }
                    j -= 1
                }
                guard initials.suffix(letters.count) == letters[...] || initials == letters, first < k else { continue }
                out[acronym] = String(scalars: s[tokens[first].start..<tokens[k - 1].end])
            }
        }
        return out
    }

    static func paragraphRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
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

    func span(_ paragraph: Paragraph, _ sentence: Range<Int>) -> TextSpan {
        TextSpan(start: paragraph.tokens[sentence.lowerBound].start, end: paragraph.tokens[sentence.upperBound - 1].end)
    }

    func text(_ span: TextSpan) -> String { String(scalars: scalars[span.start..<span.end]) }

    // MARK: - Quotes

    /// Finds quotations in paragraph `p`, decides their kind, and gives speaker quotes a speaker.
    private mutating func quotes(in p: Int) -> [Quote] {
        let paragraph = paragraphs[p]
        let reader = NameReader(tokens: paragraph.tokens, scalars: scalars)
        var out: [Quote] = []
        var previousSpeaker: (String?, String?, String?, String?)?  // speaker, description, role, cue
        for mark in paragraph.marks {
            if mark.unclosed && !(mark.open == paragraph.range.lowerBound || nextParagraphOpensQuote(p)) { continue }
            guard let sentence = paragraph.sentences.first(where: { s in
                let sp = span(paragraph, s)
                return sp.start <= mark.open && mark.open < sp.end
            }) ?? paragraph.sentences.first else { continue }
            let firstInside = paragraph.tokens.firstIndex { $0.start >= mark.inner.start } ?? sentence.upperBound
            let firstAfter = paragraph.tokens.firstIndex { $0.start > mark.close } ?? paragraph.tokens.count
            let lastBefore = (paragraph.tokens.lastIndex { $0.end <= mark.open } ?? -1)
            var quote = Quote(span: mark.inner, kind: .speaker)
            let words = paragraph.tokens[firstInside..<min(firstAfter, paragraph.tokens.count)].filter { $0.kind == .word && $0.start < mark.inner.end }.count

            if let found = speakerAfter(reader, paragraph, from: firstAfter, quote: mark.inner, sentence: sentence)
                ?? speakerBefore(reader, paragraph, before: lastBefore + 1, sentence: sentence)
                ?? speakerLater(reader, paragraph, from: firstAfter, sentence: sentence)
                ?? speakerWithVerbInside(reader, paragraph, firstInside: firstInside, lastBefore: lastBefore, sentence: sentence) {
                apply(found.phrase, cue: found.cue, to: &quote)
            } else if isTitle(paragraph, before: lastBefore, after: firstAfter, words: words) {
                quote.kind = .title
            } else if words <= 4 && !endsLikeSentence(mark.inner) && !(lastNamedQuote.map { $0.paragraph >= p } ?? false) {
                quote.kind = .scare
            } else if isMention(paragraph, lastBefore: lastBefore, firstAfter: firstAfter, sentence: sentence) {
                // Words held up as a phrase inside the writer's own clause, with no one saying them:
                // "went from “we're staying out” to “just some aid”", "there would be “no boots”".
                quote.kind = .scare
            } else if let previous = previousSpeaker {
                // A further quotation in the same paragraph continues the last speaker's words.
                (quote.speaker, quote.speakerDescription, quote.role, quote.cue) = previous
            } else if p > 0, let carried = carriedSpeaker(from: p - 1) {
                (quote.speaker, quote.speakerDescription, quote.role, quote.cue) = carried
            } else if p > 0, mark.open == paragraph.range.lowerBound || paragraph.marks.first?.open == mark.open,
                      let speaker = known.filter({ paragraphs[p - 1].range.contains($0.lastSeen) }).max(by: { $0.lastSeen < $1.lastSeen }) {
                // "Erekat said it was only the latest move …" ¶ "“They wanted us on our knees …”": a
                // quotation with no tag goes on from whoever the paragraph before reported.
                (quote.speaker, quote.role) = (speaker.name, speaker.role)
            } else if let person = people.last(where: { $0.at < mark.open }), p > 0,
                      person.at >= paragraphs[p - 1].range.lowerBound,
                      person.at > (lastNamedQuoteOffset ?? -1) {
                // The person the writer has just introduced: "State Department spokesman John Kirby was
                // called out … Remember this? “We are not going …”"
                let full = known.last(where: { $0.name == person.name || $0.name.hasSuffix(" " + person.name) })
                quote.speaker = full?.name ?? person.name
                quote.role = full?.role
            } else if let last = lastNamedQuote, last.paragraph >= p - 2 {
                (quote.speaker, quote.role, quote.cue) = (last.speaker, last.role, last.cue)
            }
            if quote.kind == .speaker, let speaker = quote.speaker {
                lastNamedQuote = (speaker, quote.role, quote.cue, p)
                lastNamedQuoteOffset = quote.span.start
            }
            if quote.kind == .speaker, quote.speaker != nil || quote.speakerDescription != nil {
                previousSpeaker = (quote.speaker, quote.speakerDescription, quote.role, quote.cue)
            }
            out.append(quote)
        }
        result.quotes += out
        return out
    }

    /// A quotation no one is said to speak, held up as a phrase inside the writer's own clause:
    /// "there would be “no boots on the ground”", "went from “we're staying out” to “just some aid”".
    private func isMention(_ paragraph: Paragraph, lastBefore: Int, firstAfter: Int, sentence: Range<Int>) -> Bool {
        let tokens = paragraph.tokens
        guard lastBefore >= sentence.lowerBound, tokens[lastBefore].kind == .word else { return false }
        let word = tokens[lastBefore].lower
        if ["be", "than", "like", "the", "a", "an"].contains(word) { return true }
        guard ["to", "from", "of"].contains(word) else { return false }
        // A chain of quoted phrases joined by "to": each link is mentioned, not said.
        let afterChain = lastBefore > sentence.lowerBound && tokens[lastBefore - 1].kind == .punctuation
            && ["”", "\""].contains(tokens[lastBefore - 1].lower) && word == "to"
        var next = firstAfter
        while next < tokens.count, tokens[next].kind == .punctuation, tokens[next].lower == "," { next += 1 }
        let beforeChain = next + 1 < tokens.count && tokens[next].lower == "to" && ["“", "\""].contains(tokens[next + 1].lower)
        return afterChain || beforeChain
    }

    private func nextParagraphOpensQuote(_ p: Int) -> Bool {
        guard p + 1 < paragraphs.count else { return false }
        let c = scalars[paragraphs[p + 1].range.lowerBound]
        return c == "“" || c == "\"" || c == "«"
    }

    /// The speaker of the last speaker quote of paragraph `p`, when that quotation runs on
    /// (news style opens each paragraph of a long quotation again).
    private func carriedSpeaker(from p: Int) -> (String?, String?, String?, String?)? {
        guard let last = result.quotes.last, paragraphs[p].range.contains(last.span.start), last.kind == .speaker,
              paragraphs[p].marks.last?.unclosed == true else { return nil }
        return (last.speaker, last.speakerDescription, last.role, last.cue)
    }

    private struct FoundSpeaker {
        var phrase: NamePhrase
        var cue: String
    }

    /// `…,” Mattis said.` / `…,” said the spokesman.` / `…,” he told reporters.`
    private func speakerAfter(_ reader: NameReader, _ paragraph: Paragraph, from index: Int, quote: TextSpan, sentence: Range<Int>) -> FoundSpeaker? {
        var i = index
        let tokens = paragraph.tokens
        while i < tokens.count, tokens[i].kind == .punctuation, [",", "”", "\"", "’", "'"].contains(tokens[i].lower) { i += 1 }
        // A quotation closed by a full stop and followed by a capital starts a new sentence: only a
        // bare tag ("“….” Mattis said.") belongs to it, not "The BBC corroborated this, …".
        let startsNewSentence = endsWithFullStop(quote) && i < tokens.count && tokens[i].capitalized
        // "the ‘open corridor’ policy": a quotation that modifies the noun after it has no speaker tag.
        if i == index, i < tokens.count, tokens[i].kind == .word, !tokens[i].capitalized, !tokens[i].acronym,
           !tokens[i].classes.contains(.speechVerbs), let mark = tokens[..<index].lastIndex(where: { $0.end < quote.start }),
           mark > 0, tokens[mark].kind == .punctuation, tokens[mark - 1].kind == .word,
           ["the", "a", "an", "this", "that", "its", "their", "his", "her", "our"].contains(tokens[mark - 1].lower) {
            return nil
        }
        // A tag with a long appositive: "“…,” Steve Clarke, deputy associate administrator for
        // exploration in NASA's Science Mission Directorate, said".
        let hasAppositive = i < tokens.count && tokens[i].capitalized
            && tokens[i..<min(tokens.count, i + 5)].contains { $0.lower == "," }
        let limit = min(tokens.count, i + (hasAppositive ? 30 : 8))
        var k = i
        while k < limit {
            let t = tokens[k]
            if t.kind == .punctuation && ["“", "\"", "(", ":"].contains(t.lower) { return nil }
            if t.kind == .word, !t.capitalized, t.classes.contains(.speechVerbs) {
                if startsNewSentence, k + 1 < tokens.count, !(tokens[k + 1].kind == .punctuation && [".", ",", ";"].contains(tokens[k + 1].lower)) {
                    return nil
                }
                if k > i, let phrase = reader.before(k, lowerBound: i) { return FoundSpeaker(phrase: phrase, cue: cueText(tokens, verb: k)) }
                // "said Mattis", but not "told Eastgate Wire": after "told" comes the listener.
                if !["told", "tells", "telling", "tell"].contains(t.lower),
                   let phrase = reader.after(k + 1, upperBound: min(tokens.count, k + 9)), phrase.kind != .description || k == i {
                    return FoundSpeaker(phrase: phrase, cue: t.lower)
                }
                return nil
            }
            if t.kind == .punctuation, [".", "!", "?", ";"].contains(t.lower) {
                // "Brig. Gen. Silo continued": the dot of an abbreviated title does not end the tag.
                guard t.lower == ".", k > i, SentenceSplitter.isAbbreviation(tokens[k - 1], dotAt: t.start) else { return nil }
            }
            k += 1
        }
        return nil
    }

    /// `“There was an agreement” with ISIS, according to Major General Najim al-Jobori`: the source
    /// named later in the same sentence, with no other quotation between.
    private func speakerLater(_ reader: NameReader, _ paragraph: Paragraph, from index: Int, sentence: Range<Int>) -> FoundSpeaker? {
        let tokens = paragraph.tokens
        var k = index
        while k + 2 < sentence.upperBound {
            let t = tokens[k]
            if t.kind == .punctuation, ["“", "\"", "«"].contains(t.lower) { return nil }
            if t.kind == .word, t.lower == "according", tokens[k + 1].lower == "to",
               let phrase = reader.after(k + 2, upperBound: sentence.upperBound) {
                return FoundSpeaker(phrase: reportSource(phrase, tokens: tokens, from: k + 2, to: min(sentence.upperBound, k + 10)), cue: "according to")
            }
            k += 1
        }
        return nil
    }

    /// `The SOHR “confirms that this agreement has happened.”`: the quotation opens on the
    /// speech verb, and the name before the mark is its subject.
    private func speakerWithVerbInside(_ reader: NameReader, _ paragraph: Paragraph, firstInside: Int, lastBefore: Int, sentence: Range<Int>) -> FoundSpeaker? {
        let tokens = paragraph.tokens
        guard firstInside < tokens.count, lastBefore >= sentence.lowerBound else { return nil }
        let verb = tokens[firstInside]
        guard verb.kind == .word, !verb.capitalized, verb.classes.contains(.reportingVerbs),
              verb.lower.hasSuffix("s") || verb.lower.hasSuffix("ed"),
              let phrase = reader.before(lastBefore + 1, lowerBound: sentence.lowerBound), phrase.kind != .description else { return nil }
        return FoundSpeaker(phrase: phrase, cue: verb.lower)
    }

    private func endsWithFullStop(_ span: TextSpan) -> Bool {
        var e = span.end - 1
        while e > span.start, Tokenizer.isSpace(scalars[e]) { e -= 1 }
        return e >= span.start && scalars[e] == "."
    }

    /// `Mattis said, “…` / `He told reporters: “…` / `According to the BBC, “…` / `Kerry said the threat was “managed”`.
    private func speakerBefore(_ reader: NameReader, _ paragraph: Paragraph, before index: Int, sentence: Range<Int>) -> FoundSpeaker? {
        let tokens = paragraph.tokens
        var k = index - 1
        while k >= sentence.lowerBound {
            let t = tokens[k]
            if t.kind == .punctuation, ["”", "\""].contains(t.lower) { return nil }  // another quotation lies between
            if t.kind == .word, t.lower == "to", k > sentence.lowerBound, tokens[k - 1].lower == "according",
               let phrase = reader.after(k + 1, upperBound: index) {
                return FoundSpeaker(phrase: reportSource(phrase, tokens: tokens, from: k + 1, to: index), cue: "according to")
            }
            // "Volker: Allegations are “not credible”": the name before a colon that opens the line.
            if t.kind == .punctuation, t.lower == ":", k > sentence.lowerBound, k - sentence.lowerBound <= 4, k + 1 < index,
               let phrase = reader.before(k, lowerBound: sentence.lowerBound), phrase.kind == .named,
               tokens.index(startingAt: phrase.span.start) == sentence.lowerBound,
               people.contains(where: { $0.name == phrase.text || $0.name.hasSuffix(" " + phrase.text) })
                || known.contains(where: { $0.name == phrase.text || $0.name.hasSuffix(" " + phrase.text) }) {
                return FoundSpeaker(phrase: phrase, cue: ":")
            }
            // "The article quotes a lorry driver, “…”": the one quoted follows the verb.
            if t.kind == .word, ["quotes", "quoted", "quoting", "cites", "cited", "citing"].contains(t.lower),
               let phrase = reader.after(k + 1, upperBound: index) {
                return FoundSpeaker(phrase: phrase, cue: t.lower)
            }
            if t.kind == .word, !t.capitalized || k == sentence.lowerBound,
               t.classes.contains(.speechVerbs) || Self.isCalling(tokens, verb: k, end: index) || Self.isWarning(tokens, verb: k),
               !Self.isPassive(tokens, verb: k, from: sentence.lowerBound),
               let phrase = reader.before(k, lowerBound: sentence.lowerBound) {
                // "Citing a 2008 RAND Corporation report, Davidson explains that … “the establishment of
                // red lines”": the quoted words are the cited document's.
                if let cited = citedSource(reader, tokens, sentence: sentence, before: k) { return cited }
                // "…, adding that the deal was “…”": the participle's subject opens the clause.
                if t.lower.hasSuffix("ing"), k > sentence.lowerBound, tokens[k - 1].lower == ",",
                   let subject = reader.clauseSubject(startingAt: sentence.lowerBound, before: k - 1), subject.kind != .description {
                    return FoundSpeaker(phrase: subject, cue: t.lower)
                }
                if phrase.kind == .pronoun, let role = roleBefore(reader, tokens, pronoun: phrase, sentence: sentence) {
                    return FoundSpeaker(phrase: role, cue: cueText(tokens, verb: k))
                }
                return FoundSpeaker(phrase: phrase, cue: cueText(tokens, verb: k))
            }
            k -= 1
        }
        return nil
    }

    /// The named source of a sentence that opens "Citing X, …".
    private func citedSource(_ reader: NameReader, _ tokens: [Token], sentence: Range<Int>, before limit: Int) -> FoundSpeaker? {
        var k = sentence.lowerBound
        while k < limit, tokens[k].kind == .punctuation { k += 1 }
        guard k < limit, tokens[k].lower == "citing", let phrase = reader.after(k + 1, upperBound: limit) else { return nil }
        let source = reportSource(phrase, tokens: tokens, from: k + 1, to: min(limit, k + 10))
        guard source.kind == .named, source.text.first?.isUppercase == true else { return nil }
        return FoundSpeaker(phrase: source, cue: "citing")
    }

    /// "Saudi Arabia's foreign minister, when he told the media": a pronoun after a role named
    /// earlier in its own sentence stands for that role, not for a person named in an earlier one.
    private func roleBefore(_ reader: NameReader, _ tokens: [Token], pronoun: NamePhrase, sentence: Range<Int>) -> NamePhrase? {
        guard let at = tokens.index(startingAt: pronoun.span.start) else { return nil }
        var k = at - 1
        while k >= sentence.lowerBound {
            let t = tokens[k]
            if t.kind == .word, !t.capitalized, t.classes.contains(.personTitles), k + 1 < tokens.count,
               !(tokens[k + 1].kind == .word && tokens[k + 1].capitalized),
               let phrase = reader.before(k + 1, lowerBound: sentence.lowerBound), phrase.kind == .description {
                return phrase
            }
            k -= 1
        }
        return nil
    }

    /// "has put the loss at 3,000 litres": an estimate, reported like speech.
    static func isEstimate(_ tokens: [Token], verb: Int, end: Int) -> Bool {
        guard tokens[verb].classes.contains(.estimateVerbs),
              let at = tokens[(verb + 1)..<min(end, verb + 6)].firstIndex(where: { $0.lower == "at" }) else { return false }
        // A figure follows: "at 3,000 litres", "at about 400", not "at odds".
        return tokens[(at + 1)..<min(end, at + 4)].contains { $0.kind == .number || $0.classes.contains(.numberWords) }
    }

    /// "Ayman Safadi warning of “dangerous consequences”": the participle after a name (as a
    /// noun, "a low-water warning", it reports nothing).
    static func isWarning(_ tokens: [Token], verb: Int) -> Bool {
        guard tokens[verb].lower == "warning", verb > 0, verb + 1 < tokens.count, ["of", "that"].contains(tokens[verb + 1].lower) else { return false }
        let before = tokens[verb - 1]
        return before.kind == .word && (before.capitalized || before.classes.contains(.personPronouns) || before.classes.contains(.groupPronouns))
    }

    /// "The Arab League called it …", "called for …": naming or demanding, reported like speech.
    static func isCalling(_ tokens: [Token], verb: Int, end: Int) -> Bool {
        guard tokens[verb].lower == "called", verb + 1 < end else { return false }
        return ["it", "this", "them", "him", "her", "for"].contains(tokens[verb + 1].lower)
    }

    /// A word that reads as a reporting verb but is used as a noun here: "Arab states to have
    /// signed", "the reports were", "officials say" after "to" ("to say").
    static func isNounUse(_ tokens: [Token], word k: Int, sentence: Range<Int>) -> Bool {
        let w = tokens[k].lower
        if w == "say" { return k > sentence.lowerBound && Lexicon.sayBlockers.contains(tokens[k - 1].lower) }
        // "wrote a novel", "claimed the lives of": authorship and taking, not statements.
        if ["wrote", "writes", "claimed", "claims", "claim"].contains(w), k + 1 < sentence.upperBound,
           ["a", "an", "the", "his", "her", "their", "its", "several", "many", "two", "three", "books", "novels", "songs"].contains(tokens[k + 1].lower) {
            return true
        }
        guard ["states", "reports", "claims", "notes", "remarks", "comments", "estimates", "quotes", "points", "promises",
               "warns", "admits"].contains(w) else { return false }
        if k + 1 < sentence.upperBound, ["to", "have", "are", "were", "and", "or", "of", "in", "on", "from", "by", "about", ",", ")", "."].contains(tokens[k + 1].lower) {
            return true
        }
        return k > sentence.lowerBound && ["the", "a", "these", "those", "many", "some", "all", "two", "three", "several", "member"].contains(tokens[k - 1].lower)
    }

    /// "was assured", "were told", "is being described": the subject received the words.
    static func isPassive(_ tokens: [Token], verb: Int, from lowerBound: Int) -> Bool {
        var k = verb - 1
        while k >= lowerBound, tokens[k].kind == .word,
              ["also", "being", "not", "repeatedly", "widely", "often", "been", "later", "since", "subsequently", "first", "now"].contains(tokens[k].lower) {
            if tokens[k].lower == "being" || tokens[k].lower == "been" { return true }
            k -= 1
        }
        guard k >= lowerBound, tokens[k].kind == .word else { return false }
        return ["was", "were", "is", "are", "be", "am", "get", "got", "gets"].contains(tokens[k].lower)
    }

    /// The verb plus a following "reporters" or "that": "told reporters".
    private func cueText(_ tokens: [Token], verb: Int) -> String {
        if verb + 1 < tokens.count, tokens[verb + 1].kind == .word, ["reporters", "journalists", "the", "media"].contains(tokens[verb + 1].lower),
           tokens[verb + 1].lower != "the" {
            return tokens[verb].lower + " " + tokens[verb + 1].lower
        }
        return tokens[verb].lower
    }

    private func isTitle(_ paragraph: Paragraph, before index: Int, after next: Int, words: Int) -> Bool {
        guard words <= 20 else { return false }
        let tokens = paragraph.tokens
        if index >= 0 {
            for k in stride(from: index, through: max(0, index - 3), by: -1) where tokens[k].kind == .word {
                // "has called it “…”" reports words; "a book called “…”" names one.
                if Lexicon.titleCues.contains(tokens[k].lower),
                   !(k > 0 && ["has", "have", "had"].contains(tokens[k - 1].lower)), !(k + 1 <= index && ["it", "this", "them", "him", "her"].contains(tokens[k + 1].lower)) {
                    return true
                }
            }
        }
        // "the “Meth. We're on it.” awareness campaign": a title or slogan named by the noun after it.
        for k in next..<min(tokens.count, next + 2) where tokens[k].kind == .word {
            if ["campaign", "slogan", "series", "song", "album", "book", "film", "documentary", "program", "programme", "initiative",
                "ad", "ads", "advert", "hashtag", "motto", "headline"].contains(tokens[k].lower) { return true }
            if tokens[k].capitalized || tokens[k].classes.contains(.speechVerbs) { break }
        }
        return false
    }

    private func endsLikeSentence(_ span: TextSpan) -> Bool {
        var e = span.end - 1
        while e > span.start, Tokenizer.isSpace(scalars[e]) { e -= 1 }
        return ".!?…".unicodeScalars.contains(scalars[e])
    }

    /// Fills a quote's speaker from a name phrase, resolving pronouns, surnames and descriptions.
    private mutating func apply(_ phrase: NamePhrase, cue: String, to quote: inout Quote) {
        quote.cue = cue
        let resolved = resolve(phrase)
        quote.speaker = resolved.name
        quote.role = resolved.role
        quote.speakerDescription = resolved.name == nil ? resolved.description : nil
    }

    struct Resolved {
        var name: String?
        var role: String?
        var description: String?
    }

    /// Resolves a phrase against the speakers seen so far, and remembers named ones.
    mutating func resolve(_ phrase: NamePhrase, expandingShortNames: Bool = true) -> Resolved {
        // "I said", "We asked": the writer speaking, not a source.
        if phrase.kind == .named, Self.writerWords.contains(phrase.text) {
            return Resolved(name: nil, role: nil, description: phrase.text)
        }
        switch phrase.kind {
        case .pronoun:
            let wantsGroup = phrase.isOrganization
            // "It told us …": a body that has just been speaking goes on speaking; failing that, the
            // body named last.
            // "We asked the authority for the log. It told us …": the body just mentioned by its kind.
            if wantsGroup, let mention = genericMentions.last(where: { $0.at < phrase.span.start && phrase.span.start - $0.at < 800 }),
               mention.at > (organizations.last(where: { $0.at < phrase.span.start })?.at ?? -1),
               let organization = lastOrganization(before: mention.at, matching: mention.head) {
                return Resolved(name: organization, role: nil, description: nil)
            }
            if wantsGroup, let speaker = known.last, speaker.isOrganization, phrase.span.start - speaker.lastSeen < 1500 {
                return Resolved(name: speaker.name, role: nil, description: nil)
            }
            if wantsGroup, let organization = lastOrganization(before: phrase.span.start, matching: nil) {
                return Resolved(name: organization, role: nil, description: nil)
            }
            // "he said" is the person the text is about: the last one who spoke ("Todorinova confirmed
            // …. “…,” she said") or who opened a sentence as its subject ("Buser, however, is counting
            // on …. “…,” he says"), not whoever was mentioned last ("made him realize Giuliani").
            let start = phrase.span.start
            // "she" does not stand for a man the text names as one ("Mr.", a man's first name).
            let wanted = NameGender.of(pronoun: phrase.text)
            func fits(_ name: String) -> Bool { wanted == nil || NameGender.of(name: name).map { $0 == wanted } ?? true }
            let speaker = known.filter { !$0.isOrganization && $0.lastSeen < start && start - $0.lastSeen < 3000 && fits($0.name) }
                .max { $0.lastSeen < $1.lastSeen }
            if subjects == nil { subjects = Self.sentenceSubjects(scalars, paragraphs, people: people) }
            let subject = subjects!.last(where: { $0.at < start && start - $0.at < 3000 && fits($0.name) })
            if !wantsGroup, speaker != nil || subject != nil {
                if let subject, subject.at > (speaker?.lastSeen ?? -1) {
                    let full = known.last(where: { $0.name == subject.name })
                    return Resolved(name: subject.name, role: full?.role, description: nil)
                }
                if let speaker { return Resolved(name: speaker.name, role: speaker.role, description: nil) }
            }
            let named = people.last(where: { $0.at < start && start - $0.at < 3000 && fits($0.name) })
            // "he said": the person named last before, within a few paragraphs.
            if !wantsGroup, let person = named {
                let full = known.last(where: { $0.name == person.name || $0.name.hasSuffix(" " + person.name) })
                return Resolved(name: full?.name ?? person.name, role: full?.role, description: nil)
            }
            if let match = known.last(where: { $0.isOrganization == wantsGroup }) {
                return Resolved(name: match.name, role: match.role, description: nil)
            }
            return Resolved(name: nil, role: nil, description: phrase.text)
        case .description:
            // "the commander", "the report": the last speaker whose role or kind fits.
            let lower = phrase.text.lowercased()
            let head = lower.split(separator: " ").last.map(String.init) ?? lower
            if lower.hasPrefix("the ") || phrase.role != nil {
                if let match = known.last(where: { $0.role.map { $0.lowercased().split(separator: " ").contains(Substring(head)) } ?? false }) {
                    return Resolved(name: match.name, role: match.role, description: nil)
                }
                // "the authority" after "the Lower Danube Waterways Authority".
                if lower.split(separator: " ").count <= 3, let organization = lastOrganization(before: phrase.span.start, matching: head) {
                    return Resolved(name: organization, role: nil, description: nil)
                }
                // "the report stated" right after a body spoke: that body's report.
                if Lexicon.reportNouns.contains(head), phrase.text.split(separator: " ").count <= 2, let match = known.last, match.isOrganization,
                   phrase.span.start - match.lastSeen < 1500 {
                    return Resolved(name: match.name, role: nil, description: nil)
                }
            }
            // "another recent Pentagon press conference": the body named inside the description.
            if let embedded = embeddedOrganization(phrase) { return Resolved(name: embedded, role: nil, description: nil) }
            // "Kerry's observations", "the authority's statement": whose words they are.
            if let owner = possessor(phrase) {
                return resolve(NamePhrase(kind: .named, text: owner, role: nil, isOrganization: false, span: phrase.span))
            }
            return Resolved(name: nil, role: phrase.role, description: phrase.text)
        case .named:
            var name = phrase.text
            if name.lowercased().hasPrefix("the ") { name = String(name.dropFirst(4)) }
            // Follow stated aliases to the fullest name: Waterways Board → LDWA → Lower Danube Waterways Authority.
            name = Self.fullestName(name, in: aliases)
            // Well-known bodies and states by their canonical names: "US" is the United States.
            if let curated = reference.curatedEntity(named: name) ?? curatedByAcronym(name) { name = curated.name }
            // "the Board", "the Authority": a generic word standing for an organisation named before.
            let singleWord = !name.utf8.contains(32)
            if singleWord, Self.genericBodies.contains(name.lowercased()) {
                if let organization = lastOrganization(before: phrase.span.start, matching: name.lowercased()), organization != name {
                    return Resolved(name: organization, role: nil, description: nil)
                }
                return Resolved(name: nil, role: nil, description: phrase.text)
            }
            // A capitalised common noun at a sentence start is a description: "Sources described…".
            if singleWord, Self.isSourceDescription(name), !phrase.isOrganization {
                return Resolved(name: nil, role: nil, description: name)
            }
            // "Mattis" after "Jim Mattis": the full name.
            if singleWord, let full = known.lastIndex(where: { $0.name.hasSuffix(" " + name) }) {
                var speaker = known.remove(at: full)
                speaker.lastSeen = phrase.span.start
                known.append(speaker)
                return Resolved(name: speaker.name, role: phrase.role ?? speaker.role, description: nil)
            }
            // "Morrison said" after "Tim Morrison" was named (not yet as a speaker): the full name.
            // (Once only: a curated name can map the full name back to a single word.)
            if singleWord, !phrase.isOrganization, expandingShortNames,
               let full = people.last(where: { $0.at < phrase.span.start && $0.name.hasSuffix(" " + name) })?.name {
                return resolve(NamePhrase(kind: .named, text: full, role: phrase.role, isOrganization: false, span: phrase.span),
                               expandingShortNames: false)
            }
            // "Sarah said" in a feature that named Sarah Okafor before: the first name stands for her.
            if singleWord, !phrase.isOrganization, expandingShortNames,
               let full = known.last(where: { !$0.isOrganization && $0.name.hasPrefix(name + " ") })?.name
                ?? people.last(where: { $0.at < phrase.span.start && $0.name.hasPrefix(name + " ") })?.name {
                return resolve(NamePhrase(kind: .named, text: full, role: phrase.role, isOrganization: false, span: phrase.span),
                               expandingShortNames: false)
            }
            if let same = known.lastIndex(where: { $0.name == name }) {
                if known[same].role == nil { known[same].role = phrase.role }
                var speaker = known.remove(at: same)
                speaker.lastSeen = phrase.span.start
                known.append(speaker)
                return Resolved(name: name, role: phrase.role ?? speaker.role, description: nil)
            }
            known.append(KnownSpeaker(name: name, role: phrase.role, isOrganization: phrase.isOrganization, lastSeen: phrase.span.start))
            return Resolved(name: name, role: phrase.role, description: nil)
        }
    }

    /// A body the document names slightly wrong but defines with a well-known acronym:
    /// "Syrian Defence Forces (SDF)" is the Syrian Democratic Forces when most words agree.
    func curatedByAcronym(_ name: String) -> CuratedEntity? {
        guard let acronym = aliases.first(where: { $0.value == name && $0.key.allSatisfy(\.isUppercase) })?.key,
              let curated = reference.curatedEntity(named: acronym) else { return nil }
        let words = Set(name.lowercased().split(separator: " ")), canonical = Set(curated.name.lowercased().split(separator: " "))
        return words.intersection(canonical).count * 2 >= max(words.count, canonical.count) ? curated : nil
    }

    /// The capitalised owner of a report noun: "Kerry's observations" → Kerry.
    func possessor(_ phrase: NamePhrase) -> String? {
        guard phrase.text.unicodeScalars.contains(where: { $0 == "'" || $0 == "’" }) else { return nil }
        let words = phrase.text.split(separator: " ")
        guard words.count >= 2, let last = words.last, Lexicon.reportNouns.contains(last.lowercased()) else { return nil }
        guard let owner = words.dropLast().lastIndex(where: { $0.hasSuffix("'s") || $0.hasSuffix("’s") }),
              words[owner].first?.isUppercase == true else { return nil }
        var start = owner
        while start > 0, words[start - 1].first?.isUppercase == true { start -= 1 }
        return (words[start..<owner] + [words[owner].dropLast(2)]).joined(separator: " ")
    }

    /// An organisation named inside a description, ending in a report noun or followed by one.
    func embeddedOrganization(_ phrase: NamePhrase) -> String? {
        // Only a description with a capital after its first letter can hold a name.
        guard phrase.text.utf8.dropFirst().contains(where: { $0 >= 65 && $0 <= 90 || $0 >= 0xC0 }) else { return nil }
        let words = phrase.text.split(separator: " ")
        guard words.count >= 2, let index = words.firstIndex(where: { $0.first?.isUppercase == true && words.firstIndex(of: $0) != 0 }) else { return nil }
        var run: [Substring] = []
        for word in words[index...] { if word.first?.isUppercase == true || word.allSatisfy(\.isUppercase) { run.append(word) } else { break } }
        guard !run.isEmpty else { return nil }
        let after = words.dropFirst(index + run.count).first.map { $0.lowercased() }
        let name = run.joined(separator: " ")
        let isBody = organizations.contains { $0.name.hasSuffix(name) || $0.name == name } || run.contains { Lexicon.organizationWords.contains($0.lowercased()) }
        guard isBody, after.map({ Lexicon.reportNouns.contains($0) || ["press", "spokesman", "spokeswoman", "spokesperson", "officials", "statement"].contains($0) }) ?? true else { return nil }
        return Self.fullestName(name, in: aliases)
    }

    /// The organisation named last before `offset`, optionally one whose name has the word `head`.
    func lastOrganization(before offset: Int, matching head: String?) -> String? {
        // Organisations are in text order: walk back from the last one before `offset`.
        var n = organizations.endIndex
        while n > organizations.startIndex {
            n -= 1
            let organization = organizations[n]
            // A bare generic word ("The Board") names nothing by itself.
            guard organization.at < offset, !organization.isGeneric else { continue }
            if let word = head, !organization.words.contains(where: { $0 == word || $0.hasPrefix(word) }) { continue }
            let name = organization.name
            return Self.fullestName(organization.words.first == "the" ? String(name.dropFirst(4)) : name, in: aliases)
        }
        return nil
    }

    // MARK: - Block quotes

    /// When paragraph `p` ends with a colon after a source ("According to the BBC report:",
    /// "Landis said:", "X would note:"), the source of the quoted block that follows.
    /// With `requireColon` false, the last sentence of a paragraph before a quotation the page
    /// set off: "Szelesi said." or "Sherwood wrote in a memo to staff."
    private mutating func blockIntroduction(_ p: Int, requireColon: Bool = true) -> (phrase: NamePhrase?, cue: String, resolved: KnownSpeaker?)? {
        let paragraph = paragraphs[p]
        guard let lastToken = paragraph.tokens.last, !requireColon || lastToken.lower == ":", let sentence = paragraph.sentences.last,
              p + 1 < paragraphs.count else { return nil }
        let reader = NameReader(tokens: paragraph.tokens, scalars: scalars)
        let tokens = paragraph.tokens
        let colon = lastToken.lower == ":" || lastToken.lower == "." ? tokens.count - 1 : tokens.count
        // Find the last cue in the sentence: a speech verb, "according to", or a report noun.
        var k = colon - 1
        while k >= sentence.lowerBound {
            let t = tokens[k]
            if t.kind == .word, t.lower == "to", k > sentence.lowerBound, tokens[k - 1].lower == "according",
               let phrase = reader.after(k + 1, upperBound: colon) {
                return (reportSource(phrase, tokens: tokens, from: k + 1, to: colon), "according to", nil)
            }
            // A participle ("apparently confirming that …, the commander:") is not the introduction's verb.
            if t.kind == .word, !t.capitalized, t.classes.contains(.speechVerbs), !t.lower.hasSuffix("ing") {
                var subjectEnd = k
                // "would note", "has said", "went on to say"
                while subjectEnd > sentence.lowerBound, ["would", "has", "had", "have", "will", "to", "on", "went", "later", "also"].contains(tokens[subjectEnd - 1].lower) {
                    subjectEnd -= 1
                }
                if let phrase = reader.before(subjectEnd, lowerBound: sentence.lowerBound) {
                    return (phrase, t.lower, nil)
                }
                return (nil, t.lower, nil)
            }
            k -= 1
        }
        return nil
    }

    /// "the BBC report" → BBC; "yesterday's bombshell BBC report" → BBC.
    private func reportSource(_ phrase: NamePhrase, tokens: [Token], from: Int, to: Int) -> NamePhrase {
        guard phrase.kind == .description else { return phrase }
        let reader = NameReader(tokens: tokens, scalars: scalars)
        for k in from..<to where tokens[k].kind == .word && (tokens[k].capitalized || tokens[k].acronym) && !(k == from) {
            if let named = reader.after(k, upperBound: to), named.kind == .named {
                var organization = named
                organization.isOrganization = true
                if let last = organization.text.split(separator: " ").last, Lexicon.reportNouns.contains(last.lowercased()) {
                    organization.text = organization.text.split(separator: " ").dropLast().joined(separator: " ")
                }
                return organization
            }
        }
        return phrase
    }

    private mutating func addBlockQuote(_ p: Int, intro: (phrase: NamePhrase?, cue: String, resolved: KnownSpeaker?)) {
        let paragraph = paragraphs[p]
        var quote = Quote(span: TextSpan(start: paragraph.range.lowerBound, end: paragraph.range.upperBound), kind: .speaker, block: true)
        // A block wrapped in quotation marks: the words inside them.
        if let only = paragraph.marks.first, only.open <= paragraph.range.lowerBound + 1, paragraph.marks.count == 1 {
            quote.span = only.inner
        }
        if let phrase = intro.phrase { apply(phrase, cue: intro.cue, to: &quote) } else { quote.cue = intro.cue }
        // Partial quotations after a block usually go on quoting its speaker.
        if let speaker = quote.speaker {
            lastNamedQuote = (speaker, quote.role, quote.cue, p)
            lastNamedQuoteOffset = quote.span.start
        }
        result.quotes.append(quote)
        hedges(in: p)
    }

    /// A block quotation runs on into the next paragraph when that one starts with an ellipsis
    /// or an opening quotation mark and the current one did not close the thought.
    private func continuesBlock(after p: Int) -> Bool {
        guard p + 1 < paragraphs.count else { return false }
        let first = scalars[paragraphs[p + 1].range.lowerBound]
        return first == "…" || (first == "." && paragraphs[p + 1].range.count > 2 && scalars[paragraphs[p + 1].range.lowerBound + 1] == ".")
    }

    // MARK: - Attributions

    /// Sentences that report what a source said, in the writer's words.
    private mutating func attributions(in p: Int, quotes: [Quote]) {
        let paragraph = paragraphs[p]
        let reader = NameReader(tokens: paragraph.tokens, scalars: scalars)
        let tokens = paragraph.tokens
        let introducesBlock = paragraph.tokens.last?.lower == ":" && p + 1 < paragraphs.count
        for (n, sentence) in paragraph.sentences.enumerated() {
            // "X said:" introducing a block quotation: the block carries the speaker.
            if introducesBlock && n == paragraph.sentences.count - 1 { continue }
            let sentenceSpan = span(paragraph, sentence)
            let inside = quotes.filter { $0.kind == .speaker && sentenceSpan.overlaps($0.span) }
            let quoted = inside.reduce(0) { $0 + min($1.span.end, sentenceSpan.end) - max($1.span.start, sentenceSpan.start) }
            // A direct quotation with its speech tag is a quote, not an attribution; a partial
            // quotation woven into the writer's clause ("said that a US official had “approved …”")
            // is both.
            if inside.contains(where: { opensClause($0, in: paragraph, sentence: sentence) }),
               isDirectQuotation(paragraph, sentence: sentence, quotes: inside) { continue }
            // "Sanborn said." left alone after a quotation that ended the sentence before.
            if inside.isEmpty, sentence.count <= 4, tokens[sentence].contains(where: { $0.classes.contains(.speechVerbs) }),
               sentence.lowerBound > 0, ["”", "\""].contains(tokens[sentence.lowerBound - 1].lower) { continue }
            let quoteSpans = quotes.lazy.map(\.span).filter { sentenceSpan.overlaps($0) }
            let spans = Array(quoteSpans)
            func insideQuote(_ t: Token) -> Bool { !spans.isEmpty && spans.contains { $0.start <= t.start && t.end <= $0.end } }
            var found: (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)?
            var citing: (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)?
            // "While the US denied responsibility, the SOHR said …": the main clause holds the source.
            let mainClause = Self.mainClauseStart(tokens, sentence: sentence)
            var k = sentence.lowerBound
            while k < sentence.upperBound, found == nil {
                let t = tokens[k]
                defer { k += 1 }
                // Most words cue nothing: test their word-list bits before anything costlier.
                guard t.kind == .word, t.possessive || t.lower == "called" || !t.classes.isDisjoint(with: [.reportingVerbs, .attributionCues, .estimateVerbs]),
                      !insideQuote(t) else { continue }
                if t.lower == "according", k + 2 < sentence.upperBound, tokens[k + 1].lower == "to",
                   let phrase = reader.after(k + 2, upperBound: sentence.upperBound) {
                    let source = reportSource(phrase, tokens: tokens, from: k + 2, to: min(sentence.upperBound, k + 10))
                    found = (source, "according to", TextSpan(start: t.start, end: tokens[k + 1].end))
                } else if t.lower == "per", k > sentence.lowerBound, let phrase = reader.after(k + 1, upperBound: sentence.upperBound),
                          case let source = reportSource(phrase, tokens: tokens, from: k + 1, to: min(sentence.upperBound, k + 10)),
                          source.kind == .named {
                    // "…, per the Health Ministry": like "according to".
                    found = (source, "per", TextSpan(start: t.start, end: t.end))
                } else if t.lower == "citing", citing == nil, let phrase = reader.after(k + 1, upperBound: sentence.upperBound),
                          case let source = reportSource(phrase, tokens: tokens, from: k + 1, to: min(sentence.upperBound, k + 9)),
                          source.kind == .named, source.text.first?.isUppercase == true {
                    // Only a named source: "citing intelligence he received" leaves the sentence's subject as its source.
                    // "Citing a RAND report, Davidson explains …" is Davidson's sentence; a bare "citing X" is X's.
                    citing = (source, "citing", TextSpan(start: t.start, end: t.end))
                } else if !t.capitalized, t.classes.contains(.reportingVerbs) || Self.isEstimate(tokens, verb: k, end: sentence.upperBound)
                            || Self.isCalling(tokens, verb: k, end: sentence.upperBound), k >= mainClause,
                          !Self.isNounUse(tokens, word: k, sentence: sentence) {
                    found = reportingVerb(reader, tokens, verb: k, sentence: sentence)
                } else if t.possessive, k + 1 < sentence.upperBound, tokens[k + 1].classes.contains(.reportNouns),
                          t.capitalized || t.acronym, let phrase = reader.before(k + 1, lowerBound: sentence.lowerBound), phrase.kind == .named {
                    found = (phrase, tokens[k + 1].lower, TextSpan(start: tokens[k + 1].start, end: tokens[k + 1].end))
                } else if ["his", "her", "their"].contains(t.lower), k + 3 < sentence.upperBound, tokens[k + 1].classes.contains(.reportNouns),
                          ["was", "is"].contains(tokens[k + 2].lower), tokens[k + 3].lower == "that" {
                    // "His assessment was that …": the person the pronoun stands for.
                    let pronoun = NamePhrase(kind: .pronoun, text: t.lower == "their" ? "they" : t.lower == "his" ? "he" : "she", role: nil,
                                             isOrganization: t.lower == "their", span: TextSpan(start: t.start, end: t.end))
                    found = (pronoun, tokens[k + 1].lower, TextSpan(start: tokens[k + 1].start, end: tokens[k + 1].end))
                }
            }
            if found == nil, let headline = headlineSource(reader, tokens, sentence: sentence) { found = headline }
            guard let (foundPhrase, cue, cueSpan) = found ?? citing else { continue }
            guard let phrase = foundPhrase else {
                // "It was later revealed that …": reported, with the source left out.
                result.attributions.append(Attribution(span: sentenceSpan, source: nil, sourceDescription: nil, cue: cue, cueSpan: cueSpan,
                                                       hedges: writerHedges(tokens, in: sentence, quotes: spans)))
                continue
            }
            let resolved = resolve(phrase)
            // "I told the port …": the writer's own doing is not a source's claim.
            if resolved.name == nil, let description = resolved.description, Self.writerWords.contains(description) { continue }
            let hedgeWords = writerHedges(tokens, in: sentence, quotes: spans)
            result.attributions.append(Attribution(span: sentenceSpan, source: resolved.name,
                                                   sourceDescription: resolved.name == nil ? resolved.description : nil,
                                                   cue: cue, cueSpan: cueSpan, hedges: hedgeWords))
        }
    }

    /// The source of a reporting verb at `verb`: its subject ("X said", "as X noted", "officials
    /// said"), the named one after it ("…, said Pavel Draganov"), the sentence's subject for a
    /// participle ("The Board declined, saying …"), or none for an agentless passive ("It was
    /// revealed that …"). Nil when the verb reports nothing here ("the public was assured").
    private func reportingVerb(_ reader: NameReader, _ tokens: [Token], verb k: Int, sentence: Range<Int>) -> (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)? {
        let t = tokens[k]
        if Self.isPassive(tokens, verb: k, from: sentence.lowerBound) {
            // "The cases were confirmed by health officials": the agent is the source.
            if k + 2 < sentence.upperBound, tokens[k + 1].lower == "by",
               let agent = reader.after(k + 2, upperBound: min(sentence.upperBound, k + 10)),
               agent.kind == .named || Self.canBeSource(agent.text) {
                return (agent, t.lower + " by", TextSpan(start: t.start, end: tokens[k + 1].end))
            }
            // "It was later revealed that …", "Farmers … were told that …", "…, it was announced":
            // reported, the source left out.
            let impersonal = tokens[max(sentence.lowerBound, k - 4)..<k].contains(where: { $0.lower == "it" })
            guard impersonal || tokens[(k + 1)..<min(sentence.upperBound, k + 4)].contains(where: { $0.lower == "that" }) else { return nil }
            return (nil, t.lower, TextSpan(start: t.start, end: t.end))
        }
        var subjectEnd = k
        while subjectEnd > sentence.lowerBound, Self.isVerbModifier(tokens[subjectEnd - 1]) { subjectEnd -= 1 }
        let cue = cueText(tokens, verb: k)
        let cueSpan = TextSpan(start: t.start, end: cue.utf8.contains(32) ? tokens[k + 1].end : t.end)
        // "…, saying it feared …": the participle's subject opens the sentence.
        if t.lower.hasSuffix("ing"), subjectEnd > sentence.lowerBound, tokens[subjectEnd - 1].lower == "," {
            guard let subject = reader.clauseSubject(startingAt: sentence.lowerBound, before: subjectEnd - 1),
                  subject.kind != .description || Self.canBeSource(subject.text) else { return nil }
            return (subject, cue, cueSpan)
        }
        // "…, said Pavel Draganov, who chairs the operators' association." — the name closes the
        // clause; in "…, said Tyvak would …" it is the subject of what was said.
        // "…, say experts." — a description that closes the sentence after the verb.
        if subjectEnd > sentence.lowerBound, tokens[subjectEnd - 1].lower == ",", k + 1 < sentence.upperBound, !tokens[k + 1].capitalized,
           let phrase = reader.after(k + 1, upperBound: sentence.upperBound), phrase.kind == .description,
           phrase.span.end >= tokens[sentence.upperBound - 1].start - 1, Self.canBeSource(phrase.text) {
            return (phrase, t.lower, TextSpan(start: t.start, end: t.end))
        }
        if subjectEnd > sentence.lowerBound, tokens[subjectEnd - 1].lower == ",", k + 1 < sentence.upperBound,
           tokens[k + 1].capitalized || tokens[k + 1].acronym || tokens[k + 1].lower == "the",
           let phrase = reader.after(k + 1, upperBound: min(sentence.upperBound, k + 9)), phrase.kind == .named,
           let after = tokens[(k + 1)...].firstIndex(where: { $0.start >= phrase.span.end }),
           tokens[after].kind == .punctuation, [",", ".", ";", "!", "?"].contains(tokens[after].lower) {
            return (phrase, t.lower, TextSpan(start: t.start, end: t.end))
        }
        // "She didn't give a date, but said …": a second verb shares the clause's subject.
        if subjectEnd > sentence.lowerBound, ["but", "and"].contains(tokens[subjectEnd - 1].lower),
           let subject = reader.clauseSubject(startingAt: sentence.lowerBound, before: subjectEnd - 1), subject.kind != .description {
            return (subject, cue, TextSpan(start: t.start, end: t.end))
        }
        if var phrase = reader.before(subjectEnd, lowerBound: sentence.lowerBound) {
            // "the Iraqi commander helming the battle told": the source is the noun the participle
            // or preposition hangs from, not its object.
            if phrase.kind == .description, let at = tokens.index(startingAt: phrase.span.start), at > sentence.lowerBound,
               tokens[at - 1].kind == .word, !tokens[at - 1].capitalized,
               tokens[at - 1].lower.hasSuffix("ing") || ["of", "with", "for", "from", "at", "on"].contains(tokens[at - 1].lower),
               let head = reader.before(at - 1, lowerBound: sentence.lowerBound), head.kind != .pronoun {
                phrase = head
            }
            if phrase.kind == .pronoun, let role = roleBefore(reader, tokens, pronoun: phrase, sentence: sentence) {
                return (role, cue, cueSpan)
            }
            if phrase.kind != .description || phrase.role != nil || Self.canBeSource(phrase.text) {
                return (phrase, cue, cueSpan)
            }
        }
        if t.lower == "reported" || t.lower == "quoted", k + 2 < sentence.upperBound, tokens[k + 1].lower == "by",
           let phrase = reader.after(k + 2, upperBound: sentence.upperBound) {
            return (phrase, t.lower + " by", TextSpan(start: t.start, end: tokens[k + 1].end))
        }
        return nil
    }

    /// "Volker: Allegations against Biden are “not credible”": a headline or summary line that
    /// gives a known person's or body's claim after their name and a colon.
    private func headlineSource(_ reader: NameReader, _ tokens: [Token], sentence: Range<Int>) -> (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)? {
        guard let colon = tokens[sentence].firstIndex(where: { $0.lower == ":" }), colon > sentence.lowerBound,
              colon - sentence.lowerBound <= 4, colon + 2 < sentence.upperBound,
              let phrase = reader.before(colon, lowerBound: sentence.lowerBound), phrase.kind == .named,
              tokens.index(startingAt: phrase.span.start) == sentence.lowerBound,
              people.contains(where: { $0.name == phrase.text || $0.name.hasSuffix(" " + phrase.text) })
                || known.contains(where: { $0.name == phrase.text || $0.name.hasSuffix(" " + phrase.text) })
                || reference.curatedEntity(named: phrase.text) != nil else { return nil }
        return (phrase, ":", TextSpan(start: tokens[colon].start, end: tokens[colon].end))
    }

    /// Auxiliaries and adverbs between a subject and its verb: "has also", "vehemently".
    static func isVerbModifier(_ t: Token) -> Bool {
        guard t.kind == .word, !t.capitalized else { return false }
        if ["has", "have", "had", "would", "also", "later", "previously", "recently", "publicly", "explicitly"].contains(t.lower) { return true }
        return t.lower.count > 5 && t.lower.hasSuffix("ly") && !["family", "assembly", "supply", "monopoly"].contains(t.lower)
    }

    /// Where the main clause of a sentence starts when it opens with a subordinate one
    /// ("While …, …"); the sentence start otherwise.
    static func mainClauseStart(_ tokens: [Token], sentence: Range<Int>) -> Int {
        guard let first = tokens[sentence].firstIndex(where: { $0.kind == .word }),
              ["while", "although", "though", "whereas", "because", "if", "unless", "once", "whether"].contains(tokens[first].lower),
              let comma = tokens[first..<sentence.upperBound].firstIndex(where: { $0.lower == "," }) else { return sentence.lowerBound }
        return comma + 1
    }

    /// A quotation that stands as a clause of its own: it opens the sentence, or follows a comma
    /// or colon after its tag ("he said, “…”") rather than a word of the writer's clause.
    private func opensClause(_ quote: Quote, in paragraph: Paragraph, sentence: Range<Int>) -> Bool {
        let tokens = paragraph.tokens
        guard let open = tokens[sentence].lastIndex(where: { $0.end <= quote.span.start }) else { return true }
        var k = open
        while k >= sentence.lowerBound, tokens[k].kind == .punctuation, ["“", "\"", "«", "‘", "'"].contains(tokens[k].lower) { k -= 1 }
        return k < sentence.lowerBound || (tokens[k].kind == .punctuation && [",", ":", "(", "—", "…"].contains(tokens[k].lower))
    }

    /// A sentence made of quotations and their speech tag only: every stretch outside the
    /// quotations names the speaker ("he continued", "said Mattis, speaking in Ankara") or is a
    /// few words long. Anything longer is the writer's own paraphrase around a partial quotation.
    private func isDirectQuotation(_ paragraph: Paragraph, sentence: Range<Int>, quotes: [Quote]) -> Bool {
        var words = 0
        var hasVerb = false
        for t in paragraph.tokens[sentence] {
            if quotes.contains(where: { $0.span.start <= t.start && t.end <= $0.span.end }) {
                if words > 3 && !hasVerb { return false }
                words = 0
                hasVerb = false
            } else if t.kind == .word {
                words += 1
                hasVerb = hasVerb || t.classes.contains(.speechVerbs) || t.lower == "according"
            }
        }
        return words <= 3 || hasVerb
    }

    /// A description that can name a source: a source noun ("officials", "a source familiar with
    /// …") or any short noun phrase with a determiner or a plural head ("the municipality",
    /// "fishing clubs in Marten", "several operators"). Abstract words cannot.
    static func canBeSource(_ text: String) -> Bool {
        let words = text.lowercased().split(separator: " ")
        if let head = words.last, sourceHeads.contains(String(head)) { return true }
        return isDescribedSource(words)
    }

    static func isDescribedSource(_ words: [Substring]) -> Bool {
        guard (1...7).contains(words.count), let head = words.last, let first = words.first else { return false }
        if nonSourceHeads.contains(String(head)) || negatingDeterminers.contains(String(first)) { return false }
        return Lexicon.descriptionDeterminers.contains(String(first)) || first.hasSuffix("'s") || first.hasSuffix("’s")
            || (head.hasSuffix("s") && head.count > 3) || words.contains("in") || words.contains("of")
    }

    static let nonSourceHeads: Set<String> = ["nobody", "anyone", "everyone", "someone", "it", "this", "that", "which", "who",
                                              "what", "one", "all", "both"]
    static let negatingDeterminers: Set<String> = ["nobody", "none", "no", "neither"]

    /// A description that can stand for a source: "officials", "a source familiar with …", "analysts".
    static func isSourceDescription(_ text: String) -> Bool {
        let head = text.split(separator: " ").last.map { $0.lowercased() } ?? text.lowercased()
        return sourceHeads.contains(head)
    }

    static let sourceHeads: Set<String> = [
        "officials", "official", "source", "sources", "analysts", "analyst", "experts", "expert", "witnesses", "witness",
        "residents", "resident", "spokesman", "spokeswoman", "spokesperson", "reports", "report", "observers",
        "diplomats", "diplomat", "investigators", "authorities", "police", "activists", "critics", "media", "driver",
        "commander", "journalist", "journalists", "reporters", "insiders", "aides", "members", "member", "crew",
        "fishermen", "fisherman", "inspectors", "engineers", "doctors", "medics", "locals", "people", "elders",
    ]

    // MARK: - Hedges

    /// The writer's hedges: a "could" or "reportedly" inside someone's quoted words is theirs,
    /// and the quotation carries it already.
    private mutating func hedges(in p: Int) {
        let paragraph = paragraphs[p]
        let quoted = result.quotes.filter { $0.kind == .speaker && paragraph.range.contains($0.span.start) }.map(\.span)
        for sentence in paragraph.sentences {
            let sentenceSpan = span(paragraph, sentence)
            for found in HedgeFinder.find(paragraph.tokens, in: sentence) where !quoted.contains(where: { $0.contains(found.span) }) {
                result.hedges.append(Hedge(span: found.span, sentence: sentenceSpan, kind: found.kind))
            }
        }
    }

    /// Hedge words of a sentence outside the quotations in it.
    private func writerHedges(_ tokens: [Token], in sentence: Range<Int>, quotes: [TextSpan]) -> [String] {
        HedgeFinder.find(tokens, in: sentence).filter { found in !quotes.contains { $0.contains(found.span) } }.map { text($0.span) }
    }
}
