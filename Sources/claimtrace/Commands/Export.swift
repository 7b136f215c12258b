import ArgumentParser
import ClaimTracePipeline
import ClaimTraceReport
import ClaimTraceCore
import ClaimTraceSQLite

extension ClaimTraceCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the database's contents in an export format.",
            discussion: """
                json: the export contract, version 1 (docs/EXPORT-CONTRACT.md). \
                jsonl: the same records one a line, each with a "kind". \
                csv: one file per kind of record into the folder --out names. \
                prov: W3C PROV-JSON (documents and passages as entities, outlets and speakers as agents). \
                graphml: documents, outlets, entities and linked addresses as nodes; published-by, mentions, \
                sourced-by and cites as edges (opens in Gephi). \
                html: the self-contained report. The formats are described in docs/EXPORT-FORMATS.md.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, jsonl, csv, prov, graphml, html
        }

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: "Export format.")
        var format: Format = .json

        @Option(name: .long, help: ArgumentHelp("Output file (a folder for csv); - for standard output.", valueName: "FILE"))
        var out: String = "-"

        func validate() throws {
            if format == .csv, out == "-" { throw ValidationError("csv writes one file per kind of record: give --out FOLDER.") }
        }

        func run() throws {
            try runAndReport {
                let store = try database.openExisting()
                // A database written before text reuse was stored is compared first.
                try Pipeline().updateReuse(store, progress: ProgressReporter())
                let reuse = try store.reusePassages()
                func records(_ emit: (AnnotatedDocument) throws -> Void) throws { try store.forEachAnnotatedDocument(emit) }
                switch format {
                case .csv:
                    var sink = try CSVSink(folder: out)
                    try JSONExporter.write(to: &sink, reuse: reuse, produce: records)
                    return
                case .html:
                    let output = try OutputFile(path: out)
                    try HTMLReport.write(store, to: output)
                    try output.commit()
                    return
                default: break
                }
                let output = try OutputFile(path: out)
                switch format {
                case .json:
                    var sink = ContractObjectSink(output)
                    try JSONExporter.write(to: &sink, reuse: reuse, produce: records)
                case .jsonl:
                    var sink = JSONLinesSink(output)
                    try JSONExporter.write(to: &sink, reuse: reuse, produce: records)
                case .prov:
                    var sink = try PROVSink(output)
                    try JSONExporter.write(to: &sink, reuse: reuse, produce: records)
                case .graphml:
                    var sink = GraphMLSink(output)
                    try JSONExporter.write(to: &sink, reuse: reuse, produce: records)
                case .csv, .html: break
                }
                try output.commit()
            }
        }
    }
}
