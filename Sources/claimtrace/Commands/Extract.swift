import ArgumentParser
import ClaimTraceCore
import ClaimTracePipeline
import ClaimTraceReport
import Foundation

extension ClaimTraceCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the cleaned article of each input, without a database.",
            discussion: """
                Meant for pipelines. text prints each article's title, metadata and body; annotations \
                prints what extraction found in it (quotes with their speakers, attributions with their \
                sources, hedges, dates, quantities, citations and names, each with its offsets); jsonl \
                prints one JSON object a line with the fields of a document in the export contract; json \
                prints one export-contract object holding every document; blocks shows every block of \
                the input with what cleaning decided for it (body, a boilerplate kind, comment) and the \
                page elements around it, to see why text was kept or removed.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, annotations, json, jsonl, blocks
        }

        @OptionGroup var input: InputOptions

        @Option(name: .long, help: "Output format.")
        var format: Format = .text

        @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
        var out: String = "-"

        func run() throws {
            let log = ProblemLog()
            try runAndReport {
                let output = try OutputFile(path: out)
                var pipeline = input.pipeline
                pipeline.annotates = format == .json || format == .annotations
                let progress = out == "-" ? nil : log.progress
                switch format {
                case .json:
                    try JSONExporter.write(to: output) { emit in
                        try pipeline.documents(from: input.inputs, progress: progress, problem: log.report, warning: log.warn, handle: emit)
                    }
                case .jsonl:
                    let encoder = JSONExporter.documentEncoder()
                    try pipeline.documents(from: input.inputs, progress: progress, problem: log.report, warning: log.warn) { annotated in
                        try output.write(JSONExporter.line(annotated.document, encoder: encoder))
                    }
                case .blocks:
                    try pipeline.explain(input.inputs, problem: log.report) { raw, decisions in
                        try output.write("== \(raw.source)\n")
                        for (block, fate) in decisions {
                            let path = block.context.ancestors.map { $0.names.isEmpty ? $0.tag : "\($0.tag)(\($0.names))" }.joined(separator: " > ")
                            let preview = block.text.count > 100 ? String(block.text.prefix(100)) + "…" : block.text
                            try output.write("[\(fate)] \(preview.replacingOccurrences(of: "\n", with: " ⏎ "))\n")
                            if !path.isEmpty { try output.write("    \(path)\n") }
                        }
                    }
                case .annotations:
                    var first = true
                    try pipeline.documents(from: input.inputs, progress: progress, problem: log.report, warning: log.warn) { annotated in
                        try output.write((first ? "" : "\n\u{0C}\n") + AnnotationText.render(annotated))
                        first = false
                    }
                case .text:
                    var first = true
                    try pipeline.documents(from: input.inputs, progress: progress, problem: log.report, warning: log.warn) { annotated in
                        try output.write((first ? "" : "\n\u{0C}\n") + Self.plainText(annotated.document))
                        first = false
                    }
                }
                try output.commit()
            }
            try exitIfProblems(log)
        }

        static func plainText(_ d: Document) -> String {
            var lines = ["# \(d.title ?? "(untitled)")"]
            if !d.authors.isEmpty { lines.append("Authors: " + d.authors.joined(separator: ", ")) }
            if let published = d.published { lines.append("Published: \(published)") }
            if let outlet = d.outlet { lines.append("Outlet: \(outlet)") }
            if let from = d.republishedFrom { lines.append("Republished from: \(from)") }
            lines.append("Source: \(d.source)")
            lines.append("")
            lines.append(d.text)
            if !d.comments.isEmpty {
                lines.append("")
                lines.append("## Comments (\(d.comments.count))")
                for c in d.comments { lines.append("\n[\(c.author ?? "anonymous")]\n\(c.text)") }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
