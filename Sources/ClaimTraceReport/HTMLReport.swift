import ClaimTraceCore
import ClaimTraceLink
import ClaimTraceStore
import Foundation

/// A self-contained HTML report of the stored documents and what was extracted and linked from
/// them: no network requests, readable and printable as it is with scripts off. Every string from
/// a document is escaped (see `HTMLText`), and the page's Content-Security-Policy allows no script
/// but the report's own two, by their hashes.
///
/// Views: an overview (documents by outlet and date, what was found, claims by status), the
/// claims table and each claim's provenance (`ClaimViews`), the documents, shared passages side by
/// side, who is quoted and cited, a timeline, a map, every entity with its aliases, and each
/// document's text with quotations, attributions, hedges and names marked in place, its comments
/// and removed boilerplate collapsed below.
///
/// The store is read twice, one document at a time: first for the corpus-wide tables (entities
/// are merged across every document, claims linked across them), then for the texts, so the
/// report never holds every text; the few texts the claim and passage views quote from are read
/// by id between the two.
///
/// A large corpus's texts would make a page no browser opens quickly (3,000 documents gave 27 MB
/// of markup and 18 seconds to open; 1,000 gave 9 MB and 2.7 seconds), so past
/// `Options.inlineTextLimit` of article text (about 250 news articles) each
/// text's markup goes into one gzip-compressed payload at the end of the page instead, and a
/// short script, the only one the page's policy allows (by its hash), decompresses it and shows
/// a text when a link opens it. The tables stay plain HTML, readable with scripts off.
public enum HTMLReport {
    public struct Options: Sendable {
        /// Bytes of article text up to which the texts are written into the page as HTML.
        public var inlineTextLimit: Int
        /// Rows of the documents table written into a page whose texts are in the payload.
        public var shownRows: Int
        /// Where a search form in the header sends its words (a server's search page); none in a file.
        public var searchAction: String?
        public init(inlineTextLimit: Int = 1 << 20, shownRows: Int = 500, searchAction: String? = nil) {
            self.inlineTextLimit = inlineTextLimit
            self.shownRows = shownRows
            self.searchAction = searchAction
        }
    }

