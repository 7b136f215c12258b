import ClaimTraceCore

/// A document's text as HTML paragraphs with what the extract stage found marked in place:
/// quotations by kind, attributed sentences and their cue words, hedges, and named entities
/// linked to the entity list. Each speaker or source is written out after its words, so the
/// page reads the same printed, or with styles and scripts off.
///
/// Annotations overlap freely (a quotation inside an attributed sentence, a name inside a
/// quotation), so the text is cut at every place any of them starts or ends, and each piece is
/// one element carrying the classes of every annotation over it: the markup stays well nested
/// however the spans cross.
struct HighlightedText {
    /// One annotation as the page shows it.
    struct Mark {
        var span: TextSpan
        var classes: [String]
        /// Shown on hover. Quotations and attributed sentences have none: their speaker or source
        /// is written after their words, and a title repeated on every piece of a long sentence
        /// made up a third of a large report.
        var title: String?
        /// An entity's anchor in the entity list.
        var entityID: String?
    }

    private let scalars: [Unicode.Scalar]
    private var marks: [Mark] = []
    /// Notes written after a position: who said it, where the quotation ends.
    private var notes: [Int: [String]] = [:]

    init(_ document: Document) {
        scalars = [Unicode.Scalar](scalarsOf: document.text)
    }

    /// Passages the text shares with other documents, each followed by the one it is shared with.
    mutating func addReused(_ passages: [(span: TextSpan, with: String)]) {
        for p in passages where valid(p.span) {
            marks.append(Mark(span: p.span, classes: ["reused"]))
            notes[p.span.end, default: []].append("<span class=\"src\">[shared with " + HTMLText.escape(p.with, limit: 200) + "]</span>")
        }
    }

    mutating func add(_ annotations: Annotations, entities: [EntityMention], entityID: (String) -> String?) {
        for a in annotations.attributions where valid(a.span) {
            marks.append(Mark(span: a.span, classes: ["att"]))
            if valid(a.cueSpan) { marks.append(Mark(span: a.cueSpan, classes: ["cue"])) }
            var note = Self.source(a.source, a.sourceDescription) + " · " + a.cue
            if !a.hedges.isEmpty { note += " · hedged: " + a.hedges.joined(separator: ", ") }
            notes[a.span.end, default: []].append("<span class=\"src\">[" + HTMLText.escape(note, limit: 300) + "]</span>")
        }
        for q in annotations.quotes where valid(q.span) {
            switch q.kind {
            case .speaker:
                let who = Self.source(q.speaker, q.speakerDescription) + (q.role.map { " (\($0))" } ?? "")
                marks.append(Mark(span: q.span, classes: [q.block ? "q block" : "q"]))
                let note = "— " + who + (q.cue.map { " · " + $0 } ?? "") + (q.block ? " · block quote" : "")
                notes[closingEnd(q.span.end), default: []].append("<span class=\"who\">" + HTMLText.escape(note, limit: 300) + "</span>")
            case .scare:
                marks.append(Mark(span: q.span, classes: ["scare"], title: "scare quote: no speaker"))
            case .title:
                marks.append(Mark(span: q.span, classes: ["title"], title: "quoted title"))
            }
        }
        for h in annotations.hedges where valid(h.span) {
            marks.append(Mark(span: h.span, classes: ["hedge"], title: "hedge: " + h.kind.rawValue))
        }
        for e in entities where valid(e.span) {
            marks.append(Mark(span: e.span, classes: ["ent", e.type.rawValue], title: e.type.rawValue + ": " + e.name, entityID: entityID(e.name)))
        }
    }

    /// The paragraphs, each a `<p>`; a single line break inside one is a `<br>`.
    func html() -> String {
        var cuts = Set<Int>([0, scalars.count])
        for m in marks { cuts.insert(m.span.start); cuts.insert(m.span.end) }
        for position in notes.keys where position <= scalars.count { cuts.insert(position) }
        let boundaries = cuts.sorted()
        // Marks sorted by start, walked with the boundaries: each piece looks only at the marks
        // that have started and not yet ended.
        let ordered = marks.sorted { ($0.span.start, $1.span.end) < ($1.span.start, $0.span.end) }
        var next = 0
        var open: [Mark] = []
        var out = "<p>"
        for (n, start) in boundaries.dropLast().enumerated() {
            let end = boundaries[n + 1]
            open.removeAll { $0.span.end <= start }
            while next < ordered.count, ordered[next].span.start <= start {
                if ordered[next].span.end > start { open.append(ordered[next]) }
                next += 1
            }
            if let written = notes[start] { out += " " + written.joined(separator: " ") }
            writePiece(start..<end, under: open, into: &out)
        }
        if let written = notes[scalars.count] { out += " " + written.joined(separator: " ") }
        out += "</p>"
        return out
    }

    private func writePiece(_ range: Range<Int>, under open: [Mark], into out: inout String) {
        var classes: [String] = []
        for m in open { for c in m.classes where !classes.contains(c) { classes.append(c) } }
        // The innermost annotation's title: a name's or a hedge's.
        let title = open.last { $0.title != nil }?.title
        let entity = open.first { $0.entityID != nil }?.entityID
        var opening = ""
        var closing = ""
        if !classes.isEmpty {
            let attributes = "class=\"\(classes.joined(separator: " "))\""
                + (title.map { " title=\"\(HTMLText.escape($0, limit: 300))\"" } ?? "")
            if let entity {
                opening = "<a href=\"#\(HTMLText.escape(entity))\" \(attributes)>"
                closing = "</a>"
            } else {
                opening = "<span \(attributes)>"
                closing = "</span>"
            }
        }
        out += opening
        var k = range.lowerBound
        while k < range.upperBound {
            let scalar = scalars[k]
            if scalar == "\n" {
                // A paragraph break closes the piece's element and opens it again after the break.
                var breaks = 1
                while k + breaks < range.upperBound, scalars[k + breaks] == "\n" { breaks += 1 }
                out += closing + (breaks >= 2 ? "</p>\n<p>" : "<br>") + opening
                k += breaks
                continue
            }
            HTMLText.append(scalar, to: &out)
            k += 1
        }
        out += closing
    }

    private func valid(_ span: TextSpan) -> Bool {
        span.start >= 0 && span.start < span.end && span.end <= scalars.count
    }

    /// Past the closing quotation mark and punctuation right after a quotation's words.
    private func closingEnd(_ end: Int) -> Int {
        var k = end
        while k < scalars.count, k - end < 3, "”’\"'»".unicodeScalars.contains(scalars[k]) || ",.".unicodeScalars.contains(scalars[k]) { k += 1 }
        return k
    }

    static func source(_ name: String?, _ description: String?) -> String {
        if let name { return name }
        if let description { return "unnamed: " + description }
        return "no source named"
    }
}
