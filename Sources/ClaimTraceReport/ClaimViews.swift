import ClaimTraceCore
import ClaimTraceLink
import ClaimTraceStore
import Foundation

/// The report's views of claims and shared passages: counts by status and the most echoed weak
/// claims for the overview, a claims table (filtered and sorted by a short script, plain with
/// scripts off), one view per claim told in two documents or more (its provenance drawn as an SVG
/// graph, every mention in its paragraph, conflicting credits), and shared passages side by side
/// with their differences marked.
///
/// A claim told once is in the table's counts and in the exports, not in the page: a corpus has
/// as many of them as it has checkable sentences.
struct ClaimViews {
    let claims: [Claim]
    /// Claims told in two documents or more, most widely told first: the claims' first ones, as a
    /// `ClaimFinder` ranks them.
    let widely: ArraySlice<Claim>
    /// Those of them the table shows.
    let shown: ArraySlice<Claim>
    let documentNumbers: [DocumentID: Int]
    let outlets: [DocumentID: String]
    /// A source's row in the entity list, when it is a named entity of the corpus.
    let entityID: (String) -> String?
    /// The entities each document names, by where: what the claims table lists a claim's mentions naming.
    private let named: [DocumentID: [(span: TextSpan, name: String)]]
    /// Claims shown in the page at most; the exports hold every one.
    static let shownLimit = 2000
    /// Shared passages shown side by side at most, longest first.
    static let passageLimit = 500
    /// Bytes of claim views at most: past them, a claim is in the table without a view. A
    /// paragraph repeated in every document of a corpus is a claim with thousands of mentions.
    static let viewBudget = 2 << 20
    /// Mentions shown in their paragraphs in one claim's view; the others are listed by document.
    static let mentionLimit = 20

    init(claims: [Claim], documentNumbers: [DocumentID: Int], outlets: [DocumentID: String], entities: [CorpusEntity],
         entityID: @escaping (String) -> String?) {
        self.claims = claims
        self.entityID = entityID
        var named: [DocumentID: [(span: TextSpan, name: String)]] = [:]
        for entity in entities {
            for (document, mention) in entity.mentions { named[document, default: []].append((mention.span, entity.name)) }
        }
        self.named = named.mapValues { $0.sorted { $0.span < $1.span } }
        self.documentNumbers = documentNumbers
        self.outlets = outlets
        widely = claims.prefix { Self.documents(of: $0) > 1 }
        shown = widely.prefix(Self.shownLimit)
    }

    static func documents(of claim: Claim) -> Int { Set(claim.mentions.map(\.document)).count }
    static func anchor(_ claim: Claim) -> String { "claim-" + claim.id }

    // MARK: Overview

    /// Claims by status, and the most echoed single-source, unattributed and circular claims.
    func overviewHTML() -> String {
        var out = "<h3>Claims</h3>\n<ul class=\"figures\">"
        out += "<li><b>\(widely.count)</b>told in two documents or more</li>"
        for status in ClaimStatus.allCases {
            out += "<li class=\"status \(status.rawValue)\"><b>\(widely.count { $0.status == status })</b>\(status.rawValue)</li>"
        }
        out += "<li><b>\(claims.count - widely.count)</b>told once</li></ul>\n"
        for status in [ClaimStatus.singleSource, .unattributed, .circular] {
            let echoed = widely.filter { $0.status == status }.prefix(5)
            guard !echoed.isEmpty else { continue }
            out += "<p class=\"meta\">Most echoed \(status.rawValue) claims:</p><ol class=\"echoed\">\n"
            for claim in echoed {
                out += "<li><a href=\"#\(Self.anchor(claim))\">\(HTMLText.escape(claim.text, limit: 240))</a> "
                    + "<span class=\"meta\">— \(Self.documents(of: claim)) documents, \(outletCount(claim)) outlets, "
                    + "\(claim.independentSources) independent source\(claim.independentSources == 1 ? "" : "s")</span></li>\n"
            }
            out += "</ol>\n"
        }
        return out
    }

    private func outletCount(_ claim: Claim) -> Int { Set(claim.mentions.map { outlets[$0.document] ?? $0.document.rawValue }).count }

    // MARK: Table

