import ClaimTraceCore
import ClaimTraceStore
import Foundation

/// Writes the export contract (version 1) as one JSON object, streaming document by document.
///
/// Documents go straight to the output; the records of each layer array (`quotes`,
/// `attributions`, …) are spooled to temporary files meanwhile and appended after `documents`,
/// so memory stays bounded however large the corpus.
public enum JSONExporter {
    /// Writes every stored document and its annotations.
    public static func export(_ store: StoreReader, to output: OutputFile) throws {
        try write(to: output) { emit in try store.forEachAnnotatedDocument(emit) }
    }

    /// Writes documents supplied by `produce`, e.g. straight from the pipeline without a store.
    public static func write(to output: OutputFile, produce: ((AnnotatedDocument) throws -> Void) throws -> Void) throws {
        let encoder = documentEncoder()
        let spools = try LayerSpools()
        try output.write("{\"version\":\(ExportContract.version),\"documents\":[")
        var first = true
        try produce { annotated in
            try output.write(first ? "\n" : ",\n")
            first = false
            let document = annotated.document
            try output.write(encoder.encode(ExportContract.ExportedDocument(document)))
            let scalars = Array(document.text.unicodeScalars)
            for q in annotated.annotations.quotes {
                try spools.add("quotes", encoder.encode(ExportContract.ExportedQuote(q, document: document, scalars: scalars)))
            }
            for a in annotated.annotations.attributions {
                try spools.add("attributions", encoder.encode(ExportContract.ExportedAttribution(a, document: document, scalars: scalars)))
            }
            for h in annotated.annotations.hedges {
                try spools.add("hedges", encoder.encode(ExportContract.ExportedHedge(h, document: document, scalars: scalars)))
            }
        }
        try output.write(first ? "]" : "\n]")
        for key in ExportContract.layerKeys {
            try output.write(",\"\(key)\":[")
            try spools.copy(key, to: output)
            try output.write("]")
        }
        try output.write("}\n")
    }

    /// One document as a single line of JSON (for JSON Lines output).
    public static func line(_ document: Document, encoder: JSONEncoder = documentEncoder()) throws -> Data {
        var data = try encoder.encode(ExportContract.ExportedDocument(document))
        data.append(10)
        return data
    }

    public static func documentEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// One temporary file per layer array, holding its records joined by commas.
private final class LayerSpools {
    private let directory: String
    private var handles: [String: FileHandle] = [:]
    private var counts: [String: Int] = [:]

    init() throws {
        directory = NSTemporaryDirectory() + "claimtrace-export-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        for handle in handles.values { try? handle.close() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func add(_ layer: String, _ record: Data) throws {
        let handle: FileHandle
        if let existing = handles[layer] {
            handle = existing
        } else {
            let path = "\(directory)/\(layer).json"
            FileManager.default.createFile(atPath: path, contents: nil)
            guard let created = FileHandle(forWritingAtPath: path) else {
                throw OutputError(path: path, message: "cannot create a temporary file for the export")
            }
            handles[layer] = created
            handle = created
        }
        let count = counts[layer, default: 0]
        try handle.write(contentsOf: (count == 0 ? Data("\n".utf8) : Data(",\n".utf8)) + record)
        counts[layer] = count + 1
    }

    func copy(_ layer: String, to output: OutputFile) throws {
        guard let handle = handles[layer] else { return }
        try handle.close()
        handles[layer] = nil
        guard let reader = FileHandle(forReadingAtPath: "\(directory)/\(layer).json") else { return }
        defer { try? reader.close() }
        while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(chunk) }
        try output.write("\n")
    }
}
