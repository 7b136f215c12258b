/// One article as a reader found it, before cleaning: a sequence of text blocks with the
/// structure the input showed, plus whatever metadata the input stated outright.
///
/// Readers never decide what is body and what is boilerplate; that is the clean stage's job.
public struct RawArticle: Sendable {
    /// The input path, with `:LINE` for a JSON Lines record or `#URL` for a WARC or feed record.
    public var source: String
    public var format: SourceFormat
    /// The record's own id where the input has one (a JSON Lines `id`, a Media Cloud `stories_id`).
    public var recordID: String?
    public var url: String?
    public var hints: MetadataHints
    public var blocks: [SourceBlock]
    /// Hex SHA-256 of the record's raw bytes.
    public var contentHash: String
    public var warnings: [String]

    public init(source: String, format: SourceFormat, recordID: String? = nil, url: String? = nil,
                hints: MetadataHints = MetadataHints(), blocks: [SourceBlock], contentHash: String, warnings: [String] = []) {
        self.source = source; self.format = format; self.recordID = recordID; self.url = url
        self.hints = hints; self.blocks = blocks; self.contentHash = contentHash; self.warnings = warnings
    }
}

/// Metadata that the input states in a structured place: HTML meta tags, JSON fields, feed elements.
/// Values are as written; the clean stage parses and validates them.
public struct MetadataHints: Sendable, Hashable {
    public var title: String?
    public var authors: [String] = []
    public var published: String?
    public var outlet: String?
    public var republishedFrom: String?
    public init(title: String? = nil, authors: [String] = [], published: String? = nil, outlet: String? = nil, republishedFrom: String? = nil) {
        self.title = title; self.authors = authors; self.published = published; self.outlet = outlet
        self.republishedFrom = republishedFrom
    }
}

/// A block of text as the input laid it out: a paragraph, heading, list item, quote or line.
public struct SourceBlock: Sendable, Hashable {
    public var text: String
    public var role: BlockRole
    /// Links inside `text`, as Unicode scalar ranges of `text`.
    public var links: [TextLink]
    /// Where the block sat in an HTML page; empty for text formats.
    public var context: BlockContext

    public init(text: String, role: BlockRole = .paragraph, links: [TextLink] = [], context: BlockContext = BlockContext()) {
        self.text = text; self.role = role; self.links = links; self.context = context
    }

    /// The share of the block's characters that are link text, 0...1.
    public var linkDensity: Double {
        let total = text.unicodeScalars.count
        guard total > 0 else { return 0 }
        return Double(links.reduce(0) { $0 + ($1.end - $1.start) }) / Double(total)
    }
}

/// The layout role of a block.
public enum BlockRole: Sendable, Hashable {
    case heading(level: Int)
    case paragraph
    case listItem
    case blockquote
    case preformatted
    case caption
    /// A thematic break: `---`, `***`, a lone `*`, `<hr>`.
    case rule
}

/// The page structure around an HTML block: its ancestors, outermost first.
public struct BlockContext: Sendable, Hashable {
    public var ancestors: [ElementInfo]
    /// True when the page hides the block (`hidden`, `display:none`, `visibility:hidden`):
    /// such text, often schema.org metadata, is not what a reader sees.
    public var hidden: Bool
    public init(ancestors: [ElementInfo] = [], hidden: Bool = false) { self.ancestors = ancestors; self.hidden = hidden }

    /// True when any ancestor is this tag (lowercase), e.g. `nav`.
    public func inside(tag: String) -> Bool { ancestors.contains { $0.tag == tag } }

    /// The innermost ancestor, below `<body>`, whose tag or names match one of `words`
    /// (see `ElementInfo.matches`). Classes on `<html>` and `<body>` describe the page, not the block.
    public func innermost(matching words: [String]) -> ElementInfo? {
        ancestors.last { element in element.tag != "body" && element.tag != "html" && words.contains { element.matches($0) } }
    }
}

/// One HTML element around a block.
public struct ElementInfo: Sendable, Hashable {
    /// Position of the element in document order; tells apart two elements with the same tag.
    public var serial: Int
    public var tag: String
    /// Lowercased `class`, `id`, `role` and `itemprop` values joined by spaces.
    public var names: String
    /// The words of `names`, split at spaces, hyphens and underscores: `author-bio` gives `author`, `bio`.
    public var parts: Set<String>

    public init(serial: Int, tag: String, names: String) {
        self.serial = serial
        self.tag = tag
        self.names = names
        var parts = Set<String>()
        for token in names.split(separator: " ") {
            parts.insert(String(token))
            for piece in token.split(whereSeparator: { $0 == "-" || $0 == "_" }) where piece.count < token.count {
                parts.insert(String(piece))
            }
        }
        self.parts = parts
    }

    /// True when the tag is `word`, or a class, id, role or itemprop value or one of its
    /// hyphen- or underscore-separated words is `word`. A `word` with a hyphen (`read-more`) is
    /// looked for inside the names. Whole-word matching keeps `subscribe` from matching a
    /// body class such as `unsubscribed`.
    public func matches(_ word: String) -> Bool {
        if tag == word || parts.contains(word) { return true }
        return word.utf8.contains(UInt8(ascii: "-")) && ByteSearch.contains(names, word)
    }
}
