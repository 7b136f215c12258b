/// The JSON export contract, version 1: what `--json` and `export --format json` write.
///
/// Documented in docs/EXPORT-CONTRACT.md with a JSON Schema in docs/schema/export-v1.schema.json.
/// Offsets count Unicode scalars (code points) of the document's `text`, half-open.
/// Later versions only add fields; a reader of version 1 ignores fields it does not know.
public enum ExportContract {
    public static let version = 1

    /// The names of the top-level arrays after `documents`, in the order they are written.
    /// `hedges` was added within version 1; the rest are filled as their stages arrive.
    public static let layerKeys = ["quotes", "attributions", "hedges", "entities", "dates", "quantities", "citations", "reuse", "claims"]

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
            let scalars = [Unicode.Scalar](scalarsOf: document.text)
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

extension ExportContract {
    /// A direct quotation (`quotes`).
    public struct ExportedQuote: Codable, Sendable {
        public var document: String
        public var text: String
        public var kind: String
        public var speaker: String?
        /// The speaker's entity id, once the entity layer exists; null until then.
        public var speaker_entity: String?
        public var speaker_description: String?
        public var role: String?
        public var cue: String?
        public var block: Bool
        public var start: Int
        public var end: Int

        public init(_ q: Quote, document: Document, scalars: [Unicode.Scalar]) {
            self.document = document.id.rawValue
            text = slice(scalars, q.span)
            kind = q.kind.rawValue
            speaker = q.speaker
            speaker_entity = nil
            speaker_description = q.speakerDescription
            role = q.role
            cue = q.cue
            block = q.block
            start = q.span.start
            end = q.span.end
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document); try c.encode(text, forKey: .text); try c.encode(kind, forKey: .kind)
            try c.encode(speaker, forKey: .speaker); try c.encode(speaker_entity, forKey: .speaker_entity)
            try c.encode(speaker_description, forKey: .speaker_description); try c.encode(role, forKey: .role)
            try c.encode(cue, forKey: .cue); try c.encode(block, forKey: .block)
            try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
        }
        enum CodingKeys: String, CodingKey { case document, text, kind, speaker, speaker_entity, speaker_description, role, cue, block, start, end }
    }

    /// A sentence attributed to a source (`attributions`).
    public struct ExportedAttribution: Codable, Sendable {
        public var document: String
        public var text: String
        public var source: String?
        public var source_entity: String?
        public var source_description: String?
        public var cue: String
        public var cue_start: Int
        public var cue_end: Int
        public var hedges: [String]
        public var start: Int
        public var end: Int

        public init(_ a: Attribution, document: Document, scalars: [Unicode.Scalar]) {
            self.document = document.id.rawValue
            text = slice(scalars, a.span)
            source = a.source
            source_entity = nil
            source_description = a.sourceDescription
            cue = a.cue
            cue_start = a.cueSpan.start
            cue_end = a.cueSpan.end
            hedges = a.hedges
            start = a.span.start
            end = a.span.end
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document); try c.encode(text, forKey: .text); try c.encode(source, forKey: .source)
            try c.encode(source_entity, forKey: .source_entity); try c.encode(source_description, forKey: .source_description)
            try c.encode(cue, forKey: .cue); try c.encode(cue_start, forKey: .cue_start); try c.encode(cue_end, forKey: .cue_end)
            try c.encode(hedges, forKey: .hedges); try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
        }
        enum CodingKeys: String, CodingKey { case document, text, source, source_entity, source_description, cue, cue_start, cue_end, hedges, start, end }
    }

    /// A hedge or epistemic marker (`hedges`).
    public struct ExportedHedge: Encodable, Sendable {
        public var document: String
        public var text: String
        public var kind: String
        public var start: Int
        public var end: Int
        public var sentence_start: Int
        public var sentence_end: Int

        public init(_ h: Hedge, document: Document, scalars: [Unicode.Scalar]) {
            self.document = document.id.rawValue
            text = slice(scalars, h.span)
            kind = h.kind.rawValue
            start = h.span.start
            end = h.span.end
            sentence_start = h.sentence.start
            sentence_end = h.sentence.end
        }
    }
}

