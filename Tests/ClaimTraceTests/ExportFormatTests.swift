import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `claimtrace export` in every format, read back the way the programs that take each format
/// would read it.
@Suite("Export formats")
struct ExportFormatTests {
    /// A small corpus in a database, and the contract export of it to compare the others with.
    private func corpus() throws -> (TemporaryDirectory, [String: Any]) {
        let dir = try TemporaryDirectory()
        try dir.write("in/a.txt", """
            Barge traffic returns to Ruse

            “The channel is open again,” Deputy Director Milena Todorinova of the Lower Danube Waterways Authority said on Tuesday.

            Barge crews reportedly ignored the warning, according to Elena Petrova. The Danube Courier reported that 40 barges waited at Ruse.
            """)
        let record: [String: Any] = ["title": "=HYPERLINK(\"http://x.example\",\"click\")", "outlet": "Danube Courier", "published": "2031-03-02",
                                     "url": "https://courier.example/a",
                                     "text": "Corvina Barge Lines said the tank was patched in January, according to the Danube Courier.\n\n@Mara Quinn wrote that the pier was closed."]
        // A later article that copies from both: a sentence of the dated one, with an edit, and a
        // paragraph of the undated one.
        let copy: [String: Any] = ["title": "Barges wait", "outlet": "River Post", "published": "2031-03-05",
                                   "text": "Corvina Barge Lines said that the tank was patched in January, according to the Danube Courier.\n\n"
                                       + "Barge crews reportedly ignored the warning, according to Elena Petrova. The Danube Courier reported that 40 barges waited at Ruse."]
        try dir.write("in/b.jsonl", [record, copy].map { String(decoding: try! JSONSerialization.data(withJSONObject: $0), as: UTF8.self) + "\n" }.joined())
        let run = try runClaimTrace(["analyze", "in", "--json", "out.json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let export = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json"))) as? [String: Any])
        return (dir, export)
    }

    @Test("jsonl holds the contract's records one a line, each saying what kind of record it is")
    func jsonLines() throws {
        let (dir, export) = try corpus()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["export", "--format", "jsonl", "--out", "out.jsonl"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: dir.path + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(records.first?["record"] as? String == "export")
        var kinds: [String: Int] = [:]
        for r in records.dropFirst() { kinds[r["record"] as? String ?? "?", default: 0] += 1 }
        let expected: [String: String] = ["documents": "document", "quotes": "quote", "attributions": "attribution", "hedges": "hedge",
                                          "entities": "entity", "dates": "date", "quantities": "quantity", "citations": "citation"]
        for (array, kind) in expected {
            #expect(kinds[kind, default: 0] == (export[array] as? [Any])?.count, "\(kind)")
        }
        #expect(kinds["quote", default: 0] > 0 && kinds["entity", default: 0] > 0)
    }

    @Test("csv writes one file per kind, one row per record, with formulas from the text defused")
    func csvFolder() throws {
        let (dir, export) = try corpus()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["export", "--format", "csv", "--out", "tables"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        for kind in ["documents", "quotes", "attributions", "hedges", "entities", "dates", "quantities", "citations", "reuse"] {
            let text = try String(contentsOfFile: "\(dir.path)/tables/\(kind).csv", encoding: .utf8)
            let rows = Self.csvRows(text)
            #expect(rows.count == 1 + ((export[kind] as? [Any])?.count ?? -1), "\(kind)")
            #expect(rows.dropFirst().allSatisfy { $0.count == rows[0].count }, "\(kind): ragged rows")
        }
        let documents = Self.csvRows(try String(contentsOfFile: dir.path + "/tables/documents.csv", encoding: .utf8))
        let title = try #require(documents[0].firstIndex(of: "title"))
        #expect(documents.contains { $0[title] == "'=HYPERLINK(\"http://x.example\",\"click\")" })
        let stdout = try runClaimTrace(["export", "--format", "csv"], in: dir.path)
        #expect(stdout.status != 0)
        #expect(stdout.stderr.contains("--out FOLDER"))
    }

    /// The corpus exported as GraphML into `graph.graphml`, read with Foundation's XML parser.
    private func exportedGraph(_ dir: TemporaryDirectory) throws -> GraphReader {
        let run = try runClaimTrace(["export", "--format", "graphml", "--out", "graph.graphml"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let reader = GraphReader()
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: dir.path + "/graph.graphml")))
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        return reader
    }

    @Test("graphml is well-formed XML whose edges all join nodes of the graph, with outlets, entities, documents and claims linked")
    func graphML() throws {
        let (dir, _) = try corpus()
        defer { dir.cleanup() }
        let reader = try exportedGraph(dir)
        #expect(reader.nodes.values.filter { $0 == "document" }.count == 3)
        #expect(reader.edges.allSatisfy { reader.nodes[$0.source] != nil && reader.nodes[$0.target] != nil })
        let relations = Set(reader.edges.map(\.relation))
        #expect(relations.isSuperset(of: ["published-by", "mentions", "sourced-by", "cites", "copies", "shares-text", "tells", "rests-on"]), "\(relations)")
        // A claim told in two documents is a node that both documents tell.
        let claim = try #require(reader.nodes.first { $0.value == "claim" }?.key)
        #expect(reader.edges.filter { $0.target == claim && $0.relation == "tells" }.count >= 2)
        // The outlet named in the metadata and cited in the text is one node.
        #expect(reader.labels.filter { $0.value == "Danube Courier" }.count == 1)
    }

    @Test("prov is PROV-JSON: documents, passages and claims are entities, outlets and speakers agents, every relation names both")
    func provJSON() throws {
        let (dir, export) = try corpus()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["export", "--format", "prov", "--out", "prov.json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let prov = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/prov.json"))) as? [String: Any])
        let entities = try #require(prov["entity"] as? [String: [String: Any]])
        let agents = try #require(prov["agent"] as? [String: [String: Any]])
        let attributed = try #require(prov["wasAttributedTo"] as? [String: [String: String]])
        let members = try #require(prov["hadMember"] as? [String: [String: String]])
        let speakerQuotes = (export["quotes"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "speaker" }.count
        let attributions = (export["attributions"] as? [Any])?.count ?? 0
        let reused = (export["reuse"] as? [Any])?.count ?? 0
        #expect(reused == 2)
        #expect(entities.values.filter { $0["prov:type"] as? String == "ct:Document" }.count == 3)
        #expect(entities.values.filter { $0["prov:type"] as? String == "ct:Quote" }.count == speakerQuotes)
        #expect(entities.values.filter { $0["prov:type"] as? String == "ct:Attribution" }.count == attributions)
        #expect(entities.values.filter { $0["prov:type"] as? String == "ct:SharedPassage" }.count == 2 * reused)
        // Claims told in two documents: each mention a member of its document and of its claim.
        let claims = (export["claims"] as? [[String: Any]] ?? []).filter { claim in
            Set((claim["mentions"] as? [[String: Any]] ?? []).map { $0["document"] as! String }).count > 1
        }
        let claimMentions = claims.map { ($0["mentions"] as! [Any]).count }.reduce(0, +)
        #expect(!claims.isEmpty)
        #expect(entities.values.filter { $0["prov:type"] as? String == "ct:Claim" }.count == claims.count)
        #expect(entities.values.filter { $0["prov:type"] as? String == "ct:ClaimMention" }.count == claimMentions)
        #expect(members.count == speakerQuotes + attributions + 2 * reused + 2 * claimMentions)
        // The dated copy derives from the dated original; the undated one only shares its words.
        let derived = try #require(prov["wasDerivedFrom"] as? [String: [String: String]])
        let alternates = try #require(prov["alternateOf"] as? [String: [String: String]])
        #expect(derived.count == 1 && alternates.count == 1)
        #expect(derived.values.allSatisfy { entities[$0["prov:generatedEntity"] ?? ""] != nil && entities[$0["prov:usedEntity"] ?? ""] != nil })
        #expect(attributed.values.allSatisfy { entities[$0["prov:entity"] ?? ""] != nil && agents[$0["prov:agent"] ?? ""] != nil })
        #expect(members.values.allSatisfy { entities[$0["prov:collection"] ?? ""] != nil && entities[$0["prov:entity"] ?? ""] != nil })
        #expect(agents.values.contains { $0["prov:label"] as? String == "Milena Todorinova" && $0["prov:type"] as? String == "ct:Person" })
        #expect(agents.values.contains { $0["prov:type"] as? String == "ct:Outlet" })
    }

    @Test("prov validates against the PROV-JSON submission's schema and reads in the prov library",
          .enabled(if: ExportChecker.python != nil, "needs a Python with the prov, jsonschema and networkx packages (.ci/run makes one)"))
    func provValidates() throws {
        let (dir, _) = try corpus()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["export", "--format", "prov", "--out", "prov.json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let check = try ExportChecker.check(dir.path + "/prov.json")
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("schema: valid"))
    }

    @Test("the example corpus's export, reuse and all, validates against the contract's schema",
          .enabled(if: ExportChecker.python != nil, "needs a Python with jsonschema (.ci/run makes one)"))
    func contractValidates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["analyze", Paths.examples, "--db", dir.path + "/db.sqlite", "--json", dir.path + "/out.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let check = try ExportChecker.validate(dir.path + "/out.json", schema: Paths.root + "/docs/schema/export-v1.schema.json")
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("schema: valid"))
    }

    @Test("graphml reads in networkx as a graph of the same nodes and edges",
          .enabled(if: ExportChecker.python != nil, "needs a Python with the prov, jsonschema and networkx packages (.ci/run makes one)"))
    func graphMLReadsInNetworkx() throws {
        let (dir, _) = try corpus()
        defer { dir.cleanup() }
        let reader = try exportedGraph(dir)
        let check = try ExportChecker.readGraphML(dir.path + "/graph.graphml")
        #expect(check.status == 0, "\(check.output)")
        // Parallel edges of different relations stay apart: networkx reads a multigraph then.
        #expect(check.output.contains("nodes: \(reader.nodes.count) edges: \(reader.edges.count)"), "\(check.output)")
        #expect(check.output.contains("'document'"))
    }

    /// Rows of RFC 4180 CSV.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// Nodes (id → kind), labels and edges of a GraphML file.
