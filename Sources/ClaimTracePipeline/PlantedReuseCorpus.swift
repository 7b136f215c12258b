import ClaimTraceCore
import Foundation

/// A synthetic news corpus with text reuse planted at known places, to measure the reuse finder.
///
/// Articles are made of sentences from templates over invented words, so two articles share a
/// run of words only where one was planted. About a third of the articles copy one to three
/// consecutive sentences from an article published in the days before, with light edits: commas
/// and full stops changed, a word swapped for another of the same meaning, a name swapped for one
/// of its aliases ("Daesh" for "ISIS", "Deir Ezzor" for "Deir ez-Zor"), an adjective dropped, the
/// first word's case changed. Some articles quote a speaker from a shared pool of quotations: two
/// reports of one person's words, not a copy. About one article in twenty is undated.
///
/// Claims are planted too, as chains told in different words each time (three phrasings of the
/// same names, number, place and date): a wire claim credited to a person and re-reported by
/// outlet after outlet, each crediting the one before (single-source); the same event told by
/// a second outlet from a second person (corroborated); an anonymous claim passed from one outlet
/// to another and back as confirmation (circular); and a hedged claim nobody stands behind
/// (unattributed).
///
/// Deterministic for a given size and seed; generated in publication order, streaming, with only
/// the last few hundred articles kept for copying from.
public struct PlantedReuseCorpus: Sendable {
    public var documents: Int
    public var seed: UInt64

    public init(documents: Int, seed: UInt64 = 7) {
        self.documents = documents
        self.seed = seed
    }

    /// One sentence of a generated article: its place in the text and what it was made from.
    public struct Sentence: Sendable {
        /// The same for an original sentence and every copy of it; pooled quotations have their own.
        public var unit: Int
        public var span: TextSpan
        public var words: Int
        /// A quotation from the shared pool rather than an article's own or copied sentence.
        public var pooledQuotation: Bool
        /// Words inside quotation marks with their speech tag, pooled or the article's own: text
        /// alone cannot tell a copied quotation from the same quotation reported twice.
        public var quotation: Bool
        /// The planted claim this sentence tells, in its own words or copied.
        public var claim: Int?
    }

    public struct Article: Sendable {
        public var document: Document
        public var sentences: [Sentence]
        /// Claims whose chain starts or changes in this article, with the status the chain told so
        /// far should get: a circle is circular only once it closes, an event corroborated only
        /// once its second source has told it.
        public var claimStatus: [Int: ClaimStatus] = [:]
    }

    /// A planted claim's facts: who did what to how many, where and when.
    struct ClaimFacts {
        var actor: [String]
        var count: Int
        var noun: String
        var place: String
        var day: Int
        var month: String
        var template: Int
        /// Words of this claim alone, so that two claims share no more than their frame words.
        var verb: String
        var adjective: String
        /// The claim's own frame words: where ("outside"), when ("by"), and its passive.
        var near: [String]
        var when: [String]
        var passive: [String]
    }

    /// A chain of mentions of one planted claim still being told.
    struct ClaimChain {
        var id: Int
        var status: ClaimStatus
        var facts: ClaimFacts
        var originOutlet: String
        var lastOutlet: String
        var told: Int
        var remaining: Int
        var startedAt: Int
    }

    /// How many recent articles copies are taken from.
    static let copyWindow = 400
    /// Quotations in proportion to the articles, so that each is repeated a few times at any size.
    var quotationPool: Int { max(50, documents / 20) }
    static let quotationUnitBase = 1 << 40

