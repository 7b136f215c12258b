import Foundation

/// A stable identifier for a document: the record's own id where the input has one,
/// otherwise derived from the content hash.
public struct DocumentID: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: DocumentID, b: DocumentID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The input format a document was read from.
public enum SourceFormat: String, Sendable, Codable, CaseIterable {
    case text, markdown, html, jsonl, warc, rss, atom
}

/// A cleaned article: the body text and everything set aside from it.
///
/// `text` never changes once cleaning has made it; every offset elsewhere points into it.
/// Offsets in this type count Unicode scalars (code points) of `text`, half-open.
public struct Document: Hashable, Sendable, Codable {
    public var id: DocumentID
    /// The input path, with `:LINE` for a JSON Lines record or `#URL` for a WARC or feed record.
    public var source: String
    public var format: SourceFormat
    public var url: String?
    public var title: String?
    public var authors: [String]
    /// Only a date the document itself states; never guessed.
    public var published: PublicationDate?
    public var outlet: String?
    public var republishedFrom: String?
    /// The cleaned article body; paragraphs are separated by a blank line.
    public var text: String
    public var comments: [Comment]
    public var removed: [RemovedText]
    /// Hyperlinks kept from the input, as ranges of `text`.
    public var links: [TextLink]
    /// Paragraphs the page itself set off as quotations (an HTML blockquote, a Markdown "> "), as
    /// ranges of `text`: a block quotation even when no "X said:" introduces it.
    public var quotations: [TextSpan]
    /// Hex SHA-256 of the raw bytes of the record this document was made from.
    public var contentHash: String
    /// Problems met while reading that did not stop the document, e.g. repaired UTF-8.
    public var warnings: [String]

    public init(
        id: DocumentID, source: String, format: SourceFormat, url: String? = nil, title: String? = nil,
        authors: [String] = [], published: PublicationDate? = nil, outlet: String? = nil,
        republishedFrom: String? = nil, text: String, comments: [Comment] = [], removed: [RemovedText] = [],
        links: [TextLink] = [], quotations: [TextSpan] = [], contentHash: String, warnings: [String] = []
    ) {
        self.id = id; self.source = source; self.format = format; self.url = url; self.title = title
        self.authors = authors; self.published = published; self.outlet = outlet
        self.republishedFrom = republishedFrom; self.text = text; self.comments = comments
        self.removed = removed; self.links = links; self.quotations = quotations; self.contentHash = contentHash
        self.warnings = warnings
    }
}

/// A reader comment, kept apart from the article body.
public struct Comment: Hashable, Sendable, Codable {
    /// The commenter's name as the page shows it, or nil when the page shows none.
    public var author: String?
    public var text: String
    public init(author: String?, text: String) { self.author = author; self.text = text }
}

/// Text set aside from the body, with what kind of text it is, so nothing is thrown away.
public struct RemovedText: Hashable, Sendable, Codable {
    public var kind: RemovedKind
    public var text: String
    public init(kind: RemovedKind, text: String) { self.kind = kind; self.text = text }
}

/// What a removed piece of text is. An open set: new kinds are static members, not cases.
public struct RemovedKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let title = RemovedKind("title")
    public static let byline = RemovedKind("byline")
    public static let dateline = RemovedKind("dateline")
    public static let republication = RemovedKind("republication")
    public static let taxonomy = RemovedKind("taxonomy")
    public static let share = RemovedKind("share")
    public static let noteToReaders = RemovedKind("note-to-readers")
    public static let featuredImage = RemovedKind("featured-image")
    public static let bookPromo = RemovedKind("book-promo")
    public static let membership = RemovedKind("membership")
    public static let commentPrompt = RemovedKind("comment-prompt")
    public static let copyright = RemovedKind("copyright")
    public static let disclaimer = RemovedKind("disclaimer")
    public static let fairUse = RemovedKind("fair-use")
    public static let contact = RemovedKind("contact")
    public static let authorBio = RemovedKind("author-bio")
    public static let navigation = RemovedKind("navigation")
    public static let related = RemovedKind("related")
    public static let separator = RemovedKind("separator")
    public static let commentHeader = RemovedKind("comment-header")
    public static let pageChrome = RemovedKind("page-chrome")
    /// Text the page hides from readers (`display:none`, `hidden`), e.g. schema.org metadata.
    public static let hidden = RemovedKind("hidden")
    public static let other = RemovedKind("other")
}

/// A hyperlink: a range of the document's text and where it points.
public struct TextLink: Hashable, Sendable, Codable {
    /// Unicode scalar offset of the first character of the link text.
    public var start: Int
    /// Unicode scalar offset just past the link text (exclusive).
    public var end: Int
    public var target: String
    public init(start: Int, end: Int, target: String) { self.start = start; self.end = end; self.target = target }
}

/// How two addresses of one page compare: without scheme, "www." and trailing slashes, in lower case.
public enum PageAddress {
    public static func key(_ url: String) -> String {
        var u = url.lowercased()
        for prefix in ["https://", "http://"] where u.hasPrefix(prefix) { u = String(u.dropFirst(prefix.count)) }
        if u.hasPrefix("www.") { u = String(u.dropFirst(4)) }
        while u.hasSuffix("/") { u.removeLast() }
        return u
    }
}
