import ClaimTraceCore

/// A document's extractions as plain text for reading in a terminal: quotations with their
/// speakers, attributions with their sources and cues, hedges, dates, quantities, citations and
/// names. Every finding carries its code point offsets, so it can be found again in the text.
public enum AnnotationText {
    public static func render(_ annotated: AnnotatedDocument) -> String {
        let d = annotated.document
        let a = annotated.annotations
        let scalars = [Unicode.Scalar](scalarsOf: d.text)
        func words(_ span: TextSpan, limit: Int = 120) -> String {
            let text = String(String.UnicodeScalarView(scalars[max(0, span.start)..<min(scalars.count, span.end)]))
                .replacingNewlines()
            return text.unicodeScalars.count > limit ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…" : text
        }
        func at(_ span: TextSpan) -> String { "@\(span.start)–\(span.end)" }

        var lines = ["# \(d.title ?? "(untitled)")", "Source: \(d.source)"]
        if let published = d.published { lines.append("Published: \(published)") }
        if let outlet = d.outlet { lines.append("Outlet: \(outlet)") }

        lines += ["", "## Quotes (\(a.quotes.count))"]
        for q in a.quotes {
            var who: String
            switch q.kind {
            case .speaker:
                who = q.speaker ?? q.speakerDescription.map { "unnamed: \($0)" } ?? "unnamed"
                if let role = q.role { who += " (\(role))" }
                if let cue = q.cue { who += " — \(cue)" }
            case .scare: who = "scare quote"
            case .title: who = "title"
            }
            lines.append("\(q.block ? "[block] " : "")\(who): “\(words(q.span))” \(at(q.span))")
        }

        lines += ["", "## Attributions (\(a.attributions.count))"]
        for attribution in a.attributions {
            let source = attribution.source ?? attribution.sourceDescription.map { "unnamed: \($0)" } ?? "unnamed"
            let hedged = attribution.hedges.isEmpty ? "" : " [hedged: \(attribution.hedges.joined(separator: ", "))]"
            lines.append("\(source) — \(attribution.cue): \(words(attribution.span))\(hedged) \(at(attribution.span))")
        }

        lines += ["", "## Hedges (\(a.hedges.count))"]
        for hedge in a.hedges {
            lines.append("\(words(hedge.span)) (\(hedge.kind.rawValue)) in: \(words(hedge.sentence, limit: 80)) \(at(hedge.span))")
        }

        lines += ["", "## Dates (\(a.dates.count))"]
        for date in a.dates {
            lines.append("\(date.value ?? "unresolved"): \(words(date.span)) \(at(date.span))")
        }

        lines += ["", "## Quantities (\(a.quantities.count))"]
        for q in a.quantities {
            var value = number(q.value)
            if let upper = q.upper { value += "–" + number(upper) }
            let parts = [q.comparator, value, q.unit].compactMap { $0 }.joined(separator: " ")
            lines.append("\(parts): \(words(q.span)) \(at(q.span))")
        }

        lines += ["", "## Citations (\(a.citations.count))"]
        for c in a.citations {
            lines.append("\(c.kind.rawValue) \(c.target)\(c.cue.map { " — \($0)" } ?? ""): \(words(c.span)) \(at(c.span))")
        }

        // Names grouped by what they stand for, with how often and in which forms.
        var groups: [String: (type: EntityType, forms: [String], count: Int, place: String?)] = [:]
        var order: [String] = []
        for mention in annotated.entities {
            let key = "\(mention.type.rawValue)\u{1}\(mention.name)"
            if groups[key] == nil {
                order.append(key)
                let place = mention.latitude.map { lat in
                    "\(mention.country ?? "?"), \(number(lat)), \(number(mention.longitude ?? 0))"
                }
                groups[key] = (mention.type, [], 0, place)
            }
            groups[key]!.count += 1
            if !groups[key]!.forms.contains(mention.text) { groups[key]!.forms.append(mention.text) }
        }
        lines += ["", "## Names (\(order.count))"]
        for key in order {
            let g = groups[key]!
            let name = String(key.split(separator: "\u{1}", maxSplits: 1).last ?? "")
            let forms = g.forms.filter { $0 != name }
            lines.append("\(g.type.rawValue): \(name)\(g.place.map { " (\($0))" } ?? "") ×\(g.count)"
                         + (forms.isEmpty ? "" : " — also \(forms.joined(separator: ", "))"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    }
}

private extension String {
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }
}
