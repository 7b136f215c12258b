import ClaimTraceClean
import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceIngest
import ClaimTraceLink
import ClaimTracePipeline

/// What one fuzz target does with an input: read it as a file of one format (gzip-compressed or
/// not, as its bytes say), and for `extract`, also clean, annotate and draft claims from every
/// article read. Problems reported for bad input are the expected outcome; only a crash, a hang
/// or a leak is a finding.
enum FuzzTarget: String, CaseIterable {
    case html, markdown, text, jsonl, warc, feed, extract

    /// The file name the input is read under: it decides the format when the bytes do not.
    var fileName: String {
        switch self {
        case .html: "input.html"
        case .markdown: "input.md"
        case .text, .extract: "input.txt"
        case .jsonl: "input.jsonl"
        case .warc: "input.warc"
        case .feed: "input.rss"
        }
    }

    /// Limits small enough that a run spends its time on parsing, not on large allocations.
    static let limits = IngestLimits(maxRecordBytes: 1 << 20, maxGzipRatio: 200)
    nonisolated(unsafe) static let extractor = Extractor(reference: ReferenceLoader.bundled)

    func run(_ bytes: [UInt8]) {
        var articles: [RawArticle] = []
        do {
            try Ingestor(limits: Self.limits).read(MemoryChunks(bytes), name: fileName, path: fileName) { event in
                if case .article(let article) = event { articles.append(article) }
            }
        } catch {
            // A whole input refused with a message: what bad input should get.
        }
        guard self == .extract else { return }
        let cleaner = Cleaner()
        for raw in articles {
            let document = cleaner.clean(raw)
            let (annotations, entities) = Self.extractor.annotateWithEntities(document)
            let annotated = AnnotatedDocument(document: document, annotations: annotations, entities: entities)
            _ = DocumentClaims(annotated)
            // Twice, so the second copy is fingerprinted, seeded and aligned against the first.
            var finder = ReuseFinder()
            finder.add(annotated)
            finder.add(annotated)
        }
    }
}
