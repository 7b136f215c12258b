import ArgumentParser

/// `claimtrace`: traces who stands behind each claim in a pile of news articles.
@main
struct ClaimTraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimtrace",
        abstract: "Trace who stands behind each claim in a pile of news articles.",
        discussion: """
            Reads saved web pages, plain text, Markdown, JSON Lines, WARC and RSS/Atom feeds (each \
            optionally gzip-compressed; directories are walked recursively; - reads standard input), \
            splits every article from its boilerplate and reader comments, and stores the result in a \
            SQLite database (claimtrace.sqlite by default).

            Problems with single files are reported as "claimtrace: PATH: what is wrong" and the run \
            goes on; the exit status is 1 when any input failed.
            """,
        version: "0.1.0",
        subcommands: [Analyze.self, Ingest.self, Extract.self, Export.self, Report.self, Serve.self, Search.self, Reuse.self, Claims.self, Trace.self, Eval.self, Bench.self]
    )
}
