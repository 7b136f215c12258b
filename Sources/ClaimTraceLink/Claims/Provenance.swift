import ClaimTraceCore

/// Follows the credits of a claim's mentions to its root sources.
///
/// Outlets are the nodes: every document speaks for its publisher (the original outlet of a
/// republication), or for itself when it names none. A mention makes one step per source it
/// credits: to another outlet of the corpus when the source is one (its own mentions of the claim
/// then say where it got it), else to a root source. A dated copy steps to the outlet it was
/// copied from. A mention crediting no one is its outlet's own reporting, unless it is hedged
/// ("reportedly") or its document names no outlet: then it stands on nothing. The roots are where
/// the steps end: named people and bodies, outlets reporting on their own authority, outlets
/// cited that tell the claim nowhere in the corpus, and all anonymous (all unnamed) sources of the
/// claim counted as one, since nothing shows they are different people.
struct Provenance {
    let documents: [DocumentClaims]
    let entities: EntityLookup?
    /// Outlet name keys to the node that speaks for them.
    private var outletNodes: [String: String] = [:]
    private var documentByURL: [String: Int] = [:]
    private var documentByID: [DocumentID: Int] = [:]

    init(documents: [DocumentClaims], entities: EntityLookup?) {
        self.documents = documents
        self.entities = entities
        for (d, doc) in documents.enumerated() {
            let node = Self.node(of: doc)
            for outlet in doc.outlets where outletNodes[Self.outletKey(outlet)] == nil { outletNodes[Self.outletKey(outlet)] = node }
            if let url = doc.url { documentByURL[Self.normalizedURL(url)] = d }
            documentByID[doc.document] = d
        }
    }

    static func node(of doc: DocumentClaims) -> String { doc.publisher ?? "document \(doc.document.rawValue)" }

    /// Outlet names compare without a leading "The", case and punctuation aside.
    static func outletKey(_ name: String) -> String {
        let words = name.split(separator: " ")
        let dropped = words.count > 1 && words[0].lowercased() == "the" ? words.dropFirst() : words[...]
        return NameKey.strict(dropped.joined(separator: " "))
    }

    /// A link to a part of a page ("…#section") credits the page.
    static func normalizedURL(_ url: String) -> String {
        PageAddress.key(url.firstIndex(of: "#").map { String(url[..<$0]) } ?? url)
    }

    func claim(_ members: [(document: Int, draft: Int, copiedFrom: DocumentID?)],
               quotePairs: [(a: ClaimFinder.QuoteRef, b: ClaimFinder.QuoteRef)]) -> Claim {
        let ordered = members.sorted { a, b in
            let (da, db) = (documents[a.document], documents[b.document])
            if da.published != db.published {
                guard let pa = da.published else { return false }
                guard let pb = db.published else { return true }
                return pa < pb
            }
            return (da.document, da.mentions[a.draft].span.start) < (db.document, db.mentions[b.draft].span.start)
        }
        var mentions: [ClaimMention] = []
        var steps: [ProvenanceStep] = []
        // Only the outlets that told the claim first can be its source on their own authority; a
        // later outlet that tells it crediting no one repeats it.
        let first = ordered.first.map { documents[$0.document].published }
        for member in ordered {
            let doc = documents[member.document]
            let draft = doc.mentions[member.draft]
            let mention = ClaimMention(document: doc.document, span: draft.span, text: draft.text, credits: draft.credits,
                                       copiedFrom: member.copiedFrom, hedged: draft.hedged)
            mentions.append(mention)
            steps += self.steps(of: mention, in: doc, first: doc.published == first)
        }
        let nodesWithMentions = Set(ordered.map { Self.node(of: documents[$0.document]) })
        var roots: [RootSource] = []
        var rootKeys = Set<String>()
        for step in steps where step.toRoot || !nodesWithMentions.contains(step.to) {
            let root = step.toRoot ? RootSource(name: step.to, kind: step.kind) : RootSource(name: step.to, kind: .cited)
            if rootKeys.insert(key(of: root)).inserted { roots.append(root) }
        }
        let conflicts = self.conflicts(quotePairs)
        roots = merging(roots, conflicts)
        let cycles = Self.cycles(steps.filter { !$0.toRoot && nodesWithMentions.contains($0.to) })
        let status: ClaimStatus
        if roots.count >= 2 { status = .corroborated }
        else if !cycles.isEmpty { status = .circular }
        else if roots.count == 1 { status = .singleSource }
        else { status = .unattributed }

        let canonical = Self.canonical(ordered.map { (documents[$0.document], documents[$0.document].mentions[$0.draft]) })
        let id = "C" + ContentHash.sha256Hex("\(canonical.doc.document.rawValue):\(canonical.draft.span.start):\(canonical.draft.span.end)").prefix(12)
        return Claim(id: id, text: canonical.draft.text, status: status, roots: roots, mentions: mentions,
                     conflicts: conflicts, steps: steps, cycles: cycles)
    }

    /// The earliest published mention; of those published on the same day (or of all, when none
    /// is dated), the fullest.
    static func canonical(_ members: [(doc: DocumentClaims, draft: DocumentClaims.Draft)]) -> (doc: DocumentClaims, draft: DocumentClaims.Draft) {
        let earliest = members.compactMap(\.doc.published).min()
        let first = members.filter { $0.doc.published == earliest }
        return first.max { a, b in
            a.draft.span.length != b.draft.span.length
                ? a.draft.span.length < b.draft.span.length
                : (a.doc.document, a.draft.span.start) > (b.doc.document, b.draft.span.start)
        }!
    }

