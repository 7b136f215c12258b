import ClaimTraceCore
import ClaimTraceLink
import ClaimTraceStore
import Foundation

/// Produces the export's records: every document, then every layer array (`quotes`,
/// `attributions`, …, `entities`, …) in contract order, each record one finished JSON object,
/// handed to an `ExportSink` that lays them out (the contract object, JSON Lines, CSV, …).
///
/// Documents go straight to the sink; the records of each layer are spooled to temporary files
/// meanwhile and handed over after the last document, so memory stays bounded however large the
/// corpus (entities, merged across all documents, are the exception: they are held until then).
public enum JSONExporter {
    /// Writes the export contract object of every stored document.
    public static func export(_ store: StoreReader, to output: OutputFile) throws {
        var sink = ContractObjectSink(output)
        try write(to: &sink, reuse: store.reusePassages()) { emit in try store.forEachAnnotatedDocument(emit) }
    }

    /// Writes the export contract object for documents supplied by `produce`, e.g. straight from
    /// the pipeline without a store.
    public static func write(to output: OutputFile, produce: ((AnnotatedDocument) throws -> Void) throws -> Void) throws {
        var sink = ContractObjectSink(output)
        try write(to: &sink, produce: produce)
    }

    /// Hands the records of the documents `produce` supplies to `sink`.
    ///
    /// Entities are merged across all documents, so quotes and attributions are spooled and get
    /// their `speaker_entity` and `source_entity` once every document has been seen. Shared
    /// passages are those of `reuse` (a store's, found as its documents were added), or, without
    /// it, found here among the documents `produce` supplies, in that order.
    public static func write(to sink: inout some ExportSink, reuse stored: [ReusedPassage]? = nil,
                             produce: ((AnnotatedDocument) throws -> Void) throws -> Void) throws {
        let encoder = documentEncoder()
        let spools = try LayerSpools()
        var index = EntityIndex()
        var finder = stored == nil ? ReuseFinder() : nil
        var claimFinder = ClaimFinder()
        var passages = ReusePassageTexts(stored ?? [])
        var documentsByURL: [String: String] = [:]
        try sink.begin()
        try produce { annotated in
            let document = annotated.document
            try sink.document(encoder.encode(ExportContract.ExportedDocument(document)))
            index.add(annotated)
            finder?.add(annotated)
            claimFinder.add(annotated)
            let scalars = [Unicode.Scalar](scalarsOf: document.text)
            passages.cut(from: document.id, scalars)
            for q in annotated.annotations.quotes {
                try spools.add("quotes", encoder.encode(ExportContract.ExportedQuote(q, document: document, scalars: scalars)))
            }
            for a in annotated.annotations.attributions {
                try spools.add("attributions", encoder.encode(ExportContract.ExportedAttribution(a, document: document, scalars: scalars)))
            }
            for h in annotated.annotations.hedges {
                try spools.add("hedges", encoder.encode(ExportContract.ExportedHedge(h, document: document, scalars: scalars)))
            }
            for d in annotated.annotations.dates {
                try spools.add("dates", encoder.encode(ExportContract.ExportedDate(d, document: document, scalars: scalars)))
            }
            for q in annotated.annotations.quantities {
                try spools.add("quantities", encoder.encode(ExportContract.ExportedQuantity(q, document: document, scalars: scalars)))
            }
            // Citations are encoded at the end, once every document's URL is known.
            for c in annotated.annotations.citations {
                let record = CitationRecord(citation: c, document: document.id.rawValue, text: slice(scalars, c.span))
                try spools.add("citations", encoder.encode(record))
            }
            if let url = document.url { documentsByURL[Self.normalizedURL(url)] = document.id.rawValue }
        }
        let entities = index.entities()
        let lookup = EntityLookup(entities)
        let decoder = JSONDecoder()
        for key in ExportContract.layerKeys {
            try sink.layerStarted(key)
            switch key {
            case "quotes":
                try spools.forEach(key) { line in
                    var quote = try decoder.decode(ExportContract.ExportedQuote.self, from: line)
                    quote.speaker_entity = lookup.id(for: quote.speaker)
                    try sink.record(encoder.encode(quote), layer: key)
                }
            case "attributions":
                try spools.forEach(key) { line in
                    var attribution = try decoder.decode(ExportContract.ExportedAttribution.self, from: line)
                    attribution.source_entity = lookup.id(for: attribution.source)
                    try sink.record(encoder.encode(attribution), layer: key)
                }
            case "citations":
                try spools.forEach(key) { line in
                    let record = try decoder.decode(CitationRecord.self, from: line)
                    var exported = ExportContract.ExportedCitation(record.citation, document: Document(id: DocumentID(record.document), source: "", format: .text, text: "", contentHash: ""),
                                                                   scalars: [], documentForURL: { documentsByURL[Self.normalizedURL($0)] })
                    exported.text = record.text
                    exported.start = record.citation.span.start
                    exported.end = record.citation.span.end
                    try sink.record(encoder.encode(exported), layer: key)
                }
            case "reuse":
                if let finder {
                    for passage in finder.passages {
                        let record = ExportContract.ExportedReuse(passage, aText: finder.text(of: passage.a, passage.aSpan) ?? "",
                                                                  bText: finder.text(of: passage.b, passage.bSpan) ?? "")
                        try sink.record(encoder.encode(record), layer: key)
                    }
                } else {
                    for (passage, aText, bText) in passages.records {
                        try sink.record(encoder.encode(ExportContract.ExportedReuse(passage, aText: aText, bText: bText)), layer: key)
                    }
                }
            case "claims":
                for claim in claimFinder.claims(reuse: stored ?? finder?.passages ?? [], entities: lookup) {
                    try sink.record(encoder.encode(ExportContract.ExportedClaim(claim)), layer: key)
                }
            case "entities":
                for entity in entities {
                    try sink.record(encoder.encode(ExportContract.ExportedEntity(
                        id: entity.id, name: entity.name, type: entity.type.rawValue, aliases: entity.aliases,
                        documents: entity.documents.map(\.rawValue),
                        mentions: entity.mentions.map { ExportContract.ExportedMention(document: $0.document.rawValue, start: $0.mention.span.start,
                                                                                        end: $0.mention.span.end, text: $0.mention.text) },
                        latitude: entity.latitude, longitude: entity.longitude, country: entity.country)), layer: key)
                }
            default:
                try spools.forEach(key) { try sink.record($0, layer: key) }
            }
            try sink.layerEnded(key)
        }
        try sink.finish()
    }

