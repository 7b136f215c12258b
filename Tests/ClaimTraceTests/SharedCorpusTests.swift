import ClaimTraceCore
import Foundation
import Testing

/// The three real articles beside the checkout: two republished commentary pieces with long
/// boilerplate tails, and a post followed by its reader-comment thread. They are read from there
/// at test time and never copied into the repository; on a fresh clone without them these skip.
/// Expected titles, paragraphs and comments are compared by fingerprint (16 hex digits of SHA-256)
/// so that no article text sits in this file.
@Suite("Cleaning real articles", .enabled(if: Paths.sharedCorpus != nil, "../shared/corpus is not present"))
struct SharedCorpusTests {
    private func source(_ prefix: String) throws -> String {
        let corpus = try #require(Paths.sharedCorpus)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: corpus).first { $0.hasPrefix(prefix) })
        return try String(contentsOfFile: corpus + "/" + name, encoding: .utf8)
    }

    private func document(_ prefix: String) throws -> Document {
        let corpus = try #require(Paths.sharedCorpus)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: corpus).first { $0.hasPrefix(prefix) })
        let source = try String(contentsOfFile: corpus + "/" + name, encoding: .utf8)
        let result = try readAll([corpus + "/" + name])
        #expect(result.problems.isEmpty)
        let document = try #require(result.only)
        assertNoBoilerplate(document, source: source)
        return document
    }

    /// No boilerplate phrase and no comment text may remain in the body.
    private func assertNoBoilerplate(_ document: Document, source: String) {
        let phrases = ["Note to readers", "Featured image", "ISBN", "Click to order", "The original source of this article",
                       "Copyright ©", "Comment on Global Research Articles", "Become a Member", "Articles by:", "Disclaimer:",
                       "fair use", "For media inquiries", "'s picture", "Region:", "Theme:", "In-depth Report:"]
        for phrase in phrases {
            #expect(!document.text.contains(phrase), "body still contains \(phrase)")
        }
        for comment in document.comments {
            #expect(!document.text.contains(comment.text), "comment by \(comment.author ?? "?") is in the body")
        }
    }

    /// Every paragraph of `document.text` appears in the source (modulo Markdown syntax).
    private func bodyParagraphs(_ document: Document) -> [String] {
        document.text.components(separatedBy: "\n\n")
    }

    @Test("Republished commentary with a book promotion in its tail")
    func republishedWithPromo() throws {
        let d = try document("000_")
        #expect(fingerprint(d.title) == "2b7734f17e0128fb")
        #expect(d.authors == ["Steven Sahiounie"])
        #expect(d.published?.description == "2019-03-27")
        #expect(d.outlet == "Global Research")
        #expect(d.republishedFrom == "InfoRos")
        #expect(d.comments.isEmpty)
        let paragraphs = bodyParagraphs(d)
        #expect(fingerprint(paragraphs.first) == "9998e25a12643465")    // the standfirst stays in the body
        #expect(fingerprint(paragraphs[1]) == "a4b234b29cbf999f")
        #expect(fingerprint(paragraphs.last) == "d846ed84407f417b")
        // The paragraph split by a page break is whole again.
        let fingerprints = Set(paragraphs.map { fingerprint($0) })
        #expect(fingerprints.contains("aff588142ff0d9e6"))    // the paragraph a page break split is whole again
        #expect(fingerprints.contains("f93d72bddc22a2ed"))    // the paragraph quoting the lorry driver
        let kinds = Set(d.removed.map(\.kind))
        for kind: RemovedKind in [.noteToReaders, .featuredImage, .bookPromo, .republication, .commentPrompt, .membership, .disclaimer, .contact, .byline, .dateline, .taxonomy] {
            #expect(kinds.contains(kind), "no \(kind) removed")
        }
        #expect(d.removed.contains { $0.kind == .bookPromo && $0.text.contains("combines years of research") })
        #expect(d.removed.contains { $0.kind == .fairUse || ($0.kind == .disclaimer && $0.text.contains("fair use")) } || d.removed.contains { $0.text.contains("fair use") })
    }

    @Test("Republished long-form piece with headings, captions and quotations")
    func republishedLongForm() throws {
        let d = try document("002_")
        #expect(fingerprint(d.title) == "33594897b92b5419")
        #expect(d.authors == ["Steven Chovanec"])
        #expect(d.published?.description == "2018-02-26")
        #expect(d.outlet == "Global Research")
        #expect(d.republishedFrom == "Insurge Intelligence")
        let paragraphs = bodyParagraphs(d)
        #expect(fingerprint(paragraphs.first) == "0fcca80b5fc37758")
        #expect(fingerprint(paragraphs.last) == "c7155d0b497f6736")
        let fingerprints = Set(paragraphs.map { fingerprint($0) })
        for heading in ["d0071d6a4f6d344a", "0c5524ba52d481e1", "c5d0011909c4065f", "fff6d2438699b37e"] {
            #expect(fingerprints.contains(heading), "section heading \(heading) missing")
        }
        #expect(fingerprints.contains("c968dc6f7fb636de"))    // split by a page break, whole again
        #expect(paragraphs.count >= 100)
    }

    @Test("A post followed by a reader-comment thread")
    func commentThread() throws {
        let d = try document("003_")
        #expect(fingerprint(d.title) == "58c6678485588010")
        #expect(d.authors.isEmpty)
        #expect(d.published == nil)
        #expect(d.outlet == nil)
        #expect(d.republishedFrom == nil)
        let paragraphs = bodyParagraphs(d)
        #expect(fingerprint(paragraphs.first) == "12dcff51095ab64f")
        #expect(fingerprint(paragraphs.last) == "4e913c601ce52ebd")
        #expect(paragraphs.map { fingerprint($0) }.contains("84d7812ae307caf2"))    // the quoted BBC paragraph
        // Comments with text, each with its author, in page order.
        let authors = d.comments.map { $0.author ?? "" }
        #expect(authors.first == "Son of Captain Nemo")
        #expect(authors.last == "PrivetHedge")
        #expect(authors.contains("Zorba's idea"))
        #expect(d.comments.count == 30)
        #expect(d.comments.allSatisfy { !$0.text.isEmpty && !$0.text.contains("'s picture") })
        let boompi = d.comments.filter { $0.author == "MrBoompi" }
        #expect(boompi.count == 2)
        #expect(fingerprint(boompi[0].text) == "3521b69d538eed51")
        let marcus = try #require(d.comments.first { $0.author == "marcusfenix" })
        #expect(fingerprint(marcus.text.components(separatedBy: "\n\n").first) == "fc2ca7a8c5eff467")
        #expect(marcus.text.components(separatedBy: "\n\n").count >= 6)
        // Headers of comments without text are kept as removed text, not lost.
        let headers = try source("003_").split(separator: "\n").filter { $0.hasSuffix("'s picture") }.count
        #expect(d.comments.count + d.removed.filter { $0.kind == .commentHeader }.count == headers)
    }
}

/// The first 16 hex digits of the SHA-256 of `text`, or "" for nil.
func fingerprint(_ text: String?) -> String {
    text.map { String(ContentHash.sha256Hex($0).prefix(16)) } ?? ""
}