    /// Calls `body` with each article in publication order.
    public func forEachArticle(_ body: (Article) throws -> Void) rethrows {
        var rng = SplitMix(seed: seed)
        let quotations = (0..<quotationPool).map { _ in (speaker: Self.person(&rng), words: Self.clause(&rng, minWords: 12)) }
        var recent: [[Words]] = []  // the sentences of the last articles, for copying
        var nextUnit = 0
        var chains: [ClaimChain] = []
        var nextClaim = 0
        for n in 0..<documents {
            let outlet = Self.outlets[n % Self.outlets.count]
            var claimSentences: [Words] = []
            var claimStatus: [Int: ClaimStatus] = [:]
            chains.removeAll { n - $0.startedAt > Self.copyWindow || $0.remaining == 0 }
            if !chains.isEmpty, rng.next() % 2 == 0 {
                let k = Int(rng.next() % UInt64(chains.count))
                if let tokens = Self.echo(&chains[k], outlet: outlet, &rng) {
                    claimSentences.append(Words(unit: nextUnit, tokens: tokens, claim: chains[k].id))
                    nextUnit += 1
                    claimStatus[chains[k].id] = Self.status(of: chains[k])
                }
            }
            if rng.next() % 4 == 0 {
                var chain = Self.startChain(id: nextClaim, outlet: outlet, at: n, &rng)
                nextClaim += 1
                claimSentences.append(Words(unit: nextUnit, tokens: Self.origin(&chain, &rng), claim: chain.id))
                claimStatus[chain.id] = Self.status(of: chain)
                nextUnit += 1
                chains.append(chain)
            }
            var paragraphs: [[Words]] = []
            for _ in 0..<(7 + Int(rng.next() % 6)) {
                var paragraph: [Words] = []
                for _ in 0..<(2 + Int(rng.next() % 3)) {
                    paragraph.append(Words(unit: nextUnit, tokens: Self.sentence(&rng)))
                    nextUnit += 1
                }
                paragraphs.append(paragraph)
            }
            // A copied run of sentences, as a paragraph of its own or at the end of one.
            if !recent.isEmpty, rng.next() % 3 == 0 {
                let source = recent[recent.count - 1 - Int(rng.next() % UInt64(recent.count))]
                let length = 1 + Int(rng.next() % 3)
                let start = Int(rng.next() % UInt64(max(1, source.count - length + 1)))
                let copied = source[start..<min(source.count, start + length)].map { Self.edited($0, &rng) }
                let at = Int(rng.next() % UInt64(paragraphs.count))
                if rng.next() % 2 == 0 { paragraphs.insert(Array(copied), at: at) } else { paragraphs[at] += copied }
            }
            // A quotation from the shared pool, tagged in this article's own words.
            if rng.next() % 6 == 0 {
                let q = Int(rng.next() % UInt64(quotationPool))
                let tag = ["said", "told reporters", "said in a statement", "told the paper"][Int(rng.next() % 4)]
                var tokens = ["“"] + Self.capitalized(quotations[q].words) + [",”"] + quotations[q].speaker + tag.split(separator: " ").map(String.init) + ["."]
                if rng.next() % 2 == 0 { tokens = quotations[q].speaker + ["said", ":", "“"] + Self.capitalized(quotations[q].words) + [".”"] }
                paragraphs[Int(rng.next() % UInt64(paragraphs.count))].append(Words(unit: Self.quotationUnitBase + q, tokens: tokens, pooled: true))
            }
            for sentence in claimSentences { paragraphs.insert([sentence], at: Int(rng.next() % UInt64(paragraphs.count + 1))) }
            var article = Self.assemble(n, paragraphs: paragraphs, undated: rng.next() % 20 == 0)
            article.claimStatus = claimStatus
            try body(article)
            // Claim sentences are not copied: a copy carries its credit into another outlet, and
            // copies crediting each other would close circles the chain's status does not count.
            recent.append(paragraphs.flatMap { $0 }.filter { !$0.pooled && $0.claim == nil })
            if recent.count > Self.copyWindow { recent.removeFirst() }
        }
    }

    /// A sentence as tokens: words and the marks written against them.
    struct Words {
        var unit: Int
        var tokens: [String]
        var pooled = false
        var claim: Int?
    }

    /// The article's text: sentences joined by spaces, paragraphs by a blank line, marks against
    /// the word before them (or after, for an opening quotation mark).
    static func assemble(_ n: Int, paragraphs: [[Words]], undated: Bool) -> Article {
        var text = ""
        var count = 0  // scalars so far
        var sentences: [Sentence] = []
        func append(_ s: String) { text += s; count += s.unicodeScalars.count }
        for (p, paragraph) in paragraphs.enumerated() {
            if p > 0 { append("\n\n") }
            for (k, sentence) in paragraph.enumerated() {
                if k > 0 { append(" ") }
                let start = count
                var words = 0
                for (t, token) in sentence.tokens.enumerated() {
                    let mark = [".", ",", ";", ":", ",”", ".”"].contains(token)
                    if t > 0 && !mark && sentence.tokens[t - 1] != "“" { append(" ") }
                    append(token)
                    if !mark && token != "“" { words += 1 }
                }
                sentences.append(Sentence(unit: sentence.unit, span: TextSpan(start: start, end: count), words: words, pooledQuotation: sentence.pooled,
                                          quotation: sentence.tokens.contains("“"), claim: sentence.claim))
            }
        }
        let day = n / 40  // about forty articles a day
        let published = undated ? nil : PublicationDate(daysSince1970: 20_454 + day)
        let document = Document(id: DocumentID(String(format: "planted-%06d", n)), source: "generated:\(n)", format: .text,
                                title: "Article \(n)", published: published, outlet: outlets[n % outlets.count], text: text,
                                contentHash: String(n))
        return Article(document: document, sentences: sentences)
    }

