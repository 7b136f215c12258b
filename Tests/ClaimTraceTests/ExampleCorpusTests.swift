import ClaimTraceCore
import Foundation
import Testing

/// The project's own example corpus (examples/corpus) against its expectations (examples/expected.json):
/// every format, every boilerplate kind, and a comment thread, written by the team for these tests.
@Suite("Example corpus")
struct ExampleCorpusTests {
    struct Expected: Decodable {
        var file: String
        var record: Record?
        var title: String?
        var authors: [String]
        var published: String?
        var outlet: String?
        var republished_from: String?
        var comment_authors: [String]
        var empty_comment_headers: Int
        var body_first_words: String
        var body_last_words: String
        var boilerplate_kinds: [String]

        /// A JSON Lines line number or a WARC/feed URL.
        enum Record: Decodable {
            case line(Int), url(String)
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let n = try? c.decode(Int.self) { self = .line(n) } else { self = .url(try c.decode(String.self)) }
            }
        }

        func source(in corpus: String) -> String {
            switch record {
            case nil: return "\(corpus)/\(file)"
            case .line(let n): return "\(corpus)/\(file):\(n)"
            case .url(let u): return "\(corpus)/\(file)#\(u)"
            }
        }
    }

    @Test("Every document has its metadata, body bounds, comments and boilerplate kinds")
    func expectations() throws {
        let expected = try JSONDecoder().decode([Expected].self, from: Data(contentsOf: URL(fileURLWithPath: Paths.root + "/examples/expected.json")))
        let result = try readAll([Paths.examples])
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.documents.count == expected.count)
        let bySource = Dictionary(result.documents.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        for e in expected {
            let source = e.source(in: Paths.examples)
            guard let d = bySource[source] else { Issue.record("no document for \(source)"); continue }
            #expect(d.title == e.title, "\(e.file)")
            #expect(d.authors == e.authors, "\(e.file)")
            #expect(d.published?.description == e.published, "\(e.file)")
            #expect(d.outlet == e.outlet, "\(e.file)")
            #expect(d.republishedFrom == e.republished_from, "\(e.file)")
            #expect(d.comments.map { $0.author ?? "" } == e.comment_authors, "\(e.file)")
            let words = d.text.split(whereSeparator: \.isWhitespace).map(String.init)
            #expect(words.prefix(8).joined(separator: " ") == e.body_first_words, "\(e.file)")
            #expect(words.suffix(8).joined(separator: " ") == e.body_last_words, "\(e.file)")
            let kinds = Set(d.removed.map(\.kind.rawValue))
            #expect(Set(e.boilerplate_kinds).subtracting(kinds).isEmpty, "\(e.file): missing \(Set(e.boilerplate_kinds).subtracting(kinds))")
            let emptyHeaders = d.removed.filter { $0.kind == .commentHeader && $0.text.hasSuffix("'s picture") }.count
            #expect(emptyHeaders == e.empty_comment_headers, "\(e.file)")
            // Nothing set aside is in the body.
            for removed in d.removed where removed.text.count > 20 {
                #expect(!d.text.contains(removed.text), "\(e.file): removed \(removed.kind) text is in the body")
            }
        }
    }
}
