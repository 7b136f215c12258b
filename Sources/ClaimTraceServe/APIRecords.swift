import ClaimTraceCore
import ClaimTraceLink
import ClaimTraceStore

// The JSON the API answers with (docs/openapi.yaml). Field names follow the export contract:
// snake case, code point offsets.

/// A document without its text, in a list.
struct DocumentSummary: Encodable {
    var id: String
    var source: String
    var format: String
    var url: String?
    var title: String?
    var authors: [String]
    var published: String?
    var outlet: String?
    var republished_from: String?

    init(_ d: Document) {
        id = d.id.rawValue; source = d.source; format = d.format.rawValue; url = d.url; title = d.title; authors = d.authors
        published = d.published?.description; outlet = d.outlet; republished_from = d.republishedFrom
    }
}

struct DocumentPage: Encodable {
    var total: Int
    var offset: Int
    var documents: [DocumentSummary]
}

/// One document with what was extracted from it, each record as the export contract writes it.
struct DocumentDetail: Encodable {
    var document: ExportContract.ExportedDocument
    var quotes: [ExportContract.ExportedQuote]
    var attributions: [ExportContract.ExportedAttribution]
    var hedges: [ExportContract.ExportedHedge]
    var dates: [ExportContract.ExportedDate]
    var quantities: [ExportContract.ExportedQuantity]
    var citations: [ExportContract.ExportedCitation]
    var names: [Name]

    /// A name as the document writes it, with the entity reading the extractor gave it.
    struct Name: Encodable {
        var text: String
        var name: String
        var type: String
        var start: Int
        var end: Int
    }

    init(_ annotated: AnnotatedDocument) {
        let d = annotated.document, a = annotated.annotations
        let scalars = [Unicode.Scalar](scalarsOf: d.text)
        document = ExportContract.ExportedDocument(d)
        quotes = a.quotes.map { ExportContract.ExportedQuote($0, document: d, scalars: scalars) }
        attributions = a.attributions.map { ExportContract.ExportedAttribution($0, document: d, scalars: scalars) }
        hedges = a.hedges.map { ExportContract.ExportedHedge($0, document: d, scalars: scalars) }
        dates = a.dates.map { ExportContract.ExportedDate($0, document: d, scalars: scalars) }
        quantities = a.quantities.map { ExportContract.ExportedQuantity($0, document: d, scalars: scalars) }
        citations = a.citations.map { ExportContract.ExportedCitation($0, document: d, scalars: scalars, documentForURL: { _ in nil }) }
        names = annotated.entities.map { Name(text: $0.text, name: $0.name, type: $0.type.rawValue, start: $0.span.start, end: $0.span.end) }
    }
}

/// A search match: the passage, with the matched words as code point ranges within it.
struct SearchResult: Encodable {
    var document: String
    var title: String?
    var source: String
    var part: String
    var comment_author: String?
    var snippet: String
    var matches: [[Int]]

    init(_ hit: SearchHit) {
        document = hit.documentID.rawValue; title = hit.title; source = hit.source; part = hit.part; comment_author = hit.commentAuthor
        var text = String.UnicodeScalarView()
        var ranges: [[Int]] = []
        var open: Int?
        for scalar in hit.snippet.unicodeScalars {
            if String(scalar) == SearchHit.highlightStart { open = text.count; continue }
            if String(scalar) == SearchHit.highlightEnd, let start = open { ranges.append([start, text.count]); open = nil; continue }
            text.append(scalar)
        }
        snippet = String(text)
        matches = ranges
    }
}

struct EntitySummary: Encodable {
    var id: String
    var name: String
    var type: String
    var aliases: [String]
    var documents: Int
    var mentions: Int
    var latitude: Double?
    var longitude: Double?
    var country: String?

    init(_ e: CorpusEntity) {
        id = e.id; name = e.name; type = e.type.rawValue; aliases = e.aliases; documents = e.documents.count; mentions = e.mentions.count
        latitude = e.latitude; longitude = e.longitude; country = e.country
    }
}

struct UploadResult: Encodable {
    var added: Int
    var replaced: Int
    var unchanged: Int
    var problems: [String]
}

/// One page of `GET /api/claims`: how many claims match, and those from `offset` on.
struct ClaimPage: Encodable {
    var total: Int
    var offset: Int
    var claims: [ExportContract.ExportedClaim]
}
