import ClaimTraceCore
import Foundation

/// The corpus as a graph in GraphML, for Gephi and other graph tools.
///
/// Nodes: documents, outlets, entities (people, organisations, places, others), the web
/// addresses documents link to, claims told in two documents or more (with their `status` and
/// `independent_sources`; a claim told once is in the JSON formats) and the root sources that are
/// none of these (`source`), each with a `kind` and a `label`. Directed edges, each with a
/// `relation` and a `weight` (how many times):
/// - `published-by` and `republished-from`: a document to its outlet and to the outlet it was
///   republished from;
/// - `mentions`: a document to an entity it names;
/// - `sourced-by`: a document to a named speaker or source it quotes or attributes words to;
/// - `cites`: a document to an outlet it names as a source, a document of the corpus it links
///   to, or another address it links to;
/// - `copies`: a document to the document it copied a passage from (the one published first);
///   `shares-text` between two documents sharing a passage whose direction the dates do not
///   give, `shares-quotation` between two documents reporting the same quotation;
/// - `tells`: a document to a claim it tells; `rests-on`: a claim to each of its root sources.
///
/// An outlet known as an entity is one node under the entity's id. The graph is gathered in
/// memory (documents without their texts) and written at the end.
public struct GraphMLSink: ExportSink {
    private struct Node {
        var kind: String
        var label: String
        var attributes: [(key: String, value: String)] = []
    }

    private let output: OutputFile
    private var nodes: [String: Node] = [:]
    private var order: [String] = []
    /// (source, target, relation) → weight, with the order edges were first seen.
    private var edges: [EdgeKey: Int] = [:]
    private var edgeOrder: [EdgeKey] = []
    /// Outlet names by strict key, until entities say which are entities.
    private var outletNames: [String: String] = [:]
    private var entityByKey: [String: String] = [:]

    private struct EdgeKey: Hashable {
        var source: String
        var target: String
        var relation: String
    }

    public init(_ output: OutputFile) { self.output = output }

    public mutating func begin() throws {}

    public mutating func document(_ json: Data) throws {
        guard let d = try JSONSerialization.jsonObject(with: json) as? [String: Any], let id = d["id"] as? String else { return }
        var node = Node(kind: "document", label: (d["title"] as? String) ?? (d["source"] as? String) ?? id)
        for key in ["source", "url", "published", "outlet"] { if let value = d[key] as? String { node.attributes.append((key, value)) } }
        add("d:" + id, node)
        if let outlet = d["outlet"] as? String { edge("d:" + id, outletNode(outlet), "published-by") }
        if let from = d["republished_from"] as? String { edge("d:" + id, outletNode(from), "republished-from") }
    }

    public mutating func layerStarted(_ layer: String) throws {}

    public mutating func record(_ json: Data, layer: String) throws {
        guard let r = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { return }
        switch layer {
        case "entities":
            guard let id = r["id"] as? String, let name = r["name"] as? String else { return }
            var node = Node(kind: (r["type"] as? String) ?? "other", label: name)
            if let aliases = r["aliases"] as? [String], aliases.count > 1 { node.attributes.append(("aliases", aliases.joined(separator: "; "))) }
            for key in ["latitude", "longitude"] { if let value = r[key] as? NSNumber { node.attributes.append((key, value.stringValue)) } }
            if let country = r["country"] as? String { node.attributes.append(("country", country)) }
            add("e:" + id, node)
            for alias in (r["aliases"] as? [String] ?? []) + [name] { entityByKey[NameKey.strict(alias)] = entityByKey[NameKey.strict(alias)] ?? "e:" + id }
            for mention in r["mentions"] as? [[String: Any]] ?? [] {
                if let document = mention["document"] as? String { edge("d:" + document, "e:" + id, "mentions") }
            }
        case "quotes":
            if let document = r["document"] as? String, let entity = r["speaker_entity"] as? String { edge("d:" + document, "e:" + entity, "sourced-by") }
        case "attributions":
            if let document = r["document"] as? String, let entity = r["source_entity"] as? String { edge("d:" + document, "e:" + entity, "sourced-by") }
        case "reuse":
            // The copy points to the document it copied from; without a direction, or for two
            // reports of one quotation, the edge only says the two share words.
            guard let documents = r["documents"] as? [String], documents.count == 2 else { return }
            if r["kind"] as? String == "copy", r["origin"] as? String != nil {
                edge("d:" + documents[1], "d:" + documents[0], "copies")
            } else {
                edge("d:" + documents[0], "d:" + documents[1], r["kind"] as? String == "copy" ? "shares-text" : "shares-quotation")
            }
        case "claims":
            guard let id = r["id"] as? String, let mentions = r["mentions"] as? [[String: Any]] else { return }
            let documents = mentions.compactMap { $0["document"] as? String }
            guard Set(documents).count > 1 else { return }
            var node = Node(kind: "claim", label: (r["text"] as? String) ?? id)
            if let status = r["status"] as? String { node.attributes.append(("status", status)) }
            if let count = r["independent_sources"] as? NSNumber { node.attributes.append(("independent_sources", count.stringValue)) }
            add("c:" + id, node)
            for document in documents { edge("d:" + document, "c:" + id, "tells") }
            for root in r["roots"] as? [[String: Any]] ?? [] {
                guard let name = root["name"] as? String else { continue }
                let target: String
                if let entity = entityByKey[NameKey.strict(name)] {
                    target = entity
                } else if ["own-reporting", "cited"].contains(root["kind"] as? String) {
                    target = outletNode(name)
                } else {
                    target = "s:" + NameKey.strict(name)
                    add(target, Node(kind: "source", label: name))
                }
                edge("c:" + id, target, "rests-on")
            }
        case "citations":
            guard let document = r["document"] as? String, let target = r["target"] as? String else { return }
            switch r["kind"] as? String {
            case "outlet": edge("d:" + document, outletNode(target), "cites")
            case "document": edge("d:" + document, "d:" + target, "cites")
            default:
                add("u:" + target, Node(kind: "link", label: target))
                edge("d:" + document, "u:" + target, "cites")
            }
        default: break
        }
    }

