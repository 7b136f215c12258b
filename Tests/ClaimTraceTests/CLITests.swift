import ClaimTraceCore
import ClaimTracePipeline
import ClaimTraceSQLite
import Foundation
import GRDB
import Testing

/// Runs the real `claimtrace` executable, as a user would.
@Suite("Command line", .serialized)
struct CLITests {
    @Test("--help lists every command, and each command documents its options")
    func help() throws {
        let root = try runClaimTrace(["--help"])
        #expect(root.status == 0)
        for command in ["analyze", "ingest", "extract", "export", "search", "bench"] {
            #expect(root.stdout.contains("  \(command)"), "missing \(command)")
        }
        let analyze = try runClaimTrace(["help", "analyze"])
        for option in ["--db <FILE>", "--json <FILE>", "--report <FILE>", "<INPUT> ..."] {
            #expect(analyze.stdout.contains(option), "analyze help lacks \(option)")
        }
        let extract = try runClaimTrace(["extract", "--help"])
        #expect(extract.stdout.contains("--format <format>"))
        #expect(extract.stdout.contains("text, annotations, json"))
    }

    @Test("extract --format annotations lists what extraction found, each with its offsets")
    func extractAnnotations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/a.txt", "Pier closes\n\n“The pier is rotten,” harbour master Lena Voss said on Monday. The council reportedly knew since March, according to two inspectors.\n")
        let result = try runClaimTrace(["extract", "--format", "annotations", dir.path + "/in"])
        #expect(result.status == 0)
        let text = result.stdout
        #expect(text.contains("## Quotes (1)"))
        #expect(text.contains("Lena Voss — said: “The pier is rotten,” @1–20"))
        #expect(text.contains("unresolved: Monday"))   // no publication date: never guessed
        #expect(text.contains("unnamed: two inspectors — according to:"))
        #expect(text.contains("reportedly (hearsay)"))
        #expect(text.contains("## Dates"))
    }

    @Test("extract --format jsonl writes one contract document a line; bad files are reported and the exit status says so")
    func extractJSONL() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let good = try dir.write("in/a.txt", "Pier closes\n\nBy Lena Voss\n\nHarbor Ledger, 2 June 2026\n\nThe old pier closed on Monday after inspectors found rot.\n")
        try dir.write("in/b.html", "<html><head><title>Storm</title></head><body><article><h1>Storm</h1><p>A storm hit the coast overnight, forecasters said.</p></article></body></html>")
        try dir.write("in/c.txt", [0x00, 0x01, 0x02, 0x03])
        let result = try runClaimTrace(["extract", "--format", "jsonl", dir.path + "/in"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("claimtrace: \(dir.path)/in/c.txt: binary data"))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["source"] as? String == good)
        #expect(first["title"] as? String == "Pier closes")
        #expect(first["authors"] as? [String] == ["Lena Voss"])
        #expect(first["published"] as? String == "2026-06-02")
        #expect(first["outlet"] as? String == "Harbor Ledger")
        #expect(first["republished_from"] is NSNull)
        for key in ["id", "text", "comments", "removed", "links", "content_hash"] { #expect(first[key] != nil, "missing \(key)") }
    }

    @Test("Warnings are printed with their file and do not fail the run")
    func warnings() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = try dir.write("odd.txt", Array("Odd bytes\n\nA story whose text has one broken byte ".utf8) + [0xFF] + Array(" in the middle of it.\n".utf8))
        let result = try runClaimTrace(["extract", "--format", "text", path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("claimtrace: \(path): warning: invalid UTF-8"))
    }

    @Test("- reads standard input")
    func standardInput() throws {
        let result = try runClaimTrace(["extract", "--format", "text", "-"], stdin: "Quiet night\n\nNothing happened in the harbour town overnight, police said.\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("# Quiet night"))
        #expect(result.stdout.contains("Nothing happened in the harbour town overnight, police said."))
    }

    @Test("analyze writes the database, the JSON export and the report; search and export read it back")
    func analyzeExportSearch() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/a.md", "# Canal drained\n\nBy [Piet Mol](https://x.example)\n\nThe canal was drained on Friday to remove a sunken barge, the water board said.\n\nrower's picture\n\nFinally some action.\n")
        let analyze = try runClaimTrace(["analyze", "in", "--json", "out.json", "--report", "report.html"], in: dir.path)
        #expect(analyze.status == 0, "\(analyze.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/claimtrace.sqlite"))
        let export = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json"))) as? [String: Any])
        #expect(export["version"] as? Int == 1)
        for key in ["documents", "quotes", "attributions", "entities", "dates", "quantities", "citations", "reuse", "claims"] {
            #expect(export[key] is [Any], "missing \(key)")
        }
        let documents = try #require(export["documents"] as? [[String: Any]])
        #expect(documents.count == 1)
        #expect((documents[0]["comments"] as? [[String: Any]])?.first?["author"] as? String == "rower")
        let report = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        #expect(report.contains("Canal drained"))
        #expect(!report.contains("<script"))

        let search = try runClaimTrace(["search", "barge", "--db", "claimtrace.sqlite"], in: dir.path)
        #expect(search.status == 0)
        #expect(search.stdout.contains("[barge]"))

        let exported = try runClaimTrace(["export", "--format", "json", "--out", "-"], in: dir.path)
        #expect(exported.status == 0)
        let again = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        #expect((again["documents"] as? [Any])?.count == 1)

        let rerun = try runClaimTrace(["ingest", "in"], in: dir.path)
        #expect(rerun.stderr.contains("0 added, 1 unchanged"))
    }

    @Test("analyze gives the same bytes on every run, whatever order the process hashes names in")
    func analyzeIsRepeatable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        // Names written two ways the same number of times, so nothing but a rule picks the
        // canonical one; each process seeds its hashing differently.
        for n in 0..<4 {
            try dir.write("in/\(n).txt", """
                Pilots in Marten return\(n)

                MARTEN \(n) — Harbour pilots met in Marten on Monday. Corvina Lines and the Silver-Heron Trust said the Silver Heron Trust had paid. Group A and Group E of the pilots' union voted. Ana Petrova of Delta Watch said the ships were safe.
                """)
        }
        var outputs: [Data] = []
        for run in 0..<4 {
            let analyze = try runClaimTrace(["analyze", "in", "--db", "r\(run).sqlite", "--json", "r\(run).json", "--report", "r\(run).html"], in: dir.path)
            #expect(analyze.status == 0, "\(analyze.stderr)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/r\(run).json")))
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/r\(run).html")))
        }
        #expect(outputs[2] == outputs[0] && outputs[4] == outputs[0] && outputs[6] == outputs[0], "the JSON export changed between runs")
        #expect(outputs[3] == outputs[1] && outputs[5] == outputs[1] && outputs[7] == outputs[1], "the report changed between runs")
        let export = try #require(try JSONSerialization.jsonObject(with: outputs[0]) as? [String: Any])
        let names = (export["entities"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("Marten") && !names.contains("MARTEN"))
        #expect(names.contains("Group A") && names.contains("Group E"), "Group A and Group E are two groups")
    }

    @Test("A kill during ingest, then a rerun, leaves each document stored exactly once")
    func killDuringIngest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let total = 6000
        try CorpusGenerator(documents: total).write(to: dir.path + "/corpus")
        let database = dir.path + "/db.sqlite"

        // Start an ingest and kill it hard once some, but not all, batches are committed.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.executable)
        process.arguments = ["ingest", dir.path + "/corpus", "--db", database]
        process.standardError = FileHandle.nullDevice
        try process.run()
        var countAtKill = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if let count = try? committedCount(database), count > 0 {
                countAtKill = count
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the ingest finished before it could be killed")
        #expect(countAtKill > 0 && countAtKill < total)

        // Whatever was committed is whole: every stored document is searchable and the file is sound.
        let queue = try DatabaseQueue(path: database)
        let (integrity, orphans) = try queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document d WHERE NOT EXISTS (SELECT 1 FROM search_index s WHERE s.document_id = d.id AND s.part = 'body')"))
        }
        #expect(integrity == "ok")
        #expect(orphans == 0)
        try queue.close()

        // The rerun completes the job without storing anything twice.
        let rerun = try runClaimTrace(["ingest", dir.path + "/corpus", "--db", database])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let store = try SQLiteStore(path: database)
        #expect(try store.documentCount() == total)
        var sources = Set<String>()
        try store.forEachDocument { sources.insert($0.source) }
        #expect(sources.count == total)
    }

    private func committedCount(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0 }
    }
}
