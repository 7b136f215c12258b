import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceLink
import ClaimTracePipeline
import Foundation
import GRDB
import Testing

@Suite("Text reuse")
struct ReuseTests {
    /// A document as the finder sees it; `mentions` are (words, name) pairs marked as entities.
    static func document(_ id: String, _ text: String, published: String? = nil, mentions: [(String, String)] = [],
                         quotes: [String] = [], comments: [String] = []) -> AnnotatedDocument {
        let date = published.flatMap { p -> PublicationDate? in
            let parts = p.split(separator: "-").compactMap { Int($0) }
            return PublicationDate(year: parts[0], month: parts[1], day: parts[2])
        }
        let doc = Document(id: DocumentID(id), source: id, format: .text, published: date, text: text,
                           comments: comments.map { Comment(author: nil, text: $0) }, contentHash: id)
        func span(_ words: String) -> TextSpan {
            let range = text.range(of: words)!
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
            return TextSpan(start: start, end: start + words.unicodeScalars.count)
        }
        let entities = mentions.map { EntityMention(span: span($0.0), text: $0.0, type: .organization, name: $0.1) }
            .sorted { $0.span < $1.span }
        let annotations = Annotations(quotes: quotes.map { Quote(span: span($0), kind: .speaker, speaker: "someone") })
        return AnnotatedDocument(document: doc, annotations: annotations, entities: entities)
    }

    static let passage = "Fighters left the eastern town of Harrow on Tuesday in a convoy of about fifty trucks, "
        + "taking their families and several hundred tonnes of grain with them, the river authority said."

    @Test("a copied passage is found with both offsets, its edits and its direction")
    func copiedPassage() throws {
        let original = Self.document("wire", "A quiet morning turned strange. " + Self.passage + " Nobody else was asked.",
                                     published: "2026-03-14", mentions: [("river authority", "Lower River Authority")])
        let copiedText = "Readers wrote to us about it. "
            + "fighters left the eastern town of Harrow on Tuesday in a convoy of some fifty trucks; taking their families and several "
            + "hundred tonnes of grain with them, the LRA said. Then the rain came."
        let copy = Self.document("paper", copiedText, published: "2026-03-16", mentions: [("LRA", "Lower River Authority")])
        var finder = ReuseFinder()
        #expect(finder.add(copy).isEmpty)
        let found = finder.add(original)
        try #require(found.count == 1)
        let p = found[0]
        // The earlier document is side a and the origin, whichever was added first.
        #expect(p.a == DocumentID("wire") && p.b == DocumentID("paper") && p.origin == DocumentID("wire"))
        #expect(p.kind == .copy)
        #expect(p.similarity > 0.9 && p.similarity < 1)
        #expect(finder.text(of: p.a, p.aSpan) == String(Self.passage.dropLast()))
        #expect(finder.text(of: p.b, p.bSpan)?.hasPrefix("fighters left the eastern town") == true)
        #expect(finder.text(of: p.b, p.bSpan)?.hasSuffix("the LRA said") == true)
    }

    @Test("no direction without two different dates")
    func undated() {
        var finder = ReuseFinder()
        finder.add(Self.document("b-blog", "Intro words here. " + Self.passage))
        let found = finder.add(Self.document("a-wire", Self.passage + " More.", published: "2026-03-14"))
        #expect(found.count == 1 && found[0].origin == nil)
        // Sides in id order when there is no origin.
        #expect(found[0].a == DocumentID("a-wire"))
        var sameDay = ReuseFinder()
        sameDay.add(Self.document("x", Self.passage, published: "2026-03-14"))
        #expect(sameDay.add(Self.document("y", "So. " + Self.passage, published: "2026-03-14")).first?.origin == nil)
    }

    @Test("the same quotation in two reports is a shared quotation, not a copy")
    func sharedQuotation() {
        let words = "We will not reopen the intakes until three consecutive samples come back clean"
        var finder = ReuseFinder()
        finder.add(Self.document("one", "The deputy director spoke by telephone. “\(words),” Todorinova said. Crews kept working.",
                                 published: "2026-03-14", quotes: [words]))
        let found = finder.add(Self.document("two", "At a briefing on the bank, she repeated the promise: “\(words).” Later the rain stopped.",
                                             published: "2026-03-17", quotes: [words]))
        #expect(found.map(\.kind) == [.sharedQuotation])
    }

    @Test("short common phrases, comments and unrelated texts are not reuse")
    func notReuse() {
        var finder = ReuseFinder()
        finder.add(Self.document("one", "The minister said on Monday that the talks would continue. Nothing more was said about the barge.",
                                 comments: [Self.passage]))
        let found = finder.add(Self.document("two", "Officials said on Monday that the talks would continue next week in another city.",
                                             comments: [Self.passage]))
        #expect(found.isEmpty)
    }