    /// A citation as spooled: resolved to a document of the corpus only at the end.
    private struct CitationRecord: Codable {
        var citation: Citation
        var document: String
        var text: String
    }

    /// URLs compare without scheme, "www." and a trailing slash.
    static func normalizedURL(_ url: String) -> String { PageAddress.key(url) }

    /// One document as a single line of JSON (for JSON Lines output).
    public static func line(_ document: Document, encoder: JSONEncoder = documentEncoder()) throws -> Data {
        var data = try encoder.encode(ExportContract.ExportedDocument(document))
        data.append(10)
        return data
    }

    public static func documentEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Stored passages and their two texts, cut from each document as it streams by.
struct ReusePassageTexts {
    private var passages: [ReusedPassage]
    private var texts: [[String]]
    private var sidesByDocument: [DocumentID: [(passage: Int, side: Int)]] = [:]

    init(_ passages: [ReusedPassage]) {
        self.passages = passages
        texts = Array(repeating: ["", ""], count: passages.count)
        for (n, p) in passages.enumerated() {
            sidesByDocument[p.a, default: []].append((n, 0))
            sidesByDocument[p.b, default: []].append((n, 1))
        }
    }

    mutating func cut(from document: DocumentID, _ scalars: [Unicode.Scalar]) {
        for (n, side) in sidesByDocument[document] ?? [] {
            texts[n][side] = slice(scalars, side == 0 ? passages[n].aSpan : passages[n].bSpan)
        }
    }

    var records: [(ReusedPassage, String, String)] { passages.indices.map { (passages[$0], texts[$0][0], texts[$0][1]) } }
}

/// One temporary file per layer array, holding its records one a line.
final class LayerSpools {
    private let directory: String
    private var handles: [String: FileHandle] = [:]
    private var counts: [String: Int] = [:]

    init() throws {
        directory = NSTemporaryDirectory() + "claimtrace-export-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        for handle in handles.values { try? handle.close() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func add(_ layer: String, _ record: Data) throws {
        let handle: FileHandle
        if let existing = handles[layer] {
            handle = existing
        } else {
            let path = "\(directory)/\(layer).jsonl"
            guard FileManager.default.createFile(atPath: path, contents: nil), let created = FileHandle(forWritingAtPath: path) else {
                throw OutputError(path: path, message: "cannot create a temporary file for the export")
            }
            handles[layer] = created
            handle = created
        }
        try handle.write(contentsOf: record + Data([10]))
    }

    /// Calls `body` with each of the layer's records, in the order they were added.
    func forEach(_ layer: String, _ body: (Data) throws -> Void) throws {
        guard let handle = handles[layer] else { return }
        try handle.close()
        handles[layer] = nil
        let reader = ByteReaderLines(path: "\(directory)/\(layer).jsonl")
        while let line = try reader.next() { try body(line) }
    }
}

/// Reads a file line by line in 1 MB chunks.
final class ByteReaderLines {
    private let handle: FileHandle?
    private var buffer = Data()
    private var ended = false

    init(path: String) { handle = FileHandle(forReadingAtPath: path) }
    deinit { try? handle?.close() }

    func next() throws -> Data? {
        guard let handle else { return nil }
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return Data(line)
            }
            if ended { return buffer.isEmpty ? nil : { defer { buffer = Data() }; return buffer }() }
            if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { buffer.append(chunk) } else { ended = true }
        }
    }
}
