import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceLink
import Foundation

/// Measures the reuse finder and the claim finder on a `PlantedReuseCorpus`: how much of the
/// planted reuse it finds, how much of what it finds was planted, whether it gives direction and
/// kind right; how well claims are grouped and given their status; and what it costs in time and
/// memory.
///
/// Articles are extracted in parallel (the finder compares named entities by their resolved names)
/// and added to the finder one by one in publication order; only the adding is timed as reuse.
public struct ReuseBenchmark {
    public var documents: Int
    public var seed: UInt64 = 7

    public init(documents: Int) { self.documents = documents }

    public struct Report: Sendable, Codable {
        public var documents: Int
        public var megabytes: Double
        public var extractSeconds: Double
        public var reuseSeconds: Double
        public var passagesFound: Int
        public var passagesCorrect: Int
        public var plantedPairs: Int
        public var plantedFound: Int
        public var directionChecked: Int
        public var directionRight: Int
        public var undirectedChecked: Int
        public var undirectedRight: Int
        public var kindRight: Int
        public var peakResidentMB: Double
        public var claimSeconds = 0.0
        /// Pairs of mentions in different documents that one found claim groups, and of those the
        /// pairs told from one planted claim or copied from one sentence.
        public var claimPairsFound = 0
        public var claimPairsCorrect = 0
        /// Pairs of planted mentions of one claim, and of those the pairs found in one claim.
        public var plantedClaimPairs = 0
        public var plantedClaimPairsFound = 0
        public var claimStatusChecked = 0
        public var claimStatusRight = 0
        public var claimCount = 0

        public var precision: Double { passagesFound == 0 ? 1 : Double(passagesCorrect) / Double(passagesFound) }
        public var recall: Double { plantedPairs == 0 ? 1 : Double(plantedFound) / Double(plantedPairs) }
        public var directionAccuracy: Double { directionChecked == 0 ? 1 : Double(directionRight) / Double(directionChecked) }
        public var kindAccuracy: Double { passagesCorrect == 0 ? 1 : Double(kindRight) / Double(passagesCorrect) }
        public var claimPrecision: Double { claimPairsFound == 0 ? 1 : Double(claimPairsCorrect) / Double(claimPairsFound) }
        public var claimRecall: Double { plantedClaimPairs == 0 ? 1 : Double(plantedClaimPairsFound) / Double(plantedClaimPairs) }
        public var statusAccuracy: Double { claimStatusChecked == 0 ? 1 : Double(claimStatusRight) / Double(claimStatusChecked) }

        public static let claimTableHeader = """
            | documents | claims seconds | claims | claim-pair precision | planted claim-pair recall | status right |
            |---:|---:|---:|---:|---:|---:|
            """

        public var claimTableRow: String {
            String(format: "| %d | %.2f | %d | %.4f (%d) | %.4f (%d) | %.3f (%d) |", documents, claimSeconds, claimCount, claimPrecision, claimPairsFound,
                   claimRecall, plantedClaimPairs, statusAccuracy, claimStatusChecked)
        }

        public static let tableHeader = """
            | documents | MB of text | reuse seconds | documents/s | passages | precision | recall | direction right | no direction without dates | kind right | peak memory MB |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            """

        public var tableRow: String {
            String(format: "| %d | %.1f | %.2f | %.0f | %d | %.4f | %.4f | %.4f (%d) | %d/%d | %.3f | %.0f |", documents, megabytes, reuseSeconds,
                   Double(documents) / max(reuseSeconds, 1e-9), passagesFound, precision, recall, directionAccuracy, directionChecked,
                   undirectedRight, undirectedChecked, kindAccuracy, peakResidentMB)
        }
    }

    /// Where one planted unit (a sentence and its copies, or a pooled quotation) occurs.
    private struct Occurrence {
        var document: Int
        var span: TextSpan
        var words: Int
        var pooled: Bool
        var quotation: Bool
    }

