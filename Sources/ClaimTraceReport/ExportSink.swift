import ClaimTraceCore
import Foundation

/// Lays out the records `JSONExporter` produces: first every document, then each layer array
/// of the contract in `ExportContract.layerKeys` order. Every record arrives as one JSON object
/// exactly as the contract writes it.
public protocol ExportSink {
    mutating func begin() throws
    mutating func document(_ json: Data) throws
    mutating func layerStarted(_ layer: String) throws
    mutating func record(_ json: Data, layer: String) throws
    mutating func layerEnded(_ layer: String) throws
    mutating func finish() throws
}

/// The contract object, version 1 (docs/EXPORT-CONTRACT.md): one document a line inside
/// `documents`, one record a line inside each layer array.
public struct ContractObjectSink: ExportSink {
    private let output: OutputFile
    private var first = true

    public init(_ output: OutputFile) { self.output = output }

    public mutating func begin() throws { try output.write("{\"version\":\(ExportContract.version),\"documents\":[") }

    public mutating func document(_ json: Data) throws {
        try output.write(first ? "\n" : ",\n")
        try output.write(json)
        first = false
    }

    public mutating func layerStarted(_ layer: String) throws {
        // The first layer closes the documents array.
        if layer == ExportContract.layerKeys.first { try output.write(first ? "]" : "\n]") }
        try output.write(",\"\(layer)\":[")
        first = true
    }

    public mutating func record(_ json: Data, layer: String) throws {
        try output.write(first ? "\n" : ",\n")
        try output.write(json)
        first = false
    }

    public mutating func layerEnded(_ layer: String) throws { try output.write(first ? "]" : "\n]") }

    public mutating func finish() throws { try output.write("}\n") }
}

/// JSON Lines: every record on a line of its own, with a `record` field saying what it is
/// (`document`, `quote`, `attribution`, `hedge`, `entity`, `date`, `quantity`, `citation`)
/// before the record's own fields (several of which are called `kind` already). The first line
/// is `{"record":"export","version":1}`.
public struct JSONLinesSink: ExportSink {
    private let output: OutputFile

    public init(_ output: OutputFile) { self.output = output }

    /// The record kind of a layer: its name in the singular.
    public static func kind(of layer: String) -> String {
        switch layer {
        case "quantities": return "quantity"
        case "entities": return "entity"
        case "reuse": return "reuse"
        default: return layer.hasSuffix("s") ? String(layer.dropLast()) : layer
        }
    }

    public mutating func begin() throws { try output.write("{\"record\":\"export\",\"version\":\(ExportContract.version)}\n") }
    public mutating func document(_ json: Data) throws { try write(json, kind: "document") }
    public mutating func layerStarted(_ layer: String) throws {}
    public mutating func record(_ json: Data, layer: String) throws { try write(json, kind: Self.kind(of: layer)) }
    public mutating func layerEnded(_ layer: String) throws {}
    public mutating func finish() throws {}

    private func write(_ json: Data, kind: String) throws {
        // Every record is a non-empty object: its kind goes in right after the opening brace.
        try output.write("{\"record\":\"\(kind)\",")
        try output.write(json.dropFirst())
        try output.write("\n")
    }
}
