import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceLink
import Foundation

/// Measures the reuse finder on a `PlantedReuseCorpus`: how much of the planted reuse it finds,
/// how much of what it finds was planted, whether it gives direction and kind right, and what it
/// costs in time and memory.
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

        public var precision: Double { passagesFound == 0 ? 1 : Double(passagesCorrect) / Double(passagesFound) }
        public var recall: Double { plantedPairs == 0 ? 1 : Double(plantedFound) / Double(plantedPairs) }
        public var directionAccuracy: Double { directionChecked == 0 ? 1 : Double(directionRight) / Double(directionChecked) }
        public var kindAccuracy: Double { passagesCorrect == 0 ? 1 : Double(kindRight) / Double(passagesCorrect) }

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
            extractSeconds += Double(extracted - start) / 1e9
            reuseSeconds += Double(added - extracted) / 1e9
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
            batch.append(article)
            if batch.count == 512 { flush() }
        }
        if !batch.isEmpty { flush() }
        return score(finder.passages, shared: shared, dates: dates,
                     base: Report(documents: documents, megabytes: Double(bytes) / 1e6, extractSeconds: extractSeconds, reuseSeconds: reuseSeconds,
                                  passagesFound: 0, passagesCorrect: 0, plantedPairs: 0, plantedFound: 0, directionChecked: 0, directionRight: 0,
                                  undirectedChecked: 0, undirectedRight: 0, kindRight: 0, peakResidentMB: IngestBenchmark.peakResidentMB()))
    }

    private func score(_ passages: [ReusedPassage], shared: [Int: [Occurrence]], dates: [PublicationDate?], base: Report) -> Report {
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
            guard !common.isEmpty else { continue }
            report.passagesCorrect += 1
            // A passage of quotations only is a shared quotation, whether or not it was copied.
            let expectedKind: ReuseKind = common.contains { !$0.occurrence.quotation } ? .copy : .sharedQuotation
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
