import ArgumentParser
import ClaimTraceReport
import ClaimTraceSQLite

extension ClaimTraceCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the database's contents in an export format.",
            discussion: "json writes the export contract, version 1 (docs/EXPORT-CONTRACT.md); html writes the self-contained report.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, html
        }

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: "Export format.")
        var format: Format = .json

        @Option(name: .long, help: ArgumentHelp("Output file; - for standard output.", valueName: "FILE"))
        var out: String = "-"

        func run() throws {
            try runAndReport {
                let store = try database.openExisting()
                let output = try OutputFile(path: out)
                switch format {
                case .json: try JSONExporter.export(store, to: output)
                case .html: try HTMLReport.write(store, to: output)
                }
                try output.commit()
            }
        }
    }
}