    public static func write(_ store: StoreReader, to output: OutputFile, options: Options = Options()) throws {
        var corpus = CorpusSummary()
        var claimFinder = ClaimFinder()
        try store.forEachAnnotatedDocument {
            corpus.add($0)
            claimFinder.add($0)
        }
        let entities = corpus.index.entities()
        let lookup = EntityLookup(entities)
        let inline = corpus.textBytes <= options.inlineTextLimit
        let reuse = try store.reusePassages()
        let claims = ClaimViews(claims: claimFinder.claims(reuse: reuse, entities: lookup), documentNumbers: corpus.numberByID,
                                outlets: corpus.outletByID, entities: entities) { lookup.id(for: $0) }
        let reused = Self.reusedSpans(reuse, numbers: corpus.numberByID)
        let shownPassages = ClaimViews.shownPassages(reuse)
        let texts = try TextCutter(store, needing: claims.shown.flatMap { $0.mentions.map(\.document) } + shownPassages.flatMap { [$0.a, $0.b] })

        try output.write(pageHead(title: "ClaimTrace report", allowingLoader: !inline, formsToSelf: options.searchAction != nil,
                                  bodyClass: inline ? nil : "lazy-texts"))
        try output.write("""
            <header><h1>ClaimTrace report</h1>\(options.searchAction.map { searchForm(action: $0) } ?? "")
            <nav><a href="#overview">Overview</a> · <a href="#claims">Claims</a> · <a href="#documents">Documents</a> · <a href="#reuse">Shared passages</a> · <a href="#sources">Who is quoted and cited</a> · <a href="#timeline">Timeline</a> · <a href="#map">Map</a> · <a href="#entities">Entities</a> · <a href="#texts">Texts</a></nav></header>
            <main>

            """)
        try output.write(corpus.overviewHTML(entities: entities, claims: claims.overviewHTML()))
        let views = claims.claimsHTML(context: texts.context)
        try output.write(claims.tableHTML(viewed: views.viewed))
        try output.write(views.html)
        try output.write(corpus.documentsHTML(shown: inline ? nil : options.shownRows))
        try output.write(ClaimViews.reuseHTML(shownPassages, total: reuse.count, documentNumbers: corpus.numberByID, text: texts.cut))
        try output.write(corpus.sourcesHTML(lookup: lookup))
        try output.write(TimelineView.html(corpus.dates))
        try output.write(MapView.html(entities))
        try output.write(entitiesHTML(entities, documentNumbers: corpus.numberByID))
        try output.write("<section id=\"texts\"><h2>Texts</h2>\n" + legend + "\n")
        if inline {
            var n = 0
            try store.forEachAnnotatedDocument { annotated in
                try output.write(headerHTML(corpus.rows[n], number: n) + bodyHTML(annotated, reused: reused[annotated.document.id] ?? []) { lookup.id(for: $0) } + "</article>\n")
                n += 1
            }
            try output.write("</section></main>\n\(claims.script)</body></html>\n")
            return
        }
        // The headers now, the bodies into the payload: one JSON array of their markup, in order.
        try output.write("<p class=\"legend\">This corpus is large: a text is shown when a link to it is opened, from the documents table or the entity list (this needs scripts).</p>\n")
        for n in corpus.rows.indices {
            try output.write(headerHTML(corpus.rows[n], number: n) + "<div class=\"lazy\" data-n=\"\(n)\"></div></article>\n")
        }
        try output.write("</section></main>\n<script type=\"application/gzip-base64\" id=\"texts-data\">")
        let payload = GzipBase64Stream(output)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func json(_ markup: String) throws -> String { String(decoding: try encoder.encode(markup), as: UTF8.self) }
        try payload.write("{\"rows\":[")
        for (k, row) in (min(options.shownRows, corpus.rows.count)..<corpus.rows.count).enumerated() {
            try payload.write((k == 0 ? "" : ",") + json(corpus.rowHTML(row)))
        }
        try payload.write("],\"texts\":[")
        var n = 0
        try store.forEachAnnotatedDocument { annotated in
            try payload.write((n == 0 ? "" : ",") + json(bodyHTML(annotated, reused: reused[annotated.document.id] ?? []) { lookup.id(for: $0) }))
            n += 1
        }
        try payload.write("]}")
        try payload.finish()
        try output.write("</script>\n<script>\(textLoader)</script>\n\(claims.script)</body></html>\n")
    }

    /// Each document's shared passages, to mark in its text: one mark a place, with the documents
    /// it is shared with (the first few named: a paragraph every document repeats is shared with
    /// all of them).
    static func reusedSpans(_ reuse: [ReusedPassage], numbers: [DocumentID: Int]) -> [DocumentID: [(span: TextSpan, with: String)]] {
        var partners: [DocumentID: [TextSpan: [DocumentID]]] = [:]
        for p in reuse {
            partners[p.a, default: [:]][p.aSpan, default: []].append(p.b)
            partners[p.b, default: [:]][p.bSpan, default: []].append(p.a)
        }
        func name(_ id: DocumentID) -> String { numbers[id].map { "\($0 + 1)" } ?? id.rawValue }
        return partners.mapValues { places in
            places.sorted { $0.key < $1.key }.map { span, others in
                let named = others.sorted { (numbers[$0] ?? .max, $0) < (numbers[$1] ?? .max, $1) }
                let list = named.prefix(5).map(name).joined(separator: ", ") + (named.count > 5 ? " and \(named.count - 5) more" : "")
                return (span, (named.count == 1 ? "document " : "documents ") + list)
            }
        }
    }