private final class GraphReader: NSObject, XMLParserDelegate {
    var nodes: [String: String] = [:]
    var labels: [String: String] = [:]
    var edges: [(source: String, target: String, relation: String)] = []
    private var node: String?
    private var edge: (source: String, target: String)?
    private var key: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "node": node = attributes["id"]
        case "edge": edge = (attributes["source"] ?? "", attributes["target"] ?? "")
        case "data": key = attributes["key"]; text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "data":
            if let node, key == "kind" { nodes[node] = text }
            if let node, key == "label" { labels[node] = text }
            if let edge, key == "relation" { edges.append((edge.source, edge.target, text)) }
        case "node": node = nil
        case "edge": edge = nil
        default: break
        }
    }
}

/// A Python with the `prov` package (the PROV reference library, which ships the PROV-JSON
/// submission's schema among its test files), `jsonschema` and `networkx` (whose GraphML reader
/// is what graph tools use): `CLAIMTRACE_CHECK_PYTHON`, or the system's python3 when it has them.
enum ExportChecker {
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["CLAIMTRACE_CHECK_PYTHON"], "/usr/bin/python3"].compactMap { $0 }
        return candidates.first { (try? run($0, ["-c", "import prov, jsonschema, networkx"]).status) == 0 }
    }()

    /// Reads a GraphML file with networkx and prints its node and edge counts.
    static func readGraphML(_ file: String) throws -> (status: Int32, output: String) {
        let script = """
            import sys, networkx
            graph = networkx.read_graphml(sys.argv[1])
            print("nodes:", graph.number_of_nodes(), "edges:", graph.number_of_edges())
            print("kinds:", sorted(set(data.get("kind", "?") for _, data in graph.nodes(data=True))))
            """
        return try run(python!, ["-c", script, file])
    }

    /// Validates a file against a JSON schema.
    static func validate(_ file: String, schema: String) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[2]))
            errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(json.load(open(sys.argv[1]))))
            for e in errors[:10]: print("schema error:", e.message[:200], list(e.path)[:4])
            print("schema: valid" if not errors else "schema: %d errors" % len(errors))
            sys.exit(1 if errors else 0)
            """
        return try run(python!, ["-c", script, file, schema])
    }

    /// Validates a PROV-JSON file against the schema and reads it as a PROV document.
    static func check(_ file: String) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys, pathlib, jsonschema, prov, prov.model
            schema = json.loads((pathlib.Path(prov.__file__).parent / "tests" / "schemas" / "prov-json.schema.json").read_text())
            errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(json.load(open(sys.argv[1]))))
            for e in errors[:10]: print("schema error:", e.message[:200], list(e.path)[:4])
            print("schema: valid" if not errors else "schema: %d errors" % len(errors))
            document = prov.model.ProvDocument.deserialize(sys.argv[1], format="json")
            print("records:", len(document.records))
            sys.exit(1 if errors else 0)
            """
        return try run(python!, ["-c", script, file])
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanup() }
        let out = try scratch.write("out", "")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self))
    }
}
