import ArgumentParser
import ClaimTraceReport

extension ClaimTraceCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the self-contained HTML report of a database.",
            discussion: """
                One HTML file with no scripts and no network requests: an overview by outlet and date, \
                the documents, who is quoted and cited, every entity with its spellings, and each text \
                with its quotations, attributions, hedges and names marked. The same as \
                `claimtrace export --format html`.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Output file; - for standard output.", valueName: "FILE"))
        var out: String = "claimtrace-report.html"

        func run() throws {
            try runAndReport {
                let store = try database.openExisting()
                let output = try OutputFile(path: out)
                try HTMLReport.write(store, to: output)
                try output.commit()
            }
        }
    }
}