    public mutating func layerEnded(_ layer: String) throws {}

    public mutating func finish() throws {
        // Outlets that are entities are written as the entity's node.
        func resolved(_ id: String) -> String {
            guard id.hasPrefix("o:") else { return id }
            return entityByKey[String(id.dropFirst(2))] ?? id
        }
        for (key, name) in outletNames.sorted(by: { $0.key < $1.key }) where entityByKey[key] == nil {
            add("o:" + key, Node(kind: "outlet", label: name))
        }
        try output.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
            <key id="kind" for="node" attr.name="kind" attr.type="string"/>
            <key id="label" for="node" attr.name="label" attr.type="string"/>
            <key id="source" for="node" attr.name="source" attr.type="string"/>
            <key id="url" for="node" attr.name="url" attr.type="string"/>
            <key id="published" for="node" attr.name="published" attr.type="string"/>
            <key id="outlet" for="node" attr.name="outlet" attr.type="string"/>
            <key id="aliases" for="node" attr.name="aliases" attr.type="string"/>
            <key id="latitude" for="node" attr.name="latitude" attr.type="double"/>
            <key id="longitude" for="node" attr.name="longitude" attr.type="double"/>
            <key id="country" for="node" attr.name="country" attr.type="string"/>
            <key id="status" for="node" attr.name="status" attr.type="string"/>
            <key id="independent_sources" for="node" attr.name="independent_sources" attr.type="int"/>
            <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
            <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
            <graph id="claimtrace" edgedefault="directed">

            """)
        for id in order where !(id.hasPrefix("o:") && entityByKey[String(id.dropFirst(2))] != nil) {
            let node = nodes[id]!
            var line = "<node id=\"\(Self.xml(id))\"><data key=\"kind\">\(Self.xml(node.kind))</data><data key=\"label\">\(Self.xml(node.label))</data>"
            for (key, value) in node.attributes { line += "<data key=\"\(key)\">\(Self.xml(value))</data>" }
            try output.write(line + "</node>\n")
        }
        // Edges merged after outlets were resolved to entities, in the order first seen.
        var merged: [EdgeKey: Int] = [:]
        var mergedOrder: [EdgeKey] = []
        for key in edgeOrder {
            // (An edge to a node that is not written, a document outside the export, is left out.)
            let edge = EdgeKey(source: resolved(key.source), target: resolved(key.target), relation: key.relation)
            guard nodes[edge.source] != nil, nodes[edge.target] != nil else { continue }
            if merged[edge] == nil { mergedOrder.append(edge) }
            merged[edge, default: 0] += edges[key]!
        }
        for (n, key) in mergedOrder.enumerated() {
            try output.write("<edge id=\"e\(n)\" source=\"\(Self.xml(key.source))\" target=\"\(Self.xml(key.target))\">"
                + "<data key=\"relation\">\(key.relation)</data><data key=\"weight\">\(merged[key]!)</data></edge>\n")
        }
        try output.write("</graph>\n</graphml>\n")
    }

    private mutating func add(_ id: String, _ node: Node) {
        if nodes[id] == nil { order.append(id) }
        nodes[id] = node
    }

    private mutating func edge(_ source: String, _ target: String, _ relation: String) {
        let key = EdgeKey(source: source, target: target, relation: relation)
        if edges[key] == nil { edgeOrder.append(key) }
        edges[key, default: 0] += 1
    }

    private mutating func outletNode(_ name: String) -> String {
        let key = NameKey.strict(name)
        if outletNames[key] == nil { outletNames[key] = name }
        return "o:" + key
    }

    /// Text for XML content and attributes: escaped as the report escapes it, so characters
    /// XML 1.0 cannot hold are written as visible codes ("⟨U+0007⟩").
    static func xml(_ text: String) -> String { HTMLText.escape(text) }
}