    /// A copy of a sentence with at most two light edits.
    static func edited(_ sentence: Words, _ rng: inout SplitMix) -> Words {
        var out = sentence
        for _ in 0..<Int(rng.next() % 3) {
            switch rng.next() % 5 {
            case 0:  // punctuation
                if let comma = out.tokens.firstIndex(of: ",") { out.tokens.remove(at: comma) } else if out.tokens.last == "." { out.tokens[out.tokens.count - 1] = ";" }
            case 1:  // a word for another of the same meaning
                for (k, token) in out.tokens.enumerated() {
                    if let other = synonyms.first(where: { $0.0 == token }) { out.tokens[k] = other.1; break }
                }
            case 2:  // a name for one of its aliases
                for group in aliasGroups {
                    for (k, token) in out.tokens.enumerated() where group.contains(token) {
                        out.tokens[k] = group[(group.firstIndex(of: token)! + 1) % group.count]
                    }
                }
            case 3:  // an adjective dropped
                if let k = out.tokens.indices.dropFirst().first(where: { out.tokens[$0].hasSuffix("ic") }) { out.tokens.remove(at: k) }
            default:  // the first word's case
                if let first = out.tokens.first, first != "“" { out.tokens[0] = first.prefix(1).lowercased() + first.dropFirst() }
            }
        }
        return out
    }

    // MARK: Claims

    static func startChain(id: Int, outlet: String, at n: Int, _ rng: inout SplitMix) -> ClaimChain {
        let facts = ClaimFacts(actor: [name(&rng), ["Brigade", "Council", "Company", "Front"][Int(rng.next() % 4)]],
                               count: 20 + Int(rng.next() % 900), noun: word(&rng) + "s", place: places[Int(rng.next() % UInt64(places.count))][0],
                               day: 1 + Int(rng.next() % 28), month: ["January", "March", "May", "July", "September", "November"][Int(rng.next() % 6)],
                               template: Int(rng.next() % 3), verb: word(&rng) + "ed", adjective: word(&rng) + "ic",
                               near: [["near"], ["outside"], ["around"], ["beyond"], ["inside"]][Int(rng.next() % 5)],
                               when: [["on"], ["by"], ["from"], ["until"], ["before"], ["after"]][Int(rng.next() % 6)],
                               passive: [["were"], ["had", "been"], ["have", "been"]][Int(rng.next() % 3)])
        let status: ClaimStatus = [.singleSource, .singleSource, .corroborated, .circular, .unattributed][Int(rng.next() % 5)]
        let echoes: Int
        switch status {
        case .singleSource: echoes = 2 + Int(rng.next() % 5)
        case .circular: echoes = 2
        default: echoes = 1 + Int(rng.next() % 2)
        }
        return ClaimChain(id: id, status: status, facts: facts, originOutlet: outlet, lastOutlet: outlet, told: 0, remaining: echoes, startedAt: n)
    }

    /// What the chain told so far amounts to.
    static func status(of chain: ClaimChain) -> ClaimStatus {
        switch chain.status {
        case .circular: return chain.told >= 3 ? .circular : .singleSource
        case .corroborated: return chain.told >= 2 ? .corroborated : .singleSource
        default: return chain.status
        }
    }

    /// The first telling: a named person, an anonymous source, or nobody with a hedge.
    static func origin(_ chain: inout ClaimChain, _ rng: inout SplitMix) -> [String] {
        chain.told = 1
        switch chain.status {
        case .circular:
            // Short: with the end of the paragraph before, a stock phrase makes a run of words
            // two articles share that nobody copied.
            let anonymous = [["An", "anonymous", "source", "said"], ["Unnamed", "sources", "said"], ["Officials", "speaking", "privately", "said"],
                             ["An", "unnamed", "official", "said"], ["Sources", "said"]][Int(rng.next() % 5)]
            return anonymous + lowered(claim(chain.facts, phrasing: 0, hedged: false)) + ["."]
        case .unattributed: return claim(chain.facts, phrasing: 0, hedged: true) + ["."]
        default: return claim(chain.facts, phrasing: 0, hedged: false) + [","] + person(&rng) + ["said", "."]
        }
    }