    /// Shows the text a link opens, and the rest of the documents table when it is opened:
    /// decompresses the payload once, then puts the markup (written and escaped by this report)
    /// in its place.
    static let textLoader = """
        (()=>{let payload=null;const more=document.getElementById("more-documents");async function load(){if(payload)return payload;const data=document.getElementById("texts-data").textContent.trim();\
        const bytes=Uint8Array.from(atob(data),c=>c.charCodeAt(0));const stream=new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));\
        payload=JSON.parse(await new Response(stream).text());return payload}\
        async function show(){if(more&&location.hash==="#more-documents")more.open=true;const m=/^#doc-(\\d+)$/.exec(location.hash);if(!m)return;const slot=document.querySelector(`#doc-${m[1]} .lazy`);\
        if(!slot||slot.dataset.loaded)return;const all=await load();slot.innerHTML=all.texts[Number(m[1])];slot.dataset.loaded="1"}\
        if(more)more.addEventListener("toggle",async()=>{const body=more.querySelector("tbody");if(!more.open||body.dataset.loaded)return;\
        body.innerHTML=(await load()).rows.join("");body.dataset.loaded="1"});\
        addEventListener("hashchange",show);show()})();
        """

    /// The page's policy: nothing from anywhere, inline styles, and among scripts only the claims
    /// table's and, when the texts are in the payload, the loader; forms only to the page's own
    /// server when it has one. A server sends it as a header too.
    public static func contentSecurityPolicy(allowingLoader: Bool, formsToSelf: Bool = false) -> String {
        "default-src 'none'; style-src 'unsafe-inline'; script-src " + (allowingLoader ? "'\(scriptHash)' " : "") + "'\(tableScriptHash)';"
            + " img-src 'none'; form-action \(formsToSelf ? "'self'" : "'none'"); base-uri 'none'"
    }

