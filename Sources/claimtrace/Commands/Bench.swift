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

        @Flag(name: .long, help: "Measure text reuse and claims on corpora with planted reuse and claim chains instead: precision, recall, direction, status, time, memory.")
        var reuse = false

        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Corpus sizes for --reuse, smallest first (default: --documents).", valueName: "N"))
        var sizes: [Int] = []

        func validate() throws {
            guard documents > 0, repeats > 0 else { throw ValidationError("--documents and --repeats must be positive.") }
            guard sizes.allSatisfy({ $0 > 0 }) else { throw ValidationError("--sizes must be positive numbers.") }
            if !sizes.isEmpty && !reuse { throw ValidationError("--sizes is for --reuse.") }
            if reuse && (corpus != nil || extractOnly) { throw ValidationError("--reuse generates its own corpora; --corpus and --extract-only do not apply.") }
            if let corpus {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw ValidationError("--corpus \(corpus): no such directory.")
                }
                guard keepCorpus == nil else { throw ValidationError("--corpus and --keep-corpus cannot be used together.") }
            }
        }

        func run() throws {
            if reuse { return runReuse() }
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

        /// One row per size, in one process, smallest first: the peak memory of a row is then its own.
        func runReuse() {
            let list = (sizes.isEmpty ? [documents] : sizes).sorted()
            var rows: [ReuseBenchmark.Report] = []
            for size in list {
                printError("reuse: generating, extracting and comparing \(size) documents…")
                let report = ReuseBenchmark(documents: size).run { done in
                    if done % 10_000 < 512 && done >= 10_000 { printError("reuse: \(done) of \(size)") }
                }
                rows.append(report)
            }
            print(ReuseBenchmark.Report.tableHeader)
            for row in rows { print(row.tableRow) }
            printGrowth(rows, of: "reuse", \.reuseSeconds)
            print("\nClaims on the same corpora (drafting every document's mentions, then grouping them and tracing their sources):\n")
            print(ReuseBenchmark.Report.claimTableHeader)
            for row in rows { print(row.claimTableRow) }
            printGrowth(rows, of: "claim", \.claimSeconds)
        }

        /// How a time grows from the smallest size to each larger one, as an exponent of the size.
        func printGrowth(_ rows: [ReuseBenchmark.Report], of name: String, _ seconds: KeyPath<ReuseBenchmark.Report, Double>) {
            guard let first = rows.first, rows.count > 1 else { return }
            print("\nGrowth of \(name) time against the smallest size (1.0 is linear; n log n from \(first.documents) is about 1.1 per tenfold):")
            for row in rows.dropFirst() {
                let ratio = row[keyPath: seconds] / first[keyPath: seconds], size = Double(row.documents) / Double(first.documents)
                print(String(format: "- %d documents: ×%.1f the time for ×%.0f the documents (exponent %.2f)", row.documents, ratio, size, log(ratio) / log(size)))
            }
        }
    }
}