    public func run(progress: ((Int) -> Void)? = nil) -> Report {
        let extractor = Extractor(reference: ReferenceLoader.bundled)
        var finder = ReuseFinder(options: { var o = ReuseFinder.Options(); o.keepsText = false; return o }())
        var claimFinder = ClaimFinder(options: { var o = ClaimFinder.Options(); o.keepsText = false; return o }())
        var claimSeconds = 0.0
        var plantedSentences: [[PlantedReuseCorpus.Sentence]] = []
        var expectedStatus: [Int: ClaimStatus] = [:]
        var extractSeconds = 0.0, reuseSeconds = 0.0
        var bytes = 0
        var dates: [PublicationDate?] = []
        // Units seen once, kept while a copy of them can still come; units seen twice or more.
        var firstSeen: [Int: Occurrence] = [:]
        var recentUnits: [[Int]] = []
        var shared: [Int: [Occurrence]] = [:]

        var batch: [PlantedReuseCorpus.Article] = []
        func flush() {
            let annotated = ResultSlots<AnnotatedDocument>(count: batch.count)
            let articles = batch
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: articles.count) { k in
                let (annotations, entities) = extractor.annotateWithEntities(articles[k].document)
                annotated.set(k, AnnotatedDocument(document: articles[k].document, annotations: annotations, entities: entities))
            }
            let extracted = DispatchTime.now().uptimeNanoseconds
            for k in articles.indices { finder.add(annotated.get(k)!) }
            let added = DispatchTime.now().uptimeNanoseconds
            for k in articles.indices { claimFinder.add(annotated.get(k)!) }
            let drafted = DispatchTime.now().uptimeNanoseconds
            extractSeconds += Double(extracted - start) / 1e9
            reuseSeconds += Double(added - extracted) / 1e9
            claimSeconds += Double(drafted - added) / 1e9
            batch.removeAll(keepingCapacity: true)
            progress?(dates.count)
        }
        PlantedReuseCorpus(documents: documents, seed: seed).forEachArticle { article in
            let n = dates.count
            dates.append(article.document.published)
            bytes += article.document.text.utf8.count
            var units: [Int] = []
            for sentence in article.sentences {
                let occurrence = Occurrence(document: n, span: sentence.span, words: sentence.words, pooled: sentence.pooledQuotation,
                                            quotation: sentence.quotation)
                if shared[sentence.unit] != nil {
                    shared[sentence.unit]!.append(occurrence)
                } else if let first = firstSeen.removeValue(forKey: sentence.unit) {
                    shared[sentence.unit] = [first, occurrence]
                } else {
                    firstSeen[sentence.unit] = occurrence
                    units.append(sentence.unit)
                }
            }
            recentUnits.append(units)
            if recentUnits.count > PlantedReuseCorpus.copyWindow + 1 {
                for unit in recentUnits.removeFirst() where !(firstSeen[unit]?.pooled ?? true) { firstSeen[unit] = nil }
            }
            plantedSentences.append(article.sentences)
            expectedStatus.merge(article.claimStatus) { _, b in b }
            batch.append(article)
            if batch.count == 512 { flush() }
        }
        if !batch.isEmpty { flush() }
        let clustering = DispatchTime.now().uptimeNanoseconds
        let claims = claimFinder.claims(reuse: finder.passages)
        claimSeconds += Double(DispatchTime.now().uptimeNanoseconds - clustering) / 1e9
        var report = score(finder.passages, shared: shared, sentences: plantedSentences, dates: dates,
                     base: Report(documents: documents, megabytes: Double(bytes) / 1e6, extractSeconds: extractSeconds, reuseSeconds: reuseSeconds,
                                  passagesFound: 0, passagesCorrect: 0, plantedPairs: 0, plantedFound: 0, directionChecked: 0, directionRight: 0,
                                  undirectedChecked: 0, undirectedRight: 0, kindRight: 0, peakResidentMB: IngestBenchmark.peakResidentMB()))
        report.claimSeconds = claimSeconds
        Self.scoreClaims(claims, sentences: plantedSentences, expected: expectedStatus, into: &report)
        return report
    }

    /// Claim grouping scored over pairs of mentions in different documents: a found pair is right
    /// when both tell one planted claim or are copies of one sentence; every pair of planted
    /// mentions of one claim should be found. A planted claim's status is that of the found claim
    /// holding most of its mentions.
    static func scoreClaims(_ claims: [Claim], sentences: [[PlantedReuseCorpus.Sentence]], expected: [Int: ClaimStatus], into report: inout Report) {
        func number(_ id: DocumentID) -> Int { Int(id.rawValue.dropFirst("planted-".count))! }
        /// The planted sentences a mention overlaps: a copy whose edits joined two sentences into
        /// one tells both.
        func told(_ document: Int, _ span: TextSpan) -> [PlantedReuseCorpus.Sentence] {
            sentences[document].filter { overlap($0.span, span) * 2 >= min($0.span.length, span.length) }
        }
        func overlap(_ a: TextSpan, _ b: TextSpan) -> Int { max(0, min(a.end, b.end) - max(a.start, b.start)) }
        func same(_ a: [PlantedReuseCorpus.Sentence], _ b: [PlantedReuseCorpus.Sentence]) -> Bool {
            a.contains { x in b.contains { y in (x.claim != nil && x.claim == y.claim) || (x.claim == nil && y.claim == nil && x.unit == y.unit) } }
        }
        report.claimCount = claims.count
        var claimOfPlanted: [[Int]: Int] = [:]  // [document, sentence start] of a planted claim mention → found claim
        for (c, claim) in claims.enumerated() {
            let tellings = claim.mentions.map { m -> (document: Int, sentences: [PlantedReuseCorpus.Sentence]) in
                let d = number(m.document)
                return (d, told(d, m.span))
            }
            for (d, list) in tellings { for s in list where s.claim != nil { claimOfPlanted[[d, s.span.start]] = c } }
            for i in tellings.indices {
                for j in tellings.indices where j > i && tellings[i].document != tellings[j].document {
                    report.claimPairsFound += 1
                    if same(tellings[i].sentences, tellings[j].sentences) { report.claimPairsCorrect += 1 }
                }
            }
        }
        var mentionsOfPlanted: [Int: [(document: Int, start: Int)]] = [:]
        for (d, list) in sentences.enumerated() {
            for s in list { if let claim = s.claim { mentionsOfPlanted[claim, default: []].append((d, s.span.start)) } }
        }
        for (claim, mentions) in mentionsOfPlanted {
            for i in mentions.indices {
                for j in mentions.indices where j > i && mentions[i].document != mentions[j].document {
                    report.plantedClaimPairs += 1
                    let a = claimOfPlanted[[mentions[i].document, mentions[i].start]], b = claimOfPlanted[[mentions[j].document, mentions[j].start]]
                    if a != nil && a == b { report.plantedClaimPairsFound += 1 }
                }
            }
            guard let status = expected[claim], mentions.count > 1 else { continue }
            var votes: [Int: Int] = [:]
            for m in mentions { if let c = claimOfPlanted[[m.document, m.start]] { votes[c, default: 0] += 1 } }
            report.claimStatusChecked += 1
            if let best = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key, claims[best].status == status { report.claimStatusRight += 1 }
        }
    }

    private func score(_ passages: [ReusedPassage], shared: [Int: [Occurrence]], sentences: [[PlantedReuseCorpus.Sentence]],
                       dates: [PublicationDate?], base: Report) -> Report {
        var report = base
        func number(_ id: DocumentID) -> Int { Int(id.rawValue.dropFirst("planted-".count))! }
        // The planted units of each document, and the found passages of each pair.
        var unitsByDocument: [Int: [(unit: Int, occurrence: Occurrence)]] = [:]
        for (unit, occurrences) in shared {
            for o in occurrences { unitsByDocument[o.document, default: []].append((unit, o)) }
        }
        var passagesByPair: [[Int]: [(a: TextSpan, b: TextSpan, x: Int)]] = [:]
        report.passagesFound = passages.count
        for p in passages {
            let x = number(p.a), y = number(p.b)
            passagesByPair[[min(x, y), max(x, y)], default: []].append(x < y ? (p.aSpan, p.bSpan, x) : (p.bSpan, p.aSpan, x))
            // Right when both sides overlap the same planted unit.
            let xUnits = unitsByDocument[x] ?? [], yUnits = unitsByDocument[y] ?? []
            let common = xUnits.filter { u in u.occurrence.span.overlaps(p.aSpan) && yUnits.contains { $0.unit == u.unit && $0.occurrence.span.overlaps(p.bSpan) } }
            // Two tellings of one planted claim in the same phrasing share their words too: a
            // passage found there is right, though not planted as reuse (and not counted in recall).
            let sameClaim = sentences[x].contains { sx in
                sx.claim != nil && sx.span.overlaps(p.aSpan) && sentences[y].contains { $0.claim == sx.claim && $0.span.overlaps(p.bSpan) }
            }
            guard !common.isEmpty || sameClaim else { continue }
            report.passagesCorrect += 1
            // A passage of quotations only is a shared quotation, whether or not it was copied.
            let expectedKind: ReuseKind = sameClaim || common.contains { !$0.occurrence.quotation } ? .copy : .sharedQuotation
            if p.kind == expectedKind { report.kindRight += 1 }
            if let dx = dates[x], let dy = dates[y], dx != dy {
                report.directionChecked += 1
                if p.origin == (dx < dy ? p.a : p.b) { report.directionRight += 1 }
            } else {
                report.undirectedChecked += 1
                if p.origin == nil { report.undirectedRight += 1 }
            }
        }
        // Every pair of occurrences of a unit long enough to be reported is expected, once.
        let minimum = ReuseFinder.Options().minMatches + 2
        for occurrences in shared.values {
            for i in occurrences.indices {
                for j in occurrences.indices where j > i {
                    let x = occurrences[i], y = occurrences[j]
                    guard x.document != y.document, min(x.words, y.words) >= minimum else { continue }
                    report.plantedPairs += 1
                    let (low, high) = x.document < y.document ? (x, y) : (y, x)
                    let found = passagesByPair[[low.document, high.document]]?.contains { p in
                        Self.covered(low.span, by: p.a) >= 0.5 && Self.covered(high.span, by: p.b) >= 0.5
                    } ?? false
                    if found { report.plantedFound += 1 }
                }
            }
        }
        return report
    }

    static func covered(_ span: TextSpan, by other: TextSpan) -> Double {
        guard span.length > 0, span.overlaps(other) else { return 0 }
        return Double(min(span.end, other.end) - max(span.start, other.start)) / Double(span.length)
    }
}
