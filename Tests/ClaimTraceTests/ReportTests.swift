import ClaimTraceCore
import ClaimTracePipeline
@testable import ClaimTraceReport
import ClaimTraceSQLite
import Foundation
import Testing

/// The HTML report as a reader gets it: written by the command line from real inputs, then read
/// as markup and, where Chromium is installed, rendered by it.
@Suite("HTML report")
struct ReportTests {
    @Test("Each text shows its quotations with speakers, attributed sentences with sources, hedges and names linked to the entity list")
    func annotatedTexts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/a.txt", """
            Barge traffic returns to Ruse

            “The channel is open again,” Deputy Director Milena Todorinova said on Tuesday.

            Barge crews reportedly ignored the warning, according to Elena Petrova.
            """)
        let run = try runClaimTrace(["analyze", "in", "--report", "report.html"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        #expect(report.contains("<span class=\"q\">The channel is open again,</span>"))
        #expect(report.contains("<span class=\"who\">— Milena Todorinova (Deputy Director) · said</span>"))
        #expect(report.contains("<span class=\"src\">[Elena Petrova · according to · hedged: reportedly]</span>"))
        #expect(report.contains("class=\"att hedge\""))
        // Every name in a text links to a row of the entity list.
        let rowIDs = Set(Self.values(of: "<tr id=\"", in: report))
        let linked = Self.values(of: "<a href=\"#E", in: report).map { "E" + $0 }
        #expect(!linked.isEmpty)
        #expect(linked.allSatisfy { rowIDs.contains($0) })
        #expect(report.contains("Ruse"))
        #expect(report.contains(">Milena Todorinova</a></td>"))
    }

    @Test("The timeline marks publications and stated dates; the map puts the places named on an offline outline")
    func timelineAndMap() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        for (n, day) in ["2031-03-02", "2031-03-04"].enumerated() {
            let record: [String: Any] = ["title": "Barges wait at Ruse \(n)", "outlet": "Danube Courier", "published": day,
                                         "text": "Forty barges waited at Ruse on Monday, the port said. The pier was closed on 12 February 2031 and in January 2031."]
            try dir.write("in/\(n).jsonl", String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self) + "\n")
        }
        let run = try runClaimTrace(["analyze", "in", "--report", "report.html"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        let timeline = try #require(report.components(separatedBy: "<section id=\"timeline\">").last?.components(separatedBy: "</section>").first)
        #expect(timeline.components(separatedBy: "class=\"published\"").count - 1 == 2)
        #expect(timeline.contains("<title>2031-02-12: stated 2 times</title>"))
        #expect(timeline.contains("<title>2031-01: stated 2 times</title>"))
        #expect(timeline.contains("<title>2031-03-02: Barges wait at Ruse 0 — Danube Courier</title>"))
        let map = try #require(report.components(separatedBy: "<section id=\"map\">").last?.components(separatedBy: "</section>").first)
        #expect(map.contains("<path class=\"land\""))
        let ruse = try #require(map.components(separatedBy: "<circle").dropFirst().first { $0.contains("<title>Ruse (BG)") })
        // Ruse lies at about 25.97° E, 43.85° N: x is the longitude, y the negated latitude.
        #expect(ruse.contains("cx=\"25.9") && ruse.contains("cy=\"-43.8"), "\(ruse)")
        #expect(TimelineView.date(TimelineView.day(try #require(PublicationDate(year: 2031, month: 2, day: 12)))) == PublicationDate(year: 2031, month: 2, day: 12))
        #expect(TimelineView.day(try #require(PublicationDate(year: 1970, month: 1, day: 1))) == 0)
    }

    @Test("Hostile documents are shown as text: no script, handler, live javascript: or data: link, style break-out or hidden direction change gets through")
    func hostileDocuments() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try Self.writeHostileCorpus(in: dir)
        let run = try runClaimTrace(["analyze", "in", "--report", "report.html"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)

        Self.expectOnlyOwnMarkup(report, scripts: 1)
        #expect(report.contains("<script>\(ClaimViews.tableScript)</script>"))
        // The copied sentence is a shared passage and a claim told twice: shown as text in both views.
        let views = try #require(report.components(separatedBy: "<section id=\"texts\">").first)
        #expect(views.contains("<div class=\"pair\">"))
        #expect(views.contains("<article class=\"claim\""))
        #expect(views.contains("&lt;b onmouseover=&quot;document.title=&#39;owned&#39;&quot;&gt;"))
        let hrefs = Self.tags(in: report).flatMap { $0.attributes.filter { $0.name == "href" }.map(\.value) }
        #expect(hrefs.contains("https://port.example/notice"))
        // Hidden characters are shown, not obeyed.
        #expect(!report.unicodeScalars.contains("\u{202E}"))
        #expect(!report.unicodeScalars.contains("\u{200B}"))
        #expect(report.contains("⟨U+202E⟩gnp.exe⟨U+202C⟩"))
        #expect(report.contains("Mara</a>⟨U+200B⟩"))
        // The 10,000-character name is cut where it is listed, and said to be.
        #expect(report.contains("(10003 characters)"))
        #expect(report.contains("&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;Quay notice"))

        guard let browser = Browser.path else { return }
        let session = try BrowserSession(browser: browser)
        defer { session.quit() }
        try session.open(URL(fileURLWithPath: dir.path + "/report.html").absoluteString)
        let page = try #require(try session.evaluate("""
            ({ title: document.title, images: document.images.length, handlers: document.querySelectorAll("[onmouseover], [onerror]").length,
               text: document.body.innerText.includes("Quay notice") })
            """) as? [String: Any])
        #expect(page["title"] as? String == "ClaimTrace report", "a script changed the page's title")
        #expect(page["images"] as? Int == 0 && page["handlers"] as? Int == 0 && page["text"] as? Bool == true, "\(page)")
        // Not even a blocked attempt: nothing the documents carry reaches the page as markup.
        #expect(session.console.isEmpty, "\(session.console)")
    }

    @Test("Claims: counts by status, a table the page's script filters, each claim's provenance graph and mentions in context; shared passages side by side")
    func claimAndReuseViews() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["analyze", Paths.examples, "--report", "report.html", "--json", "out.json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        let export = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json"))) as! [String: Any]
        let claims = try #require(export["claims"] as? [[String: Any]])
        let told = claims.filter { claim in Set((claim["mentions"] as! [[String: Any]]).map { $0["document"] as! String }).count > 1 }
        #expect(told.count >= 10)

        // The overview counts them by status; the table has a row for each, linked to its view.
        let overview = try #require(report.components(separatedBy: "<section id=\"overview\">").last?.components(separatedBy: "</section>").first)
        #expect(overview.contains("<li><b>\(told.count)</b>told in two documents or more</li>"))
        for status in ["corroborated", "single-source", "unattributed", "circular"] {
            let count = told.count { $0["status"] as? String == status }
            #expect(overview.contains("<li class=\"status \(status)\"><b>\(count)</b>\(status)</li>"))
        }
        let table = try #require(report.components(separatedBy: "<section id=\"claims\">").last?.components(separatedBy: "</section>").first)
        #expect(table.components(separatedBy: "<tr data-status=").count - 1 == told.count)
        // The table says which entities each claim's mentions name: the most named, for the first claim.
        var counts: [String: Int] = [:]
        for entity in export["entities"] as! [[String: Any]] {
            for m in entity["mentions"] as! [[String: Any]] {
                let (document, start, end) = (m["document"] as! String, m["start"] as! Int, m["end"] as! Int)
                let inside = (told[0]["mentions"] as! [[String: Any]]).contains { c in
                    (c["document"] as! String) == document && (c["start"] as! Int) <= start && end <= (c["end"] as! Int)
                }
                if inside { counts[entity["name"] as! String, default: 0] += 1 }
            }
        }
        let mostNamed = try #require(counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key)
        let firstRow = try #require(table.components(separatedBy: "<tr data-status=").dropFirst().first)
        #expect(firstRow.contains("<td>\(ReportTests.escaped(mostNamed))"), "\(mostNamed): \(firstRow)")
        for claim in told {
            let id = claim["id"] as! String
            #expect(table.contains("href=\"#claim-\(id)\""))
            let view = try #require(report.components(separatedBy: "<article class=\"claim\" id=\"claim-\(id)\">").last?.components(separatedBy: "</article>").first)
            #expect(view.contains("\(claim["independent_sources"] as! Int) independent source"))
            #expect(view.contains("<svg class=\"provenance\""))
            for root in claim["sources"] as! [String] {
                #expect(view.contains("<b>\(ReportTests.escaped(root))</b>"), "\(id): \(root)")
            }
            // Every mention, marked in its paragraph, with the document it is in.
            #expect(view.components(separatedBy: "<mark>").count - 1 == (claim["mentions"] as! [[String: Any]]).count)
        }
        // Shared passages side by side, differing words marked.
        let reuse = try #require(report.components(separatedBy: "<section id=\"reuse\">").last?.components(separatedBy: "</section>").first)
        #expect(reuse.components(separatedBy: "<div class=\"pair\">").count - 1 == (export["reuse"] as! [Any]).count)
        #expect(reuse.contains("<span class=\"diff\">"))
        // And in the texts, each followed by the document it is shared with.
        let texts = try #require(report.components(separatedBy: "<section id=\"texts\">").last)
        #expect(texts.contains("class=\"reused"))
        var places = Set<String>()
        for passage in export["reuse"] as! [[String: Any]] {
            let documents = passage["documents"] as! [String]
            for (k, side) in ["a", "b"].enumerated() {
                let span = passage[side] as! [String: Any]
                places.insert("\(documents[k]) \(span["start"]!) \(span["end"]!)")
            }
        }
        #expect(texts.components(separatedBy: "[shared with document").count - 1 == places.count)

        guard let browser = Browser.path else { return }
        let dom = try Browser.dumpDOM(browser, file: dir.path + "/report.html", fragment: "#claims")
        #expect(dom.contains("<span id=\"claim-count\">\(told.count) of \(told.count)</span>"), "the table's script did not run")

        // As a reader uses it: filter, sort, open a claim, open a mention's document.
        let session = try BrowserSession(browser: browser)
        defer { session.quit() }
        try session.open(URL(fileURLWithPath: dir.path + "/report.html").absoluteString)
        let seen = try #require(try session.evaluate(Self.reader) as? [String: String])
        let console = session.console
        #expect(seen["error"] == nil, "\(seen["error"] ?? "")")
        #expect(seen["rows"] == "\(told.count)" && seen["visible"] == "\(told.count)")
        #expect(seen["single"] == "\(told.count { $0["status"] as? String == "single-source" })" && seen["singleOnly"] == "true")
        let searched = Int(seen["search"] ?? "") ?? 0
        #expect(searched > 0 && searched < told.count, "\(seen)")
        let sources = told.map { $0["independent_sources"] as! Int }
        #expect(seen["ascending"] == sources.sorted().map(String.init).joined(separator: ","))
        #expect(seen["descending"] == sources.sorted(by: >).map(String.init).joined(separator: ","))
        // The first row's link shows that claim alone, with every mention marked.
        #expect(seen["hash"] == "true" && seen["claimShown"] == "true" && seen["othersHidden"] == "true")
        #expect(seen["marks"] == "\((told[0]["mentions"] as! [Any]).count)")
        // And a mention's document link shows that text alone.
        #expect(seen["documentShown"] == "true" && seen["claimsHidden"] == "true" && seen["done"] == "1")
        #expect(console.isEmpty, "\(console)")
    }

    /// A reader's use of the report, run in its page: the claims table's filters and sorting,
    /// a claim's link, a mention's document link. Gives what it saw by name.
    static let reader = """
        (async () => {
          const seen = {}, say = (k, v) => { seen[k] = String(v); }, pause = () => new Promise(r => setTimeout(r, 100));
          try {
            const t = document.getElementById("claims-table");
            const rows = () => [...t.tBodies[0].rows], shown = () => rows().filter(r => !r.hidden);
            const shows = e => getComputedStyle(e).display !== "none" && (!e.parentElement || shows(e.parentElement));
            say("rows", rows().length); say("visible", shown().length);
            const st = document.getElementById("claim-status");
            st.value = "single-source"; st.dispatchEvent(new Event("change"));
            say("single", shown().length); say("singleOnly", shown().every(r => r.dataset.status === "single-source"));
            st.value = ""; st.dispatchEvent(new Event("change"));
            const box = document.getElementById("claim-filter");
            box.value = "todorinova"; box.dispatchEvent(new Event("input")); say("search", shown().length);
            box.value = ""; box.dispatchEvent(new Event("input"));
            const heading = t.tHead.rows[0].cells[2];
            heading.click(); say("ascending", rows().map(r => r.cells[2].textContent).join(","));
            heading.click(); say("descending", rows().map(r => r.cells[2].textContent).join(","));
            const link = rows()[0].querySelector("a"), id = link.getAttribute("href").slice(1);
            link.click(); await pause();
            const view = document.getElementById(id);
            say("hash", location.hash === "#" + id); say("claimShown", shows(view));
            say("othersHidden", !shows(document.getElementById("claims")) && [...document.querySelectorAll("article.claim")].filter(shows).length === 1);
            say("marks", view.querySelectorAll("mark").length);
            const documentLink = view.querySelector("ol.mentions a"); documentLink.click(); await pause();
            say("documentShown", shows(document.getElementById(documentLink.getAttribute("href").slice(1))));
            say("claimsHidden", !shows(document.getElementById("claim-views")));
            say("done", 1);
          } catch (e) { say("error", e); }
          return seen;
        })()
        """

    static func escaped(_ text: String) -> String { HTMLText.escape(text) }

    @Test("On the shared corpus, the Raqqa convoy claim is one click from the claims table: its view shows each article's sentence, and its broadcaster one click further",
          .enabled(if: Paths.sharedCorpus != nil, "../shared/corpus is not present"))
    func raqqaInTwoClicks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["analyze", try #require(Paths.sharedCorpus), "--report", "report.html", "--json", "out.json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        let export = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json"))) as! [String: Any]
        let deal = try #require((export["claims"] as! [[String: Any]]).first { claim in
            (claim["sources"] as! [String]).contains("BBC") && Set((claim["mentions"] as! [[String: Any]]).map { $0["document"] as! String }).count == 3
        })
        let id = deal["id"] as! String
        // One click: the table's row.
        let table = try #require(report.components(separatedBy: "<section id=\"claims\">").last?.components(separatedBy: "</section>").first)
        #expect(table.contains("href=\"#claim-\(id)\""))
        // The view: every mention marked in its paragraph, with a link to its article (three articles).
        let view = try #require(report.components(separatedBy: "<article class=\"claim\" id=\"claim-\(id)\">").last?.components(separatedBy: "</article>").first)
        #expect(view.components(separatedBy: "<mark>").count - 1 == (deal["mentions"] as! [Any]).count)
        let articles = Set(view.components(separatedBy: "<a href=\"#doc-").dropFirst().map { $0.prefix { $0.isNumber } })
        #expect(articles.count == 3)
        // Two clicks: the broadcaster's row in the entity list, with its spellings and documents.
        let bbc = try #require(view.components(separatedBy: "<a href=\"#").dropFirst().first { $0.contains("><b>BBC</b></a>") }?.prefix { $0 != "\"" })
        #expect(report.contains("<tr id=\"\(bbc)\"><td>BBC</td>"))
    }

    @Test("A large corpus's texts travel compressed and are shown by the page's one allowed script: hostile texts stay text there too")
    func lazyTexts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try Self.writeHostileCorpus(in: dir)
        let run = try runClaimTrace(["ingest", "in"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        // Every text counts as large, and the documents table shows one row before the rest.
        let store = try SQLiteStore(path: dir.path + "/claimtrace.sqlite")
        let output = try OutputFile(path: dir.path + "/report.html")
        try HTMLReport.write(store, to: output, options: HTMLReport.Options(inlineTextLimit: 0, shownRows: 1))
        try output.commit()
        let report = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        Self.expectOnlyOwnMarkup(report, scripts: 3)
        #expect(report.contains("script-src '\(HTMLReport.scriptHash)'"))
        #expect(report.contains("<script>\(HTMLReport.textLoader)</script>"))
        #expect(!report.contains("gnp.exe"), "a text was written into the page instead of the payload")

        guard let browser = Browser.path else { return }
        let hostile = try #require(Self.documentNumber(titled: "Quay notice", in: report))
        let dom = try Browser.dumpDOM(browser, file: dir.path + "/report.html", fragment: "#doc-\(hostile)")
        #expect(dom.contains("data-loaded=\"1\""), "the text was not shown")
        #expect(dom.contains("⟨U+202E⟩gnp.exe⟨U+202C⟩"))
        #expect(dom.contains("<title>ClaimTrace report</title>"), "a script changed the page's title")
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("<b onmouseover"))
        let rows = try Browser.dumpDOM(browser, file: dir.path + "/report.html", fragment: "#more-documents")
        // The second document's row is not in the page; the script puts it in the table's second part.
        #expect(!report.contains("<tr><td class=\"n\">2</td>"))
        #expect(rows.contains("<tbody data-loaded=\"1\"><tr><td class=\"n\">2</td>"))
    }

    @Test("A generated corpus's report: its size, and how long Chromium takes to open it (set CLAIMTRACE_REPORT_DOCUMENTS for a larger one)")
    func reportAtScale() throws {
        let documents = Int(ProcessInfo.processInfo.environment["CLAIMTRACE_REPORT_DOCUMENTS"] ?? "") ?? 1000
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try CorpusGenerator(documents: documents).write(to: dir.path + "/corpus")
        let run = try runClaimTrace(["analyze", "corpus", "--report", "report.html"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: dir.path + "/report.html")[.size] as? Int ?? 0
        #expect(size < 25 << 20, "the report is \(size) bytes")
        guard let browser = Browser.path else { return }
        try dir.write("empty.html", "<!doctype html><title>empty</title><p>empty</p>")
        let session = try BrowserSession(browser: browser)
        defer { session.quit() }
        // From asking for the page to its load event, and when it first drew text, as the
        // page's own clock tells them; an empty page opened in the same browser is the baseline.
        func open(_ name: String) throws -> (seconds: Double, paint: Double) {
            let start = Date()
            try session.open(URL(fileURLWithPath: dir.path + "/" + name).absoluteString)
            let seconds = Date().timeIntervalSince(start)
            let paint = try session.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1") as? Double ?? -1
            return (seconds, paint / 1000)
        }
        let empty = try open("empty.html"), opened = try open("report.html")
        #expect(session.console.isEmpty, "\(session.console)")
        print(String(format: "report of %d documents: %.1f MB; Chromium opens it in %.2f s (first text drawn at %.2f s), an empty page in %.2f s: %.0f× the empty page",
                     documents, Double(size) / 1_048_576, opened.seconds, opened.paint, empty.seconds, opened.seconds / empty.seconds))
    }

    /// The number of the document whose table row shows a title ending so.
    static func documentNumber(titled suffix: String, in report: String) -> Int? {
        for part in report.components(separatedBy: "<a href=\"#doc-").dropFirst() {
            let number = part.prefix { $0.isNumber }
            if part.split(separator: "<", maxSplits: 1).first?.hasSuffix(suffix) == true { return Int(number) }
        }
        return nil
    }

    @Test("claimtrace report writes what export --format html writes; a missing database is an error, not a new empty one")
    func reportCommand() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/a.txt", "Pier closes\n\n“The pier is rotten,” Elena Petrova said on Monday.\n")
        #expect(try runClaimTrace(["ingest", "in"], in: dir.path).status == 0)
        let report = try runClaimTrace(["report"], in: dir.path)
        #expect(report.status == 0, "\(report.stderr)")
        let export = try runClaimTrace(["export", "--format", "html", "--out", "export.html"], in: dir.path)
        #expect(export.status == 0)
        let written = try String(contentsOfFile: dir.path + "/claimtrace-report.html", encoding: .utf8)
        #expect(written == (try String(contentsOfFile: dir.path + "/export.html", encoding: .utf8)))
        #expect(written.contains("Elena Petrova"))
        let missing = try runClaimTrace(["report", "--db", "none.sqlite"], in: dir.path)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("none.sqlite: no such database"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/none.sqlite"))
    }

    /// Documents written to attack whoever views them: script tags, event handlers,
    /// `javascript:` and `data:` links, a style break-out, a direction override, a zero-width
    /// space and a 10,000-character name.
    static func writeHostileCorpus(in dir: TemporaryDirectory) throws {
        let longName = "Zor" + String(repeating: "a", count: 10_000)
        let record: [String: Any] = [
            "title": "<script>document.title='owned'</script>Quay notice",
            "authors": ["<img src=x onerror=\"document.title='owned'\">"],
            "url": "javascript:document.title='owned'",
            "outlet": "</style><style>body{display:none}</style>Quay Post",
            "published": "2031-03-02",
            "text": """
                Ivo Stanev said the quay was “<b onmouseover=\"document.title='owned'\">safe</b>” on Monday.

