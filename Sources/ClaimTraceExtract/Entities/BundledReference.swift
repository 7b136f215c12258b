import Foundation

/// Where the reference data shipped with ClaimTrace lies (see Resources/NOTICE.md).
public enum BundledReference {
    /// The gzip-compressed gazetteer (GeoNames, CC BY 4.0).
    public static var gazetteerURL: URL? { Bundle.module.url(forResource: "gazetteer.tsv", withExtension: "gz") }
    /// The team's curated alias table.
    public static var aliasesURL: URL? { Bundle.module.url(forResource: "aliases", withExtension: "tsv") }
}