    /// A later telling in other words, crediting as the chain's kind has it; nil when this article's
    /// outlet cannot tell it (the circle closes only at the outlet it started from).
    static func echo(_ chain: inout ClaimChain, outlet: String, _ rng: inout SplitMix) -> [String]? {
        let phrasing = chain.told % 3 == 0 ? 1 : chain.told % 3
        let tokens: [String]
        switch chain.status {
        case .singleSource:
            guard outlet != chain.lastOutlet else { return nil }
            let credited = chain.lastOutlet.split(separator: " ").map(String.init)
            switch rng.next() % 3 {
            case 0: tokens = ["According", "to", "the"] + credited + [","] + lowered(claim(chain.facts, phrasing: phrasing, hedged: false)) + ["."]
            case 1: tokens = credited + ["reported", "that"] + lowered(claim(chain.facts, phrasing: phrasing, hedged: false)) + ["."]
            default: tokens = ["As", "the"] + credited + ["reported", ","] + lowered(claim(chain.facts, phrasing: phrasing, hedged: false)) + ["."]
            }
        case .corroborated:
            guard outlet != chain.originOutlet else { return nil }
            tokens = claim(chain.facts, phrasing: phrasing, hedged: false) + [","] + person(&rng) + ["told", "reporters", "."]
        case .circular:
            if chain.told == 1 {
                guard outlet != chain.originOutlet else { return nil }
                tokens = ["According", "to", "the"] + chain.originOutlet.split(separator: " ").map(String.init) + [","]
                    + lowered(claim(chain.facts, phrasing: phrasing, hedged: false)) + ["."]
            } else {
                guard outlet == chain.originOutlet else { return nil }
                tokens = ["The"] + chain.lastOutlet.split(separator: " ").map(String.init) + ["has", "confirmed", "that"]
                    + lowered(claim(chain.facts, phrasing: phrasing, hedged: false)) + ["."]
            }
        case .unattributed:
            tokens = claim(chain.facts, phrasing: phrasing, hedged: true) + ["."]
        }
        chain.lastOutlet = outlet
        chain.told += 1
        chain.remaining -= 1
        return tokens
    }

    /// The claim's words in one of three phrasings sharing only names, number, place and date.
    ///
    /// Words that other claims may share by chance (the place, the date, a credit) come in runs
    /// well under a passage's length, between the claim's own invented words; credits go before
    /// the claim, away from the place and date at its end. Otherwise two claims told in the same
    /// frame would share a passage nobody copied.
    static func claim(_ f: ClaimFacts, phrasing: Int, hedged: Bool) -> [String] {
        let hedge = hedged ? ["reportedly"] : []
        let date = f.when + [String(f.day), f.month]
        let place = f.near + [f.place]
        switch (phrasing + f.template) % 3 {
        case 0: return f.actor + hedge + [f.verb, String(f.count), f.adjective, f.noun] + place + date
        case 1: return capitalized(date) + [","] + f.actor + hedge + [f.verb, String(f.count), f.noun] + place
        default: return [String(f.count), f.adjective, f.noun] + f.passive + hedge + [f.verb, "by"] + f.actor + place + date
        }
    }

    /// A claim after a credit: a date that opened the sentence no longer does.
    static func lowered(_ tokens: [String]) -> [String] {
        guard let first = tokens.first, ["On", "By", "From", "Until", "Before", "After"].contains(first) else { return tokens }
        return [first.lowercased()] + tokens.dropFirst()
    }

    // MARK: Sentences

