import ClaimTraceCore
import ClaimTraceLink
import Foundation

/// Measures the extract stage against gold annotations: precision, recall and F1 per kind.
///
/// Gold files (`Tests/Gold/*.json`) anchor each annotation to a paragraph of the cleaned text by
/// the paragraph's SHA-256 (first 16 hex digits) and code point offsets within it, so they hold no
/// article text and survive changes to cleaning elsewhere in the document. See docs/EVALUATION.md.
public struct Evaluation {
    public struct GoldFile: Decodable {
        public var version: Int
        public var documents: [GoldDocument]
    }

    public struct GoldDocument: Decodable {
        public var source: String
        public var quotes: [GoldQuote]
        public var attributions: [GoldAttribution]
        public var hedged: [GoldHedged]?
        /// Absent in gold files written before these kinds existed; such documents are not scored for them.
        public var dates: [GoldDate]?
        public var quantities: [GoldQuantity]?
        public var entities: [GoldEntity]?
    }

    public struct GoldQuote: Decodable {
        public var paragraph: String
        public var start: Int
        public var end: Int
        public var kind: String
        public var block: Bool?
        public var speaker: String?
    }

    public struct GoldAttribution: Decodable {
        public var paragraph: String
        public var start: Int
        public var end: Int
        public var source: String?
        public var cue: String?
        public var hedges: [String]?
    }

    public struct GoldHedged: Decodable {
        public var paragraph: String
        public var start: Int
        public var end: Int
        public var hedges: [String]
    }

    /// A date expression and its normalized value (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or null when unresolvable).
    public struct GoldDate: Decodable {
        public var paragraph: String
        public var start: Int
        public var end: Int
        public var value: String?
    }

    /// A number with what it counts. Only the span and `value` are scored.
    public struct GoldQuantity: Decodable {
        public var paragraph: String
        public var start: Int
        public var end: Int
        public var value: Double
        public var upper: Double?
        public var unit: String?
        public var comparator: String?
    }

    /// An entity a document names: its canonical name (the same across the documents of a gold
    /// file for the same real-world entity), type, and the surface forms the document uses.
    public struct GoldEntity: Decodable {
        public var name: String
        public var type: String
        public var aliases: [String]
    }

    /// Counts for one kind of annotation.
    public struct Score: Sendable {
        public var name: String
        public var gold = 0
        public var predicted = 0
        public var truePositives = 0
        public var precision: Double { predicted == 0 ? (gold == 0 ? 1 : 0) : Double(truePositives) / Double(predicted) }
        public var recall: Double { gold == 0 ? 1 : Double(truePositives) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        mutating func add(_ other: Score) { gold += other.gold; predicted += other.predicted; truePositives += other.truePositives }
    }

    /// One miss or false finding, for the report.
    public struct Miss: Sendable {
        public var kind: String
        public var source: String
        public var detail: String
    }

    public struct Report: Sendable {
        public var corpus: String
        public var scores: [Score]
        public var misses: [Miss]

        public func score(_ name: String) -> Score? { scores.first { $0.name == name } }

