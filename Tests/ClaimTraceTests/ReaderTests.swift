import ClaimTraceCore
import ClaimTraceIngest
import Foundation
import Testing

@Suite("Readers")
struct ReaderTests {
    @Test("Plain text: title line, paragraphs, byline and dateline")
    func plainText() throws {
        // Given a plain-text article with a byline and a dateline
        let text = """
            Harbour cranes idle after power cut

            By Mira Holt

            Coastline Gazette, 4 May 2026

            The port of Lindavik stopped loading ships on Tuesday after a substation failed, officials said.

            Engineers expect repairs to take two days.
            """
        // When it is read and cleaned
        let document = try #require(try readFile("story.txt", text).only)
        // Then the metadata comes from the header lines and the body keeps both paragraphs
        #expect(document.format == .text)
        #expect(document.title == "Harbour cranes idle after power cut")
        #expect(document.authors == ["Mira Holt"])
        #expect(document.outlet == "Coastline Gazette")
        #expect(document.published?.description == "2026-05-04")
        #expect(document.text == "The port of Lindavik stopped loading ships on Tuesday after a substation failed, officials said.\n\nEngineers expect repairs to take two days.")
    }

    @Test("Markdown: links keep their words and their targets, as code point offsets")
    func markdownLinks() throws {
        // Given Markdown with links, emphasis and a non-ASCII character before a link
        let text = """
            # Ferry delayed

            The *Ærø* ferry was delayed, [the operator](https://ferry.example/notice) said, citing **[a report](https://wx.example/r1)**.
            """
        // When it is read
        let document = try #require(try readFile("ferry.md", text).only)
        // Then the text is plain and each link's offsets select its words
        #expect(document.text == "The Ærø ferry was delayed, the operator said, citing a report.")
        let scalars = Array(document.text.unicodeScalars)
        let words = document.links.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(words == ["the operator", "a report"])
        #expect(document.links.map(\.target) == ["https://ferry.example/notice", "https://wx.example/r1"])
    }

    @Test("A .txt file that is Markdown in all but name is read as Markdown")
    func markdownSniffing() throws {
        let text = "Title here\n\nSee [one](https://a.example) and [two](https://b.example) for more.\n"
        let document = try #require(try readFile("page.txt", text).only)
        #expect(document.format == .markdown)
        #expect(document.text == "See one and two for more.")
    }

    @Test("HTML: windows-1252 charset, entities, script with </div>, nav and footer set aside")
    func htmlPage() throws {
        // Given a windows-1252 page (é is byte 0xE9, curly quotes 0x93/0x94)
        var html = Array("""
            <!doctype html><html><head><meta charset="windows-1252"><title>Mayor resigns | Fjord Post</title>
            <meta property="og:site_name" content="Fjord Post"><meta name="author" content="Jos Ramos">
            <meta property="article:published_time" content="2026-02-03T08:00:00+01:00">
            <script>var x = "</div><p>not text</p>";</script><style>p { color: red }</style></head>
            <body><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
            <article><h1>Mayor resigns</h1><p class="byline">By Jos Ramos</p>
            <p>The mayor of Tromsby resigned on Monday, caf&eacute; owners said&nbsp;quietly.</p>
            <p>REPLACE</p></article>
            <footer><p>© 2026 Fjord Post. All rights reserved.</p></footer></body></html>
            """.utf8)
        let marker = Array("REPLACE".utf8)
        let at = html.indices.first { html[$0..<min(html.count, $0 + marker.count)].elementsEqual(marker) }!
        html.replaceSubrange(at..<(at + marker.count), with: [0x93, 0x57, 0xE9, 0x20, 0x61, 0x72, 0x65, 0x20, 0x64, 0x6F, 0x6E, 0x65, 0x94, 0x2C, 0x20, 0x68, 0x65, 0x20, 0x73, 0x61, 0x69, 0x64, 0x2E])
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let document = try #require(try readAll([try dir.write("page.html", html)]).only)
        // Then the text is decoded, entities resolved, script and navigation absent from the body
        #expect(document.title == "Mayor resigns")
        #expect(document.authors == ["Jos Ramos"])
        #expect(document.outlet == "Fjord Post")
        #expect(document.published?.description == "2026-02-03")
        #expect(document.text == "The mayor of Tromsby resigned on Monday, café owners said\u{00A0}quietly.\n\n“Wé are done”, he said.")
        #expect(!document.text.contains("not text"))
        #expect(document.removed.contains { $0.kind == .navigation && $0.text.contains("Politics") })
        #expect(document.removed.contains { $0.kind == .copyright && $0.text.contains("All rights reserved") })
    }

