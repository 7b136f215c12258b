/// What the extract stage finds in one document. Every range is a half-open range of Unicode
/// scalar (code point) offsets into `Document.text`, so each finding can be traced to its words.
public struct Annotations: Sendable, Hashable, Codable {
    public var sentences: [TextSpan]
    public var quotes: [Quote]
    public var attributions: [Attribution]
    public var hedges: [Hedge]
    public var dates: [DateMention]
    public var quantities: [Quantity]
    public var citations: [Citation]

    public init(sentences: [TextSpan] = [], quotes: [Quote] = [], attributions: [Attribution] = [], hedges: [Hedge] = [],
                dates: [DateMention] = [], quantities: [Quantity] = [], citations: [Citation] = []) {
        self.sentences = sentences; self.quotes = quotes; self.attributions = attributions; self.hedges = hedges
        self.dates = dates; self.quantities = quantities; self.citations = citations
    }
}

/// A date the text states, absolute ("26 March 2019") or relative ("yesterday", "last June").
public struct DateMention: Sendable, Hashable, Codable {
    public var span: TextSpan
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil when it cannot be resolved (a relative date in a
    /// document without a stated publication date). Never guessed.
    public var value: String?
    /// True when the value was resolved against the publication date or an earlier date.
    public var relative: Bool
    public init(span: TextSpan, value: String?, relative: Bool) { self.span = span; self.value = value; self.relative = relative }
}

/// A number with what it counts: "more than 3,000 fighters", "six to seven kilometres".
public struct Quantity: Sendable, Hashable, Codable {
    public var span: TextSpan
    /// The number as a value: 3000 for "3,000", 1400000 for "1.4 million", 24 for "dozens".
    public var value: Double
    /// The upper end of a range ("six to seven": 7), if any.
    public var upper: Double?
    /// What is counted, as written in the text ("fighters", "kilometres", "%", "$").
    public var unit: String?
    /// "more than", "almost", "at least", "up to", "about", "between"…; nil for an exact figure.
    public var comparator: String?
    public init(span: TextSpan, value: Double, upper: Double? = nil, unit: String?, comparator: String?) {
        self.span = span; self.value = value; self.upper = upper; self.unit = unit; self.comparator = comparator
    }
}

/// A source the document cites: a link, or an outlet it names as the source of what it reports.
public struct Citation: Sendable, Hashable, Codable {
    public var span: TextSpan
    /// A URL for links, an outlet's name for outlets.
    public var target: String
    public var kind: CitationKind
    /// The attribution words for an outlet citation ("reported", "according to").
    public var cue: String?
    public init(span: TextSpan, target: String, kind: CitationKind, cue: String?) {
        self.span = span; self.target = target; self.kind = kind; self.cue = cue
    }
}

public enum CitationKind: String, Sendable, Hashable, Codable {
    case link, outlet
    /// A link to another document of the corpus (set when the corpus is exported).
    case document
}

/// A half-open range of code point offsets into a document's text.
public struct TextSpan: Sendable, Hashable, Codable, Comparable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public var length: Int { end - start }
    public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }
    public static func < (a: TextSpan, b: TextSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

/// A direct quotation: words inside quotation marks, or a paragraph quoted as a block.
public struct Quote: Sendable, Hashable, Codable {
    /// The quoted words, without the quotation marks.
    public var span: TextSpan
    public var kind: QuoteKind
    /// The named person or body behind the words, without titles; nil when unnamed or not a speaker quote.
    public var speaker: String?
    /// How the text describes an unnamed speaker ("a lorry driver").
    public var speakerDescription: String?
    /// A title or role the text gives the speaker ("Defense Secretary").
    public var role: String?
    /// The words that tie the quote to its speaker, lowercased ("said", "according to", "told reporters").
    public var cue: String?
    /// True for a paragraph quoted as a block after an introduction such as "X said:".
    public var block: Bool

    public init(span: TextSpan, kind: QuoteKind, speaker: String? = nil, speakerDescription: String? = nil,
                role: String? = nil, cue: String? = nil, block: Bool = false) {
        self.span = span; self.kind = kind; self.speaker = speaker; self.speakerDescription = speakerDescription
        self.role = role; self.cue = cue; self.block = block
    }
}

/// Whether quoted words are someone's words, a scare quote, or a quoted title.
public enum QuoteKind: String, Sendable, Hashable, Codable {
    /// Words presented as said or written by someone.
    case speaker
    /// A term the writer distances themselves from, or uses ironically.
    case scare
    /// The title of an article, book, report or operation.
    case title
}

/// A sentence that reports, in the writer's words, what a source said.
public struct Attribution: Sendable, Hashable, Codable {
    /// The sentence.
    public var span: TextSpan
    /// The named source, without titles; nil when unnamed.
    public var source: String?
    /// How the text describes an unnamed source ("officials", "a source familiar with the talks").
    public var sourceDescription: String?
    /// The attribution words, lowercased ("according to", "reported", "told reporters"); `cueSpan` locates them.
    public var cue: String
    /// Where the cue words are.
    public var cueSpan: TextSpan
    /// Hedge words in the same sentence, as written.
    public var hedges: [String]

    public init(span: TextSpan, source: String?, sourceDescription: String?, cue: String, cueSpan: TextSpan, hedges: [String]) {
        self.span = span; self.source = source; self.sourceDescription = sourceDescription; self.cue = cue
        self.cueSpan = cueSpan; self.hedges = hedges
    }
}

/// A hedge or epistemic marker: "reportedly", "appears to", "an anonymous source".
public struct Hedge: Sendable, Hashable, Codable {
    public var span: TextSpan
    /// The sentence the marker qualifies.
    public var sentence: TextSpan
    public var kind: HedgeKind
    public init(span: TextSpan, sentence: TextSpan, kind: HedgeKind) { self.span = span; self.sentence = sentence; self.kind = kind }
}

/// What sort of uncertainty a hedge expresses.
public enum HedgeKind: String, Sendable, Hashable, Codable {
    /// reportedly, allegedly, it is claimed, is said to: the writer passes on what others say.
    case hearsay
    /// apparently, appears to, seems to, likely, could, may, might, suspected: the writer is unsure.
    case uncertainty
    /// an anonymous source, a source familiar with, people familiar with: the source is unnamed.
    case anonymousSource = "anonymous-source"
}

/// A document together with what the extract stage found in it.
public struct AnnotatedDocument: Sendable, Hashable {
    public var document: Document
    public var annotations: Annotations
    /// The names found in the document, in text order.
    public var entities: [EntityMention]
    public init(document: Document, annotations: Annotations, entities: [EntityMention] = []) {
        self.document = document; self.annotations = annotations; self.entities = entities
    }
}

/// What kind of thing an entity is.
public enum EntityType: String, Sendable, Hashable, Codable {
    case person, organization, outlet, place, other
}

/// A populated place from the gazetteer (GeoNames, CC BY 4.0).
public struct Place: Sendable, Hashable {
    public var geonameID: Int
    public var name: String
    public var latitude: Double
    public var longitude: Double
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var population: Int
    public init(geonameID: Int, name: String, latitude: Double, longitude: Double, country: String, population: Int) {
        self.geonameID = geonameID; self.name = name; self.latitude = latitude; self.longitude = longitude
        self.country = country; self.population = population
    }
}

/// A name in a document's text, typed and, where possible, tied to reference data.
public struct EntityMention: Sendable, Hashable, Codable {
    public init(span: TextSpan, text: String, type: EntityType, name: String, placeID: Int? = nil, latitude: Double? = nil,
                longitude: Double? = nil, country: String? = nil) {
        self.span = span; self.text = text; self.type = type; self.name = name; self.placeID = placeID
        self.latitude = latitude; self.longitude = longitude; self.country = country
    }

    public var span: TextSpan
    /// The words as written ("Deir Ezzor", "the SDF").
    public var text: String
    public var type: EntityType
    /// The fullest name the document itself gives this mention: an acronym's expansion, a stated
    /// alias's name, or the curated canonical name.
    public var name: String
    /// GeoNames id, for places found in the gazetteer.
    public var placeID: Int?
    public var latitude: Double?
    public var longitude: Double?
    public var country: String?
}