    @Test("the side-by-side view marks the words that differ and keeps every character")
    func diff() {
        let (a, b) = PassageDiff.compare("the night of the accident, including any warning", "the night of 13 March, including any warning")
        #expect(a.map(\.text).joined() == "the night of the accident, including any warning")
        #expect(b.map(\.text).joined() == "the night of 13 March, including any warning")
        #expect(a.filter(\.changed).map(\.text) == ["the accident"])
        #expect(b.filter(\.changed).map(\.text) == ["13 March"])
    }

    @Test("the example corpus's planted copies, citations and shared quotation are found")
    func exampleCorpus() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let result = try runClaimTrace(["analyze", Paths.examples, "--db", dir.path + "/db.sqlite", "--json", dir.path + "/out.json"])
        try #require(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json"))) as! [String: Any]
        let documents = json["documents"] as! [[String: Any]]
        let outlet = Dictionary(uniqueKeysWithValues: documents.map { ($0["id"] as! String, ($0["outlet"] as? String) ?? "blog") })
        let texts = Dictionary(uniqueKeysWithValues: documents.map { ($0["id"] as! String, [Unicode.Scalar](($0["text"] as! String).unicodeScalars)) })
        let reuse = json["reuse"] as! [[String: Any]]
        struct Found { var a: String; var b: String; var kind: String; var origin: String?; var aText: String }
        var found: [Found] = []
        for record in reuse {
            let ids = record["documents"] as! [String]
            // Both sides' offsets give back their text.
            for (side, id) in [("a", ids[0]), ("b", ids[1])] {
                let s = record[side] as! [String: Any]
                let scalars = texts[id]!
                let text = String(String.UnicodeScalarView(scalars[(s["start"] as! Int)..<(s["end"] as! Int)]))
                #expect(text == s["text"] as! String)
            }
            found.append(Found(a: outlet[ids[0]]!, b: outlet[ids[1]]!, kind: record["kind"] as! String,
                               origin: (record["origin"] as? String).map { outlet[$0]! }, aText: (record["a"] as! [String: Any])["text"] as! String))
        }
        func has(_ a: String, _ b: String, kind: String = "copy", origin: String?, containing words: String) -> Bool {
            found.contains { $0.a == a && $0.b == b && $0.kind == kind && $0.origin == origin && $0.aText.contains(words) }
        }
        // The republication copies the wire's paragraph with "the Waterways Board" for the LDWA.
        #expect(has("Eastgate Wire", "Open Current", origin: "Eastgate Wire", containing: "sodium hydroxide solution escaped"))
        // The undated blog copies the wire verbatim: shared, but no direction.
        #expect(has("blog", "Eastgate Wire", origin: nil, containing: "A milky plume six to seven kilometres long"))
        #expect(has("Open Current", "Lower Danube Courier", origin: "Open Current", containing: "Sodium hydroxide dilutes quickly"))
        #expect(has("Eastgate Wire", "Barge & Lock Review", origin: "Eastgate Wire", containing: "appears to have struck a submerged object"))
        #expect(has("The Giurgiu Lantern", "Ripple Desk", origin: "The Giurgiu Lantern", containing: "identified the object as a section of steel pontoon"))
        // Todorinova's words reported twice, by telephone and at a briefing.
        #expect(has("Eastgate Wire", "Lower Danube Courier", kind: "shared-quotation", origin: "Eastgate Wire",
                    containing: "three consecutive samples come back clean"))
        // Reader comments quote the article, and are never counted.
        #expect(!found.contains { $0.aText.isEmpty })

        let listing = try runClaimTrace(["reuse", "--db", dir.path + "/db.sqlite", "--width", "120"])
        #expect(listing.status == 0)
        #expect(listing.stdout.contains("shared quotation") && listing.stdout.contains("origin Eastgate Wire, 2026-03-14"))
        #expect(listing.stdout.contains("\(reuse.count) shared passages"))
        let missing = try runClaimTrace(["reuse", "no-such-document", "--db", dir.path + "/db.sqlite"])
        #expect(missing.status == 2 && missing.stderr.contains("no document with the id or source no-such-document"))
    }

    @Test("the shared corpus's two articles that quote the same source share those words", .enabled(if: Paths.sharedCorpus != nil))
    func sharedCorpus() throws {
        let result = try readAll([Paths.sharedCorpus!])
        var finder = ReuseFinder()
        let extractor = Extractor(reference: ReferenceLoader.bundled)
        for document in result.documents {
            let (annotations, entities) = extractor.annotateWithEntities(document)
            finder.add(AnnotatedDocument(document: document, annotations: annotations, entities: entities))
        }
        try #require(!finder.passages.isEmpty)
        for p in finder.passages {
            let a = try #require(finder.text(of: p.a, p.aSpan)), b = try #require(finder.text(of: p.b, p.bSpan))
            #expect(a.split(separator: " ").count >= 10 && b.split(separator: " ").count >= 10)
            #expect(p.a != p.b)
        }
    }

    @Test("planted reuse in a generated corpus is found with precision and recall of at least 0.98")
    func plantedReuse() {
        let report = ReuseBenchmark(documents: 400).run()
        #expect(report.plantedPairs > 50)
        #expect(report.precision >= 0.98, "precision \(report.precision)")
        #expect(report.recall >= 0.98, "recall \(report.recall)")
        #expect(report.directionChecked > 0 && report.directionAccuracy == 1)
        #expect(report.undirectedRight == report.undirectedChecked)
    }
}

