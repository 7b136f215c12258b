import ClaimTraceCore
import ClaimTraceStore
import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode, with FTS5 full-text search.
///
/// Every `write(_:)` is one transaction, so a crash or kill leaves each document fully stored or
/// absent. Re-writing identical content (same content hash) is a no-op; new content from the same
/// source replaces the old document with everything attached to it.
public final class SQLiteStore: StoreWriter {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync is durable against process crashes; only power loss can lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Pages read through a memory map: comparing a document for text reuse reads the
            // fingerprint index and earlier documents at random, a system call a page otherwise.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError(path: path, Self.describe(error))
        }
    }

    static func describe(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB: return "not a ClaimTrace database (not an SQLite file)"
        case .SQLITE_CANTOPEN: return "cannot open the database file (does its folder exist and is it writable?)"
        case .SQLITE_READONLY: return "the database is read-only"
        case .SQLITE_FULL: return "the disk is full"
        case .SQLITE_CORRUPT: return "the database file is corrupt"
        default: return error.message ?? "\(error)"
        }
    }

    /// The schema's history. Migrations are append-only: never edit one that has shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-documents") { db in
            try db.execute(sql: """
                CREATE TABLE document (
                    id TEXT PRIMARY KEY NOT NULL,
                    source TEXT NOT NULL UNIQUE,
                    format TEXT NOT NULL,
                    url TEXT,
                    title TEXT,
                    authors TEXT NOT NULL,          -- JSON array of names
                    published TEXT,                 -- YYYY-MM-DD, only when the document states it
                    outlet TEXT,
                    republished_from TEXT,
                    text TEXT NOT NULL,
                    links TEXT NOT NULL,            -- JSON array of {start, end, target}, code point offsets
                    warnings TEXT NOT NULL,         -- JSON array of strings
                    content_hash TEXT NOT NULL UNIQUE,
                    ingested_at TEXT NOT NULL
                );
                CREATE TABLE comment (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    author TEXT,
                    text TEXT NOT NULL,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE removed_text (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE VIRTUAL TABLE search_index USING fts5(
                    title, text, document_id UNINDEXED, part UNINDEXED, position UNINDEXED,
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                """)
        }
        migrator.registerMigration("v2-annotations") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN extractor_version INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE sentence (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE quote (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    kind TEXT NOT NULL,             -- speaker, scare, title
                    speaker TEXT,
                    speaker_description TEXT,
                    role TEXT,
                    cue TEXT,
                    block INTEGER NOT NULL,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX quote_speaker ON quote(speaker);
                CREATE TABLE attribution (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    source TEXT,
                    source_description TEXT,
                    cue TEXT NOT NULL,
                    cue_start INTEGER NOT NULL,
                    cue_end INTEGER NOT NULL,
                    hedges TEXT NOT NULL,           -- JSON array of the hedge words
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX attribution_source ON attribution(source);
                CREATE TABLE hedge (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    sentence_start INTEGER NOT NULL,
                    sentence_end INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-entity-mentions") { db in
            try db.execute(sql: """
                CREATE TABLE entity_mention (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    type TEXT NOT NULL,             -- person, organization, outlet, place, other
                    name TEXT NOT NULL,             -- the fullest name the document gives it
                    place_id INTEGER,               -- GeoNames id
                    latitude REAL,
                    longitude REAL,
                    country TEXT,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX entity_mention_name ON entity_mention(name);
                """)
        }
        migrator.registerMigration("v4-dates-quantities-citations") { db in
            try db.execute(sql: """
                CREATE TABLE date_mention (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    value TEXT,                     -- YYYY, YYYY-MM or YYYY-MM-DD; NULL when unresolved
                    relative INTEGER NOT NULL,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE quantity (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    value REAL NOT NULL,
                    upper REAL,
                    unit TEXT,
                    comparator TEXT,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE citation (
                    document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    target TEXT NOT NULL,
                    kind TEXT NOT NULL,             -- link, outlet
                    cue TEXT,
                    PRIMARY KEY (document_id, position)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5-quotations") { db in
            // Paragraphs the page set off as quotations, JSON array of {start, end}.
            try db.execute(sql: "ALTER TABLE document ADD COLUMN quotations TEXT NOT NULL DEFAULT '[]'")
        }
        migrator.registerMigration("v6-text-reuse") { db in
            // Documents stored before this migration are compared on the next ingest, in the order
            // they were stored.
            try db.execute(sql: """
                CREATE TABLE reuse_fingerprint (
                    hash INTEGER NOT NULL,          -- a winnowed 5-gram's 64-bit hash, as a signed integer
                    document INTEGER NOT NULL,      -- document.rowid
                    position INTEGER NOT NULL,      -- the word it starts at
                    PRIMARY KEY (hash, document, position)
                ) WITHOUT ROWID;
                CREATE INDEX reuse_fingerprint_document ON reuse_fingerprint(document);
                CREATE TABLE reuse_passage (
                    seq INTEGER PRIMARY KEY,        -- the order passages were found in
                    found_for TEXT NOT NULL,        -- the document whose comparison found it
                    a TEXT NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
                    b TEXT NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL,
                    similarity REAL NOT NULL,
                    kind TEXT NOT NULL,
                    origin TEXT
                );
                CREATE INDEX reuse_passage_a ON reuse_passage(a);
                CREATE INDEX reuse_passage_b ON reuse_passage(b);
                CREATE TABLE reuse_done (document TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                CREATE TABLE reuse_words (
                    document INTEGER PRIMARY KEY,   -- document.rowid
                    data BLOB NOT NULL              -- a document's words as text reuse compares them
                );
                """)
        }
        return migrator
    }

    // MARK: - Writing

    public func write(_ documents: [AnnotatedDocument], extractorVersion: Int) throws -> [WriteOutcome] {
        guard !documents.isEmpty else { return [] }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let now = ISO8601DateFormatter().string(from: Date())
            return try pool.write { db in
                try documents.map { annotated in
                    let outcome = try self.write(annotated.document, in: db, encoder: encoder, now: now)
                    switch outcome {
                    case .added(let id), .replaced(_, let id):
                        try self.insertAnnotations(annotated.annotations, entities: annotated.entities, for: id, in: db, encoder: encoder)
                        try db.execute(sql: "UPDATE document SET extractor_version = ? WHERE id = ?", arguments: [extractorVersion, id.rawValue])
                    case .unchanged:
                        break
                    }
                    return outcome
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(path: path, Self.describe(error))
        }
    }

    private func write(_ document: Document, in db: Database, encoder: JSONEncoder, now: String) throws -> WriteOutcome {
        if let existing = try String.fetchOne(db, sql: "SELECT id FROM document WHERE content_hash = ?", arguments: [document.contentHash]) {
            return .unchanged(existing: DocumentID(existing))
        }
        var replaced: DocumentID?
        if let old = try String.fetchOne(db, sql: "SELECT id FROM document WHERE source = ?", arguments: [document.source]) {
            try delete(DocumentID(old), in: db)
            replaced = DocumentID(old)
        }
        var document = document
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE id = ?", arguments: [document.id.rawValue]) == true {
            // The input reused an id another source already has: keep both, told apart by content.
            let original = document.id
            document.id = DocumentID("\(original.rawValue)~\(document.contentHash.prefix(8))")
            document.warnings.append("id \"\(original.rawValue)\" is already used by another source; stored as \"\(document.id.rawValue)\"")
        }
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        try db.cachedStatement(sql: """
            INSERT INTO document (id, source, format, url, title, authors, published, outlet, republished_from,
                                  text, links, quotations, warnings, content_hash, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                document.id.rawValue, document.source, document.format.rawValue, document.url, document.title,
                try json(document.authors), document.published?.description, document.outlet, document.republishedFrom,
                document.text, try json(document.links), try json(document.quotations), try json(document.warnings),
                document.contentHash, now,
            ])
        let index = try db.cachedStatement(sql: "INSERT INTO search_index (title, text, document_id, part, position) VALUES (?, ?, ?, ?, ?)")
        try index.execute(arguments: [document.title ?? "", document.text, document.id.rawValue, "body", 0])
        let comment = try db.cachedStatement(sql: "INSERT INTO comment (document_id, position, author, text) VALUES (?, ?, ?, ?)")
        for (position, c) in document.comments.enumerated() {
            try comment.execute(arguments: [document.id.rawValue, position, c.author, c.text])
            try index.execute(arguments: ["", c.text, document.id.rawValue, "comment", position])
        }
        let removed = try db.cachedStatement(sql: "INSERT INTO removed_text (document_id, position, kind, text) VALUES (?, ?, ?, ?)")
        for (position, r) in document.removed.enumerated() {
            try removed.execute(arguments: [document.id.rawValue, position, r.kind.rawValue, r.text])
        }
        return replaced.map { .replaced(old: $0, new: document.id) } ?? .added(document.id)
    }

    private func insertAnnotations(_ a: Annotations, entities: [EntityMention], for id: DocumentID, in db: Database, encoder: JSONEncoder) throws {
        let doc = id.rawValue
        let mention = try db.cachedStatement(sql: """
            INSERT INTO entity_mention (document_id, position, start, "end", text, type, name, place_id, latitude, longitude, country)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (n, m) in entities.enumerated() {
            try mention.execute(arguments: [doc, n, m.span.start, m.span.end, m.text, m.type.rawValue, m.name, m.placeID, m.latitude, m.longitude, m.country])
        }
        let sentence = try db.cachedStatement(sql: "INSERT INTO sentence (document_id, position, start, \"end\") VALUES (?, ?, ?, ?)")
        for (n, s) in a.sentences.enumerated() { try sentence.execute(arguments: [doc, n, s.start, s.end]) }
        let quote = try db.cachedStatement(sql: """
            INSERT INTO quote (document_id, position, start, "end", kind, speaker, speaker_description, role, cue, block)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (n, q) in a.quotes.enumerated() {
            try quote.execute(arguments: [doc, n, q.span.start, q.span.end, q.kind.rawValue, q.speaker, q.speakerDescription, q.role, q.cue, q.block])
        }
        let attribution = try db.cachedStatement(sql: """
            INSERT INTO attribution (document_id, position, start, "end", source, source_description, cue, cue_start, cue_end, hedges)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (n, x) in a.attributions.enumerated() {
            try attribution.execute(arguments: [doc, n, x.span.start, x.span.end, x.source, x.sourceDescription, x.cue,
                                                x.cueSpan.start, x.cueSpan.end, String(decoding: try encoder.encode(x.hedges), as: UTF8.self)])
        }
        let hedge = try db.cachedStatement(sql: """
            INSERT INTO hedge (document_id, position, start, "end", sentence_start, sentence_end, kind) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (n, h) in a.hedges.enumerated() {
            try hedge.execute(arguments: [doc, n, h.span.start, h.span.end, h.sentence.start, h.sentence.end, h.kind.rawValue])
        }
        let date = try db.cachedStatement(sql: "INSERT INTO date_mention (document_id, position, start, \"end\", value, relative) VALUES (?, ?, ?, ?, ?, ?)")
        for (n, d) in a.dates.enumerated() { try date.execute(arguments: [doc, n, d.span.start, d.span.end, d.value, d.relative]) }
        let quantity = try db.cachedStatement(sql: """
            INSERT INTO quantity (document_id, position, start, "end", value, upper, unit, comparator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (n, q) in a.quantities.enumerated() {
            try quantity.execute(arguments: [doc, n, q.span.start, q.span.end, q.value, q.upper, q.unit, q.comparator])
        }
        let citation = try db.cachedStatement(sql: "INSERT INTO citation (document_id, position, start, \"end\", target, kind, cue) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (n, c) in a.citations.enumerated() {
            try citation.execute(arguments: [doc, n, c.span.start, c.span.end, c.target, c.kind.rawValue, c.cue])
        }
    }

    private func deleteAnnotations(_ id: DocumentID, in db: Database) throws {
        for table in ["sentence", "quote", "attribution", "hedge", "entity_mention", "date_mention", "quantity", "citation"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE document_id = ?", arguments: [id.rawValue])
        }
    }

    public func documentsNeedingAnnotation(version: Int) throws -> [DocumentID] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM document WHERE extractor_version < ? ORDER BY rowid", arguments: [version]).map { DocumentID($0) }
        }
    }

    public func replaceAnnotations(_ documents: [AnnotatedDocument], extractorVersion: Int) throws {
        let encoder = JSONEncoder()
        do {
            try pool.write { db in
                for annotated in documents {
                    let id = annotated.document.id
                    try deleteAnnotations(id, in: db)
                    try insertAnnotations(annotated.annotations, entities: annotated.entities, for: id, in: db, encoder: encoder)
                    try db.execute(sql: "UPDATE document SET extractor_version = ? WHERE id = ?", arguments: [extractorVersion, id.rawValue])
                }
                // Names are compared by what the annotations resolve them to: every document is
                // compared again, in the order they were stored.
                if !documents.isEmpty {
                    try db.execute(sql: "DELETE FROM reuse_fingerprint; DELETE FROM reuse_passage; DELETE FROM reuse_done; DELETE FROM reuse_words")
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(path: path, Self.describe(error))
        }
    }

    // MARK: - Text reuse

    public func documentsNeedingReuse() throws -> [DocumentID] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM document WHERE id NOT IN (SELECT document FROM reuse_done) ORDER BY rowid")
                .map { DocumentID($0) }
        }
    }

    public func recordReuse(of documents: [DocumentID], _ find: (DocumentID, ReuseTransaction) throws -> [ReusedPassage]) throws {
        do {
            try pool.write { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO reuse_passage (found_for, a, a_start, a_end, b, b_start, b_end, similarity, kind, origin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for document in documents {
                    guard let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM document WHERE id = ?", arguments: [document.rawValue]) else { continue }
                    for p in try find(document, SQLiteReuseTransaction(db: db, document: rowid)) {
                        try insert.execute(arguments: [document.rawValue, p.a.rawValue, p.aSpan.start, p.aSpan.end, p.b.rawValue, p.bSpan.start, p.bSpan.end,
                                                       p.similarity, p.kind.rawValue, p.origin?.rawValue])
                    }
                    try db.execute(sql: "INSERT OR REPLACE INTO reuse_done (document) VALUES (?)", arguments: [document.rawValue])
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(path: path, Self.describe(error))
        }
    }

    public func reusePassages() throws -> [ReusedPassage] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reuse_passage ORDER BY seq").map { row in
                ReusedPassage(a: DocumentID(row["a"] as String), aSpan: TextSpan(start: row["a_start"], end: row["a_end"]),
                              b: DocumentID(row["b"] as String), bSpan: TextSpan(start: row["b_start"], end: row["b_end"]),
                              similarity: row["similarity"], kind: ReuseKind(rawValue: row["kind"]) ?? .copy,
                              origin: (row["origin"] as String?).map { DocumentID($0) })
            }
        }
    }

    private func delete(_ id: DocumentID, in db: Database) throws {
        // Its fingerprints and every passage it shares go with it; documents stored after it keep
        // their other passages.
        try db.execute(sql: "DELETE FROM reuse_fingerprint WHERE document = (SELECT rowid FROM document WHERE id = ?)", arguments: [id.rawValue])
        try db.execute(sql: "DELETE FROM reuse_words WHERE document = (SELECT rowid FROM document WHERE id = ?)", arguments: [id.rawValue])
        try db.execute(sql: "DELETE FROM reuse_passage WHERE a = ? OR b = ?", arguments: [id.rawValue, id.rawValue])
        try db.execute(sql: "DELETE FROM reuse_done WHERE document = ?", arguments: [id.rawValue])
        try db.execute(sql: "DELETE FROM search_index WHERE document_id = ?", arguments: [id.rawValue])
        try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id.rawValue])
    }

    // MARK: - Reading

    public func documentCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0 }
    }

    public func forEachDocument(_ body: (Document) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM document ORDER BY rowid")
            while let row = try rows.next() { try body(try Self.document(row, in: db)) }
        }
    }

    public func document(_ id: DocumentID) throws -> Document? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ?", arguments: [id.rawValue]).map { try Self.document($0, in: db) }
        }
    }

    public func annotatedDocument(_ id: DocumentID) throws -> AnnotatedDocument? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ?", arguments: [id.rawValue]) else { return nil }
            let document = try Self.document(row, in: db)
            return AnnotatedDocument(document: document, annotations: try Self.annotations(document.id, in: db),
                                     entities: try Self.entityMentions(document.id, in: db))
        }
    }

    public func changeStamp() throws -> String {
        try read { db in
            // A replaced document gets a new rowid; re-annotation raises its extractor version.
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MAX(rowid), SUM(extractor_version) FROM document")
            return "\(row?[0] as Int? ?? 0)|\(row?[1] as Int? ?? 0)|\(row?[2] as Int? ?? 0)"
        }
    }

    public func documents(offset: Int, limit: Int) throws -> [Document] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM document ORDER BY rowid LIMIT ? OFFSET ?", arguments: [limit, offset])
                .map { try Self.document($0, in: db) }
        }
    }

    public func forEachAnnotatedDocument(_ body: (AnnotatedDocument) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM document ORDER BY rowid")
            while let row = try rows.next() {
                let document = try Self.document(row, in: db)
                try body(AnnotatedDocument(document: document, annotations: try Self.annotations(document.id, in: db),
                                           entities: try Self.entityMentions(document.id, in: db)))
            }
        }
    }

    fileprivate static func document(_ row: Row, in db: Database) throws -> Document {
        let decoder = JSONDecoder()
        let id: String = row["id"]
        let comments = try Row.fetchAll(db, sql: "SELECT author, text FROM comment WHERE document_id = ? ORDER BY position", arguments: [id])
            .map { Comment(author: $0["author"], text: $0["text"]) }
        let removed = try Row.fetchAll(db, sql: "SELECT kind, text FROM removed_text WHERE document_id = ? ORDER BY position", arguments: [id])
            .map { RemovedText(kind: RemovedKind($0["kind"] as String), text: $0["text"]) }
        func decoded<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
            try decoder.decode(T.self, from: Data((row[column] as String).utf8))
        }
        let published: String? = row["published"]
        return Document(
            id: DocumentID(id), source: row["source"], format: SourceFormat(rawValue: row["format"]) ?? .text,
            url: row["url"], title: row["title"], authors: try decoded("authors", as: [String].self),
            published: published.flatMap(DateText.parse), outlet: row["outlet"], republishedFrom: row["republished_from"],
            text: row["text"], comments: comments, removed: removed, links: try decoded("links", as: [TextLink].self),
            quotations: try decoded("quotations", as: [TextSpan].self),
            contentHash: row["content_hash"], warnings: try decoded("warnings", as: [String].self))
    }

    fileprivate static func entityMentions(_ id: DocumentID, in db: Database) throws -> [EntityMention] {
        try Row.fetchAll(db, sql: "SELECT * FROM entity_mention WHERE document_id = ? ORDER BY position", arguments: [id.rawValue]).map { r in
            EntityMention(span: TextSpan(start: r["start"], end: r["end"]), text: r["text"],
                          type: EntityType(rawValue: r["type"]) ?? .other, name: r["name"], placeID: r["place_id"],
                          latitude: r["latitude"], longitude: r["longitude"], country: r["country"])
        }
    }

    fileprivate static func annotations(_ id: DocumentID, in db: Database) throws -> Annotations {
        let doc = id.rawValue
        let decoder = JSONDecoder()
        var a = Annotations()
        a.sentences = try Row.fetchAll(db, sql: "SELECT start, \"end\" FROM sentence WHERE document_id = ? ORDER BY position", arguments: [doc])
            .map { TextSpan(start: $0["start"], end: $0["end"]) }
        a.quotes = try Row.fetchAll(db, sql: "SELECT * FROM quote WHERE document_id = ? ORDER BY position", arguments: [doc]).map { r in
            Quote(span: TextSpan(start: r["start"], end: r["end"]), kind: QuoteKind(rawValue: r["kind"]) ?? .speaker,
                  speaker: r["speaker"], speakerDescription: r["speaker_description"], role: r["role"], cue: r["cue"], block: r["block"])
        }
        a.attributions = try Row.fetchAll(db, sql: "SELECT * FROM attribution WHERE document_id = ? ORDER BY position", arguments: [doc]).map { r in
            Attribution(span: TextSpan(start: r["start"], end: r["end"]), source: r["source"], sourceDescription: r["source_description"],
                        cue: r["cue"], cueSpan: TextSpan(start: r["cue_start"], end: r["cue_end"]),
                        hedges: (try? decoder.decode([String].self, from: Data((r["hedges"] as String).utf8))) ?? [])
        }
        a.hedges = try Row.fetchAll(db, sql: "SELECT * FROM hedge WHERE document_id = ? ORDER BY position", arguments: [doc]).map { r in
            Hedge(span: TextSpan(start: r["start"], end: r["end"]), sentence: TextSpan(start: r["sentence_start"], end: r["sentence_end"]),
                  kind: HedgeKind(rawValue: r["kind"]) ?? .uncertainty)
        }
        a.dates = try Row.fetchAll(db, sql: "SELECT * FROM date_mention WHERE document_id = ? ORDER BY position", arguments: [doc]).map { r in
            DateMention(span: TextSpan(start: r["start"], end: r["end"]), value: r["value"], relative: r["relative"])
        }
        a.quantities = try Row.fetchAll(db, sql: "SELECT * FROM quantity WHERE document_id = ? ORDER BY position", arguments: [doc]).map { r in
            Quantity(span: TextSpan(start: r["start"], end: r["end"]), value: r["value"], upper: r["upper"], unit: r["unit"], comparator: r["comparator"])
        }
        a.citations = try Row.fetchAll(db, sql: "SELECT * FROM citation WHERE document_id = ? ORDER BY position", arguments: [doc]).map { r in
            Citation(span: TextSpan(start: r["start"], end: r["end"]), target: r["target"], kind: CitationKind(rawValue: r["kind"]) ?? .link, cue: r["cue"])
        }
        return a
    }

    public func search(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        try read { db in
            let sql = """
                SELECT s.document_id, s.part, s.position, d.title, d.source,
                       snippet(search_index, 1, char(1), char(2), '…', 16) AS snippet,
                       c.author AS comment_author
                FROM search_index s
                JOIN document d ON d.id = s.document_id
                LEFT JOIN comment c ON s.part = 'comment' AND c.document_id = s.document_id AND c.position = s.position
                WHERE search_index MATCH ?
                ORDER BY bm25(search_index, 5.0, 1.0)
                LIMIT ?
                """
            func run(_ match: String) throws -> [SearchHit] {
                try Row.fetchAll(db, sql: sql, arguments: [match, limit]).map { row in
                    SearchHit(documentID: DocumentID(row["document_id"] as String), title: row["title"], source: row["source"],
                              part: row["part"], commentAuthor: row["comment_author"], snippet: row["snippet"])
                }
            }
            do {
                return try run(query)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                // Not valid FTS5 syntax (a stray quote or operator): search for the words as typed.
                let words = query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"\($0)\"" }
                guard !words.isEmpty else { return [] }
                return try run(words.joined(separator: " "))
            }
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError(path: path, Self.describe(error))
        }
    }
}

/// The fingerprint index inside one write transaction: a look-up, then the document's own place.
private final class SQLiteReuseTransaction: ReuseTransaction {
    let db: Database
    let document: Int64

    init(db: Database, document: Int64) { self.db = db; self.document = document }

    func addFindingEarlier(_ fingerprints: [(hash: UInt64, position: Int32)], maxPostings: Int) throws -> [(count: Int, postings: [FingerprintPosting])] {
        // Every stored place of the document's fingerprints, in a few statements: a fingerprint
        // stops taking places one past the limit, so none brings more than that.
        var stored: [UInt64: [(document: Int64, position: Int32)]] = [:]
        let keys = Array(Set(fingerprints.map(\.hash)))
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = keys[start..<min(keys.count, start + 500)]
            let sql = "SELECT hash, document, position FROM reuse_fingerprint WHERE hash IN (" + repeatElement("?", count: chunk.count).joined(separator: ",") + ")"
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(chunk.map { Int64(bitPattern: $0) }))
            while let row = try rows.next() {
                let hash = UInt64(bitPattern: row[0] as Int64)
                stored[hash, default: []].append((row[1], row[2]))
            }
        }
        var out: [(count: Int, postings: [FingerprintPosting])] = []
        out.reserveCapacity(fingerprints.count)
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO reuse_fingerprint (hash, document, position) VALUES (?, ?, ?)")
        for fingerprint in fingerprints {
            let places = stored[fingerprint.hash] ?? []
            let count = places.count
            if count <= maxPostings {
                out.append((count, places.map { FingerprintPosting(order: $0.document, position: $0.position, own: $0.document == document) }))
                try insert.execute(arguments: [Int64(bitPattern: fingerprint.hash), document, fingerprint.position])
                stored[fingerprint.hash, default: []].append((document, fingerprint.position))
            } else {
                out.append((count, []))
            }
        }
        return out
    }

    func comparisonData(order: Int64) throws -> [UInt8]? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT data FROM reuse_words WHERE document = ?"), arguments: [order]).map { [UInt8]($0) }
    }

    func keepComparisonData(_ data: [UInt8]) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO reuse_words (document, data) VALUES (?, ?)").execute(arguments: [document, Data(data)])
    }

    func annotatedDocument(_ id: DocumentID) throws -> AnnotatedDocument? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ?", arguments: [id.rawValue]) else { return nil }
        let document = try SQLiteStore.document(row, in: db)
        return AnnotatedDocument(document: document, annotations: try SQLiteStore.annotations(document.id, in: db),
                                 entities: try SQLiteStore.entityMentions(document.id, in: db))
    }
}
