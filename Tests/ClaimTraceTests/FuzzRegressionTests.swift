import Foundation
import Testing

/// The fuzz targets' plain build (`fuzz/README.md`) replaying inputs: the example corpus through
/// every target, and each input a fuzz run once found, kept under `fuzz/regressions/TARGET/`.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let targets = ["html", "markdown", "text", "jsonl", "warc", "feed", "extract"]

    static func files(under folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        return walker.compactMap { $0 as? String }.map { folder + "/" + $0 }.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    @Test("Each target reads the example corpus and its kept findings to the end", arguments: targets)
    func replay(target: String) throws {
        let inputs = Self.files(under: Paths.examples) + Self.files(under: Paths.root + "/fuzz/regressions/" + target)
        #expect(inputs.count >= 8)
        let run = try runClaimTrace(inputs, executable: Paths.fuzzReplayer, environment: ["CLAIMTRACE_FUZZ_TARGET": target])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n") == inputs.map { "\($0): ok"[...] })
    }

    @Test("A target the program does not have is refused with the list of those it has")
    func unknownTarget() throws {
        let run = try runClaimTrace([], executable: Paths.fuzzReplayer, environment: ["CLAIMTRACE_FUZZ_TARGET": "pdf"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("one of " + Self.targets.joined(separator: ", ")))
    }
}
