/// The JSON export contract, version 1: what `--json` and `export --format json` write.
///
/// Documented in docs/EXPORT-CONTRACT.md with a JSON Schema in docs/schema/export-v1.schema.json.
/// Offsets count Unicode scalars (code points) of the document's `text`, half-open.
/// Later versions only add fields; a reader of version 1 ignores fields it does not know.
public enum ExportContract {
    public static let version = 1

    /// The names of the top-level arrays after `documents`, filled by later stages.
    public static let layerKeys = ["quotes", "attributions", "entities", "dates", "quantities", "citations", "reuse", "claims"]

    /// One document as exported.
    public struct ExportedDocument: Codable, Sendable, Equatable {
        public var id: String
        public var source: String
        public var format: String
        public var url: String?
        public var title: String?
        public var authors: [String]
        public var published: String?
        public var outlet: String?
        public var republished_from: String?
        public var text: String
        public var comments: [ExportedComment]
        public var removed: [ExportedRemoved]
        public var links: [ExportedLink]
        public var content_hash: String
        public var warnings: [String]

        public init(_ document: Document) {
            id = document.id.rawValue
            source = document.source
            format = document.format.rawValue
            url = document.url
            title = document.title
            authors = document.authors
            published = document.published?.description
            outlet = document.outlet
            republished_from = document.republishedFrom
            text = document.text
            comments = document.comments.map { ExportedComment(author: $0.author, text: $0.text) }
            removed = document.removed.map { ExportedRemoved(kind: $0.kind.rawValue, text: $0.text) }
            let scalars = Array(document.text.unicodeScalars)
            links = document.links.map { link in
                let slice = link.start >= 0 && link.end <= scalars.count && link.start <= link.end
                    ? String(String.UnicodeScalarView(scalars[link.start..<link.end])) : ""
                return ExportedLink(start: link.start, end: link.end, text: slice, target: link.target)
            }
            content_hash = document.contentHash
            warnings = document.warnings
        }

        // Optionals are written as null, not left out: the contract names every field.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(source, forKey: .source)
            try c.encode(format, forKey: .format)
            try c.encode(url, forKey: .url)
            try c.encode(title, forKey: .title)
            try c.encode(authors, forKey: .authors)
            try c.encode(published, forKey: .published)
            try c.encode(outlet, forKey: .outlet)
            try c.encode(republished_from, forKey: .republished_from)
            try c.encode(text, forKey: .text)
            try c.encode(comments, forKey: .comments)
            try c.encode(removed, forKey: .removed)
            try c.encode(links, forKey: .links)
            try c.encode(content_hash, forKey: .content_hash)
            try c.encode(warnings, forKey: .warnings)
        }
    }

    public struct ExportedComment: Codable, Sendable, Equatable {
        public var author: String?
        public var text: String
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(author, forKey: .author)
            try c.encode(text, forKey: .text)
        }
    }

    public struct ExportedRemoved: Codable, Sendable, Equatable {
        public var kind: String
        public var text: String
    }

    public struct ExportedLink: Codable, Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var text: String
        public var target: String
    }
}