    /// A page's head, its policy and styles, up to its opened body.
    static func pageHead(title: String, allowingLoader: Bool, formsToSelf: Bool, bodyClass: String? = nil) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy(allowingLoader: allowingLoader, formsToSelf: formsToSelf))">
        <meta name="referrer" content="no-referrer">
        <title>\(HTMLText.escape(title, limit: 200))</title>
        <style>\(css)</style></head><body\(bodyClass.map { " class=\"\($0)\"" } ?? "")>

        """
    }

    static func searchForm(action: String, query: String = "") -> String {
        "<form class=\"search\" method=\"get\" action=\"\(HTMLText.escape(action))\"><input type=\"search\" name=\"q\" value=\"\(HTMLText.escape(query, limit: 300))\" "
            + "aria-label=\"Search the documents\" placeholder=\"Search the documents\"> <button>Search</button></form>"
    }

    // MARK: - A server's pages

    /// One document's page: its text with its annotations, as in the report.
    public static func documentPage(_ annotated: AnnotatedDocument, searchAction: String, home: String, entityID: (String) -> String?) -> String {
        let title = annotated.document.title ?? annotated.document.source
        return pageHead(title: title + " — ClaimTrace", allowingLoader: false, formsToSelf: true)
            + "<header><h1>ClaimTrace</h1>\(searchForm(action: searchAction))<nav><a href=\"\(HTMLText.escape(home))\">The report</a></nav></header>\n<main>"
            + legend + "\n" + headerHTML(CorpusSummary.DocumentRow(annotated), number: 0).replacingOccurrences(of: "<h3>1. ", with: "<h3>")
            + bodyHTML(annotated, entityID: entityID) + "</article></main></body></html>\n"
    }

    /// A search's page: the form with the words asked, and each match linking to its document.
    public static func searchPage(query: String, hits: [SearchHit], action: String, home: String, documentLink: (DocumentID) -> String) -> String {
        var out = pageHead(title: "Search: \(query) — ClaimTrace", allowingLoader: false, formsToSelf: true)
        out += "<header><h1>ClaimTrace</h1>\(searchForm(action: action, query: query))<nav><a href=\"\(HTMLText.escape(home))\">The report</a></nav></header>\n<main><section id=\"results\">"
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            out += "<p>Give some words to look for.</p>"
        } else {
            out += "<h2>\(hits.count) match\(hits.count == 1 ? "" : "es") for “\(HTMLText.escape(trimmed, limit: 300))”</h2>\n<ol class=\"hits\">"
            for hit in hits {
                // The store marks each matched word; the marks become <mark> once the rest is escaped.
                let snippet = HTMLText.escape(hit.snippet.replacingOccurrences(of: SearchHit.highlightStart, with: "\u{E000}")
                    .replacingOccurrences(of: SearchHit.highlightEnd, with: "\u{E001}"))
                    .replacingOccurrences(of: "\u{E000}", with: "<mark>").replacingOccurrences(of: "\u{E001}", with: "</mark>")
                out += "<li><a href=\"\(HTMLText.escape(documentLink(hit.documentID)))\">\(HTMLText.escape(hit.title ?? hit.source, limit: 300))</a>"
                    + (hit.part == "comment" ? " <span class=\"meta\">(a reader comment\(hit.commentAuthor.map { " by " + HTMLText.escape($0, limit: 100) } ?? ""))</span>" : "")
                    + "<br><span class=\"snippet\">\(snippet)</span></li>\n"
            }
            out += "</ol>"
        }
        return out + "</section></main></body></html>\n"
    }

    /// The loader's hash for the page's Content-Security-Policy.
    static let scriptHash = hash(of: textLoader)
    static let tableScriptHash = hash(of: ClaimViews.tableScript)

    /// A script's hash as a Content-Security-Policy source.
    static func hash(of script: String) -> String {
        let hex = Array(ContentHash.sha256Hex(script).utf8)
        var digest: [UInt8] = []
        for i in stride(from: 0, to: hex.count, by: 2) {
            func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
            digest.append(nibble(hex[i]) << 4 | nibble(hex[i + 1]))
        }
        return "sha256-" + Data(digest).base64EncodedString()
    }

    // MARK: - Entities

    private static func entitiesHTML(_ entities: [CorpusEntity], documentNumbers: [DocumentID: Int]) -> String {
        var out = "<section id=\"entities\"><h2>Entities</h2>\n<p>\(entities.count) entities named in the documents, most mentioned first, with every spelling seen.</p>\n"
        out += "<table><thead><tr><th>Name</th><th>Type</th><th>Spellings</th><th>Mentions</th><th>Documents</th><th>Where</th></tr></thead><tbody>\n"
        for e in entities {
            let aliases = e.aliases.filter { $0 != e.name }.map { HTMLText.escape($0, limit: 120) }.joined(separator: "; ")
            let documents = e.documents.compactMap { documentNumbers[$0] }.prefix(20).map { "<a href=\"#doc-\($0)\">\($0 + 1)</a>" }
                .joined(separator: " ") + (e.documents.count > 20 ? " …" : "")
            var place = e.country.map(HTMLText.escape) ?? ""
            if let latitude = e.latitude, let longitude = e.longitude {
                place += String(format: " %.2f, %.2f", latitude, longitude)
            }
            out += "<tr id=\"\(HTMLText.escape(e.id))\"><td>\(HTMLText.escape(e.name, limit: 200))</td><td>\(e.type.rawValue)</td><td>\(aliases)</td>"
                + "<td>\(e.mentions.count)</td><td>\(documents)</td><td>\(place)</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    // MARK: - One document

    /// An article's opening: its number, title and what is known of it, from its table row (so
    /// a page whose texts travel in the payload writes every opening without reading the store).
    private static func headerHTML(_ row: CorpusSummary.DocumentRow, number n: Int) -> String {
        let d = row.document
        var out = "<article id=\"doc-\(n)\"><h3>\(n + 1). \(HTMLText.escape(d.title ?? d.source, limit: 300))</h3>\n<p class=\"meta\">"
        let facts = [d.outlet, d.published?.description, d.authors.isEmpty ? nil : "by " + d.authors.joined(separator: ", "),
                     d.republishedFrom.map { "republished from " + $0 }].compactMap { $0 }
        out += HTMLText.escape(facts.joined(separator: " · "), limit: 500) + "<br><code>" + HTMLText.escape(d.source, limit: 300) + "</code>"
        if let url = d.url { out += "<br>" + HTMLText.link(url) }
        out += "<br>\(row.speakerQuotes) quotation\(row.speakerQuotes == 1 ? "" : "s") (\(row.unnamedQuotes) with no named speaker), "
            + "\(row.attributions) attributed sentence\(row.attributions == 1 ? "" : "s"), \(row.hedges) hedge\(row.hedges == 1 ? "" : "s")</p>\n"
        return out
    }

    /// An article's text with its annotations, its links, comments and removed boilerplate.
    private static func bodyHTML(_ annotated: AnnotatedDocument, reused: [(span: TextSpan, with: String)] = [],
                                 entityID: (String) -> String?) -> String {
        let d = annotated.document
        let a = annotated.annotations
        var text = HighlightedText(d)
        text.add(a, entities: annotated.entities, entityID: entityID)
        text.addReused(reused)
        var out = "<div class=\"text\">" + text.html() + "</div>\n"
        let links = a.citations.filter { $0.kind == .link }
        if !links.isEmpty {
            out += "<details><summary>\(links.count) link\(links.count == 1 ? "" : "s") in the text</summary><ul>\n"
            for c in links { out += "<li>" + HTMLText.link(c.target) + "</li>\n" }
            out += "</ul></details>\n"
        }
        if !d.comments.isEmpty {
            out += "<details><summary>\(d.comments.count) reader comment\(d.comments.count == 1 ? "" : "s")</summary>\n"
            for c in d.comments {
                out += "<div class=\"comment\"><b>\(HTMLText.escape(c.author ?? "anonymous", limit: 200))</b><p>"
                    + HTMLText.escape(c.text).replacingOccurrences(of: "\n\n", with: "</p><p>") + "</p></div>\n"
            }
            out += "</details>\n"
        }
        if !d.removed.isEmpty {
            out += "<details><summary>\(d.removed.count) piece\(d.removed.count == 1 ? "" : "s") of boilerplate set aside</summary><dl>\n"
            for r in d.removed { out += "<dt>\(HTMLText.escape(r.kind.rawValue))</dt><dd>\(HTMLText.escape(r.text))</dd>\n" }
            out += "</dl></details>\n"
        }
        return out
    }

    private static let legend = """
        <p class="legend">In each text: <span class="q">a quotation</span> <span class="who">— its speaker · cue</span>, \
        <span class="att">an attributed sentence</span> <span class="src">[its source · cue]</span> with <span class="cue">the cue words</span>, \
        <span class="scare">a scare quote</span>, <span class="title">a quoted title</span>, <span class="hedge">a hedge</span>, \
        <span class="reused">a passage shared with another document</span>, \
        and names: <span class="ent person">a person</span>, <span class="ent organization">an organisation</span>, \
        <span class="ent outlet">an outlet</span>, <span class="ent place">a place</span>.</p>
        """

    private static let css = """
        body{font:16px/1.55 Georgia,serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222}
        nav{font:14px sans-serif}h2{border-bottom:2px solid #333;margin-top:2.5rem}
        table{border-collapse:collapse;width:100%;font:14px/1.4 sans-serif}th,td{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        td.n,th.n{text-align:right;white-space:nowrap}td.d{white-space:nowrap}.figures{display:flex;flex-wrap:wrap;gap:1rem;font:14px sans-serif;padding:0;list-style:none}
        .figures li{border:1px solid #ccc;padding:.4rem .7rem}.figures b{display:block;font-size:20px}
        article{border-top:1px solid #999;margin-top:2rem}.meta,.legend{font:13px sans-serif;color:#555}
        .text{overflow-wrap:anywhere}details{margin:.5rem 0;font-size:14px}.comment{border-left:3px solid #ccc;padding-left:.6rem;margin:.5rem 0}
        dt{font:bold 12px sans-serif;color:#666}dd{margin:0 0 .4rem 0}code{font-size:12px;overflow-wrap:anywhere}
        .att{background:#fff4c2}.cue{font-weight:bold}.q{color:#0b3d91;background:#e8f0ff}.q.block{display:inline}
        .scare{text-decoration:underline dashed #a33}.title{font-style:italic}.hedge{text-decoration:underline wavy #c60}
        .ent{color:inherit;text-decoration:none;border-bottom:2px solid #999}.ent.person{border-color:#2a7}.ent.organization{border-color:#85c}
        .ent.outlet{border-color:#d50}.ent.place{border-color:#09c}
        .who,.src{font:12px sans-serif;color:#0b3d91;white-space:normal}.src{color:#7a5c00}
        main:has(#texts article:target)>section:not(#texts),#texts:has(article:target) article:not(:target){display:none}
        main:has(#claim-views article:target)>section:not(#claim-views),#claim-views:has(article:target) article:not(:target){display:none}
        .status{font:bold 12px sans-serif;padding:0 .3rem;border-radius:3px;white-space:nowrap}.status.corroborated{background:#d6f0dc}
        .status.single-source{background:#ffe7c2}.status.unattributed{background:#f7d4d4}.status.circular{background:#e6d6f7}
        .claim .context{background:#fafafa;border-left:3px solid #ccc;padding:.2rem .6rem}.warn{color:#8a1c1c;font:14px sans-serif}
        svg.provenance{max-width:100%;height:auto;font:12px sans-serif}svg.provenance rect{fill:#eef3fb;stroke:#0b3d91}
        svg.provenance .root rect{fill:#fff4c2;stroke:#7a5c00}.step{stroke:#555}.edge{fill:#555;font-size:10px;text-anchor:middle}
        .filters{font:14px sans-serif;margin:.5rem 0}#claims-table th{cursor:pointer}
        .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;font-size:15px}.passage{border-top:1px solid #ddd;margin-top:.8rem}
        .diff{background:#f7d4d4;text-decoration:underline}.reused{box-shadow:inset 0 -4px #c9b3ff}
        .lazy-texts #texts article:not(:target){display:none}
        article:target{border-top:none}
        svg.map{width:100%;height:auto;max-height:36rem;border:1px solid #ccc}.sea{fill:#eef4f8}.land{fill:#e4e0d6;stroke:#9a968c}
        .place{fill:#09c;fill-opacity:.55;stroke:#035}svg.timeline{width:100%;height:auto;font:11px sans-serif}
        .axis{stroke:#555}.tick{fill:#555;text-anchor:middle}.row{fill:#333}.published{fill:#d50}.stated{fill:#0b3d91;fill-opacity:.5}
        .month{fill:#0b3d91;fill-opacity:.25}
        form.search{margin:.5rem 0;font:14px sans-serif}form.search input{width:20rem;max-width:70%;padding:.2rem}
        ol.hits li{margin:.6rem 0}.snippet{font-size:14px}mark{background:#ffe27a}
        @media print{details{display:block}nav{display:none}form.search{display:none}}
        """
}

/// What the report's corpus-wide tables need, gathered in one pass over the documents.
struct CorpusSummary {
    /// A document's metadata (no text) and how much was found in it.
    struct DocumentRow {
        var document: Document
        var speakerQuotes: Int
        var unnamedQuotes: Int
        var attributions: Int
        var unnamedAttributions: Int
        var hedges: Int

        init(_ annotated: AnnotatedDocument) {
            let a = annotated.annotations
            document = annotated.document
            document.text = ""
            document.removed = []
            document.comments = document.comments.map { Comment(author: $0.author, text: "") }
            let speakers = a.quotes.filter { $0.kind == .speaker }
            speakerQuotes = speakers.count
            unnamedQuotes = speakers.count { $0.speaker == nil }
            attributions = a.attributions.count
            unnamedAttributions = a.attributions.count { $0.source == nil }
            hedges = a.hedges.count
        }
    }

    /// Who is quoted or cited by name, with how often and where.
    struct SourceTally {
        var quotes = 0
        var attributions = 0
        var documents = Set<DocumentID>()

        mutating func add(quote: Bool, in document: DocumentID) {
            if quote { quotes += 1 } else { attributions += 1 }
            documents.insert(document)
        }
    }

    var rows: [DocumentRow] = []
    /// UTF-8 bytes of every article text.
    var textBytes = 0
    var numberByID: [DocumentID: Int] = [:]
    /// The outlet standing behind each document: the one it republishes, else its own.
    var outletByID: [DocumentID: String] = [:]
    var index = EntityIndex()
    var sources: [String: SourceTally] = [:]
    var descriptions: [String: SourceTally] = [:]
    var scare = 0
    var titles = 0
    var dates = TimelineView.Dates()

    mutating func add(_ annotated: AnnotatedDocument) {
        let a = annotated.annotations
        let document = annotated.document.id
        textBytes += annotated.document.text.utf8.count
        // Only the metadata is kept: the texts are read again when they are written.
        for q in a.quotes {
            switch q.kind {
            case .speaker:
                if let speaker = q.speaker {
                    sources[speaker, default: SourceTally()].add(quote: true, in: document)
                } else if let description = q.speakerDescription {
                    descriptions[description.lowercased(), default: SourceTally()].add(quote: true, in: document)
                }
            case .scare: scare += 1
            case .title: titles += 1
            }
        }
        for attribution in a.attributions {
            if let source = attribution.source {
                sources[source, default: SourceTally()].add(quote: false, in: document)
            } else if let description = attribution.sourceDescription {
                descriptions[description.lowercased(), default: SourceTally()].add(quote: false, in: document)
            }
        }
        dates.add(annotated.document, number: rows.count, dates: a.dates)
        numberByID[document] = rows.count
        outletByID[document] = annotated.document.republishedFrom ?? annotated.document.outlet
        rows.append(DocumentRow(annotated))
        index.add(annotated)
    }

    func overviewHTML(entities: [CorpusEntity], claims: String) -> String {
        let quotes = rows.reduce(0) { $0 + $1.speakerQuotes }
        let unnamed = rows.reduce(0) { $0 + $1.unnamedQuotes }
        let attributions = rows.reduce(0) { $0 + $1.attributions }
        let unnamedAttributions = rows.reduce(0) { $0 + $1.unnamedAttributions }
        let hedges = rows.reduce(0) { $0 + $1.hedges }
        var byType: [EntityType: Int] = [:]
        for e in entities { byType[e.type, default: 0] += 1 }
        func figure(_ value: Int, _ label: String) -> String { "<li><b>\(value)</b>\(label)</li>" }
        var out = "<section id=\"overview\"><h2>Overview</h2>\n<ul class=\"figures\">"
        out += figure(rows.count, "documents") + figure(Set(rows.compactMap(\.document.outlet)).count, "outlets")
        out += figure(quotes, "quotations") + figure(unnamed, "with no named speaker")
        out += figure(attributions, "attributed sentences") + figure(unnamedAttributions, "with no named source")
        out += figure(hedges, "hedges") + figure(scare + titles, "scare quotes and titles")
        out += figure(byType[.person] ?? 0, "people") + figure(byType[.organization] ?? 0, "organisations")
        out += figure(byType[.outlet] ?? 0, "outlets named") + figure(byType[.place] ?? 0, "places")
        out += "</ul>\n" + claims
        // Documents by outlet, with the dates they span.
        var outlets: [String: (count: Int, first: String?, last: String?)] = [:]
        for row in rows {
            let key = row.document.outlet ?? "(no outlet stated)"
            let date = row.document.published?.description
            var entry = outlets[key] ?? (0, nil, nil)
            entry.count += 1
            if let date {
                if entry.first.map({ date < $0 }) ?? true { entry.first = date }
                if entry.last.map({ date > $0 }) ?? true { entry.last = date }
            }
            outlets[key] = entry
        }
        out += "<h3>Documents by outlet</h3>\n<table><thead><tr><th>Outlet</th><th class=\"n\">Documents</th><th>Published</th></tr></thead><tbody>\n"
        for (outlet, entry) in outlets.sorted(by: { ($1.value.count, $0.key) < ($0.value.count, $1.key) }) {
            let dates = [entry.first, entry.last].compactMap { $0 }
            let span = dates.isEmpty ? "—" : dates[0] == dates[dates.count - 1] ? dates[0] : "\(dates[0]) to \(dates[dates.count - 1])"
            out += "<tr><td>\(HTMLText.escape(outlet, limit: 200))</td><td class=\"n\">\(entry.count)</td><td>\(span)</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    /// The documents table; with `shown`, only its first rows, and a place for the rest that the
    /// page's script fills from the payload when a reader asks for them.
    func documentsHTML(shown: Int? = nil) -> String {
        var out = "<section id=\"documents\"><h2>Documents</h2>\n"
        let header = "<table><thead><tr><th class=\"n\">#</th><th>Published</th><th>Outlet</th><th>Title</th><th>Authors</th><th>Republished from</th>"
            + "<th class=\"n\">Quotations</th><th class=\"n\">Attributed</th><th class=\"n\">Hedges</th><th class=\"n\">Comments</th></tr></thead><tbody>\n"
        out += header
        let visible = min(rows.count, shown ?? rows.count)
        for n in 0..<visible { out += rowHTML(n) }
        out += "</tbody></table>\n"
        if visible < rows.count {
            out += "<details id=\"more-documents\"><summary>The other \(rows.count - visible) documents (needs scripts)</summary>\n"
                + header + "</tbody></table></details>\n"
        }
        return out + "</section>\n"
    }

    func rowHTML(_ n: Int) -> String {
        let row = rows[n], d = row.document
        return "<tr><td class=\"n\">\(n + 1)</td><td class=\"d\">\(HTMLText.escape(d.published?.description ?? "—"))</td><td>\(HTMLText.escape(d.outlet ?? "—", limit: 200))</td>"
            + "<td><a href=\"#doc-\(n)\">\(HTMLText.escape(d.title ?? d.source, limit: 300))</a></td><td>\(HTMLText.escape(d.authors.joined(separator: ", "), limit: 300))</td>"
            + "<td>\(HTMLText.escape(d.republishedFrom ?? "—", limit: 200))</td><td class=\"n\">\(row.speakerQuotes)</td><td class=\"n\">\(row.attributions)</td>"
            + "<td class=\"n\">\(row.hedges)</td><td class=\"n\">\(d.comments.count)</td></tr>\n"
    }

    func sourcesHTML(lookup: EntityLookup) -> String {
        var out = "<section id=\"sources\"><h2>Who is quoted and cited</h2>\n"
        out += "<p>Named speakers of quotations and named sources of attributed sentences, by how many documents use them. "
            + "How many independent sources each claim rests on is in the <a href=\"#claims\">claims table</a>.</p>\n"
        out += "<table><thead><tr><th>Named source</th><th class=\"n\">Documents</th><th class=\"n\">Quotations</th><th class=\"n\">Attributed sentences</th></tr></thead><tbody>\n"
        for (name, tally) in Self.ranked(sources) {
            let label = HTMLText.escape(name, limit: 200)
            let cell = lookup.id(for: name).map { "<a href=\"#\(HTMLText.escape($0))\">\(label)</a>" } ?? label
            out += "<tr><td>\(cell)</td><td class=\"n\">\(tally.documents.count)</td><td class=\"n\">\(tally.quotes)</td><td class=\"n\">\(tally.attributions)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if !descriptions.isEmpty {
            out += "<h3>Unnamed sources, as the texts describe them</h3>\n"
            out += "<table><thead><tr><th>Description</th><th class=\"n\">Documents</th><th class=\"n\">Quotations</th><th class=\"n\">Attributed sentences</th></tr></thead><tbody>\n"
            for (description, tally) in Self.ranked(descriptions) {
                out += "<tr><td>\(HTMLText.escape(description, limit: 200))</td><td class=\"n\">\(tally.documents.count)</td><td class=\"n\">\(tally.quotes)</td>"
                    + "<td class=\"n\">\(tally.attributions)</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    /// Most documents first, then most uses, then by name: the same order every run.
    private static func ranked(_ tallies: [String: SourceTally]) -> [(String, SourceTally)] {
        tallies.sorted { a, b in
            let ka = (a.value.documents.count, a.value.quotes + a.value.attributions), kb = (b.value.documents.count, b.value.quotes + b.value.attributions)
            return ka != kb ? ka > kb : a.key < b.key
        }
    }
}