    static let outlets = ["Harbor Ledger", "Valley Courier", "Northern Wire", "Riverside Post", "Coastal Tribune", "Metro Observer", "Plains Herald", "Delta Times"]
    /// Names written in more than one way, every spelling known to the alias table or the gazetteer.
    static let aliasGroups: [[String]] = [["ISIS", "Daesh", "ISIL"], ["Hezbollah", "Hizbollah"], ["NATO", "North Atlantic Treaty Organization"]]
    static let places: [[String]] = [["Deir ez-Zor"], ["Raqqa"], ["Ruse"], ["Aleppo"], ["Mosul"], ["Vidin"], ["Kirkuk"]]
    static let synonyms: [(String, String)] = [("said", "stated"), ("about", "some"), ("near", "close to"), ("began", "started"),
                                                ("large", "big"), ("officials", "authorities"), ("more", "over"), ("after", "following")]
    static let syllables = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "sa", "to", "vu", "wa", "ze",
                            "bel", "cor", "dan", "fen", "gil", "hor", "jas", "kel", "lum", "mor", "nis", "pol", "ros", "sul", "tam",
                            "ver", "wen", "zor", "tri", "ska", "plo", "gre"]

    static func word(_ rng: inout SplitMix) -> String {
        (0..<(2 + Int(rng.next() % 2))).map { _ in syllables[Int(rng.next() % UInt64(syllables.count))] }.joined()
    }
    static func name(_ rng: inout SplitMix) -> String { let w = word(&rng); return w.prefix(1).uppercased() + w.dropFirst() }
    static func person(_ rng: inout SplitMix) -> [String] { [name(&rng), name(&rng)] }
    static func capitalized(_ tokens: [String]) -> [String] {
        guard let first = tokens.first else { return tokens }
        return [first.prefix(1).uppercased() + first.dropFirst()] + tokens.dropFirst()
    }

    /// Invented words with a few real ones between them, at least `minWords` long.
    static func clause(_ rng: inout SplitMix, minWords: Int) -> [String] {
        var out: [String] = []
        while out.count < minWords {
            out += [word(&rng) + "s", ["had", "were", "would be", "are"][Int(rng.next() % 4)], word(&rng) + "ed", "by", "the", word(&rng) + "ic", word(&rng)]
                .flatMap { $0.split(separator: " ").map(String.init) }
        }
        return out
    }

    /// A sentence from a small random grammar: noun phrases, verbs and prepositional phrases over
    /// invented words, with names, numbers and days between them. Fixed frames repeated from
    /// article to article would be shared runs of words that nobody copied.
    static func sentence(_ rng: inout SplitMix) -> [String] {
        func pick(_ list: [String]) -> String { list[Int(rng.next() % UInt64(list.count))] }
        func chance(_ n: UInt64) -> Bool { rng.next() % n == 0 }
        func nounPhrase() -> [String] {
            switch rng.next() % 8 {
            case 0: return [places[Int(rng.next() % UInt64(places.count))][0]]
            case 1: return [aliasGroups[Int(rng.next() % UInt64(aliasGroups.count))][0]]
            case 2: return person(&rng)
            case 3:
                let figure = chance(3) ? pick(["dozens of", "hundreds of", "two", "three", "a dozen"]) : String(2 + rng.next() % 4000)
                return (pick(["more than", "about", "at least", "nearly", "some", "", "", ""]) + " " + figure).split(separator: " ").map(String.init) + [word(&rng) + "s"]
            default:
                var out = [pick(["the", "a", "this", "every", "some", "their", "its", "one", "another", "each"])]
                if chance(2) { out.append(chance(3) ? "large" : word(&rng) + "ic") }
                out.append(word(&rng))
                return out
            }
        }
        var tokens = nounPhrase()
        if chance(4) { tokens += [pick(["had", "has", "would", "could", "may"])] }
        tokens.append(chance(10) ? "began" : word(&rng) + pick(["ed", "s", "ing"]))
        tokens += nounPhrase()
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            tokens.append(pick(["near", "in", "after", "about", "with", "from", "before", "during", "against", "for", "of", "under"]))
            tokens += nounPhrase()
            if chance(4) && tokens.last != "," { tokens.append(",") }
        }
        switch rng.next() % 6 {
        case 0: tokens += ["on", pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])]
        case 1: tokens += tokens.last == "," ? [] : [","]
            tokens += [pick(["officials", "residents", "witnesses", "inspectors", "farmers"]), pick(["said", "reported", "claimed", "wrote"])]
        case 2:
            if tokens.last == "," { tokens.removeLast() }
            tokens = ["“"] + capitalized(tokens) + [",”"] + person(&rng) + [pick(["said", "told the \(pick(outlets))"])]
        default: break
        }
        if tokens.last == "," { tokens.removeLast() }
        return capitalized(tokens.flatMap { $0.split(separator: " ").map(String.init) }) + ["."]
    }
}