/// The text of a span, or "" when the span does not fit the text.
public func slice(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> String {
    guard span.start >= 0, span.end <= scalars.count, span.start <= span.end else { return "" }
    return String(String.UnicodeScalarView(scalars[span.start..<span.end]))
}

extension ExportContract {
    /// An entity of the corpus (`entities`).
    public struct ExportedEntity: Encodable, Sendable {
        public var id: String
        public var name: String
        public var type: String
        public var aliases: [String]
        public var documents: [String]
        public var mentions: [ExportedMention]
        public var latitude: Double?
        public var longitude: Double?
        public var country: String?

        public init(id: String, name: String, type: String, aliases: [String], documents: [String], mentions: [ExportedMention],
                    latitude: Double?, longitude: Double?, country: String?) {
            self.id = id; self.name = name; self.type = type; self.aliases = aliases; self.documents = documents
            self.mentions = mentions; self.latitude = latitude; self.longitude = longitude; self.country = country
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(type, forKey: .type)
            try c.encode(aliases, forKey: .aliases); try c.encode(documents, forKey: .documents)
            try c.encode(mentions, forKey: .mentions); try c.encode(latitude, forKey: .latitude)
            try c.encode(longitude, forKey: .longitude); try c.encode(country, forKey: .country)
        }
        enum CodingKeys: String, CodingKey { case id, name, type, aliases, documents, mentions, latitude, longitude, country }
    }

    /// Where an entity is named: a document, code point offsets into its text, and the words.
    public struct ExportedMention: Encodable, Sendable {
        public var document: String
        public var start: Int
        public var end: Int
        public var text: String
        public init(document: String, start: Int, end: Int, text: String) {
            self.document = document; self.start = start; self.end = end; self.text = text
        }
    }
}

extension ExportContract {
    /// A stated date (`dates`).
    public struct ExportedDate: Encodable, Sendable {
        public var document: String
        public var text: String
        public var value: String?
        public var relative: Bool
        public var start: Int
        public var end: Int
        public init(_ d: DateMention, document: Document, scalars: [Unicode.Scalar]) {
            self.document = document.id.rawValue; text = slice(scalars, d.span); value = d.value; relative = d.relative
            start = d.span.start; end = d.span.end
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document); try c.encode(text, forKey: .text); try c.encode(value, forKey: .value)
            try c.encode(relative, forKey: .relative); try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
        }
        enum CodingKeys: String, CodingKey { case document, text, value, relative, start, end }
    }

    /// A number with what it counts (`quantities`).
    public struct ExportedQuantity: Encodable, Sendable {
        public var document: String
        public var text: String
        public var value: Double
        public var upper: Double?
        public var unit: String?
        public var comparator: String?
        public var start: Int
        public var end: Int
        public init(_ q: Quantity, document: Document, scalars: [Unicode.Scalar]) {
            self.document = document.id.rawValue; text = slice(scalars, q.span); value = q.value; upper = q.upper; unit = q.unit
            comparator = q.comparator; start = q.span.start; end = q.span.end
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document); try c.encode(text, forKey: .text); try c.encode(value, forKey: .value)
            try c.encode(upper, forKey: .upper); try c.encode(unit, forKey: .unit); try c.encode(comparator, forKey: .comparator)
            try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
        }
        enum CodingKeys: String, CodingKey { case document, text, value, upper, unit, comparator, start, end }
    }

    /// A cited link or outlet (`citations`).
    public struct ExportedCitation: Encodable, Sendable {
        public var document: String
        public var target: String
        public var kind: String
        public var cue: String?
        public var text: String
        public var start: Int
        public var end: Int
        public init(_ c: Citation, document: Document, scalars: [Unicode.Scalar], documentForURL: (String) -> String?) {
            self.document = document.id.rawValue
            if c.kind == .link, let other = documentForURL(c.target) {
                target = other; kind = CitationKind.document.rawValue
            } else {
                target = c.target; kind = c.kind.rawValue
            }
            cue = c.cue; text = slice(scalars, c.span); start = c.span.start; end = c.span.end
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document); try c.encode(target, forKey: .target); try c.encode(kind, forKey: .kind)
            try c.encode(cue, forKey: .cue); try c.encode(text, forKey: .text); try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
        }
        enum CodingKeys: String, CodingKey { case document, target, kind, cue, text, start, end }
    }
}

extension ExportContract {
    /// A passage two documents share (`reuse`).
    public struct ExportedReuse: Codable, Sendable {
        /// One side of the passage: its place in its document and its words as written there.
        public struct Side: Codable, Sendable {
            public var start: Int
            public var end: Int
            public var text: String
            public init(start: Int, end: Int, text: String) { self.start = start; self.end = end; self.text = text }
        }

        /// The two documents, `a`'s first.
        public var documents: [String]
        public var a: Side
        public var b: Side
        public var similarity: Double
        /// `copy` or `shared-quotation`.
        public var kind: String
        /// The document the passage most likely came from, or null when the dates do not say.
        public var origin: String?