    /// The steps one mention makes.
    private func steps(of mention: ClaimMention, in doc: DocumentClaims, first: Bool) -> [ProvenanceStep] {
        let from = Self.node(of: doc)
        var out: [ProvenanceStep] = []
        func step(_ to: String, _ kind: CreditKind, root: Bool) {
            out.append(ProvenanceStep(from: from, to: to, kind: kind, toRoot: root, document: doc.document, span: mention.span, text: mention.text))
        }
        if let origin = mention.copiedFrom, let o = documentByID[origin] {
            let to = Self.node(of: documents[o])
            if to != from { step(to, .copied, root: false) }
        }
        for credit in mention.credits {
            switch credit.kind {
            case .linked:
                // A link points elsewhere for what it says, even where the corpus cannot follow.
                guard let d = documentByURL[Self.normalizedURL(credit.source)] else { continue }
                let to = Self.node(of: documents[d])
                if to != from { step(to, .linked, root: false) }
            case .anonymous:
                step("anonymous sources", .anonymous, root: true)
            case .unnamed:
                step("unnamed sources", .unnamed, root: true)
            case .unresolved:
                // Someone the text names elsewhere stands behind it; who, the words do not say.
                continue
            default:
                if let node = outletNodes[Self.outletKey(credit.source)] {
                    if node != from { step(node, credit.kind, root: false) }
                } else {
                    step(credit.source, credit.kind, root: true)
                }
            }
        }
        // Words that credit anyone, or were copied, are not the outlet's own reporting.
        let credited = mention.copiedFrom != nil || !mention.credits.isEmpty
        if !credited, !mention.hedged, first, let publisher = doc.publisher { step(publisher, .ownReporting, root: true) }
        return out
    }

    /// Sources credited with the same words in different places are one source told two ways:
    /// at most one of the credits is right, so together they count once.
    private func merging(_ roots: [RootSource], _ conflicts: [CreditConflict]) -> [RootSource] {
        var roots = roots
        for conflict in conflicts {
            let keys = Set(conflict.credits.map { key(of: RootSource(name: $0.source, kind: .quoted)) })
            let involved = roots.filter { keys.contains(key(of: $0)) }
            guard involved.count > 1 else { continue }
            roots.removeAll { keys.contains(key(of: $0)) }
            roots.append(RootSource(name: involved.map(\.name).joined(separator: " or "), kind: .quoted))
        }
        return roots
    }

    private func key(of root: RootSource) -> String {
        switch root.kind {
        case .anonymous: return "#anonymous"
        case .unnamed: return "#unnamed"
        default: return entities?.id(for: root.name) ?? Self.outletKey(root.name)
        }
    }

    /// Groups of outlets that credit one another in a circle (strongly connected, Tarjan).
    static func cycles(_ steps: [ProvenanceStep]) -> [[String]] {
        var edges: [String: [String]] = [:]
        var nodes: [String] = []
        for s in steps where s.from != s.to {
            if edges[s.from] == nil { nodes.append(s.from) }
            edges[s.from, default: []].append(s.to)
            if edges[s.to] == nil { edges[s.to] = []; nodes.append(s.to) }
        }
        var index: [String: Int] = [:], low: [String: Int] = [:], onStack = Set<String>(), stack: [String] = []
        var next = 0
        var out: [[String]] = []
        func visit(_ v: String) {
            index[v] = next; low[v] = next; next += 1
            stack.append(v); onStack.insert(v)
            for w in edges[v] ?? [] {
                if index[w] == nil { visit(w); low[v] = min(low[v]!, low[w]!) }
                else if onStack.contains(w) { low[v] = min(low[v]!, index[w]!) }
            }
            if low[v] == index[v] {
                var group: [String] = []
                while let w = stack.popLast() { onStack.remove(w); group.append(w); if w == v { break } }
                if group.count > 1 { out.append(group.sorted()) }
            }
        }
        for v in nodes where index[v] == nil { visit(v) }
        return out
    }

    /// The same quoted words credited to different speakers.
    private func conflicts(_ pairs: [(a: ClaimFinder.QuoteRef, b: ClaimFinder.QuoteRef)]) -> [CreditConflict] {
        guard !pairs.isEmpty else { return [] }
        var groups: [[ClaimFinder.QuoteRef]] = []
        for (a, b) in pairs {
            let ga = groups.firstIndex { $0.contains(a) }, gb = groups.firstIndex { $0.contains(b) }
            switch (ga, gb) {
            case let (x?, y?) where x != y: groups[min(x, y)] += groups[max(x, y)]; groups.remove(at: max(x, y))
            case let (x?, nil): groups[x].append(b)
            case let (nil, y?): groups[y].append(a)
            case (nil, nil): groups.append([a, b])
            default: break
            }
        }
        var out: [CreditConflict] = []
        for group in groups {
            let quotes = group.map { ($0, documents[$0.document].mentions[$0.draft].quotes[$0.quote]) }
            let speakers = Set(quotes.map { entities?.id(for: $0.1.speaker) ?? NameKey.strict($0.1.speaker) })
            guard speakers.count > 1 else { continue }
            let first = quotes.min { ($0.0.document, $0.0.draft) < ($1.0.document, $1.0.draft) }!
            let draft = documents[first.0.document].mentions[first.0.draft]
            let offset = first.1.span.start - draft.span.start
            let scalars = Array(draft.text.unicodeScalars)
            let text = offset >= 0 && offset + first.1.span.length <= scalars.count
                ? String(String.UnicodeScalarView(scalars[offset..<(offset + first.1.span.length)])) : draft.text
            out.append(CreditConflict(text: text, credits: quotes.map { (source: $0.1.speaker, document: documents[$0.0.document].document, span: $0.1.span) }))
        }
        return out
    }
}