    /// `viewed`: the claims that have a view to link to.
    func tableHTML(viewed: Set<String>) -> String {
        var out = "<section id=\"claims\"><h2>Claims</h2>\n"
        guard !shown.isEmpty else {
            return out + "<p>No claim is told in two documents or more. The \(claims.count) claim\(claims.count == 1 ? "" : "s") told once "
                + "\(claims.count == 1 ? "is" : "are") in the exports.</p></section>\n"
        }
        out += "<p>Claims told in two documents or more, most widely told first"
            + (shown.count < widely.count ? " (the first \(shown.count); the exports hold every one)" : "")
            + (viewed.count < shown.count ? "; the first \(viewed.count) link to their views, the others give their id for "
                + "<code>claimtrace trace ID</code>" : "")
            + ". A claim's independent sources are the roots its credits lead to: people and bodies quoted or credited, outlets "
            + "reporting on their own authority, and all its anonymous sources counted as one.</p>\n"
        out += "<div class=\"filters\" hidden><input type=\"search\" id=\"claim-filter\" aria-label=\"Filter the claims\" placeholder=\"Filter by words, source, outlet or name\"> "
            + "<select id=\"claim-status\" aria-label=\"Status\"><option value=\"\">every status</option>"
            + ClaimStatus.allCases.map { "<option>\($0.rawValue)</option>" }.joined() + "</select> <span id=\"claim-count\"></span></div>\n"
        out += "<table id=\"claims-table\"><thead><tr><th>Claim</th><th>Status</th><th class=\"n\">Independent sources</th><th>Root sources</th>"
            + "<th class=\"n\">Documents</th><th class=\"n\">Outlets</th><th>Outlets telling it</th><th>Naming</th></tr></thead><tbody>\n"
        for claim in shown {
            let tellers = Array(Set(claim.mentions.map { outlets[$0.document] ?? "—" })).sorted()
            let text = HTMLText.escape(claim.text, limit: 300)
            out += "<tr data-status=\"\(claim.status.rawValue)\"><td>"
                + (viewed.contains(claim.id) ? "<a href=\"#\(Self.anchor(claim))\">\(text)</a>" : "\(text) <code>\(claim.id)</code>") + "</td>"
                + "<td><span class=\"status \(claim.status.rawValue)\">\(claim.status.rawValue)</span></td><td class=\"n\">\(claim.independentSources)</td>"
                + "<td>\(HTMLText.escape(claim.roots.map(\.name).joined(separator: "; "), limit: 300))</td>"
                + "<td class=\"n\">\(Self.documents(of: claim))</td><td class=\"n\">\(tellers.count)</td>"
                + "<td>\(HTMLText.escape(tellers.joined(separator: "; "), limit: 300))</td>"
                + "<td>\(HTMLText.escape(entitiesNamed(by: claim).joined(separator: "; "), limit: 300))</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    /// The entities a claim's mentions name, most often named first (ties by name).
    func entitiesNamed(by claim: Claim) -> [String] {
        var counts: [String: Int] = [:]
        for mention in claim.mentions {
            guard let list = named[mention.document] else { continue }
            // The first name starting in the mention, by binary search; then those after it inside it.
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if list[mid].span.start < mention.span.start { low = mid + 1 } else { high = mid }
            }
            for k in low..<list.count {
                guard list[k].span.start < mention.span.end else { break }
                if list[k].span.end <= mention.span.end { counts[list[k].name, default: 0] += 1 }
            }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// The table's script element, when there is a table to filter.
    var script: String { shown.isEmpty ? "" : "<script>\(Self.tableScript)</script>\n" }

    /// Filters the claims table by its search box and status, and sorts it by a clicked heading.
    /// The only other script the page's policy allows (by its hash); with scripts off the table
    /// is shown whole and the filters stay hidden.
    static let tableScript = """
        (()=>{const t=document.getElementById("claims-table");if(!t)return;const box=document.getElementById("claim-filter"),st=document.getElementById("claim-status"),\
        count=document.getElementById("claim-count"),rows=[...t.tBodies[0].rows];box.parentElement.hidden=false;\
        function apply(){const q=box.value.trim().toLowerCase(),s=st.value;let n=0;for(const r of rows){const ok=(!s||r.dataset.status===s)&&(!q||r.textContent.toLowerCase().includes(q));\
        r.hidden=!ok;if(ok)n++}count.textContent=n+" of "+rows.length}box.addEventListener("input",apply);st.addEventListener("change",apply);\
        [...t.tHead.rows[0].cells].forEach((th,i)=>{th.tabIndex=0;th.title="Sort";let up=false;const sort=()=>{up=!up;const key=r=>r.cells[i].textContent;\
        const num=th.classList.contains("n");rows.sort((a,b)=>{const x=key(a),y=key(b);const c=num?Number(x)-Number(y):x.localeCompare(y);return up?c:-c});\
        for(const r of rows)t.tBodies[0].appendChild(r)};th.addEventListener("click",sort);th.addEventListener("keydown",e=>{if(e.key==="Enter")sort()})});apply()})();
        """

    // MARK: One claim

    /// The shown claims' views, most widely told first, up to `viewBudget` bytes, and the ids of
    /// the claims that got one; `context` gives a mention's paragraph with the mention's place in it.
    func claimsHTML(context: (ClaimMention) -> (before: String, after: String)?) -> (html: String, viewed: Set<String>) {
        guard !shown.isEmpty else { return ("", []) }
        var out = "<section id=\"claim-views\"><h2>Claim by claim</h2>\n"
        var viewed = Set<String>()
        for claim in shown where out.utf8.count < Self.viewBudget {
            out += claimHTML(claim, context: context)
            viewed.insert(claim.id)
        }
        return (out + "</section>\n", viewed)
    }

    private func claimHTML(_ claim: Claim, context: (ClaimMention) -> (before: String, after: String)?) -> String {
        var out = "<article class=\"claim\" id=\"\(Self.anchor(claim))\"><h3>\(HTMLText.escape(claim.text, limit: 600))</h3>\n"
        out += "<p class=\"meta\"><span class=\"status \(claim.status.rawValue)\">\(claim.status.rawValue)</span> · "
            + "\(claim.independentSources) independent source\(claim.independentSources == 1 ? "" : "s") · told \(claim.mentions.count) times in "
            + "\(Self.documents(of: claim)) documents by \(outletCount(claim)) outlets · <code>\(claim.id)</code></p>\n"
        if !claim.roots.isEmpty {
            out += "<p>Root sources: " + claim.roots.map { root in
                let name = "<b>\(HTMLText.escape(root.name, limit: 200))</b>"
                return (entityID(root.name).map { "<a href=\"#\(HTMLText.escape($0))\">\(name)</a>" } ?? name) + " (\(root.kind.rawValue))"
            }.joined(separator: ", ") + "</p>\n"
        } else {
            out += "<p>No one stands behind this claim: no mention credits a source, and none is an outlet's own first report.</p>\n"
        }
        out += ProvenanceGraph(claim).svg(id: claim.id)
        for cycle in claim.cycles {
            out += "<p class=\"warn\">Circular: \(HTMLText.escape(cycle.joined(separator: " → "), limit: 400)) → \(HTMLText.escape(cycle.first ?? "", limit: 200)) credit one another.</p>\n"
        }
        for conflict in claim.conflicts {
            out += "<p class=\"warn\">The same words, “\(HTMLText.escape(conflict.text, limit: 300))”, are credited to different sources: "
                + conflict.credits.map { credit in
                    "\(HTMLText.escape(credit.source, limit: 200)) in " + documentLink(credit.document)
                }.joined(separator: "; ") + ".</p>\n"
        }
        out += "<ol class=\"mentions\">\n"
        for mention in claim.mentions.prefix(Self.mentionLimit) {
            out += "<li><p class=\"meta\">" + documentLink(mention.document) + " · \(HTMLText.escape(outlets[mention.document] ?? "no outlet stated", limit: 200))"
                + " · characters \(mention.span.start)–\(mention.span.end)"
                + (mention.hedged ? " · hedged" : "")
                + (mention.copiedFrom.map { " · copied from " + documentLink($0) } ?? "") + "</p>"
            let marked = "<mark>\(HTMLText.escape(mention.text))</mark>"
            if let around = context(mention) {
                out += "<p class=\"context\">\(HTMLText.escape(around.before))\(marked)\(HTMLText.escape(around.after))</p>"
            } else {
                out += "<p class=\"context\">\(marked)</p>"
            }
            let credits = mention.credits.map { "\(HTMLText.escape($0.source, limit: 200)) (\($0.kind.rawValue))" }
            out += "<p class=\"meta\">" + (credits.isEmpty ? "Credits no one." : "Credits " + credits.joined(separator: ", ") + ".") + "</p></li>\n"
        }
        out += "</ol>\n"
        let rest = claim.mentions.dropFirst(Self.mentionLimit)
        if !rest.isEmpty {
            let documents = Array(Set(rest.map(\.document))).sorted { (documentNumbers[$0] ?? .max, $0) < (documentNumbers[$1] ?? .max, $1) }
            out += "<p class=\"meta\">And \(rest.count) more mention\(rest.count == 1 ? "" : "s") in \(documents.count) document\(documents.count == 1 ? "" : "s"): "
                + documents.prefix(50).map(documentLink).joined(separator: ", ") + (documents.count > 50 ? ", …" : "")
                + " (the exports and <code>claimtrace trace \(claim.id)</code> give every one).</p>\n"
        }
        return out + "</article>\n"
    }

    private func documentLink(_ id: DocumentID) -> String {
        guard let n = documentNumbers[id] else { return HTMLText.escape(id.rawValue, limit: 100) }
        return "<a href=\"#doc-\(n)\">document \(n + 1)</a>"
    }

    // MARK: Shared passages

    /// The passages the view shows: the longest, at most `passageLimit`.
    static func shownPassages(_ passages: [ReusedPassage]) -> ArraySlice<ReusedPassage> {
        passages.sorted { ($0.aSpan.length + $0.bSpan.length, $1.a, $1.aSpan.start) > ($1.aSpan.length + $1.bSpan.length, $0.a, $0.aSpan.start) }
            .prefix(passageLimit)
    }

    /// Shared passages side by side, their differing words marked: `shown` (from `shownPassages`)
    /// of `total`; `text` cuts a passage side from its document.
    static func reuseHTML(_ shown: ArraySlice<ReusedPassage>, total: Int, documentNumbers: [DocumentID: Int],
                          text: (DocumentID, TextSpan) -> String?) -> String {
        var out = "<section id=\"reuse\"><h2>Shared passages</h2>\n"
        guard total > 0 else { return out + "<p>No passage is shared by two documents.</p></section>\n" }
        out += "<p>\(total) passage\(total == 1 ? "" : "s") shared between two documents" + (shown.count < total ? ", the \(shown.count) longest shown" : "")
            + ". Words one side has that the other lacks are <span class=\"diff\">marked</span>. A copy is a document's own prose found in another; "
            + "a shared quotation is two documents quoting the same words.</p>\n"
        func link(_ id: DocumentID) -> String {
            documentNumbers[id].map { "<a href=\"#doc-\($0)\">document \($0 + 1)</a>" } ?? HTMLText.escape(id.rawValue, limit: 100)
        }
        for p in shown {
            guard let a = text(p.a, p.aSpan), let b = text(p.b, p.bSpan) else { continue }
            let (aPieces, bPieces) = PassageDiff.compare(a, b)
            func side(_ pieces: [PassageDiff.Piece]) -> String {
                pieces.map { $0.changed ? "<span class=\"diff\">\(HTMLText.escape($0.text))</span>" : HTMLText.escape($0.text) }.joined()
            }
            let direction = p.origin.map { $0 == p.a ? "the first is the earlier, the likely origin" : "the second is the earlier, the likely origin" }
                ?? "no direction: a date is missing or the same"
            out += "<div class=\"passage\"><p class=\"meta\">\(p.kind.rawValue) · similarity \(String(format: "%.2f", p.similarity)) · \(direction)</p>"
                + "<div class=\"pair\"><div><p class=\"meta\">\(link(p.a)), characters \(p.aSpan.start)–\(p.aSpan.end)</p><p>\(side(aPieces))</p></div>"
                + "<div><p class=\"meta\">\(link(p.b)), characters \(p.bSpan.start)–\(p.bSpan.end)</p><p>\(side(bPieces))</p></div></div></div>\n"
        }
        return out + "</section>\n"
    }
}

/// A claim's provenance as a left-to-right graph: the outlets telling it, the outlets they credit,
/// and its root sources in the last column, each step an arrow labelled with how it credits.
struct ProvenanceGraph {
    struct Node { var name: String; var column: Int; var row: Int; var root: Bool }
    var nodes: [String: Node] = [:]
    var edges: [(from: String, to: String, kind: String)] = []

    init(_ claim: Claim) {
        var seen = Set<String>()
        for step in claim.steps {
            let to = step.toRoot ? "root:" + step.to : step.to
            guard seen.insert(step.from + "\u{1}" + to + "\u{1}" + step.kind.rawValue).inserted else { continue }
            edges.append((step.from, to, step.kind.rawValue))
        }
        let rootNames = Set(claim.roots.map(\.name))
        var column: [String: Int] = [:]
        for edge in edges { column[edge.from] = column[edge.from] ?? 0 }
        // Each outlet one column right of the furthest outlet crediting it; circles stop growing
        // after as many rounds as there are outlets.
        for _ in 0..<max(1, column.count) {
            var changed = false
            for edge in edges where !edge.to.hasPrefix("root:") && !rootNames.contains(edge.to) {
                let c = (column[edge.from] ?? 0) + 1
                if column[edge.to].map({ $0 < c && c <= column.count }) ?? true { column[edge.to] = c; changed = true }
            }
            if !changed { break }
        }
        let last = (column.values.max() ?? 0) + 1
        for edge in edges where edge.to.hasPrefix("root:") || rootNames.contains(edge.to) { column[edge.to] = last }
        var rows: [Int: Int] = [:]
        for name in column.keys.sorted() {
            let c = column[name]!
            nodes[name] = Node(name: name.hasPrefix("root:") ? String(name.dropFirst(5)) : name, column: c, row: rows[c, default: 0],
                               root: c == last)
            rows[c, default: 0] += 1
        }
    }

    static let width = 190, height = 34, columnGap = 90, rowGap = 16

    func svg(id: String) -> String {
        guard !nodes.isEmpty else { return "" }
        let columns = (nodes.values.map(\.column).max() ?? 0) + 1
        let rows = (0..<columns).map { c in nodes.values.count { $0.column == c } }.max() ?? 1
        let w = columns * Self.width + (columns - 1) * Self.columnGap + 20
        let h = rows * Self.height + (rows - 1) * Self.rowGap + 20
        func x(_ n: Node) -> Int { 10 + n.column * (Self.width + Self.columnGap) }
        func y(_ n: Node) -> Int { 10 + n.row * (Self.height + Self.rowGap) }
        var out = "<svg class=\"provenance\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" role=\"img\" aria-label=\"Provenance of the claim\">"
            + "<defs><marker id=\"arrow-\(id)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
            + "<path d=\"M0,0L10,5L0,10z\"/></marker></defs>"
        for edge in edges {
            guard let a = nodes[edge.from], let b = nodes[edge.to] else { continue }
            let (x1, y1) = (x(a) + Self.width, y(a) + Self.height / 2)
            let (x2, y2) = b.column > a.column ? (x(b), y(b) + Self.height / 2) : (x(b) + Self.width / 2, y(b) + (b.row > a.row ? 0 : Self.height))
            out += "<line class=\"step\" x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" marker-end=\"url(#arrow-\(id))\"><title>\(HTMLText.escape(edge.kind))</title></line>"
            out += "<text class=\"edge\" x=\"\((x1 + x2) / 2)\" y=\"\((y1 + y2) / 2 - 3)\">\(HTMLText.escape(edge.kind))</text>"
        }
        for node in nodes.values.sorted(by: { ($0.column, $0.row) < ($1.column, $1.row) }) {
            out += "<g class=\"\(node.root ? "root" : "outlet")\"><rect x=\"\(x(node))\" y=\"\(y(node))\" width=\"\(Self.width)\" height=\"\(Self.height)\" rx=\"4\"/>"
                + "<text x=\"\(x(node) + 8)\" y=\"\(y(node) + 21)\">\(HTMLText.escape(String(node.name.prefix(28))))\(node.name.count > 28 ? "…" : "")<title>\(HTMLText.escape(node.name, limit: 300))</title></text></g>"
        }
        return out + "</svg>\n"
    }
}

/// The texts of the documents the claim and passage views quote from, read once each.
struct TextCutter {
    private var texts: [DocumentID: [Unicode.Scalar]] = [:]
    /// Characters of a mention's paragraph shown on each side of it at most.
    static let contextLimit = 400

    init(_ store: StoreReader, needing ids: [DocumentID]) throws {
        for id in Set(ids) {
            if let annotated = try store.annotatedDocument(id) { texts[id] = Array(annotated.document.text.unicodeScalars) }
        }
    }

    func cut(_ id: DocumentID, _ span: TextSpan) -> String? {
        guard let text = texts[id], span.start >= 0, span.start <= span.end, span.end <= text.count else { return nil }
        return String(String.UnicodeScalarView(text[span.start..<span.end]))
    }

    /// The rest of a mention's paragraph before and after it, up to `contextLimit` characters a side.
    func context(_ mention: ClaimMention) -> (before: String, after: String)? {
        guard let text = texts[mention.document], mention.span.start >= 0, mention.span.end <= text.count else { return nil }
        var start = mention.span.start
        while start > 0, text[start - 1] != "\n", mention.span.start - start < Self.contextLimit { start -= 1 }
        var end = mention.span.end
        while end < text.count, text[end] != "\n", end - mention.span.end < Self.contextLimit { end += 1 }
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(text[range])) }
        return ((start > 0 && text[start - 1] != "\n" ? "…" : "") + string(start..<mention.span.start),
                string(mention.span.end..<end) + (end < text.count && text[end] != "\n" ? "…" : ""))
    }
}
