import ClaimTraceIngest
import Foundation

/// Writes a synthetic news corpus for benchmarks: articles in every input format, with bylines,
/// datelines, boilerplate tails, comment threads and passages copied between articles.
///
/// Deterministic for a given seed, so two runs measure the same bytes.
public struct CorpusGenerator: Sendable {
    public var documents: Int
    public var seed: UInt64

    public init(documents: Int, seed: UInt64 = 42) {
        self.documents = documents
        self.seed = seed
    }

    /// Writes the corpus under `directory`; returns the total bytes written.
    @discardableResult
    public func write(to directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var rng = SplitMix(seed: seed)
        var total = 0
        var jsonl = ""
        var warc: [UInt8] = []
        var passages: [String] = []
        for n in 0..<documents {
            let article = makeArticle(n, rng: &rng, passages: &passages)
            switch n % 10 {
            case 0...3:
                total += try writeFile("\(directory)/text/\(n / 1000)/article-\(n).txt", article.markdown)
            case 4...6:
                total += try writeFile("\(directory)/html/\(n / 1000)/article-\(n).html", article.html)
            case 7, 8:
                let record: [String: Any] = ["id": "gen-\(n)", "title": article.title, "maintext": article.paragraphs.joined(separator: "\n"),
                                             "authors": [article.author], "date_publish": article.date + " 09:00:00",
                                             "source_domain": article.outlet.lowercased().replacingOccurrences(of: " ", with: "") + ".example",
                                             "url": "https://news.example/\(n)"]
                let line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                jsonl += String(decoding: line, as: UTF8.self) + "\n"
            default:
                let body = Array(article.html.utf8)
                let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
                let header = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/\(n)\r\nWARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-\(String(format: "%012d", n))>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(http.count)\r\n\r\n"
                warc += GzipWriter.member(Array(header.utf8) + http + Array("\r\n\r\n".utf8))
            }
        }
        if !jsonl.isEmpty {
            let data = Data(jsonl.utf8)
            try data.write(to: URL(fileURLWithPath: "\(directory)/records.jsonl"))
            total += data.count
        }
        if !warc.isEmpty {
            try Data(warc).write(to: URL(fileURLWithPath: "\(directory)/crawl.warc.gz"))
            total += warc.count
        }
        return total
    }

    /// Writes `text` at `path`, creating its folder; returns the bytes written.
    private func writeFile(_ path: String, _ text: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let data = Data(text.utf8)
        try data.write(to: URL(fileURLWithPath: path))
        return data.count
    }

    struct Article {
        var title: String
        var author: String
        var outlet: String
        var date: String
        var paragraphs: [String]
        var comments: [(String, String)]

        var markdown: String {
            var lines = ["# \(title)", "", "By [\(author)](https://news.example/authors)", "", "\(outlet), \(date)", ""]
            for p in paragraphs { lines += [p, ""] }
            lines += ["\\*", "", "Note to readers: please click the share buttons below.", "",
                      "The original source of this article is [\(outlet)](https://news.example)", "",
                      "Copyright © \(author), \(outlet), 2026", ""]
            for (name, text) in comments { lines += ["\(name)'s picture", "", text, ""] }
            return lines.joined(separator: "\n")
        }

        var html: String {
            func esc(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
            var out = "<!doctype html><html><head><meta charset=\"utf-8\"><title>\(esc(title))</title>"
            out += "<meta property=\"og:site_name\" content=\"\(esc(outlet))\"><meta name=\"author\" content=\"\(esc(author))\">"
            out += "<meta property=\"article:published_time\" content=\"\(date)T09:00:00Z\"><style>p{margin:0}</style>"
            out += "<script>var a = '</div>';</script></head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>"
            out += "<article><h1>\(esc(title))</h1><p class=\"byline\">By \(esc(author))</p>"
            for p in paragraphs { out += "<p>\(esc(p))</p>" }
            out += "<aside class=\"share\">Share this story</aside></article><section class=\"comments\">"
            for (name, text) in comments {
                out += "<div class=\"comment\"><span class=\"comment-author\">\(esc(name))</span><div class=\"comment-body\"><p>\(esc(text))</p></div></div>"
            }
            out += "</section><footer><p>© 2026 \(esc(outlet)). All rights reserved.</p></footer></body></html>"
            return out
        }
    }

