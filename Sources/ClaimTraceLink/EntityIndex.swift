import ClaimTraceCore

/// One entity of the corpus: every mention of it across documents, under one canonical name.
public struct CorpusEntity: Sendable {
    /// Stable for the same canonical name and type: `E` + 12 hex digits of its SHA-256.
    public var id: String
    public var name: String
    public var type: EntityType
    /// Every surface form seen, sorted.
    public var aliases: [String]
    public var documents: [DocumentID]
    public var mentions: [(document: DocumentID, mention: EntityMention)]
    public var latitude: Double?
    public var longitude: Double?
    public var country: String?
}

/// Merges the entity mentions of many documents into corpus entities.
///
/// Two mentions are one entity when they share a gazetteer place, a strict name key (case,
/// diacritics, punctuation and doubled letters aside), or — for places, organisations and outlets
/// with names of two or more words — a loose key that absorbs transliteration (Deir ez-Zor /
/// Deir Ezzor / Deir al-Zor). Different gazetteer places never merge, and people merge only on
/// strict keys, or a lone surname with a full name in the same document: precision over recall.
public struct EntityIndex {
    private var parent: [Int] = []
    private var nodeByKey: [String: Int] = [:]
    private var mentionsByNode: [Int: [(DocumentID, EntityMention)]] = [:]
    private var placeByNode: [Int: Int] = [:]
    /// Names of outlets the documents' metadata gives: such entities are outlets.
    private var outletKeys = Set<String>()
    /// Unresolved multi-word names and their loose keys, joined to a place or body seen later.
    private var pendingLoose: [(node: Int, key: String)] = []

    public init() {}

    public mutating func add(_ annotated: AnnotatedDocument) {
        for outlet in [annotated.document.outlet, annotated.document.republishedFrom].compactMap({ $0 }) {
            outletKeys.insert(NameKey.strict(outlet))
        }
        let document = annotated.document.id
        let people = annotated.entities.filter { $0.type == .person }.map(\.name)
        let bodies = Self.bodiesNamedInFull(annotated.entities)
        for var mention in annotated.entities {
            // A lone surname with the full name in the same document: "Mattis" is Jim Mattis.
            if !mention.name.contains(" "), mention.type == .person || mention.type == .other,
               let full = people.first(where: { $0.hasSuffix(" " + mention.name) || $0.hasSuffix("-" + mention.name) }) {
                mention.name = full
                mention.type = .person
            } else if mention.type != .person, mention.type != .place, let full = Self.fullBody(for: mention.name, among: bodies) {
                // A short form of a body the same document names in full.
                mention.name = full.name
                mention.type = full.type
            }
            let node = self.node(for: mention)
            mentionsByNode[node, default: []].append((document, mention))
        }
    }

    /// The organisations and outlets a document names with two words or more.
    static func bodiesNamedInFull(_ mentions: [EntityMention]) -> [(name: String, type: EntityType)] {
        var seen = Set<String>()
        var out: [(name: String, type: EntityType)] = []
        for m in mentions where (m.type == .organization || m.type == .outlet) && m.name.contains(" ") && seen.insert(m.name).inserted {
            out.append((m.name, m.type))
        }
        return out
    }

    /// The one body named in full that a short form stands for in the same document: its first
    /// word ("Corvina" → "Corvina Barge Lines"), its last words ("Waterways Authority" → "Lower
    /// Danube Waterways Authority") or its initials ("WFP" → "World Food Program"). Nil when none
    /// or several fit: a short form two bodies share names neither.
    static func fullBody(for name: String, among bodies: [(name: String, type: EntityType)]) -> (name: String, type: EntityType)? {
        guard !bodies.isEmpty, name.count >= 2 else { return nil }
        let isAcronym = (2...6).contains(name.count) && name.allSatisfy { $0.isUppercase || $0.isNumber }
        let single = !name.contains(" ")
        let fits = bodies.filter { body in
            guard body.name != name else { return false }
            if isAcronym { return initials(of: body.name) == name.lowercased() }
            // Outlets are often named after their town ("Giurgiu Lantern"): a town is not their short form.
            if single { return body.type == .organization && body.name.hasPrefix(name + " ") && name.count >= 4 }
            return body.name.hasSuffix(" " + name)
        }
        guard let first = fits.first, fits.allSatisfy({ $0.name == first.name }) else { return nil }
        return first
    }

    /// The first letters of a name's capitalised words, lowercased: "World Food Program" → "wfp".
    static func initials(of name: String) -> String {
        String(name.split(separator: " ").compactMap { word in word.first?.isUppercase == true ? Character(word.first!.lowercased()) : nil })
    }