@Suite("Text reuse in the store")
struct StoredReuseTests {
    static func reuse(_ file: String) throws -> String { try layer("reuse", file) }

    static func layer(_ key: String, _ file: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
        return String(decoding: try JSONSerialization.data(withJSONObject: json[key] as! [Any], options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("documents added later find the passages and claims one run over all of them finds, and what the pipeline finds without a store")
    func incremental() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let parts = ["wire", "markdown", "blog", "html", "jsonl", "warc", "feeds"].map { Paths.examples + "/" + $0 }
        let steps = [Array(parts[0..<2]), Array(parts[2..<4]), Array(parts[4...])]
        for step in steps {
            let run = try runClaimTrace(["ingest"] + step + ["--db", dir.path + "/added.sqlite"])
            try #require(run.status == 0, "\(run.stderr)")
        }
        #expect(try runClaimTrace(["export", "--db", dir.path + "/added.sqlite", "--format", "json", "--out", dir.path + "/added.json"]).status == 0)
        #expect(try runClaimTrace(["analyze"] + parts + ["--db", dir.path + "/whole.sqlite", "--json", dir.path + "/whole.json"]).status == 0)
        #expect(try runClaimTrace(["extract"] + parts + ["--format", "json", "--out", dir.path + "/memory.json"]).status == 0)
        let added = try Self.reuse(dir.path + "/added.json")
        #expect(added.count > 1000, "the example corpus shares passages")
        #expect(added == (try Self.reuse(dir.path + "/whole.json")))
        #expect(added == (try Self.reuse(dir.path + "/memory.json")))
        let claims = try Self.layer("claims", dir.path + "/added.json")
        #expect(claims.count > 10_000, "the example corpus has claims")
        #expect(claims == (try Self.layer("claims", dir.path + "/whole.json")))
        #expect(claims == (try Self.layer("claims", dir.path + "/memory.json")))
    }

    @Test("a replaced document takes its passages with it, and its new text is compared again")
    func replaced() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let shared = "The barge struck a submerged pontoon section below the bridge late on Friday, and the crew moved the remaining cargo to another tank before dawn."
        try dir.write("in/a.txt", "Spill on the river\n\n\(shared) Nothing else was said.\n")
        try dir.write("in/b.txt", "Another view\n\nReaders asked about it. \(shared)\n")
        let db = dir.path + "/db.sqlite"
        func passages() throws -> [[String: Any]] {
            #expect(try runClaimTrace(["export", "--db", db, "--format", "json", "--out", dir.path + "/out.json"]).status == 0)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json"))) as! [String: Any]
            return json["reuse"] as! [[String: Any]]
        }
        #expect(try runClaimTrace(["ingest", dir.path + "/in", "--db", db]).status == 0)
        #expect(try passages().count == 1)
        try dir.write("in/b.txt", "Another view\n\nReaders asked about something else entirely, and nobody could answer them.\n")
        #expect(try runClaimTrace(["ingest", dir.path + "/in", "--db", db]).status == 0)
        #expect(try passages().isEmpty)
        try dir.write("in/b.txt", "Another view again\n\n\(shared) Then it rained.\n")
        #expect(try runClaimTrace(["ingest", dir.path + "/in", "--db", db]).status == 0)
        let now = try passages()
        #expect(now.count == 1)
        #expect((now.first?["b"] as? [String: Any])?["text"] as? String == String(shared.dropLast()))
    }

    @Test("a database stored before text reuse existed is compared when it is next exported")
    func olderDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let db = dir.path + "/db.sqlite"
        #expect(try runClaimTrace(["analyze", Paths.examples, "--db", db, "--json", dir.path + "/first.json"]).status == 0)
        // What a database of the release before holds: documents, no comparisons.
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: "DELETE FROM reuse_fingerprint; DELETE FROM reuse_passage; DELETE FROM reuse_done; DELETE FROM reuse_words")
        }
        #expect(try runClaimTrace(["export", "--db", db, "--format", "json", "--out", dir.path + "/again.json"]).status == 0)
        let first = try Self.reuse(dir.path + "/first.json")
        #expect(first.count > 1000)
        #expect(first == (try Self.reuse(dir.path + "/again.json")))
    }
}