    private func makeArticle(_ n: Int, rng: inout SplitMix, passages: inout [String]) -> Article {
        let outlets = ["Harbor Ledger", "Valley Courier", "Northern Wire", "Riverside Post", "Coastal Tribune", "Metro Observer"]
        let first = ["Ana", "Jonas", "Leila", "Marek", "Priya", "Tomas", "Yuki", "Omar", "Sofia", "Elias"]
        let last = ["Varga", "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Petrov", "Silva", "Novak", "Brennan"]
        var paragraphs: [String] = []
        let count = 5 + Int(rng.next() % 8)
        for _ in 0..<count {
            if !passages.isEmpty, rng.next() % 6 == 0 {
                paragraphs.append(passages[Int(rng.next() % UInt64(passages.count))])  // copied passage
            } else {
                let p = paragraph(&rng)
                paragraphs.append(p)
                if rng.next() % 4 == 0 { passages.append(p); if passages.count > 500 { passages.removeFirst() } }
            }
        }
        let comments = (0..<Int(rng.next() % 4)).map { _ in ("\(first[Int(rng.next() % 10)])\(rng.next() % 100)", paragraph(&rng)) }
        return Article(title: sentence(&rng, words: 6 + Int(rng.next() % 6), period: false),
                       author: "\(first[Int(rng.next() % 10)]) \(last[Int(rng.next() % 10)])",
                       outlet: outlets[Int(rng.next() % UInt64(outlets.count))],
                       date: String(format: "2026-%02d-%02d", 1 + Int(rng.next() % 12), 1 + Int(rng.next() % 28)),
                       paragraphs: paragraphs, comments: comments)
    }

    private func paragraph(_ rng: inout SplitMix) -> String {
        (0..<(2 + Int(rng.next() % 3))).map { _ in sentence(&rng) }.joined(separator: " ")
    }

    /// A title: a short clause without a full stop.
    private func sentence(_ rng: inout SplitMix, words: Int, period: Bool) -> String {
        let clause = Self.clause(&rng)
        let text = clause.prefix(1).uppercased() + clause.dropFirst()
        return period ? text + "." : text
    }

    /// One sentence of news prose made from templates: quotations with speech tags, attributions,
    /// hedges, numbers, dates and names in the proportions of a wire story, so that the extract
    /// stage is timed on text like the text it reads.
    private func sentence(_ rng: inout SplitMix) -> String {
        func pick(_ list: [String]) -> String { list[Int(rng.next() % UInt64(list.count))] }
        let person = pick(Self.first) + " " + pick(Self.last)
        let org = pick(Self.bodies)
        let clause = Self.clause(&rng)
        switch rng.next() % 9 {
        case 0: return "“\(clause.prefix(1).uppercased() + clause.dropFirst()),” \(person), a spokesperson for the \(org), said on \(pick(Self.days))."
        case 1: return "The \(org) said \(clause)."
        case 2: return "According to \(pick(Self.sources)), \(clause)."
        case 3: return "\(person) told reporters that \(clause), but declined to say more."
        case 4: return "Residents in \(pick(Self.places)) reportedly saw \(clause)."
        case 5: return "“We have asked for the samples,” \(pick(Self.first)) \(pick(Self.last)) said. “Nobody has answered.”"
        case 6: return "The \(pick(Self.nouns)) could take weeks, \(pick(Self.sources)) said on \(pick(Self.days))."
        case 7: return "In \(pick(Self.places)), \(clause) last \(pick(Self.days))."
        default: return (clause.prefix(1).uppercased() + clause.dropFirst()) + " on \(pick(Self.days)), the \(pick(Self.nouns)) showed."
        }
    }

    private static func clause(_ rng: inout SplitMix) -> String {
        func pick(_ list: [String]) -> String { list[Int(rng.next() % UInt64(list.count))] }
        let count = ["more than 3,000", "about 40", "dozens of", "two", "some 400", "at least 12", "six to seven", "1.4 million"]
        return "\(pick(count)) \(pick(units)) \(pick(verbs)) near \(pick(places))"
    }

    static let first = ["Ana", "Jonas", "Leila", "Marek", "Priya", "Tomas", "Yuki", "Omar", "Sofia", "Elias"]
    static let last = ["Varga", "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Petrov", "Silva", "Novak", "Brennan"]
    static let bodies = ["River Authority", "Ministry of Environment", "Port Council", "Harbour Pilots Association",
                         "Regional Water Board", "Coast Guard"]
    static let sources = ["officials", "two inspectors", "the River Authority", "a source familiar with the inquiry",
                          "local fishermen", "the Harbor Ledger"]
    static let places = ["the port", "Marten", "the old bridge", "the northern districts", "the river mouth", "Riverside"]
    static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let units = ["litres of fuel", "trucks", "residents", "barges", "kilometres of shoreline", "dead fish", "samples"]
    static let verbs = ["were found", "had been evacuated", "were reported", "were seen", "had leaked", "were tested"]
    static let nouns = ["inquiry", "clean-up", "survey", "statement", "report", "repair"]
}

/// A small deterministic random number generator (SplitMix64).
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
