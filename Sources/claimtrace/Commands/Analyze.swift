import ArgumentParser
import ClaimTracePipeline
import ClaimTraceReport
import ClaimTraceSQLite

extension ClaimTraceCommand {
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest inputs and run every stage, then optionally write the JSON export and the HTML report.",
            discussion: """
                Stages run today: ingest and clean (article body, comments, boilerplate, metadata). \
                The database keeps accumulating: analyze the same folder again and only new or changed \
                documents are added.
                """)

        @OptionGroup var input: InputOptions
        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Also write the JSON export (contract version 1) to FILE; - for standard output.", valueName: "FILE"))
        var json: String?

        @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML report to FILE.", valueName: "FILE"))
        var report: String?

        func run() throws {
            let log = ProblemLog()
            try runAndReport {
                let store = try database.open()
                let summary = try input.pipeline.ingest(input.inputs, into: store, progress: log.progress, problem: log.report, warning: log.warn)
                printSummary(summary, database: database.db)
                if let json {
                    let output = try OutputFile(path: json)
                    try JSONExporter.export(store, to: output)
                    try output.commit()
                }
                if let report {
                    let output = try OutputFile(path: report)
                    try HTMLReport.write(store, to: output)
                    try output.commit()
                }
            }
            try exitIfProblems(log)
        }
    }
}
