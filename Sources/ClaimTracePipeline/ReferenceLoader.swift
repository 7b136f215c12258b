import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceIngest
import Foundation

/// Loads the bundled gazetteer and alias table once per process.
public enum ReferenceLoader {
    /// The bundled reference data; empty (with a warning on standard error) when the files are missing.
    public static let bundled: ReferenceData = {
        do {
            return try load(gazetteer: BundledReference.gazetteerURL, aliases: BundledReference.aliasesURL)
        } catch {
            FileHandle.standardError.write(Data("claimtrace: warning: reference data not loaded: \(error)\n".utf8))
            return ReferenceData()
        }
    }()

    public static func load(gazetteer: URL?, aliases: URL?) throws -> ReferenceData {
        guard let gazetteer, let aliases else { throw InputError(source: "reference data", "bundled files not found") }
        let reader = ByteReader(try GzipChunks(FileChunks(path: gazetteer.path), source: gazetteer.path))
        guard case .success(let bytes) = try reader.readAll(limit: 256 << 20) else {
            throw InputError(source: gazetteer.path, "gazetteer larger than 256 MB")
        }
        let aliasText = try String(contentsOf: aliases, encoding: .utf8)
        return ReferenceData(gazetteer: bytes, aliases: aliasText)
    }
}
