// swift-tools-version:6.0
import PackageDescription

// Targets are named for the pipeline: ingest → clean → (extract → link) → store → report/serve.
// `ClaimTracePipeline` is the one place that knows the whole sequence; `claimtrace` is a thin shell.
let package = Package(
    name: "ClaimTrace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "claimtrace", targets: ["claimtrace"]),
        .library(name: "ClaimTracePipeline", targets: ["ClaimTracePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // System libraries: libxml2's HTML parser, zlib for multi-member gzip, libcrypto for SHA-256.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "ClaimTraceCore", dependencies: ["CCrypto"]),
        .target(name: "ClaimTraceIngest", dependencies: ["ClaimTraceCore", "CLibXML2", "CZlib"]),
        .target(name: "ClaimTraceClean", dependencies: ["ClaimTraceCore"]),
        .target(name: "ClaimTraceExtract", dependencies: ["ClaimTraceCore"],
                resources: [.copy("Resources/gazetteer.tsv.gz"), .copy("Resources/aliases.tsv"), .copy("Resources/NOTICE.md")]),
        .target(name: "ClaimTraceLink", dependencies: ["ClaimTraceCore"]),
        .target(name: "ClaimTraceStore", dependencies: ["ClaimTraceCore"]),
        .target(name: "ClaimTraceSQLite", dependencies: [
            "ClaimTraceCore", "ClaimTraceStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "ClaimTraceReport", dependencies: ["ClaimTraceCore", "ClaimTraceStore", "ClaimTraceLink", "CZlib"],
                resources: [.copy("Resources/world-outline.txt"), .copy("Resources/NOTICE.md")]),
        .target(name: "ClaimTracePipeline", dependencies: [
            "ClaimTraceCore", "ClaimTraceIngest", "ClaimTraceClean", "ClaimTraceExtract", "ClaimTraceLink", "ClaimTraceStore",
            "ClaimTraceSQLite", "ClaimTraceReport",
        ]),
        .target(name: "ClaimTraceServe", dependencies: [
            "ClaimTraceCore", "ClaimTraceIngest", "ClaimTraceStore", "ClaimTraceLink", "ClaimTraceReport", "ClaimTracePipeline",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .executableTarget(name: "claimtrace", dependencies: [
            "ClaimTraceCore", "ClaimTraceIngest", "ClaimTraceStore", "ClaimTraceSQLite", "ClaimTraceReport", "ClaimTracePipeline", "ClaimTraceServe",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Fuzz targets for every reader and for extraction (fuzz/README.md); a plain build replays inputs.
        .executableTarget(name: "claimtrace-fuzz", dependencies: [
            "ClaimTraceCore", "ClaimTraceIngest", "ClaimTraceClean", "ClaimTraceExtract", "ClaimTraceLink", "ClaimTracePipeline",
        ]),

        .testTarget(name: "ClaimTraceTests", dependencies: [
            "ClaimTraceCore", "ClaimTraceIngest", "ClaimTraceClean", "ClaimTraceExtract", "ClaimTraceLink", "ClaimTraceStore",
            "ClaimTraceSQLite", "ClaimTraceReport", "ClaimTracePipeline",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
