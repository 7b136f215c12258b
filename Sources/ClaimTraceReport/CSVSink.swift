import ClaimTraceCore
import Foundation

/// One CSV file per kind of record in a folder, for spreadsheets: `documents.csv`,
/// `quotes.csv`, `attributions.csv`, `hedges.csv`, `entities.csv`, `dates.csv`,
/// `quantities.csv`, `citations.csv`, `reuse.csv`, `claims.csv` and `claim_mentions.csv` (RFC 4180: comma-separated, double quotes around
/// every text field, CRLF line ends, UTF-8). Lists are joined with "; ".
///
/// Text from the documents that a spreadsheet would read as a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) is written with an apostrophe before it, as
/// spreadsheets themselves do for literal text: a page cannot make a cell compute.
public struct CSVSink: ExportSink {
    /// A column: its header and how its value is read from a record.
    struct Column: Sendable {
        var header: String
        var value: @Sendable ([String: Any]) -> String
    }

    private let folder: String
    private var files: [String: OutputFile] = [:]

    /// Writes into `folder`, creating it when missing.
    public init(folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError(path: folder, message: "csv writes one file per kind of record into a folder, and this is a file")
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw OutputError(path: folder, message: "cannot create the folder: \(error.localizedDescription)")
        }
        self.folder = folder
    }

    public mutating func begin() throws { try open("documents") }
    public mutating func document(_ json: Data) throws { try write(json, layer: "documents") }

    public mutating func layerStarted(_ layer: String) throws {
        if Self.columns[layer] != nil { try open(layer) }
        if layer == "claims" { try open("claim_mentions") }
    }

    public mutating func record(_ json: Data, layer: String) throws { try write(json, layer: layer) }
    public mutating func layerEnded(_ layer: String) throws {}

    public mutating func finish() throws {
        for name in files.keys.sorted() { try files[name]!.commit() }
    }

    private mutating func open(_ layer: String) throws {
        guard let columns = Self.columns[layer] else { return }
        let file = try OutputFile(path: "\(folder)/\(layer).csv")
        try file.write(columns.map { Self.field($0.header) }.joined(separator: ",") + "\r\n")
        files[layer] = file
    }

    private func write(_ json: Data, layer: String) throws {
        guard let file = files[layer], let columns = Self.columns[layer],
              let record = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { return }
        try file.write(columns.map { Self.field($0.value(record)) }.joined(separator: ",") + "\r\n")
        // A claim's mentions are rows of their own, each with the claim's id.
        if layer == "claims", let mentionFile = files["claim_mentions"], let mentionColumns = Self.columns["claim_mentions"] {
            for var mention in (record["mentions"] as? [[String: Any]]) ?? [] {
                mention["claim"] = record["id"]
                try mentionFile.write(mentionColumns.map { Self.field($0.value(mention)) }.joined(separator: ",") + "\r\n")
            }
        }
    }

    /// A quoted field, with an apostrophe before what would start a formula.
    static func field(_ value: String) -> String {
        guard !value.isEmpty else { return "" }
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - Columns

    private static func text(_ key: String) -> Column { Column(header: key) { string($0[key]) } }
    private static func list(_ key: String) -> Column {
        Column(header: key) { ($0[key] as? [Any])?.map { string($0) }.joined(separator: "; ") ?? "" }
    }
    private static func flag(_ key: String) -> Column { Column(header: key) { ($0[key] as? Bool).map { $0 ? "true" : "false" } ?? "" } }
    private static func count(_ key: String, header: String) -> Column {
        Column(header: header) { ($0[key] as? [Any]).map { String($0.count) } ?? "0" }
    }

    /// A JSON string or number as a cell; empty for null or missing.
    static func string(_ value: Any?) -> String {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return ""
        }
    }

    static let columns: [String: [Column]] = [
        "documents": [text("id"), text("source"), text("format"), text("url"), text("title"), list("authors"), text("published"),
                      text("outlet"), text("republished_from"), count("comments", header: "comments"), text("content_hash")],
        "quotes": [text("document"), text("start"), text("end"), text("kind"), text("speaker"), text("speaker_entity"),
                   text("speaker_description"), text("role"), text("cue"), flag("block"), text("text")],
        "attributions": [text("document"), text("start"), text("end"), text("source"), text("source_entity"), text("source_description"),
                         text("cue"), text("cue_start"), text("cue_end"), list("hedges"), text("text")],
        "hedges": [text("document"), text("start"), text("end"), text("kind"), text("sentence_start"), text("sentence_end"), text("text")],
        "entities": [text("id"), text("name"), text("type"), list("aliases"), list("documents"), count("mentions", header: "mentions"),
                     text("latitude"), text("longitude"), text("country")],
        "dates": [text("document"), text("start"), text("end"), text("value"), flag("relative"), text("text")],
        "quantities": [text("document"), text("start"), text("end"), text("value"), text("upper"), text("unit"), text("comparator"), text("text")],
        "citations": [text("document"), text("start"), text("end"), text("kind"), text("target"), text("cue"), text("text")],
        "reuse": [side(0, "document"), side(0, "start"), side(0, "end"), side(1, "document"), side(1, "start"), side(1, "end"),
                  text("similarity"), text("kind"), text("origin"), side(0, "text"), side(1, "text")],
        "claims": [text("id"), text("status"), text("independent_sources"), list("sources"), count("mentions", header: "mentions"),
                   Column(header: "documents") { record in
                       String(Set(((record["mentions"] as? [[String: Any]]) ?? []).map { string($0["document"]) }).count)
                   },
                   Column(header: "conflicts") { record in
                       ((record["conflicts"] as? [[String: Any]]) ?? []).map { string($0["text"]) }.joined(separator: "; ")
                   },
                   text("text")],
        "claim_mentions": [text("claim"), text("document"), text("start"), text("end"), list("sources"), text("copied_from"), flag("hedged"),
                           text("text")],
    ]

    /// A field of one side of a shared passage, as `a_start`, `b_text`…
    private static func side(_ n: Int, _ key: String) -> Column {
        let name = n == 0 ? "a" : "b"
        return Column(header: "\(name)_\(key)") { record in
            key == "document" ? string(((record["documents"] as? [Any]) ?? [])[safe: n]) : string((record[name] as? [String: Any])?[key])
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
