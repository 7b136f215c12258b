import ClaimTraceCore
import ClaimTraceIngest
import ClaimTracePipeline
import ClaimTraceSQLite
import ClaimTraceStore
import Foundation

/// A fresh directory under the system temporary folder, removed by `cleanup()`.
struct TemporaryDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "claimtrace-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }
}

/// What the pipeline made of some inputs.
struct ReadResult {
    var documents: [Document]
    var problems: [InputError]
    var annotations: [Annotations] = []
    var only: Document? { documents.count == 1 ? documents[0] : nil }
}

func readAll(_ inputs: [String], limits: IngestLimits = IngestLimits()) throws -> ReadResult {
    var result = ReadResult(documents: [], problems: [])
    try Pipeline(limits: limits).documents(from: inputs, problem: { result.problems.append($0) }) {
        result.documents.append($0.document)
        result.annotations.append($0.annotations)
    }
    return result
}

/// Reads one in-memory file of the given name.
func readFile(_ name: String, _ text: String, limits: IngestLimits = IngestLimits()) throws -> ReadResult {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    return try readAll([try dir.write(name, text)], limits: limits)
}

enum Paths {
    /// The repository's root folder.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The team's shared material beside the checkout, or nil on a user's fresh clone.
    static let sharedCorpus: String? = {
        let path = root + "/../shared/corpus"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static let examples = root + "/examples/corpus"

    /// The built `claimtrace` executable, which sits beside the test bundle.
    static let executable: String = {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: bundle).deletingLastPathComponent()
        // On Linux the test binary is `.build/<config>/ClaimTracePackageTests.xctest`.
        if dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("claimtrace").path
    }()

    /// The plain build of the fuzz targets, which replays inputs.
    static let fuzzReplayer = (executable as NSString).deletingLastPathComponent + "/claimtrace-fuzz"
}

/// Runs the `claimtrace` executable and collects its output.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

@discardableResult
func runClaimTrace(_ arguments: [String], stdin: String? = nil, in directory: String? = nil,
                   executable: String = Paths.executable, environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Output goes to files, so a chatty process can never block on a full pipe.
    let scratch = try TemporaryDirectory()
    defer { scratch.cleanup() }
    let outPath = try scratch.write("stdout", ""), errPath = try scratch.write("stderr", "")
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let stdoutData = try Data(contentsOf: URL(fileURLWithPath: outPath))
    let stderrData = try Data(contentsOf: URL(fileURLWithPath: errPath))
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                         stderr: String(decoding: stderrData, as: UTF8.self))
}

extension SQLiteStore {
    /// Stores documents without annotations, as extractor version 0, for tests of the store itself.
    func write(_ documents: [Document]) throws -> [WriteOutcome] {
        try write(documents.map { AnnotatedDocument(document: $0, annotations: Annotations()) }, extractorVersion: 0)
    }
}
