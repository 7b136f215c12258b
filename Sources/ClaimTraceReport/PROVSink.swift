import ClaimTraceCore
import Foundation

/// The corpus as W3C PROV-JSON (https://www.w3.org/submissions/prov-json/), for provenance
/// tools.
///
/// - `entity`: every document (`ct:Document`), and every quotation (`ct:Quote`) and attributed
///   sentence (`ct:Attribution`) as a passage with its words (`prov:value`), its document and
///   its offsets.
/// - `agent`: outlets (`ct:Outlet`) and named speakers and sources (`ct:Person`,
///   `ct:Organization`, … from the entity list, by entity id).
/// - `wasAttributedTo`: a document to its outlet; a passage to its named speaker or source.
/// - `hadMember`: a document, as a collection, to each of its passages.
/// - `wasDerivedFrom`: a passage copied from another document (`ct:SharedPassage` on both sides)
///   to the passage in the document published first; `alternateOf` between the two sides of a
///   shared passage whose direction the dates do not give, and of a shared quotation (two reports
///   of one speaker's words, neither derived from the other).
/// - Claims told in two documents or more (`ct:Claim`, with `ct:status` and
///   `ct:independentSources`) as collections of their mentions (`ct:ClaimMention` passages,
///   members of their document too), attributed to their root sources (`wasAttributedTo`, to an
///   outlet agent for an outlet's own reporting or a cited outlet, else to a source agent). A
///   claim told once is in the JSON formats.
///
/// Entities are written as they come; relations are spooled to temporary files and agents kept
/// in memory (one per outlet and named source), then both written at the end.
public struct PROVSink: ExportSink {
    private let output: OutputFile
    private let spools: LayerSpools
    private var firstEntity = true
    private var agents: [String: [String: String]] = [:]
    private var relationCount = 0
    private var passageCount = 0
    private let encoder = JSONEncoder()

