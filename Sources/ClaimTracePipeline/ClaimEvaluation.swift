import ClaimTraceCore
import ClaimTraceLink
import Foundation

/// Scores claim grouping, status and root sources against gold clusters.
///
/// A gold file (`Tests/Gold/*-claims.json`, see docs/EVALUATION.md) lists claims, each with the
/// places it is told. Each place is found in the cleaned text (by words it contains, or, for text
/// the repository must not hold, by a paragraph hash and offsets as in the extraction gold) and
/// matched to the claim mention overlapping it most. Grouping is scored over pairs of gold places:
/// a pair the system puts in one claim is found, a pair of the same gold claim is gold. So a
/// system claim joining two gold claims costs precision, and one gold claim split in two costs
/// recall; places the gold set does not list are not scored.
public enum ClaimEvaluation {
    public struct GoldFile: Decodable {
        public var version: Int
        public var claims: [GoldClaim]
    }

    public struct GoldClaim: Decodable {
        public var name: String
        /// The expected status, when the gold set states one.
        public var status: String?
        /// The expected root sources' names, when the gold set states them.
        public var sources: [String]?
        public var mentions: [GoldMention]
    }

    /// One place a claim is told: by words it contains, or by paragraph hash and offsets.
    public struct GoldMention: Decodable {
        public var source: String
        public var contains: String?
        public var paragraph: String?
        public var start: Int?
        public var end: Int?
    }

    public struct Report: Sendable {
        public var corpus: String
        public var goldPairs = 0
        public var foundPairs = 0
        public var correctPairs = 0
        public var places = 0
        public var placesMatched = 0
        public var statusGold = 0
        public var statusRight = 0
        public var sourcesGold = 0
        public var sourcesRight = 0
        public var misses: [String] = []

        public var precision: Double { foundPairs == 0 ? 1 : Double(correctPairs) / Double(foundPairs) }
        public var recall: Double { goldPairs == 0 ? 1 : Double(correctPairs) / Double(goldPairs) }

        public var table: String {
            [
                corpus,
                "| measure | gold | found | correct | precision | recall |",
                "|---|---:|---:|---:|---:|---:|",
                String(format: "| claim pairs | %d | %d | %d | %.3f | %.3f |", goldPairs, foundPairs, correctPairs, precision, recall),
                String(format: "| places matched to a mention | %d | %d | | | |", places, placesMatched),
                String(format: "| status | %d | | %d | | |", statusGold, statusRight),
                String(format: "| root sources | %d | | %d | | |", sourcesGold, sourcesRight),
            ].joined(separator: "\n")
        }
    }

    /// Scores the claims found among `documents` (cleaned and annotated, in the order given).
    public static func evaluate(corpus: String, gold: GoldFile, documents: [AnnotatedDocument]) -> Report {
        var reuse = ReuseFinder(options: { var o = ReuseFinder.Options(); o.keepsText = false; return o }())
        var finder = ClaimFinder()
        var index = EntityIndex()
        for annotated in documents {
            reuse.add(annotated)
            finder.add(annotated)
            index.add(annotated)
        }
        let claims = finder.claims(reuse: reuse.passages, entities: EntityLookup(index.entities()))
        var claimOf: [DocumentID: [(span: TextSpan, claim: Int)]] = [:]
        for (n, claim) in claims.enumerated() {
            for m in claim.mentions { claimOf[m.document, default: []].append((m.span, n)) }
        }

        var report = Report(corpus: corpus)
        // Each gold place: its gold claim and the system claim it landed in.
        var placed: [(gold: Int, found: Int?)] = []
        for (g, goldClaim) in gold.claims.enumerated() {
            for place in goldClaim.mentions {
                report.places += 1
                guard let (document, span) = locate(place, in: documents) else {
                    report.misses.append("\(goldClaim.name): \(place.source): place not found in the cleaned text")
                    placed.append((g, nil))
                    continue
                }
                let best = (claimOf[document] ?? []).max { overlap($0.span, span) < overlap($1.span, span) }
                guard let best, overlap(best.span, span) * 2 >= span.length else {
                    report.misses.append("\(goldClaim.name): \(place.source): no mention covers \(span.start)–\(span.end)")
                    placed.append((g, nil))
                    continue
                }
                report.placesMatched += 1
                placed.append((g, best.claim))
            }
        }
        for i in placed.indices {
            for j in placed.indices where j > i {
                let sameGold = placed[i].gold == placed[j].gold
                let sameFound = placed[i].found != nil && placed[i].found == placed[j].found
                if sameGold { report.goldPairs += 1 }
                if sameFound { report.foundPairs += 1 }
                if sameGold && sameFound { report.correctPairs += 1 }
                if sameGold && !sameFound {
                    report.misses.append("\(gold.claims[placed[i].gold].name): places \(i) and \(j) are in different claims")
                } else if sameFound && !sameGold {
                    report.misses.append("\(gold.claims[placed[i].gold].name) and \(gold.claims[placed[j].gold].name) are one claim")
                }
            }
        }
        // Status and sources of the claim holding most of each gold claim's places.
        for (g, goldClaim) in gold.claims.enumerated() {
            var votes: [Int: Int] = [:]
            for p in placed where p.gold == g { if let f = p.found { votes[f, default: 0] += 1 } }
            let found = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { claims[$0.key] }
            if let status = goldClaim.status {
                report.statusGold += 1
                if found?.status.rawValue == status { report.statusRight += 1 } else {
                    report.misses.append("\(goldClaim.name): status \(found?.status.rawValue ?? "none"), gold \(status)")
                }
            }
            if let sources = goldClaim.sources {
                report.sourcesGold += 1
                let want = Set(sources.map(NameKey.strict)), got = Set((found?.roots ?? []).map { NameKey.strict($0.name) })
                if want == got { report.sourcesRight += 1 } else {
                    report.misses.append("\(goldClaim.name): sources \((found?.roots ?? []).map(\.name)), gold \(sources)")
                }
            }
        }
        return report
    }

    static func locate(_ place: GoldMention, in documents: [AnnotatedDocument]) -> (DocumentID, TextSpan)? {
        guard let annotated = documents.first(where: { $0.document.source == place.source || $0.document.source.hasSuffix("/" + place.source) }) else {
            return nil
        }
        let text = [Unicode.Scalar](scalarsOf: annotated.document.text)
        if let words = place.contains {
            let needle = Array(words.unicodeScalars)
            guard !needle.isEmpty, needle.count <= text.count else { return nil }
            for start in 0...(text.count - needle.count) where text[start] == needle[0] && Array(text[start..<(start + needle.count)]) == needle {
                return (annotated.document.id, TextSpan(start: start, end: start + needle.count))
            }
            return nil
        }
        guard let hash = place.paragraph, let start = place.start, let end = place.end,
              let offset = Evaluation.paragraphs(text)[hash] else { return nil }
        return (annotated.document.id, TextSpan(start: offset + start, end: offset + end))
    }

    static func overlap(_ a: TextSpan, _ b: TextSpan) -> Int { max(0, min(a.end, b.end) - max(a.start, b.start)) }
}