    private mutating func node(for mention: EntityMention) -> Int {
        var keys: [String] = []
        if let place = mention.placeID { keys.append("geo:\(place)") }
        let strictName = NameKey.strict(mention.name)
        let strictText = NameKey.strict(mention.text)
        if !strictName.isEmpty { keys.append("name:\(strictName)") }
        if mention.type != .person, !strictText.isEmpty, strictText != strictName, mention.text.count > 3 { keys.append("name:\(strictText)") }
        let multiword = mention.name.contains(" ") || mention.name.contains("-")
        let loose = multiword ? NameKey.loose(mention.name) : ""
        let resolvedKind = mention.type == .place || mention.type == .organization || mention.type == .outlet
        if resolvedKind, loose.count >= 5 { keys.append("loose:\(loose)") }
        var node: Int?
        // An unresolved multi-word name whose loose key is a known place's or body's is a spelling
        // of it ("Deir ez-Zur"); people never merge on loose keys with each other.
        if !resolvedKind, loose.count >= 5, let existing = nodeByKey["loose:\(loose)"] { node = find(existing) }
        for key in keys {
            guard let existing = nodeByKey[key] else { continue }
            let root = find(existing)
            // A name shared by two gazetteer places (two Cambridges) does not make them one.
            if let place = mention.placeID, let other = placeByNode[root], other != place { continue }
            if let n = node {
                union(n, root, place: mention.placeID)
            } else {
                node = root
            }
        }
        let result = node ?? newNode()
        if !resolvedKind, loose.count >= 5, node == nil { pendingLoose.append((result, "loose:\(loose)")) }
        if let place = mention.placeID, placeByNode[find(result)] == nil { placeByNode[find(result)] = place }
        for key in keys where nodeByKey[key] == nil { nodeByKey[key] = result }
        return find(result)
    }

    private mutating func newNode() -> Int {
        parent.append(parent.count)
        return parent.count - 1
    }

    private mutating func find(_ x: Int) -> Int {
        var root = x
        while parent[root] != root { root = parent[root] }
        var y = x
        while parent[y] != root { let next = parent[y]; parent[y] = root; y = next }
        return root
    }

    private mutating func union(_ a: Int, _ b: Int, place: Int?) {
        let ra = find(a), rb = find(b)
        guard ra != rb else { return }
        // Two different gazetteer places stay apart.
        if let pa = placeByNode[ra], let pb = placeByNode[rb], pa != pb { return }
        parent[rb] = ra
        if placeByNode[ra] == nil { placeByNode[ra] = placeByNode[rb] }
        if let moved = mentionsByNode.removeValue(forKey: rb) { mentionsByNode[ra, default: []] += moved }
    }

    /// The corpus entities, most mentioned first.
    public mutating func entities() -> [CorpusEntity] {
        for pending in pendingLoose {
            if let existing = nodeByKey[pending.key] { union(existing, pending.node, place: nil) }
        }
        pendingLoose.removeAll()
        // Nodes are numbered in the order mentions arrived, so walking them in that order (not in
        // the dictionary's, which changes from run to run) keeps every entity the same each run.
        var grouped: [Int: [(DocumentID, EntityMention)]] = [:]
        for node in mentionsByNode.keys.sorted() { grouped[find(node), default: []] += mentionsByNode[node]! }
        var out: [CorpusEntity] = []
        for root in grouped.keys.sorted() {
            let mentions = grouped[root]!
            let ms = mentions.map { $0.1 }
            let name = Self.canonicalName(ms.map(\.name))
            var types: [EntityType: Int] = [:]
            for m in ms { types[m.type, default: 0] += 1 }
            var type = types.max { ($0.value, $0.key.rank) < ($1.value, $1.key.rank) }!.key
            if ms.contains(where: { outletKeys.contains(NameKey.strict($0.name)) || outletKeys.contains(NameKey.strict($0.text)) }) { type = .outlet }
            let place = ms.first { $0.placeID != nil }
            if place != nil { type = .place }
            var documents: [DocumentID] = []
            for (d, _) in mentions where !documents.contains(d) { documents.append(d) }
            let id = "E" + ContentHash.sha256Hex("\(type.rawValue)|\(name)").prefix(12)
            out.append(CorpusEntity(id: id, name: name, type: type,
                                    aliases: Array(Set(ms.map(\.text) + [name])).sorted(), documents: documents,
                                    mentions: mentions.map { (document: $0.0, mention: $0.1) },
                                    latitude: place?.latitude, longitude: place?.longitude,
                                    country: place?.country ?? (type == .person || type == .other ? nil : ms.first { $0.country != nil }?.country)))
        }
        return out.sorted { ($0.mentions.count, $1.name, $1.id) > ($1.mentions.count, $0.name, $0.id) }
    }

    /// The name an entity goes by: its most frequent form, then the longest, then one not written
    /// all in capitals ("Cleveland" over a dateline's "CLEVELAND"), then the first seen.
    static func canonicalName(_ names: [String]) -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for name in names {
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        func score(_ name: String) -> (Int, Int, Int) {
            (counts[name]!, name.count, name.unicodeScalars.contains { $0.properties.isLowercase } ? 1 : 0)
        }
        var best = order[0]
        for name in order.dropFirst() where score(name) > score(best) { best = name }
        return best
    }
}

private extension EntityType {
    /// Ties between types go to the more specific one.
    var rank: Int {
        switch self {
        case .place: return 5
        case .outlet: return 4
        case .organization: return 3
        case .person: return 2
        case .other: return 1
        }
    }
}

/// Finds the entity a name refers to, for linking quote speakers and attribution sources.
public struct EntityLookup: Sendable {
    private var byKey: [String: String] = [:]

    public init(_ entities: [CorpusEntity]) {
        for entity in entities {
            for alias in entity.aliases + [entity.name] {
                let key = NameKey.strict(alias)
                if !key.isEmpty, byKey[key] == nil { byKey[key] = entity.id }
            }
        }
    }

    public func id(for name: String?) -> String? {
        guard let name else { return nil }
        return byKey[NameKey.strict(name)]
    }
}