                The notice was signed by \u{202E}gnp.exe\u{202C} and by Mara\u{200B}Quinn of the port.

                \(longName) said the pier would close, according to the Lower Danube Waterways Authority.
                """,
        ]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        try dir.write("in/hostile.jsonl", line + "\n")
        try dir.write("in/page.html", """
            <html><head><title>Pier report</title><meta name="author" content="&lt;script&gt;alert(1)&lt;/script&gt;"></head>
            <body><article><h1>Pier report</h1>
            <p>Elena Petrova said the pier was sound, in <a href="javascript:document.title='owned'">a statement</a>
            and <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">a second one</a>, and
            <a href="https://port.example/notice">on the port's site</a>.</p>
            <p>The pier reopened on Tuesday after a week of repairs to its timber deck and rails.</p>
            <p>Ivo Stanev said the quay was “&lt;b onmouseover="document.title='owned'"&gt;safe&lt;/b&gt;” on Monday.</p>
            </article>
            <section class="comments"><h2>Comments</h2>
            <div class="comment"><span class="author">&lt;b&gt;troll&lt;/b&gt;</span><p>&lt;script&gt;document.title='owned'&lt;/script&gt; fake news</p></div>
            </section></body></html>
            """)
    }

    /// Every element in the page is one the report writes, with attributes it writes: none from
    /// a document's text, no event handler, no link out but to a web address.
    static func expectOnlyOwnMarkup(_ report: String, scripts: Int, alsoAllowed: Set<String> = []) {
        let tags = Self.tags(in: report)
        let allowed: Set<String> = alsoAllowed.union(["!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "nav", "a", "main",
                                    "section", "ul", "li", "b", "table", "thead", "tbody", "tr", "th", "td", "p", "span", "article", "br",
                                    "code", "div", "details", "summary", "dl", "dt", "dd", "script",
                                    "svg", "rect", "path", "circle", "line", "text", "g", "defs", "marker",
                                    "ol", "mark", "input", "select", "option"])
        #expect(tags.map(\.name).allSatisfy { allowed.contains($0) }, "\(Set(tags.map(\.name)).subtracting(allowed))")
        #expect(tags.filter { $0.name == "script" }.count == scripts)
        #expect(!tags.contains { $0.attributes.contains { $0.name.hasPrefix("on") } })
        let hrefs = tags.flatMap { $0.attributes.filter { $0.name == "href" }.map(\.value) }
        // (A served page links to its own server's paths: "/documents/…", never "//elsewhere".)
        #expect(hrefs.allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("https://") || $0.hasPrefix("http://") || ($0.hasPrefix("/") && !$0.hasPrefix("//")) },
                "\(hrefs)")
        #expect(tags.filter { $0.name == "style" }.count == 1, "a document's text opened a style element")
        #expect(report.components(separatedBy: "</style>").count == 2, "a document's text closed the style element")
    }

    /// The elements of a page written by the report: every "<" that opens a tag, with the
    /// tag's name and its double-quoted attributes. (Escaped text holds no "<" at all.)
    static func tags(in html: String) -> [(name: String, attributes: [(name: String, value: String)])] {
        var out: [(name: String, attributes: [(name: String, value: String)])] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let inside = rest[..<close]
            rest = rest[rest.index(after: close)...]
            if inside.hasPrefix("/") { continue }
            let name = String(inside.prefix { $0 != " " && $0 != "/" }).lowercased()
            var attributes: [(name: String, value: String)] = []
            for part in inside.dropFirst(name.count).components(separatedBy: "\" ") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard let key = pair.first, !key.isEmpty else { continue }
                attributes.append((String(key).lowercased(), pair.count > 1 ? String(pair[1].drop { $0 == "\"" }).replacingOccurrences(of: "\"", with: "") : ""))
            }
            out.append((name, attributes))
        }
        return out
    }

    /// The values of an attribute that follow `prefix`, up to the closing quotation mark.
    static func values(of prefix: String, in text: String) -> [String] {
        text.components(separatedBy: prefix).dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }
}

/// Debian's headless Chromium, when installed (`.ci/run` installs it).
enum Browser {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The page's DOM after its scripts, if any, have run.
    static func dumpDOM(_ browser: String, file: String, fragment: String = "") throws -> String {
        try dumpDOM(browser, url: URL(fileURLWithPath: file).absoluteString + fragment)
    }

    static func dumpDOM(_ browser: String, url: String) throws -> String {
        let profile = try TemporaryDirectory()
        defer { profile.cleanup() }
        let out = try profile.write("dom.html", "")
        try run(browser, ["--user-data-dir=\(profile.path)", "--virtual-time-budget=5000", "--dump-dom", url], stdout: out)
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
    }

    private static func run(_ browser: String, _ arguments: [String], stdout: String?, stderr: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments
        process.standardOutput = try stdout.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        process.standardError = try stderr.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
