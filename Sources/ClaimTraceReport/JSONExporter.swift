import ClaimTraceCore
import ClaimTraceStore
import Foundation

/// Writes the export contract (version 1) as one JSON object, streaming document by document.
public enum JSONExporter {
    /// Writes every stored document; the layer arrays stay empty until their stages exist.
    public static func export(_ store: StoreReader, to output: OutputFile) throws {
        try write(to: output) { emit in try store.forEachDocument(emit) }
    }

    /// Writes documents supplied by `produce`, e.g. straight from the pipeline without a store.
    public static func write(to output: OutputFile, produce: ((Document) throws -> Void) throws -> Void) throws {
        let encoder = documentEncoder()
        try output.write("{\"version\":\(ExportContract.version),\"documents\":[")
        var first = true
        try produce { document in
            try output.write(first ? "\n" : ",\n")
            first = false
            try output.write(encoder.encode(ExportContract.ExportedDocument(document)))
        }
        try output.write(first ? "]" : "\n]")
        for key in ExportContract.layerKeys { try output.write(",\"\(key)\":[]") }
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