    @Test("HTML comment sections become comments with their authors")
    func htmlComments() throws {
        let html = """
            <html><body><article><h1>Bridge reopens</h1><p>The bridge reopened after three weeks of repairs, the council said.</p></article>
            <section class="comments"><h3>2 comments</h3>
            <div class="comment"><span class="comment-author">ferryfan</span><div class="comment-body"><p>About time.</p><p>Three weeks!</p></div></div>
            <div class="comment"><span class="comment-author">Ola N.</span><div class="comment-body"><p>Still closed at night.</p></div></div>
            </section></body></html>
            """
        let document = try #require(try readFile("bridge.html", html).only)
        #expect(document.text == "The bridge reopened after three weeks of repairs, the council said.")
        #expect(document.comments == [Comment(author: "ferryfan", text: "About time.\n\nThree weeks!"),
                                      Comment(author: "Ola N.", text: "Still closed at night.")])
    }

    @Test("JSON Lines: news-please and Media Cloud records load as they are")
    func jsonLines() throws {
        let lines = """
            {"title": "Dam inspection finds cracks", "maintext": "Inspectors found cracks in the Ostra dam.\\nRepairs start in June.", "authors": ["Lea Brandt"], "date_publish": "2026-03-18 08:15:00", "source_domain": "valleytimes.example", "url": "https://valleytimes.example/dam", "language": "en"}
            {"stories_id": 4471, "title": "Dam cracks: what we know", "url": "https://other.example/d", "publish_date": "2026-03-19 11:00:00.000000", "media_name": "Other Daily", "text": "The Ostra dam has cracks, inspectors said."}
            """
        let result = try readFile("records.jsonl", lines)
        #expect(result.problems.isEmpty)
        #expect(result.documents.count == 2)
        let first = result.documents[0], second = result.documents[1]
        #expect(first.source.hasSuffix("records.jsonl:1"))
        #expect(first.authors == ["Lea Brandt"])
        #expect(first.published?.description == "2026-03-18")
        #expect(first.outlet == "valleytimes.example")
        #expect(first.text == "Inspectors found cracks in the Ostra dam.\n\nRepairs start in June.")
        #expect(second.id.rawValue == "4471")
        #expect(second.outlet == "Other Daily")
        #expect(second.published?.description == "2026-03-19")
        #expect(second.url == "https://other.example/d")
    }

    @Test("JSON file holding an array of records")
    func jsonArray() throws {
        let json = #"[{"id": "a1", "title": "One", "text": "First story text here."}, {"id": "a2", "title": "Two", "html": "<p>Second <b>story</b>.</p>"}]"#
        let result = try readFile("batch.json", json)
        #expect(result.documents.map(\.id.rawValue) == ["a1", "a2"])
        #expect(result.documents[1].text == "Second story.")
    }

    @Test("WARC, plain and gzip with one member per record")
    func warc() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let records = [warcRecord(type: "warcinfo", uri: nil, block: "software: test\r\n", contentType: "application/warc-fields")]
            + (1...3).map { n in
                warcRecord(type: "response", uri: "https://news.example/\(n)",
                           block: httpResponse("<html><head><title>Story \(n)</title></head><body><article><h1>Story \(n)</h1><p>Body of story number \(n), with enough words to be a paragraph.</p></article></body></html>"))
            }
            + [warcRecord(type: "response", uri: "https://news.example/logo.png", block: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG")]
        let plain = try dir.write("crawl.warc", Array(records.joined().utf8))
        let gzipped = try dir.write("crawl.warc.gz", records.flatMap { GzipWriter.member(Array($0.utf8)) })
        for path in [plain, gzipped] {
            let result = try readAll([path])
            #expect(result.problems.isEmpty)
            #expect(result.documents.map(\.title) == ["Story 1", "Story 2", "Story 3"])
            #expect(result.documents[2].source == path + "#https://news.example/3")
            #expect(result.documents[2].url == "https://news.example/3")
            #expect(result.documents[0].text == "Body of story number 1, with enough words to be a paragraph.")
        }
    }

    @Test("WARC responses with gzip, deflate and chunked HTTP bodies")
    func encodedHTTPBodies() throws {
        let html = Array("<html><body><p>Encoded body text that must come through intact.</p></body></html>".utf8)
        func record(_ uri: String, headers: String, body: [UInt8]) -> [UInt8] {
            let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\(headers)\r\n".utf8) + body
            return Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: \(uri)\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(block.count)\r\n\r\n".utf8)
                + block + Array("\r\n\r\n".utf8)
        }
        let chunked = Array("10\r\n".utf8) + html.prefix(16) + Array("\r\n\(String(html.count - 16, radix: 16))\r\n".utf8) + html.dropFirst(16) + Array("\r\n0\r\n\r\n".utf8)
        let bytes = record("https://e.example/gzip", headers: "Content-Encoding: gzip\r\n", body: GzipWriter.member(html))
            + record("https://e.example/deflate", headers: "Content-Encoding: deflate\r\n", body: GzipWriter.zlib(html))
            + record("https://e.example/chunked", headers: "Transfer-Encoding: chunked\r\n", body: chunked)
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let result = try readAll([try dir.write("encoded.warc", bytes)])
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.documents.map(\.text) == Array(repeating: "Encoded body text that must come through intact.", count: 3))
    }

    @Test("Markdown setext headings are headings, not rules")
    func setextHeadings() throws {
        let document = try #require(try readFile("setext.md", "Harbour Report\n==============\n\nThe harbour froze for the first time in a decade, the port said.\n\nLater\n-----\n\nIce breakers arrived.\n").only)
        #expect(document.title == "Harbour Report")
        #expect(document.text == "The harbour froze for the first time in a decade, the port said.\n\nLater\n\nIce breakers arrived.")
    }

    @Test("RSS 2.0 with full content and an Atom feed")
    func feeds() throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Island Herald</title>
            <item><title>Ferry strike ends</title><link>https://herald.example/ferry</link><dc:creator>Ines Falk</dc:creator>
            <pubDate>Tue, 17 Mar 2026 09:30:00 GMT</pubDate><description>Short summary.</description>
            <content:encoded><![CDATA[<p>The ferry strike ended on Tuesday after talks, the union said.</p><p>Crossings resume tomorrow.</p>]]></content:encoded></item>
            </channel></rss>
            """
        let atom = """
            <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atoll Times</title>
            <entry><title>Reef survey published</title><link rel="alternate" href="https://atoll.example/reef"/><id>tag:atoll,2026:1</id>
            <published>2026-03-20T10:00:00Z</published><updated>2026-03-21T10:00:00Z</updated><author><name>Kai Moana</name></author>
            <content type="html">&lt;p&gt;Coral cover fell by a third, the survey found.&lt;/p&gt;</content></entry></feed>
            """
        let r = try #require(try readFile("herald.rss", rss).only)
        #expect(r.title == "Ferry strike ends")
        #expect(r.outlet == "Island Herald")
        #expect(r.authors == ["Ines Falk"])
        #expect(r.published?.description == "2026-03-17")
        #expect(r.text == "The ferry strike ended on Tuesday after talks, the union said.\n\nCrossings resume tomorrow.")
        let a = try #require(try readFile("atoll.atom", atom).only)
        #expect(a.format == .atom)
        #expect(a.title == "Reef survey published")
        #expect(a.authors == ["Kai Moana"])
        #expect(a.published?.description == "2026-03-20")
        #expect(a.url == "https://atoll.example/reef")
        #expect(a.text == "Coral cover fell by a third, the survey found.")
    }

    @Test("Directories are walked recursively; hidden files are skipped")
    func directories() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("a/one.txt", "One\n\nFirst article body with several words in it.\n")
        try dir.write("a/b/two.md", "# Two\n\nSecond article body with several words in it.\n")
        try dir.write("a/.hidden.txt", "Hidden\n\nShould not be read.\n")
        let result = try readAll([dir.path + "/a"])
        #expect(result.documents.map(\.title) == ["Two", "One"])
    }

    @Test("Dates are read the ways articles write them, and impossible dates are refused")
    func dates() {
        #expect(DateText.parse("March 27, 2019")?.description == "2019-03-27")
        #expect(DateText.parse("26 March 2019")?.description == "2019-03-26")
        #expect(DateText.parse("Mar. 5 2019")?.description == "2019-03-05")
        #expect(DateText.parse("Wed, 27 Mar 2019 10:00:00 GMT")?.description == "2019-03-27")
        #expect(DateText.parse("2019-03-27T23:30:00-05:00")?.description == "2019-03-27")
        #expect(DateText.parse("2026-03-18 11:00:00.000000")?.description == "2026-03-18")
        #expect(DateText.parse("February 30, 2019") == nil)
        #expect(DateText.parse("March 2019") == nil)
        #expect(DateText.splitTrailingDate("Global Wire, March 27, 2019")?.name == "Global Wire")
    }
}

func warcRecord(type: String, uri: String?, block: String, contentType: String = "application/http; msgtype=response") -> String {
    var header = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:\(UUID().uuidString)>\r\n"
    if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
    header += "Content-Type: \(contentType)\r\nContent-Length: \(block.utf8.count)\r\n\r\n"
    return header + block + "\r\n\r\n"
}

func httpResponse(_ html: String) -> String {
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(html.utf8.count)\r\n\r\n" + html
}