    public init(_ output: OutputFile) throws {
        self.output = output
        spools = try LayerSpools()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public mutating func begin() throws {
        try output.write("{\"prefix\":{\"ct\":\"urn:claimtrace:prov:\"},\n\"entity\":{")
    }

    public mutating func document(_ json: Data) throws {
        guard let d = try JSONSerialization.jsonObject(with: json) as? [String: Any], let id = d["id"] as? String else { return }
        var attributes: [String: String] = ["prov:type": "ct:Document", "prov:label": (d["title"] as? String) ?? (d["source"] as? String) ?? id]
        for key in ["source", "url", "published"] { if let value = d[key] as? String { attributes["ct:" + key] = value } }
        if let from = d["republished_from"] as? String { attributes["ct:republishedFrom"] = from }
        try entity(Self.documentID(id), attributes)
        if let outlet = d["outlet"] as? String {
            let agent = "ct:outlet-" + Self.local(NameKey.strict(outlet))
            if agents[agent] == nil { agents[agent] = ["prov:type": "ct:Outlet", "prov:label": outlet] }
            try relation("wasAttributedTo", ["prov:entity": Self.documentID(id), "prov:agent": agent])
        }
    }

    public mutating func layerStarted(_ layer: String) throws {}

    public mutating func record(_ json: Data, layer: String) throws {
        guard let r = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { return }
        switch layer {
        case "quotes" where r["kind"] as? String == "speaker":
            try passage(r, type: "ct:Quote", source: r["speaker"] as? String, sourceEntity: r["speaker_entity"] as? String,
                        description: r["speaker_description"] as? String)
        case "attributions":
            try passage(r, type: "ct:Attribution", source: r["source"] as? String, sourceEntity: r["source_entity"] as? String,
                        description: r["source_description"] as? String)
        case "reuse":
            try sharedPassage(r)
        case "claims":
            try claim(r)
        case "entities":
            // Named speakers and sources get their entity's type, once the entity list is known.
            guard let id = r["id"] as? String, let type = r["type"] as? String else { return }
            let agent = "ct:" + Self.local(id)
            if agents[agent] != nil { agents[agent]!["prov:type"] = "ct:" + type.prefix(1).uppercased() + type.dropFirst() }
        default: break
        }
    }

    public mutating func layerEnded(_ layer: String) throws {}

    public mutating func finish() throws {
        try output.write("\n},\n\"agent\":{")
        for (n, id) in agents.keys.sorted().enumerated() {
            try output.write((n == 0 ? "\n" : ",\n") + Self.key(id))
            try output.write(encoder.encode(agents[id]!))
        }
        try output.write("\n}")
        for section in ["wasAttributedTo", "hadMember", "wasDerivedFrom", "alternateOf"] {
            try output.write(",\n\"\(section)\":{")
            var first = true
            try spools.forEach(section) { line in
                try output.write(first ? "\n" : ",\n")
                try output.write(line)
                first = false
            }
            try output.write("\n}")
        }
        try output.write("}\n")
    }

    private mutating func passage(_ r: [String: Any], type: String, source: String?, sourceEntity: String?, description: String?) throws {
        guard let document = r["document"] as? String else { return }
        passageCount += 1
        let id = "ct:passage-\(passageCount)"
        var attributes: [String: Any] = ["prov:type": type, "prov:value": r["text"] as? String ?? "", "ct:document": Self.documentID(document)]
        for key in ["start", "end"] { if let value = r[key] as? Int { attributes["ct:" + key] = value } }
        if let cue = r["cue"] as? String { attributes["ct:cue"] = cue }
        if let description { attributes["ct:sourceDescription"] = description }
        try entity(id, attributes)
        try relation("hadMember", ["prov:collection": Self.documentID(document), "prov:entity": id])
        guard let source else { return }
        let agent = sourceEntity.map { "ct:" + Self.local($0) } ?? "ct:source-" + Self.local(NameKey.strict(source))
        if agents[agent] == nil { agents[agent] = ["prov:type": "prov:Agent", "prov:label": source] }
        try relation("wasAttributedTo", ["prov:entity": id, "prov:agent": agent])
    }

    /// A claim as a collection of its mentions, attributed to its root sources.
    private mutating func claim(_ r: [String: Any]) throws {
        guard let claimID = r["id"] as? String, let mentions = r["mentions"] as? [[String: Any]],
              Set(mentions.compactMap { $0["document"] as? String }).count > 1 else { return }
        let id = "ct:claim-" + Self.local(claimID)
        var attributes: [String: Any] = ["prov:type": "ct:Claim", "prov:value": r["text"] as? String ?? "", "ct:status": r["status"] as? String ?? ""]
        if let count = r["independent_sources"] as? Int { attributes["ct:independentSources"] = count }
        try entity(id, attributes)
        for mention in mentions {
            guard let document = mention["document"] as? String else { continue }
            passageCount += 1
            let passage = "ct:passage-\(passageCount)"
            var fields: [String: Any] = ["prov:type": "ct:ClaimMention", "prov:value": mention["text"] as? String ?? "", "ct:document": Self.documentID(document)]
            for key in ["start", "end"] { if let value = mention[key] as? Int { fields["ct:" + key] = value } }
            try entity(passage, fields)
            try relation("hadMember", ["prov:collection": Self.documentID(document), "prov:entity": passage])
            try relation("hadMember", ["prov:collection": id, "prov:entity": passage])
        }
        for root in r["roots"] as? [[String: Any]] ?? [] {
            guard let name = root["name"] as? String else { continue }
            let outlet = ["own-reporting", "cited"].contains(root["kind"] as? String)
            let agent = (outlet ? "ct:outlet-" : "ct:source-") + Self.local(NameKey.strict(name))
            if agents[agent] == nil { agents[agent] = ["prov:type": outlet ? "ct:Outlet" : "prov:Agent", "prov:label": name] }
            try relation("wasAttributedTo", ["prov:entity": id, "prov:agent": agent])
        }
    }

    /// Both sides of a shared passage as passages of their documents, and how they are related.
    private mutating func sharedPassage(_ r: [String: Any]) throws {
        guard let documents = r["documents"] as? [String], documents.count == 2 else { return }
        var ids: [String] = []
        for (n, side) in ["a", "b"].enumerated() {
            guard let s = r[side] as? [String: Any] else { return }
            passageCount += 1
            let id = "ct:passage-\(passageCount)"
            var attributes: [String: Any] = ["prov:type": "ct:SharedPassage", "prov:value": s["text"] as? String ?? "",
                                             "ct:document": Self.documentID(documents[n]), "ct:kind": r["kind"] as? String ?? ""]
            for key in ["start", "end"] { if let value = s[key] as? Int { attributes["ct:" + key] = value } }
            if let similarity = r["similarity"] as? Double { attributes["ct:similarity"] = similarity }
            try entity(id, attributes)
            try relation("hadMember", ["prov:collection": Self.documentID(documents[n]), "prov:entity": id])
            ids.append(id)
        }
        // Side a is the origin's whenever there is one.
        if r["kind"] as? String == "copy", r["origin"] as? String != nil {
            try relation("wasDerivedFrom", ["prov:generatedEntity": ids[1], "prov:usedEntity": ids[0]])
        } else {
            try relation("alternateOf", ["prov:alternate1": ids[0], "prov:alternate2": ids[1]])
        }
    }

    private mutating func entity(_ id: String, _ attributes: [String: Any]) throws {
        try output.write((firstEntity ? "\n" : ",\n") + Self.key(id))
        try output.write(JSONSerialization.data(withJSONObject: attributes, options: [.sortedKeys, .withoutEscapingSlashes]))
        firstEntity = false
    }

    private mutating func relation(_ section: String, _ members: [String: String]) throws {
        relationCount += 1
        try spools.add(section, Data(Self.key("_:r\(relationCount)").utf8) + encoder.encode(members))
    }

    private static func documentID(_ id: String) -> String { "ct:document-" + local(id) }

    /// A name's local part: letters, digits, "-", "_" and "."; anything else becomes "_".
    static func local(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) ? $0 : "_" }))
    }

    private static func key(_ id: String) -> String {
        "\"" + id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\":"
    }
}
