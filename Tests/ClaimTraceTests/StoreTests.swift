import ClaimTraceCore
import ClaimTracePipeline
import ClaimTraceSQLite
import ClaimTraceStore
import Foundation
import GRDB
import Testing

@Suite("SQLite store")
struct StoreTests {
    private func sample(_ id: String, source: String, text: String, hash: String? = nil) -> Document {
        Document(id: DocumentID(id), source: source, format: .text, title: "Title \(id)", authors: ["Ana Berg"],
                 published: PublicationDate(year: 2026, month: 3, day: 14), outlet: "Wire", text: text,
                 comments: [Comment(author: "reader1", text: "A comment about the sluice gates.")],
                 removed: [RemovedText(kind: .copyright, text: "© 2026 Wire")],
                 links: [TextLink(start: 0, end: 3, target: "https://x.example")],
                 contentHash: hash ?? ContentHash.sha256Hex(text))
    }

    @Test("Documents round-trip with comments, removed text and links")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        let original = sample("d1", source: "a.txt", text: "The river rose overnight.")
        #expect(try store.write([original]) == [.added(DocumentID("d1"))])
        var read: [Document] = []
        try store.forEachDocument { read.append($0) }
        #expect(read == [original])
    }

    @Test("The same content again is a no-op; new content at the same source replaces the old")
    func dedupeAndReplace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        _ = try store.write([sample("v1", source: "a.txt", text: "First version of the story.")])
        #expect(try store.write([sample("v1", source: "a.txt", text: "First version of the story.")]) == [.unchanged(existing: DocumentID("v1"))])
        #expect(try store.write([sample("v2", source: "a.txt", text: "Second version, corrected.")]) == [.replaced(old: DocumentID("v1"), new: DocumentID("v2"))])
        #expect(try store.documentCount() == 1)
        // Nothing of the old version remains searchable.
        #expect(try store.search("First", limit: 10).isEmpty)
        #expect(try store.search("corrected", limit: 10).map(\.documentID) == [DocumentID("v2")])
    }

    @Test("An id reused by another source is kept apart, with a warning")
    func idCollision() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        _ = try store.write([sample("same", source: "a.jsonl:1", text: "One text.")])
        let outcome = try store.write([sample("same", source: "b.jsonl:1", text: "Another text.")])
        guard case .added(let id) = outcome.first else { Issue.record("expected an add, got \(outcome)"); return }
        #expect(id.rawValue.hasPrefix("same~"))
        #expect(try store.documentCount() == 2)
    }

    @Test("Full-text search finds bodies and comments, with highlighted snippets")
    func search() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        _ = try store.write([sample("d1", source: "a.txt", text: "Officials closed the sluice gates at dawn.")])
        let body = try store.search("officials", limit: 5)
        #expect(body.count == 1)
        #expect(body[0].part == "body")
        #expect(body[0].snippet.contains("\(SearchHit.highlightStart)Officials\(SearchHit.highlightEnd)"))
        let comment = try store.search("sluice", limit: 5)
        #expect(Set(comment.map(\.part)) == ["body", "comment"])
        #expect(comment.first { $0.part == "comment" }?.commentAuthor == "reader1")
        // Invalid FTS5 syntax falls back to plain words instead of failing.
        #expect(try store.search("sluice\"", limit: 5).count == 2)
    }

    @Test("The database is in WAL mode and its schema is migrated by name")
    func schema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/db.sqlite"
        _ = try SQLiteStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let (mode, migrations) = try queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(mode == "wal")
        #expect(migrations == ["v1-documents", "v2-annotations", "v3-entity-mentions", "v4-dates-quantities-citations", "v5-quotations", "v6-text-reuse"])
        // Opening again is harmless.
        _ = try SQLiteStore(path: path)
    }

    @Test("A file that is not a database is refused with a clear message")
    func notADatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = try dir.write("notes.sqlite", String(repeating: "not a database at all ", count: 100))
        #expect { try SQLiteStore(path: path) } throws: { error in
            "\(error)".contains("not a ClaimTrace database")
        }
    }

    @Test("Ingesting a folder twice stores each document once")
    func reingest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try CorpusGenerator(documents: 60).write(to: dir.path + "/corpus")
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        let first = try Pipeline().ingest([dir.path + "/corpus"], into: store, problem: { Issue.record("\($0)") })
        let second = try Pipeline().ingest([dir.path + "/corpus"], into: store, problem: { Issue.record("\($0)") })
        #expect(first.added == 60)
        #expect(second.added == 0 && second.unchanged == 60)
        #expect(try store.documentCount() == 60)
    }
}