        public init(_ passage: ReusedPassage, aText: String, bText: String) {
            documents = [passage.a.rawValue, passage.b.rawValue]
            a = Side(start: passage.aSpan.start, end: passage.aSpan.end, text: aText)
            b = Side(start: passage.bSpan.start, end: passage.bSpan.end, text: bText)
            similarity = passage.similarity
            kind = passage.kind.rawValue
            origin = passage.origin?.rawValue
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(documents, forKey: .documents); try c.encode(a, forKey: .a); try c.encode(b, forKey: .b)
            try c.encode(similarity, forKey: .similarity); try c.encode(kind, forKey: .kind); try c.encode(origin, forKey: .origin)
        }
        enum CodingKeys: String, CodingKey { case documents, a, b, similarity, kind, origin }
    }

    /// A claim with its mentions, its root sources and how the credits lead to them.
    public struct ExportedClaim: Codable, Sendable {
        public struct Root: Codable, Sendable {
            public var name: String
            /// How the claim reaches it: `quoted`, `attributed`, `cited`, `own-reporting`, `anonymous`, `unnamed`…
            public var kind: String
        }
        public struct MentionCredit: Codable, Sendable {
            public var source: String
            public var kind: String
            /// Where the document names the source; null when it names none (an anonymous hedge, a link).
            public var start: Int?
            public var end: Int?
            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(source, forKey: .source); try c.encode(kind, forKey: .kind)
                try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
            }
            enum CodingKeys: String, CodingKey { case source, kind, start, end }
        }
        public struct Mention: Codable, Sendable {
            public var document: String
            public var start: Int
            public var end: Int
            public var text: String
            /// The names of the sources these words credit.
            public var sources: [String]
            public var credits: [MentionCredit]
            /// The earlier document these words were copied from, or null.
            public var copied_from: String?
            public var hedged: Bool
            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(document, forKey: .document); try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
                try c.encode(text, forKey: .text); try c.encode(sources, forKey: .sources); try c.encode(credits, forKey: .credits)
                try c.encode(copied_from, forKey: .copied_from); try c.encode(hedged, forKey: .hedged)
            }
            enum CodingKeys: String, CodingKey { case document, start, end, text, sources, credits, copied_from, hedged }
        }
        public struct ConflictCredit: Codable, Sendable {
            public var source: String
            public var document: String
            public var start: Int
            public var end: Int
        }
        public struct Conflict: Codable, Sendable {
            public var text: String
            public var credits: [ConflictCredit]
        }
        public struct Step: Codable, Sendable {
            public var from: String
            public var to: String
            public var kind: String
            /// Whether `to` is a root source; otherwise it is an outlet of the corpus.
            public var root: Bool
            public var document: String
            public var start: Int
            public var end: Int
        }

        public var id: String
        public var text: String
        /// `corroborated`, `single-source`, `unattributed` or `circular`.
        public var status: String
        public var independent_sources: Int
        /// The root sources' names.
        public var sources: [String]
        public var roots: [Root]
        public var conflicts: [Conflict]
        public var mentions: [Mention]
        /// Groups of outlets that credit one another for the claim.
        public var circular: [[String]]
        public var steps: [Step]

        public init(_ claim: Claim) {
            id = claim.id
            text = claim.text
            status = claim.status.rawValue
            independent_sources = claim.independentSources
            sources = claim.roots.map(\.name)
            roots = claim.roots.map { Root(name: $0.name, kind: $0.kind.rawValue) }
            conflicts = claim.conflicts.map { conflict in
                Conflict(text: conflict.text, credits: conflict.credits.map {
                    ConflictCredit(source: $0.source, document: $0.document.rawValue, start: $0.span.start, end: $0.span.end)
                })
            }
            mentions = claim.mentions.map { m in
                Mention(document: m.document.rawValue, start: m.span.start, end: m.span.end, text: m.text, sources: m.credits.map(\.source),
                        credits: m.credits.map { MentionCredit(source: $0.source, kind: $0.kind.rawValue, start: $0.span?.start, end: $0.span?.end) },
                        copied_from: m.copiedFrom?.rawValue, hedged: m.hedged)
            }
            circular = claim.cycles
            steps = claim.steps.map {
                Step(from: $0.from, to: $0.to, kind: $0.kind.rawValue, root: $0.toRoot, document: $0.document.rawValue, start: $0.span.start, end: $0.span.end)
            }
        }
    }
}