        public var table: String {
            var lines = ["\(corpus)", "| kind | gold | found | correct | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
            for s in scores {
                lines.append(String(format: "| %@ | %d | %d | %d | %.3f | %.3f | %.3f |", s.name, s.gold, s.predicted, s.truePositives, s.precision, s.recall, s.f1))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Scores `documents` (already cleaned and annotated) against `gold`.
    public static func evaluate(corpus: String, gold: GoldFile, documents: [AnnotatedDocument]) -> Report {
        var quoteSpans = Score(name: "quote spans")
        var speakers = Score(name: "quote speakers")
        var scare = Score(name: "scare and title quotes")
        var blocks = Score(name: "block quotes")
        var attributions = Score(name: "attributions (sentence + source)")
        var hedges = Score(name: "hedges")
        var dates = Score(name: "dates (span + value)")
        var quantities = Score(name: "quantities (span + value)")
        var entityNames = Score(name: "entities (name + type)")
        var aliasPairs = Score(name: "alias resolution")
        var misses: [Miss] = []

        // Speakers and sources are compared as the export gives them: by the corpus entity they
        // link to ("the Waterways Board" in one article is the authority named in another), or
        // as written when they link to none.
        var index = EntityIndex()
        documents.forEach { index.add($0) }
        let entities = index.entities()
        let lookup = EntityLookup(entities)
        let names = Dictionary(entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func canonical(_ name: String?) -> String? { lookup.id(for: name).flatMap { names[$0] } ?? name }
        // The corpus entities each document names, as the export lists them.
        var entitiesByDocument: [DocumentID: [Int]] = [:]
        for (index, entity) in entities.enumerated() {
            for document in entity.documents { entitiesByDocument[document, default: []].append(index) }
        }

        for goldDocument in gold.documents {
            guard let annotated = documents.first(where: { $0.document.source == goldDocument.source || $0.document.source.hasSuffix("/" + goldDocument.source) }) else {
                misses.append(Miss(kind: "document", source: goldDocument.source, detail: "not read"))
                quoteSpans.gold += goldDocument.quotes.count
                dates.gold += goldDocument.dates?.count ?? 0
                quantities.gold += goldDocument.quantities?.count ?? 0
                entityNames.gold += goldDocument.entities?.count ?? 0
                continue
            }
            let text = [Unicode.Scalar](scalarsOf: annotated.document.text)
            let paragraphs = Self.paragraphs(text)
            func locate(_ hash: String, _ start: Int, _ end: Int) -> TextSpan? {
                paragraphs[hash].map { TextSpan(start: $0 + start, end: $0 + end) }
            }
            func words(_ span: TextSpan) -> String {
                let s = String(String.UnicodeScalarView(text[max(0, span.start)..<min(text.count, span.end)]))
                return s.count > 60 ? String(s.prefix(60)) + "…" : s
            }
            let source = goldDocument.source
            let predictedQuotes = annotated.annotations.quotes

            // Quotes: spans, then speakers and kinds of the matched ones.
            var usedQuote = Set<Int>()
            quoteSpans.predicted += predictedQuotes.count
            speakers.predicted += predictedQuotes.filter { $0.kind == .speaker }.count
            scare.predicted += predictedQuotes.filter { $0.kind != .speaker }.count
            blocks.predicted += predictedQuotes.filter(\.block).count
            for g in goldDocument.quotes {
                quoteSpans.gold += 1
                if g.kind == "speaker" { speakers.gold += 1 } else { scare.gold += 1 }
                if g.block == true { blocks.gold += 1 }
                guard let span = locate(g.paragraph, g.start, g.end) else {
                    misses.append(Miss(kind: "gold", source: source, detail: "paragraph \(g.paragraph) not found in the cleaned text"))
                    continue
                }
                guard let index = predictedQuotes.indices.first(where: { !usedQuote.contains($0) && Self.matches(predictedQuotes[$0].span, span) }) else {
                    misses.append(Miss(kind: "quote missed", source: source, detail: "[\(g.kind)] \(g.speaker ?? "-"): \(words(span))"))
                    continue
                }
                usedQuote.insert(index)
                quoteSpans.truePositives += 1
                let p = predictedQuotes[index]
                if g.block == true && p.block { blocks.truePositives += 1 }
                if g.kind == "speaker" {
                    if p.kind == .speaker && (Self.sameName(p.speaker, g.speaker) || Self.sameName(canonical(p.speaker), g.speaker)) {
                        speakers.truePositives += 1
                    } else {
                        misses.append(Miss(kind: "wrong speaker", source: source, detail: "gold \(g.speaker ?? "unnamed"), found \(p.kind == .speaker ? (p.speaker ?? "unnamed") : p.kind.rawValue): \(words(span))"))
                    }
                } else if p.kind != .speaker {
                    scare.truePositives += 1
                } else {
                    misses.append(Miss(kind: "given a speaker", source: source, detail: "gold \(g.kind), found speaker \(p.speaker ?? "unnamed"): \(words(span))"))
                }
            }
            for index in predictedQuotes.indices where !usedQuote.contains(index) {
                misses.append(Miss(kind: "quote not in gold", source: source, detail: "[\(predictedQuotes[index].kind.rawValue)] \(words(predictedQuotes[index].span))"))
            }

            // Attributions: the sentence and its source.
            let predicted = annotated.annotations.attributions
            attributions.predicted += predicted.count
            var usedAttribution = Set<Int>()
            for g in goldDocument.attributions {
                attributions.gold += 1
                guard let span = locate(g.paragraph, g.start, g.end) else { continue }
                if let index = predicted.indices.first(where: { !usedAttribution.contains($0) && Self.matches(predicted[$0].span, span) }) {
                    usedAttribution.insert(index)
                    if Self.sameName(predicted[index].source, g.source) || Self.sameName(canonical(predicted[index].source), g.source) {
                        attributions.truePositives += 1
                    } else {
                        misses.append(Miss(kind: "wrong source", source: source, detail: "gold \(g.source ?? "unnamed"), found \(predicted[index].source ?? predicted[index].sourceDescription ?? "unnamed") (\(predicted[index].cue)): \(words(span))"))
                    }
                } else {
                    misses.append(Miss(kind: "attribution missed", source: source, detail: "\(g.source ?? "unnamed") (\(g.cue ?? "")): \(words(span))"))
                }
            }
            for index in predicted.indices where !usedAttribution.contains(index) {
                misses.append(Miss(kind: "attribution not in gold", source: source, detail: "\(predicted[index].source ?? predicted[index].sourceDescription ?? "unnamed") (\(predicted[index].cue)): \(words(predicted[index].span))"))
            }

            // Hedges: the words, sentence by sentence.
            var goldHedges: [(TextSpan, String)] = []
            for g in goldDocument.attributions { if let span = locate(g.paragraph, g.start, g.end) { goldHedges += (g.hedges ?? []).map { (span, $0.lowercased()) } } }
            for g in goldDocument.hedged ?? [] { if let span = locate(g.paragraph, g.start, g.end) { goldHedges += g.hedges.map { (span, $0.lowercased()) } } }
            var foundHedges = annotated.annotations.hedges.map { ($0.span, String(String.UnicodeScalarView(text[$0.span.start..<$0.span.end])).lowercased()) }
            hedges.gold += goldHedges.count
            hedges.predicted += foundHedges.count
            for (sentence, word) in goldHedges {
                if let index = foundHedges.firstIndex(where: { sentence.contains($0.0) && $0.1 == word }) {
                    hedges.truePositives += 1
                    foundHedges.remove(at: index)
                } else {
                    misses.append(Miss(kind: "hedge missed", source: source, detail: "\(word): \(words(sentence))"))
                }
            }

            /// Each gold span against the unused finding that overlaps it, preferring one with the same value.
            func scoreValues<Value>(gold: [(String, Int, Int, Value)], found: [(span: TextSpan, value: Value)],
                                    same: (Value, Value) -> Bool, describe: (Value) -> String, noun: String, score: inout Score) {
                score.predicted += found.count
                var used = Set<Int>()
                for (paragraph, start, end, value) in gold {
                    score.gold += 1
                    guard let span = locate(paragraph, start, end) else {
                        misses.append(Miss(kind: "gold", source: source, detail: "paragraph \(paragraph) not found in the cleaned text"))
                        continue
                    }
                    let candidates = found.indices.filter { !used.contains($0) && Self.matches(found[$0].span, span) }
                    guard let index = candidates.first(where: { same(found[$0].value, value) }) ?? candidates.first else {
                        misses.append(Miss(kind: "\(noun) missed", source: source, detail: "\(describe(value)): \(words(span))"))
                        continue
                    }
                    used.insert(index)
                    if same(found[index].value, value) {
                        score.truePositives += 1
                    } else {
                        misses.append(Miss(kind: "wrong \(noun) value", source: source,
                                           detail: "gold \(describe(value)), found \(describe(found[index].value)): \(words(span))"))
                    }
                }
                for index in found.indices where !used.contains(index) {
                    misses.append(Miss(kind: "\(noun) not in gold", source: source, detail: "\(describe(found[index].value)): \(words(found[index].span))"))
                }
            }

            // Dates and quantities: the span, then the normalized value.
            if let goldDates = goldDocument.dates {
                let found = annotated.annotations.dates
                scoreValues(gold: goldDates.map { ($0.paragraph, $0.start, $0.end, $0.value) }, found: found.map { ($0.span, $0.value) },
                            same: ==, describe: { $0 ?? "null" }, noun: "date", score: &dates)
            }
            if let goldQuantities = goldDocument.quantities {
                let found = annotated.annotations.quantities
                scoreValues(gold: goldQuantities.map { ($0.paragraph, $0.start, $0.end, $0.value) }, found: found.map { ($0.span, $0.value) },
                            same: Self.sameNumber, describe: Self.number, noun: "quantity", score: &quantities)
            }

            // Entities: each gold entity against the corpus entities this document names, by any of
            // their names and by type. Entities the extractor types `other` claim none of the gold
            // types, so they are not counted as findings.
            if let goldEntities = goldDocument.entities {
                let found = (entitiesByDocument[annotated.document.id] ?? []).filter { entities[$0].type != .other }
                entityNames.predicted += found.count
                var used = Set<Int>()
                for g in goldEntities {
                    entityNames.gold += 1
                    let goldNames = [g.name] + g.aliases
                    let goldKeys = Set(goldNames.map(Self.nameKey))
                    // Same written form first, then the looser sameName rule (a surname alone).
                    let exact = found.filter { !used.contains($0) && !goldKeys.isDisjoint(with: ([entities[$0].name] + entities[$0].aliases).map(Self.nameKey)) }
                    let loose = found.filter { index in
                        !used.contains(index) && ([entities[index].name] + entities[index].aliases).contains { name in goldNames.contains { Self.sameName(name, $0) } }
                    }
                    let named = exact + loose
                    if let index = named.first(where: { entities[$0].type.rawValue == g.type }) {
                        used.insert(index)
                        entityNames.truePositives += 1
                    } else if let index = named.first {
                        used.insert(index)
                        misses.append(Miss(kind: "wrong entity type", source: source, detail: "gold \(g.type), found \(entities[index].type.rawValue): \(g.name) (as \(entities[index].name))"))
                    } else {
                        misses.append(Miss(kind: "entity missed", source: source, detail: "[\(g.type)] \(g.name) (\(g.aliases.joined(separator: ", ")))"))
                    }
                }
                for index in found where !used.contains(index) {
                    let entity = entities[index]
                    let here = entity.mentions.filter { $0.document == annotated.document.id }.map(\.mention.text)
                    misses.append(Miss(kind: "entity not in gold", source: source, detail: "[\(entity.type.rawValue)] \(entity.name) (\(Array(Set(here)).sorted().joined(separator: ", ")))"))
                }
            }
        }

        // Alias resolution, over the whole corpus: every pair of surface forms the gold gives one
        // entity (the same canonical name in any of its documents) should sit in one corpus entity;
        // the pairs the extractor puts together are counted where both forms are gold forms.
        var scores = [quoteSpans, speakers, scare, blocks, attributions, hedges]
        if gold.documents.contains(where: { $0.dates != nil }) { scores.append(dates) }
        if gold.documents.contains(where: { $0.quantities != nil }) { scores.append(quantities) }
        if gold.documents.contains(where: { $0.entities != nil }) {
            var formsByEntity: [String: Set<String>] = [:]
            var written: [String: String] = [:]
            for document in gold.documents {
                for g in document.entities ?? [] {
                    for alias in g.aliases {
                        let key = Self.nameKey(alias)
                        guard !key.isEmpty else { continue }
                        formsByEntity[Self.nameKey(g.name), default: []].insert(key)
                        if written[key] == nil { written[key] = alias }
                    }
                }
            }
            let goldForms = Set(formsByEntity.values.flatMap { $0 })
            var goldPairs: [Pair: String] = [:]
            for (name, forms) in formsByEntity {
                for pair in Self.pairs(forms) where goldPairs[pair] == nil { goldPairs[pair] = name }
            }
            var foundPairs: [Pair: String] = [:]
            for entity in entities {
                let forms = Set(([entity.name] + entity.aliases).map(Self.nameKey)).intersection(goldForms)
                for pair in Self.pairs(forms) where foundPairs[pair] == nil { foundPairs[pair] = entity.name }
            }
            aliasPairs.gold = goldPairs.count
            aliasPairs.predicted = foundPairs.count
            aliasPairs.truePositives = goldPairs.keys.filter { foundPairs[$0] != nil }.count
            func show(_ pair: Pair) -> String { "\(written[pair.a] ?? pair.a) ~ \(written[pair.b] ?? pair.b)" }
            for (pair, name) in goldPairs.sorted(by: { ($0.value, $0.key.a, $0.key.b) < ($1.value, $1.key.a, $1.key.b) }) where foundPairs[pair] == nil {
                misses.append(Miss(kind: "alias pair missed", source: corpus, detail: "\(show(pair)) (gold \(name))"))
            }
            for (pair, name) in foundPairs.sorted(by: { ($0.value, $0.key.a, $0.key.b) < ($1.value, $1.key.a, $1.key.b) }) where goldPairs[pair] == nil {
                misses.append(Miss(kind: "alias pair not in gold", source: corpus, detail: "\(show(pair)) (found in \(name))"))
            }
            scores += [entityNames, aliasPairs]
        }
        return Report(corpus: corpus, scores: scores, misses: misses)
    }

    /// Two normalized surface forms, in order.
    struct Pair: Hashable {
        var a: String
        var b: String
    }

    static func pairs(_ forms: Set<String>) -> [Pair] {
        let sorted = forms.sorted()
        var out: [Pair] = []
        for i in sorted.indices { for j in sorted.indices where j > i { out.append(Pair(a: sorted[i], b: sorted[j])) } }
        return out
    }

    static func sameNumber(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A name as `sameName` compares it: lowercased, without a leading "the", dots, a possessive
    /// or a generational suffix.
    static func nameKey(_ name: String) -> String { normalizedWords(name).joined(separator: " ") }

    /// Paragraph hash (first 16 hex digits of SHA-256) → offset of the paragraph in the text.
    static func paragraphs(_ text: [Unicode.Scalar]) -> [String: Int] {
        var out: [String: Int] = [:]
        var start = 0
        var i = 0
        func add(_ end: Int) {
            guard end > start else { return }
            let paragraph = String(String.UnicodeScalarView(text[start..<end]))
            out[String(ContentHash.sha256Hex(paragraph).prefix(16))] = start
        }
        while i < text.count {
            if text[i] == "\n", i + 1 < text.count, text[i + 1] == "\n" {
                add(i)
                i += 2
                start = i
                continue
            }
            i += 1
        }
        add(text.count)
        return out
    }

    /// Spans match when their overlap covers at least half of the longer one.
    static func matches(_ a: TextSpan, _ b: TextSpan) -> Bool {
        let overlap = min(a.end, b.end) - max(a.start, b.start)
        return overlap > 0 && overlap * 2 >= max(a.length, b.length)
    }

    /// Names match case-insensitively, ignoring a leading "the", dots and possessives;
    /// a surname alone matches the full name. Two unnamed speakers match.
    static func sameName(_ a: String?, _ b: String?) -> Bool {
        let norm = normalizedWords
        switch (a, b) {
        case (nil, nil): return true
        case (nil, _), (_, nil): return false
        case let (x?, y?):
            let p = norm(x), q = norm(y)
            if p == q { return true }
            if p.count == 1 || q.count == 1 { return p.last == q.last }
            // "Dunlap" within "Charles J Dunlap": the shorter name ends the longer one.
            let (short, long) = p.count < q.count ? (p, q) : (q, p)
            if long.suffix(short.count).elementsEqual(short) { return true }
            // "John M Ford" and "John Milo Ford": the same first and last names, the middle one
            // written out or as an initial.
            guard p.count >= 3 || q.count >= 3, p.first == q.first, p.last == q.last else { return false }
            let middles = (Array(p.dropFirst().dropLast()), Array(q.dropFirst().dropLast()))
            return middles.0.count == middles.1.count && zip(middles.0, middles.1).allSatisfy { $0.first == $1.first }
        }
    }

    static func normalizedWords(_ s: String) -> [String] {
        var t = s.lowercased().replacingOccurrences(of: ".", with: "").replacingOccurrences(of: "’", with: "'")
        if t.hasPrefix("the ") { t = String(t.dropFirst(4)) }
        if t.hasSuffix("'s") { t = String(t.dropLast(2)) }
        // Generational suffixes are not part of the surname: "Charles J Dunlap Jr" is Dunlap.
        return t.split(separator: " ").map(String.init).filter { !["jr", "sr", "ii", "iii"].contains($0) }
    }
}
