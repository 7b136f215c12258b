import ArgumentParser
import ClaimTraceIngest
import ClaimTracePipeline
import ClaimTraceSQLite
import Foundation

extension ClaimTraceCommand {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure ingest throughput on a generated corpus.",
            discussion: """
                Generates a synthetic corpus in every input format, then times, in one run: reading the \
                raw bytes (the baseline), reading and cleaning, and the full ingest into a new SQLite \
                database. Prints MB/s, documents/s and each figure as a ratio of the baseline, plus peak \
                resident memory.
                """)

        @Option(name: .long, help: "How many documents to generate.")
        var documents: Int = 2000

        @Option(name: .long, help: ArgumentHelp("Read this corpus instead of generating one.", valueName: "DIR"))
        var corpus: String?

        @Option(name: .long, help: ArgumentHelp("Write the generated corpus to DIR and keep it.", valueName: "DIR"))
        var keepCorpus: String?

        @Option(name: .long, help: "Times to repeat each measurement; the best run is reported.")
        var repeats: Int = 3

        @Flag(name: .long, help: "Time only the extract stage (one core, MB of article text) after the baseline.")
        var extractOnly = false

        func validate() throws {
            guard documents > 0, repeats > 0 else { throw ValidationError("--documents and --repeats must be positive.") }
            if let corpus {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw ValidationError("--corpus \(corpus): no such directory.")
                }
                guard keepCorpus == nil else { throw ValidationError("--corpus and --keep-corpus cannot be used together.") }
            }
        }

        func run() throws {
            let scratch = NSTemporaryDirectory() + "claimtrace-bench-\(getpid())"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let directory = corpus ?? keepCorpus ?? scratch + "/corpus"
            if corpus == nil {
                printError("generating \(documents) documents…")
                try CorpusGenerator(documents: documents).write(to: directory)
            }
            let report = try IngestBenchmark(corpus: directory, scratch: scratch, repeats: repeats, extractOnly: extractOnly).run()
            print(report.markdown)
        }
    }
}
