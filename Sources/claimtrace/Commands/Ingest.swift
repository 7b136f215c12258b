import ArgumentParser
import ClaimTracePipeline
import ClaimTraceSQLite

extension ClaimTraceCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add documents to a database.",
            discussion: """
                Re-ingesting identical content is a no-op; a changed document at the same source \
                replaces the old version. An interrupted run leaves whole documents only: run it again \
                to finish.
                """)

        @OptionGroup var input: InputOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let log = ProblemLog()
            let summary = try runAndReport {
                let store = try database.open()
                return try input.pipeline.ingest(input.inputs, into: store, progress: log.progress, problem: log.report, warning: log.warn)
            }
            printSummary(summary, database: database.db)
            try exitIfProblems(log)
        }
    }
}

func printSummary(_ summary: IngestSummary, database: String) {
    var parts = ["\(summary.added) added"]
    if summary.replaced > 0 { parts.append("\(summary.replaced) replaced") }
    if summary.unchanged > 0 { parts.append("\(summary.unchanged) unchanged") }
    if summary.problems > 0 { parts.append("\(summary.problems) failed") }
    if summary.reuseCompared > 0 {
        parts.append("\(summary.sharedPassages) shared passage\(summary.sharedPassages == 1 ? "" : "s") found")
    }
    printError(parts.joined(separator: ", ") + " → \(database)")
}
